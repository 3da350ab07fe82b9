import { fitSubscribeValue, formatSubscribeTime, subscribeFieldType, subscribeMessageData } from './subscribe-message';

describe('subscribe-message values', () => {
  it('reads the type from a field key', () => {
    expect(subscribeFieldType('thing1')).toBe('thing');
    expect(subscribeFieldType('character_string12')).toBe('character_string');
    expect(subscribeFieldType('phrase3')).toBe('phrase');
    expect(subscribeFieldType('weird4')).toBeUndefined();
  });

  it('cuts a thing to 20 characters with an ellipsis, counting Chinese characters as one', () => {
    const long = '你的入会申请已经审核通过欢迎加入卢沟桥街道总工会先锋骑士';
    const fitted = fitSubscribeValue('thing1', long)!;
    expect(Array.from(fitted)).toHaveLength(20);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted.startsWith('你的入会申请已经审核通过')).toBe(true);
    expect(fitSubscribeValue('thing1', '短标题')).toBe('短标题');
    expect(fitSubscribeValue('thing1', 'a'.repeat(20))).toBe('a'.repeat(20));
    expect(fitSubscribeValue('thing1', '😀'.repeat(25))).toBe(`${'😀'.repeat(19)}…`);
  });

  it('keeps a phrase to at most 5 Chinese characters and drops everything else', () => {
    expect(fitSubscribeValue('phrase2', '已通过')).toBe('已通过');
    expect(fitSubscribeValue('phrase2', '审核未通过请修改')).toBe('审核未通过');
    expect(fitSubscribeValue('phrase2', 'OK 通过!')).toBe('通过');
    expect(fitSubscribeValue('phrase2', 'approved')).toBeUndefined();
  });

  it('keeps numbers, character strings and phone numbers to their characters and lengths', () => {
    expect(fitSubscribeValue('number3', '积分 12 个')).toBe('12');
    expect(fitSubscribeValue('character_string4', 'FT-2026-000123 号')).toBe('FT-2026-000123');
    expect(fitSubscribeValue('character_string4', 'x'.repeat(40))).toHaveLength(32);
    expect(fitSubscribeValue('phone_number5', '12351（工会热线）')).toBe('12351');
    expect(fitSubscribeValue('letter6', 'abc123def')).toBe('abcdef');
    expect(fitSubscribeValue('symbol7', '!!!!!!!')).toBe('!!!!!');
  });

  it('cuts names to 10 Chinese or 20 Latin characters', () => {
    expect(fitSubscribeValue('name1', '欧阳娜娜娜娜娜娜娜娜娜娜')).toBe('欧阳娜娜娜娜娜娜娜娜');
    expect(fitSubscribeValue('name1', 'Alexander Hamilton Jr. III')).toHaveLength(20);
  });

  it('formats instants as Asia/Shanghai wall-clock time', () => {
    const at = new Date('2026-11-29T16:05:00.000Z'); // 00:05 on the 30th in Shanghai
    expect(formatSubscribeTime(at, 'time')).toBe('2026年11月30日 00:05');
    expect(formatSubscribeTime(at, 'date')).toBe('2026年11月30日');
    expect(fitSubscribeValue('time4', at)).toBe('2026年11月30日 00:05');
    expect(fitSubscribeValue('date2', at)).toBe('2026年11月30日');
  });

  it('flattens line breaks and trims', () => {
    expect(fitSubscribeValue('thing1', '  照片\n不清楚  ')).toBe('照片 不清楚');
    expect(fitSubscribeValue('thing1', '   ')).toBeUndefined();
  });

  it('builds the data object from a field mapping, never with an empty value', () => {
    const data = subscribeMessageData(
      { thing1: 'title', phrase2: 'status', thing3: 'reason', time4: 'at' },
      { title: '入会申请审核结果', status: 'rejected', reason: undefined, at: new Date('2026-11-29T04:00:00Z') },
    );
    expect(data).toEqual({
      thing1: { value: '入会申请审核结果' },
      phrase2: { value: '通知' },
      thing3: { value: '-' },
      time4: { value: '2026年11月29日 12:00' },
    });
  });
});
