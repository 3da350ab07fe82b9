import { coarsePoint, maskHelpText, openNowAt, stateInForce } from './live';
import { minuteOfWeek, weeklyOpenIntervals } from './opening-hours';

describe('maskHelpText', () => {
  it('stars digit runs of five or more but their last two digits, and keeps short numbers', () => {
    expect(maskHelpText('电话 13812345678，欠 3000 元')).toBe('电话 *********78，欠 3000 元');
    expect(maskHelpText('身份证 11010519491231002X')).toBe('身份证 ****************2X');
  });
  it('cuts to the given length with an ellipsis', () => {
    expect(maskHelpText('一二三四五六', 4)).toBe('一二三四…');
    expect(maskHelpText('一二三', 4)).toBe('一二三');
  });
});

describe('coarsePoint', () => {
  it('rounds to two decimals (about a kilometre)', () => {
    expect(coarsePoint({ lat: 39.85751, lng: 116.28049 })).toEqual({ lat: 39.86, lng: 116.28 });
  });
});

describe('stateInForce and openNowAt (the rules nearby, station detail and the staff view share)', () => {
  const at = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing
  const monday9to18 = weeklyOpenIntervals({ weekly: [{ days: [1], open: '09:00', close: '18:00' }] });
  const minute = minuteOfWeek(at);

  it('a state is in force while its end is after the instant, and not at the instant itself', () => {
    const state = (until: string) => ({ closed: true, until: new Date(until) });
    expect(stateInForce(state('2026-11-23T02:00:00.001Z'), at)).toBeDefined();
    expect(stateInForce(state('2026-11-23T02:00:00.000Z'), at)).toBeUndefined();
    expect(stateInForce(undefined, at)).toBeUndefined();
    expect(stateInForce(null, at)).toBeUndefined();
  });

  it('open now: within the hours and not closed by the state in force', () => {
    expect(openNowAt(monday9to18, minute, undefined)).toBe(true);
    expect(openNowAt(monday9to18, minute, { closed: false })).toBe(true);
    expect(openNowAt(monday9to18, minute, { closed: true })).toBe(false);
    expect(openNowAt(monday9to18, minuteOfWeek(new Date('2026-11-23T10:00:00Z')), undefined)).toBe(false); // 18:00, closing time
    expect(openNowAt([], minute, { closed: false })).toBe(false);
  });
});
