import { maskName, maskIdCard, maskPhone } from './masking';

describe('masking', () => {
  it('masks an ID number to the region code and the last four characters', () => {
    expect(maskIdCard('11010119900307123X')).toBe('110101********123X');
    expect(maskIdCard('11010519491231002X')).toBe('110105********002X');
    expect(maskIdCard('11010519491231002X')).toHaveLength(18);
  });

  it('masks a mobile number to 3 + 4 digits', () => {
    expect(maskPhone('13800005678')).toBe('138****5678');
  });

  it('never shows a short or odd value whole', () => {
    expect(maskIdCard('12345')).toBe('*****');
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('')).toBe('*');
    expect(maskIdCard('1101011990030')).toBe('110101***0030');
  });
});

describe('maskName', () => {
  it('keeps the first and last character and hides the middle', () => {
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('李雷')).toBe('李*');
    expect(maskName('欧阳振锋')).toBe('欧**锋');
    expect(maskName('买买提·艾力')).toBe('买****力');
    expect(maskName('王')).toBe('*');
    expect(maskName('')).toBe('*');
  });
});
