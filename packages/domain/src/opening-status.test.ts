import { describeOpeningStatus, isOpenAt, openingStatusAt, openingStatusText, type OpeningHours } from './opening-hours';

/** An instant given as Beijing wall-clock time. 2026-11-23 is a Monday, 2026-11-29 a Sunday. */
const bj = (local: string) => new Date(`${local}+08:00`);
const weekdays: OpeningHours = { weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }] };
const lateNights: OpeningHours = { weekly: [{ days: [5, 6, 7], open: '18:00', close: '02:00' }] };

describe('openingStatusAt', () => {
  it('gives the closing time while open and the next opening while closed', () => {
    expect(openingStatusAt(weekdays, bj('2026-11-23T10:15'))).toEqual({ open: true, allDay: false, changesAt: bj('2026-11-23T18:00') });
    expect(openingStatusAt(weekdays, bj('2026-11-23T18:00'))).toEqual({ open: false, allDay: false, changesAt: bj('2026-11-24T09:00') });
    expect(openingStatusAt(weekdays, bj('2026-11-23T08:59'))).toEqual({ open: false, allDay: false, changesAt: bj('2026-11-23T09:00') });
    // Friday evening → Monday morning
    expect(openingStatusAt(weekdays, bj('2026-11-27T19:00')).changesAt).toEqual(bj('2026-11-30T09:00'));
  });

  it('agrees with isOpenAt (the server’s openNow) at every quarter hour of a week', () => {
    const samples: OpeningHours[] = [weekdays, lateNights, { weekly: [{ days: [1], open: '00:00', close: '24:00' }, { days: [2], open: '06:00', close: '22:00' }] }];
    for (const hours of samples) {
      for (let t = bj('2026-11-23T00:00').getTime(); t < bj('2026-11-30T00:00').getTime(); t += 15 * 60_000) {
        const instant = new Date(t);
        const status = openingStatusAt(hours, instant);
        expect(status.open).toBe(isOpenAt(hours, instant));
        // The state flips exactly at changesAt and not a minute earlier.
        expect(isOpenAt(hours, new Date(status.changesAt!.getTime() - 60_000))).toBe(status.open);
        expect(isOpenAt(hours, status.changesAt!)).toBe(!status.open);
      }
    }
  });

  it('runs past midnight and from Sunday night into Monday', () => {
    expect(openingStatusAt(lateNights, bj('2026-11-29T23:30')).changesAt).toEqual(bj('2026-11-30T02:00'));
    const wrap: OpeningHours = { weekly: [{ days: [7], open: '20:00', close: '24:00' }, { days: [1], open: '00:00', close: '03:00' }] };
    expect(openingStatusAt(wrap, bj('2026-11-29T21:00'))).toEqual({ open: true, allDay: false, changesAt: bj('2026-11-30T03:00') });
  });

  it('knows stations that never close or never open', () => {
    expect(openingStatusAt({ weekly: [], alwaysOpen: true }, bj('2026-11-23T03:00'))).toEqual({ open: true, allDay: true, changesAt: null });
    const everyDay: OpeningHours = { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }] };
    expect(openingStatusAt(everyDay, bj('2026-11-23T03:00')).allDay).toBe(true);
    expect(openingStatusAt({ weekly: [] }, bj('2026-11-23T03:00'))).toEqual({ open: false, allDay: false, changesAt: null });
  });
});

describe('describeOpeningStatus', () => {
  const text = (hours: OpeningHours, at: string) => openingStatusText(hours, bj(at));

  it('says until when it is open', () => {
    expect(text(weekdays, '2026-11-23T10:15')).toMatchObject({ state: '营业中', detail: '营业至 18:00', closingSoon: false });
    expect(text(weekdays, '2026-11-23T17:40')).toMatchObject({ detail: '营业至 18:00', closingSoon: true });
    expect(text(lateNights, '2026-11-27T19:00').detail).toBe('营业至次日 02:00');
    expect(text({ weekly: [{ days: [1], open: '08:00', close: '24:00' }] }, '2026-11-23T10:00').detail).toBe('营业至 24:00');
    expect(text({ weekly: [], alwaysOpen: true }, '2026-11-23T23:03')).toMatchObject({ state: '营业中', detail: '24 小时营业' });
  });

  it('says when it opens next', () => {
    expect(text(weekdays, '2026-11-23T07:00')).toMatchObject({ state: '休息中', detail: '今天 09:00 开门' });
    expect(text({ weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '06:00', close: '22:00' }] }, '2026-11-23T23:03').detail).toBe('明天 06:00 开门');
    expect(text(weekdays, '2026-11-27T19:00').detail).toBe('周一 09:00 开门');
    expect(text({ weekly: [{ days: [3], open: '09:00', close: '10:00' }] }, '2026-11-23T12:00').detail).toBe('后天 09:00 开门');
    expect(text({ weekly: [] }, '2026-11-23T12:00')).toMatchObject({ state: '休息中', detail: '暂无开放时间' });
  });

  it('counts days in Shanghai, not in UTC', () => {
    // 00:30 in Beijing is still the previous day in UTC.
    const status = openingStatusAt(weekdays, bj('2026-11-24T00:30'));
    expect(describeOpeningStatus(status, bj('2026-11-24T00:30')).detail).toBe('今天 09:00 开门');
  });
});
