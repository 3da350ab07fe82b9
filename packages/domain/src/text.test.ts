import { hasUnsafeText } from './text';

describe('hasUnsafeText', () => {
  it.each([
    ['a\u0000b', true],
    ['\u0000', true],
    ['lone high \uD83D', true],
    ['lone low \uDE00 x', true],
    ['reversed pair \uDE00\uD83D', true],
  ])('rejects %j', (text, unsafe) => expect(hasUnsafeText(text)).toBe(unsafe));

  it.each(['', '骑手 王师傅', 'emoji 🚴‍♂️😀', 'RTL \u202Eمرحبا', 'tab\tnewline\n', '\u0001 control'])('accepts %j', (text) =>
    expect(hasUnsafeText(text)).toBe(false),
  );
});
