import { maskIdCard, maskPhone } from './masking';

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
