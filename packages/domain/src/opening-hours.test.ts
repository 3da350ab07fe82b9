import {
  formatHoursText,
  isOpenAt,
  minuteOfWeek,
  MINUTES_PER_WEEK,
  normalizeOpeningHours,
  parseHoursText,
  validateOpeningHours,
  weeklyOpenIntervals,
  type OpeningHours,
} from './opening-hours';

/** An instant given as Beijing wall-clock time. */
const bj = (local: string) => new Date(`${local}+08:00`);
// 2026-11-23 is a Monday, 2026-11-29 a Sunday.

describe('validateOpeningHours', () => {
  it('accepts the contract examples', () => {
    expect(validateOpeningHours({ weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }] })).toEqual([]);
    expect(validateOpeningHours({ weekly: [], alwaysOpen: true })).toEqual([]);
    expect(validateOpeningHours({ weekly: [{ days: [5, 6], open: '22:00', close: '06:00' }] })).toEqual([]);
    expect(validateOpeningHours({ weekly: [{ days: [1], open: '00:00', close: '24:00' }] })).toEqual([]);
  });

  it('names the field of each problem', () => {
    const paths = (v: unknown) => validateOpeningHours(v).map((i) => i.path);
    expect(paths({ weekly: [{ days: [1], open: '09:00', close: '09:00' }] })).toEqual(['weekly.0.close']);
    expect(paths({ weekly: [{ days: [1], open: '00:00', close: '24:00' }, { days: [2], open: '00:00', close: '00:00' }] })).toEqual(['weekly.1.close']);
    expect(paths({ weekly: [] })).toEqual(['weekly']);
    expect(paths({ weekly: [], alwaysOpen: false })).toEqual(['weekly']);
    expect(paths({})).toEqual(['weekly']);
    expect(paths({ weekly: [{ days: [0, 8, 2, 2], open: '9:00', close: '25:00' }] })).toEqual([
      'weekly.0.days.0',
      'weekly.0.days.1',
      'weekly.0.days.3',
      'weekly.0.open',
      'weekly.0.close',
    ]);
    expect(paths({ weekly: [{ days: [], open: '24:00', close: '10:00', note: 'x' }] })).toEqual(['weekly.0.note', 'weekly.0.days', 'weekly.0.open']);
    expect(paths({ weekly: [{ days: [1.5], open: '08:00', close: '10:00' }] })).toEqual(['weekly.0.days.0']);
    expect(paths({ weekly: [], alwaysOpen: 'yes', extra: 1 })).toEqual(['extra', 'alwaysOpen', 'weekly']);
    expect(paths(null)).toEqual(['']);
    expect(paths({ weekly: 'always' })).toEqual(['weekly']);
  });
});

describe('isOpenAt (Asia/Shanghai)', () => {
  const weekdays: OpeningHours = { weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }] };

  it('reads the instant in Beijing time, not UTC', () => {
    // 2026-11-23T01:30Z is Monday 09:30 in Beijing
    expect(isOpenAt(weekdays, new Date('2026-11-23T01:30:00Z'))).toBe(true);
    // 2026-11-23T10:30Z is Monday 18:30 in Beijing
    expect(isOpenAt(weekdays, new Date('2026-11-23T10:30:00Z'))).toBe(false);
    // Friday 17:00 UTC is already Saturday 01:00 in Beijing
    expect(isOpenAt({ weekly: [{ days: [5], open: '00:00', close: '24:00' }] }, new Date('2026-11-27T17:00:00Z'))).toBe(false);
  });

  it('opens at `open` and closes at `close` (half-open)', () => {
    expect(isOpenAt(weekdays, bj('2026-11-23T08:59:59'))).toBe(false);
    expect(isOpenAt(weekdays, bj('2026-11-23T09:00:00'))).toBe(true);
    expect(isOpenAt(weekdays, bj('2026-11-23T17:59:59'))).toBe(true);
    expect(isOpenAt(weekdays, bj('2026-11-23T18:00:00'))).toBe(false);
    expect(isOpenAt(weekdays, bj('2026-11-28T10:00:00'))).toBe(false); // Saturday
  });

  it('runs past midnight into the next day', () => {
    const nights: OpeningHours = { weekly: [{ days: [5], open: '22:00', close: '06:00' }] };
    expect(isOpenAt(nights, bj('2026-11-27T21:59:00'))).toBe(false); // Friday evening
    expect(isOpenAt(nights, bj('2026-11-27T23:30:00'))).toBe(true); // Friday night
    expect(isOpenAt(nights, bj('2026-11-28T05:59:00'))).toBe(true); // Saturday small hours, from Friday
    expect(isOpenAt(nights, bj('2026-11-28T06:00:00'))).toBe(false);
    expect(isOpenAt(nights, bj('2026-11-28T23:00:00'))).toBe(false); // Saturday night is not listed
    expect(isOpenAt(nights, bj('2026-11-27T03:00:00'))).toBe(false); // Friday small hours belong to Thursday
  });

  it('carries Sunday night into Monday morning', () => {
    const sundayNight: OpeningHours = { weekly: [{ days: [7], open: '20:00', close: '02:00' }] };
    expect(isOpenAt(sundayNight, bj('2026-11-29T20:00:00'))).toBe(true); // Sunday
    expect(isOpenAt(sundayNight, bj('2026-11-30T01:59:00'))).toBe(true); // Monday
    expect(isOpenAt(sundayNight, bj('2026-11-30T02:00:00'))).toBe(false);
    expect(isOpenAt(sundayNight, bj('2026-11-23T01:00:00'))).toBe(true); // the previous Monday too
    expect(isOpenAt(sundayNight, bj('2026-11-24T01:00:00'))).toBe(false); // Tuesday small hours
    const mondayOnly: OpeningHours = { weekly: [{ days: [1], open: '08:00', close: '12:00' }] };
    expect(isOpenAt(mondayOnly, bj('2026-11-29T10:00:00'))).toBe(false); // Sunday
    expect(isOpenAt(mondayOnly, bj('2026-11-30T10:00:00'))).toBe(true); // Monday
  });

  it('alwaysOpen is open at every instant, whatever weekly says', () => {
    const always: OpeningHours = { weekly: [], alwaysOpen: true };
    for (let h = 0; h < 24 * 7; h += 5) expect(isOpenAt(always, new Date(Date.UTC(2026, 10, 23, h, 17)))).toBe(true);
    expect(isOpenAt({ weekly: [{ days: [1], open: '09:00', close: '10:00' }], alwaysOpen: true }, bj('2026-11-25T03:00:00'))).toBe(true);
  });

  it('handles a midday break with two entries on the same days', () => {
    const split: OpeningHours = { weekly: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '12:00' }, { days: [1, 2, 3, 4, 5], open: '13:30', close: '20:00' }] };
    expect(isOpenAt(split, bj('2026-11-24T11:00:00'))).toBe(true);
    expect(isOpenAt(split, bj('2026-11-24T12:30:00'))).toBe(false);
    expect(isOpenAt(split, bj('2026-11-24T14:00:00'))).toBe(true);
  });
});

describe('weeklyOpenIntervals', () => {
  it('maps days and times onto minutes of the week, wrapping Sunday night to Monday', () => {
    expect(weeklyOpenIntervals({ weekly: [{ days: [1], open: '09:00', close: '18:00' }] })).toEqual([[540, 1080]]);
    expect(weeklyOpenIntervals({ weekly: [{ days: [7], open: '22:00', close: '02:00' }] })).toEqual([
      [0, 120],
      [6 * 1440 + 1320, MINUTES_PER_WEEK],
    ]);
    expect(weeklyOpenIntervals({ weekly: [], alwaysOpen: true })).toEqual([[0, MINUTES_PER_WEEK]]);
  });

  it('merges touching and overlapping spans', () => {
    expect(weeklyOpenIntervals({ weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }] })).toEqual([[0, MINUTES_PER_WEEK]]);
    expect(weeklyOpenIntervals({ weekly: [{ days: [1], open: '08:00', close: '12:00' }, { days: [1], open: '11:00', close: '14:00' }] })).toEqual([[480, 840]]);
  });

  it('agrees with a minute-by-minute reading of the rule', () => {
    // Brute force over a sample of hours: open at minute m of day d if an entry covers it that day, or covers the previous day past midnight.
    const samples: OpeningHours[] = [
      { weekly: [{ days: [5, 6, 7], open: '21:00', close: '03:30' }] },
      { weekly: [{ days: [1, 3], open: '06:15', close: '06:10' }, { days: [7], open: '12:00', close: '13:00' }] },
      { weekly: [{ days: [2], open: '23:59', close: '00:01' }] },
    ];
    for (const hours of samples) {
      const intervals = weeklyOpenIntervals(hours);
      for (let m = 0; m < MINUTES_PER_WEEK; m += 1) {
        const day = Math.floor(m / 1440) + 1;
        const t = m % 1440;
        const prev = day === 1 ? 7 : day - 1;
        const expected = hours.weekly.some((e) => {
          const o = +e.open.slice(0, 2) * 60 + +e.open.slice(3);
          const c = +e.close.slice(0, 2) * 60 + +e.close.slice(3);
          if (o < c) return e.days.includes(day) && o <= t && t < c;
          return (e.days.includes(day) && t >= o) || (e.days.includes(prev) && t < c);
        });
        expect([m, intervals.some(([s, end]) => s <= m && m < end)]).toEqual([m, expected]);
      }
    }
  });
});

describe('minuteOfWeek', () => {
  it('counts from Monday 00:00 Beijing time', () => {
    expect(minuteOfWeek(bj('2026-11-23T00:00:00'))).toBe(0);
    expect(minuteOfWeek(new Date('2026-11-22T16:00:00Z'))).toBe(0);
    expect(minuteOfWeek(bj('2026-11-29T23:59:00'))).toBe(MINUTES_PER_WEEK - 1);
    expect(minuteOfWeek(bj('2026-11-25T15:30:00'))).toBe(2 * 1440 + 930);
  });

  it('agrees with the IANA time zone database over a whole year, minute by minute in steps', () => {
    const iana = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const weekday: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
    const start = Date.UTC(2026, 0, 1);
    for (let t = start; t < start + 366 * 86400_000; t += 7 * 60_000 + 13_000) {
      const parts = Object.fromEntries(iana.formatToParts(t).map((p) => [p.type, p.value]));
      const expected = (weekday[parts.weekday] - 1) * 1440 + Number(parts.hour) * 60 + Number(parts.minute);
      if (minuteOfWeek(new Date(t)) !== expected) throw new Error(`minuteOfWeek(${new Date(t).toISOString()}) ≠ ${expected}`);
    }
  });
});

describe('hours text (CSV import)', () => {
  it('parses 24h and day ranges with times', () => {
    expect(parseHoursText('24h')).toEqual({ hours: { weekly: [], alwaysOpen: true } });
    expect(parseHoursText(' 24小时 ')).toEqual({ hours: { weekly: [], alwaysOpen: true } });
    expect(parseHoursText('1-5 09:00-18:00; 6-7 10:00-16:00')).toEqual({
      hours: {
        weekly: [
          { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' },
          { days: [6, 7], open: '10:00', close: '16:00' },
        ],
      },
    });
    expect(parseHoursText('1,3,5 8:30-22:00；7 22:00-06:00')).toEqual({
      hours: {
        weekly: [
          { days: [1, 3, 5], open: '08:30', close: '22:00' },
          { days: [7], open: '22:00', close: '06:00' },
        ],
      },
    });
  });

  it('explains what is wrong', () => {
    for (const bad of ['', 'sometimes', '1-5 09:00', '5-1 09:00-18:00', '1-5 09:00-09:00', '1-5 09:00-25:00', '8 09:00-10:00', '1-3-5 09:00-10:00', '1,1 09:00-10:00']) {
      const result = parseHoursText(bad);
      expect(result).toHaveProperty('error');
      expect((result as { error: string }).error.length).toBeGreaterThan(3);
    }
  });

  it('formats back to the same text', () => {
    for (const text of ['24h', '1-5 09:00-18:00; 6-7 10:00-16:00', '1,3,5-7 22:00-06:00']) {
      const parsed = parseHoursText(text) as { hours: OpeningHours };
      expect(formatHoursText(parsed.hours)).toBe(text);
    }
  });

  it('normalises day order', () => {
    expect(normalizeOpeningHours({ weekly: [{ days: [3, 1, 2], open: '09:00', close: '10:00' }], alwaysOpen: false })).toEqual({
      weekly: [{ days: [1, 2, 3], open: '09:00', close: '10:00' }],
    });
  });
});
