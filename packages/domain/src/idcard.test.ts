import { ageOn, idCardCheckChar, idCardProblem, normalizeIdCardNumber, parseIdCard, validateIdCardNumber } from './idcard';

/** Builds a valid number from its first 17 digits. */
const withCheck = (first17: string) => first17 + idCardCheckChar(first17);

describe('validateIdCardNumber', () => {
  it('accepts the GB 11643 sample number and a lower-case x', () => {
    expect(validateIdCardNumber('11010519491231002X')).toBe(true);
    expect(validateIdCardNumber('11010519491231002x')).toBe(true);
    expect(validateIdCardNumber(' 110105 19491231 002X ')).toBe(true);
  });

  it('accepts numbers whose check character is a digit', () => {
    const number = withCheck('11010119900307888');
    expect(validateIdCardNumber(number)).toBe(true);
  });

  it('refuses a wrong check character', () => {
    expect(validateIdCardNumber('110105194912310021')).toBe(false);
    expect(idCardProblem('110105194912310021')).toBe('checksum');
  });

  it('names what is wrong', () => {
    expect(idCardProblem('')).toBe('empty');
    expect(idCardProblem('12345')).toBe('format');
    expect(idCardProblem('11010519491231002Y')).toBe('format');
    expect(idCardProblem(withCheck('01010519491231002'))).toBe('format');
    expect(idCardProblem(withCheck('99010519491231002'))).toBe('region');
    expect(idCardProblem(withCheck('11010519490230002'))).toBe('birthDate'); // 30 February
    expect(idCardProblem(withCheck('11010518991231002'))).toBe('birthDate'); // before 1900
    expect(idCardProblem(withCheck('11010520001301002'))).toBe('birthDate'); // month 13
  });

  it('refuses a birth date after today when today is given', () => {
    const number = withCheck('11010520300101001');
    expect(validateIdCardNumber(number)).toBe(true);
    expect(validateIdCardNumber(number, new Date(2026, 10, 25))).toBe(false);
  });

  it('accepts 29 February in a leap year only', () => {
    expect(validateIdCardNumber(withCheck('11010520000229001'))).toBe(true);
    expect(validateIdCardNumber(withCheck('11010519000229001'))).toBe(false);
  });
});

describe('parseIdCard', () => {
  it('derives birth date and gender', () => {
    expect(parseIdCard('11010519491231002x')).toEqual({
      number: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'female',
    });
    expect(parseIdCard(withCheck('11010619900307123'))?.gender).toBe('male');
  });

  it('returns null for an invalid number', () => {
    expect(parseIdCard('110105194912310021')).toBeNull();
  });
});

describe('helpers', () => {
  it('normalises spacing and case', () => {
    expect(normalizeIdCardNumber(' 1101 0519491231002x')).toBe('11010519491231002X');
  });

  it('computes age in whole years', () => {
    expect(ageOn('1990-03-07', new Date(2026, 2, 6))).toBe(35);
    expect(ageOn('1990-03-07', new Date(2026, 2, 7))).toBe(36);
  });
});
