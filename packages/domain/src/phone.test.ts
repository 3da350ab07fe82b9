import { isMainlandMobile, isValidRealName, maskMobile, normalizeMobile } from './phone';

describe('isMainlandMobile', () => {
  it.each(['13800138000', '19912345678', '138 0013 8000', '138-0013-8000', '+8613800138000', '8613800138000'])(
    'accepts %s',
    (value) => expect(isMainlandMobile(value)).toBe(true),
  );

  it.each(['', '1380013800', '138001380001', '12800138000', '23800138000', '010-63001234', 'abcdefghijk'])(
    'refuses %s',
    (value) => expect(isMainlandMobile(value)).toBe(false),
  );

  it('normalises and masks', () => {
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});

describe('isValidRealName', () => {
  it.each(['王芳', '欧阳娜娜', '阿依古丽·买买提', '爱新觉罗•溥仪', 'John Smith', "O'Neil"])('accepts %s', (name) =>
    expect(isValidRealName(name)).toBe(true),
  );

  it.each(['', '王', '·王芳', '王芳·', '王 芳', '王芳1', 'A', '小王😀', '王'.repeat(21)])('refuses %s', (name) =>
    expect(isValidRealName(name)).toBe(false),
  );
});
