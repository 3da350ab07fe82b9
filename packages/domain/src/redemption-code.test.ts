import { REDEMPTION_CODE_LENGTH, normaliseRedemptionCode, redemptionCodeFromBytes } from './redemption-code';

describe('redemption codes', () => {
  it('turns 40 bits into 8 Crockford base32 characters', () => {
    expect(redemptionCodeFromBytes(new Uint8Array([0, 0, 0, 0, 0]))).toBe('00000000');
    expect(redemptionCodeFromBytes(new Uint8Array([255, 255, 255, 255, 255]))).toBe('ZZZZZZZZ');
    expect(redemptionCodeFromBytes(new Uint8Array([0, 0, 0, 0, 33]))).toBe('00000011');
    const code = redemptionCodeFromBytes(new Uint8Array([0x12, 0x34, 0x56, 0x78, 0x9a]));
    expect(code).toHaveLength(REDEMPTION_CODE_LENGTH);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('different bytes make different codes', () => {
    const a = redemptionCodeFromBytes(new Uint8Array([1, 2, 3, 4, 5]));
    const b = redemptionCodeFromBytes(new Uint8Array([1, 2, 3, 4, 6]));
    expect(a).not.toBe(b);
  });

  it('wants exactly 5 bytes', () => {
    expect(() => redemptionCodeFromBytes(new Uint8Array(4))).toThrow(RangeError);
  });

  it('reads hand-typed codes forgivingly', () => {
    expect(normaliseRedemptionCode('ab12-cd34')).toBe('AB12CD34');
    expect(normaliseRedemptionCode(' AB12 CD34 ')).toBe('AB12CD34');
    expect(normaliseRedemptionCode('OIL0ABCD')).toBe('0110ABCD');
  });

  it('refuses what cannot be a code', () => {
    expect(normaliseRedemptionCode('')).toBeUndefined();
    expect(normaliseRedemptionCode('AB12CD3')).toBeUndefined();
    expect(normaliseRedemptionCode('AB12CD345')).toBeUndefined();
    expect(normaliseRedemptionCode('AB12CDU4')).toBeUndefined(); // U is not in the alphabet
    expect(normaliseRedemptionCode('AB12CD3!')).toBeUndefined();
  });
});
