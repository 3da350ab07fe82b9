import { describe as words } from './events';

describe('notification words', () => {
  it('tell a rider when an activity starts in Beijing time, the day turned at Beijing midnight', () => {
    const soon = (startsAt: string) => words({ kind: 'activity_soon', activityId: 'a', title: '清洁家园', startsAt: new Date(startsAt) }).body;
    expect(soon('2026-01-05T01:02:00Z')).toBe('「清洁家园」1/5 09:02 开始，记得到场签到。');
    expect(soon('2026-12-31T16:30:00Z')).toBe('「清洁家园」1/1 00:30 开始，记得到场签到。');
  });
});
