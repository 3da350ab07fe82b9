import { dayEnd, dayStart, eachDay, resolveDayRange, shanghaiDayBounds } from './shanghai-days';

describe('Asia/Shanghai days', () => {
  it('a day runs from 16:00 UTC the evening before, for 24 hours', () => {
    expect(dayStart('2026-11-25').toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(dayEnd('2026-11-25').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(dayEnd('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(shanghaiDayBounds(new Date('2026-11-25T15:59:59Z'))).toEqual({ day: '2026-11-25', start: dayStart('2026-11-25'), end: dayEnd('2026-11-25') });
    expect(shanghaiDayBounds(new Date('2026-11-25T16:00:00Z')).day).toBe('2026-11-26');
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(eachDay('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(eachDay('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it('resolves day ranges with defaults and refuses bad ones', () => {
    const now = new Date('2026-11-25T16:30:00Z'); // 26 Nov in Beijing
    expect(resolveDayRange({}, now, { defaultDays: 7, maxDays: 31 })).toMatchObject({ from: '2026-11-20', to: '2026-11-26' });
    expect(resolveDayRange({ from: '2026-11-01' }, now, { defaultDays: 7, maxDays: 31 })).toMatchObject({ from: '2026-11-01', to: '2026-11-07' });
    expect(resolveDayRange({ to: '2026-03-01' }, now, { defaultDays: 3, maxDays: 31 })).toMatchObject({ from: '2026-02-27', to: '2026-03-01' });
    expect(resolveDayRange({ from: '2026-11-01', to: '2026-12-01' }, now, { defaultDays: 7, maxDays: 31 })).toMatchObject({ from: '2026-11-01', to: '2026-12-01' });
    expect(() => resolveDayRange({ from: '2026-11-01', to: '2026-12-02' }, now, { defaultDays: 7, maxDays: 31 })).toThrow(/31/);
    expect(() => resolveDayRange({ from: '2026-11-02', to: '2026-11-01' }, now, { defaultDays: 7, maxDays: 31 })).toThrow(/开始日期/);
    expect(() => resolveDayRange({ from: '2026-01-01', to: '2026-11-01' }, now, { defaultDays: 7, maxDays: 31 })).toThrow(/31/);
  });
});
