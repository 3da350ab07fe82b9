import fc from 'fast-check';
import { addDays, shanghaiClock, shanghaiDateTime, shanghaiDay, shanghaiInstant, shanghaiTime } from './shanghai-time';

describe('Asia/Shanghai wall clock', () => {
  it('23:30 in Beijing is still that day; 00:30 is the next, though UTC has not turned', () => {
    expect(shanghaiDay(new Date('2026-11-25T15:30:00Z'))).toBe('2026-11-25');
    expect(shanghaiDay(new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(shanghaiDateTime(new Date('2026-11-25T15:30:05Z'), { seconds: true })).toBe('2026-11-25 23:30:05');
    expect(shanghaiDateTime('2026-11-25T16:05:00Z')).toBe('2026-11-26 00:05');
    expect(shanghaiTime(Date.parse('2026-11-25T01:02:00Z'))).toBe('09:02');
    expect(shanghaiClock(new Date('2026-12-31T16:00:00Z'))).toMatchObject({ year: 2027, month: 1, day: 1, hour: 0, weekday: 5 });
  });

  it('counts weekdays from Monday = 1 to Sunday = 7, and day numbers that turn at Beijing midnight', () => {
    expect(shanghaiClock(new Date('2026-11-29T15:59:00Z')).weekday).toBe(7); // Sunday 23:59
    expect(shanghaiClock(new Date('2026-11-29T16:00:00Z')).weekday).toBe(1); // Monday 00:00
    const before = shanghaiClock(new Date('2026-11-29T15:59:59Z')).dayNumber;
    expect(shanghaiClock(new Date('2026-11-29T16:00:00Z')).dayNumber).toBe(before + 1);
    expect(shanghaiClock(new Date('2026-11-29T00:00:00Z')).dayNumber).toBe(before);
  });

  it('agrees with the IANA time zone database at every instant since 1992', () => {
    const iana = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const parts = Object.fromEntries(iana.formatToParts(t).map((p) => [p.type, p.value]));
        expect(shanghaiDateTime(t)).toBe(`${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('turns a wall-clock day and time back into the instant', () => {
    expect(shanghaiInstant('2026-11-25').toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(shanghaiInstant('2026-11-25', 14, 30).toISOString()).toBe('2026-11-25T06:30:00.000Z');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const c = shanghaiClock(t);
        expect(shanghaiInstant(shanghaiDay(t), c.hour, c.minute).getTime()).toBe(Math.floor(t / 60_000) * 60_000);
      }),
    );
  });

  it('adds calendar days across months, leap days and years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-30', -29)).toBe('2026-11-01');
  });
});
