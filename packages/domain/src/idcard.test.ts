import { ageOn, idCardCheckChar, normalizeIdCardNumber, parseIdCard, validateIdCardNumber } from './idcard';

/** A valid number for the given parts, its check character computed by the algorithm under test's twin. */
const withCheck = (first17: string) => first17 + idCardCheckChar(first17);

describe('validateIdCardNumber (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('accepts the standard example 11010519491231002X and derives birth date and gender', () => {
    expect(validateIdCardNumber('11010519491231002X', '2026-11-25')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });

  it('computes the check character by the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and "10X98765432"', () => {
    // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 % 11 = 2 → "10X98765432"[2] = 'X'
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    const known = '110101199003074258'; // a widely used valid sample
    expect(idCardCheckChar(known.slice(0, 17))).toBe('8');
  });

  it('accepts valid numbers with a digit check character and reads an odd sequence digit as male', () => {
    const id = withCheck('44030419900307123');
    const result = validateIdCardNumber(id, '2026-01-01');
    expect(result).toMatchObject({ ok: true, normalized: id, birthDate: '1990-03-07', gender: 'male' });
  });

  it('rejects a wrong check digit and a single changed digit', () => {
    expect(validateIdCardNumber('110105194912310021', '2026-01-01')).toEqual({ ok: false, reason: 'checksum' });
    expect(validateIdCardNumber('11010519491231003X', '2026-01-01')).toEqual({ ok: false, reason: 'checksum' });
    const valid = '110101199003074258';
    expect(validateIdCardNumber(valid.slice(0, 17) + '9', '2026-01-01')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('accepts a lowercase x and full-width input and normalises to upper case', () => {
    const result = validateIdCardNumber('11010519491231002x', '2026-01-01');
    expect(result).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(validateIdCardNumber(' １１０１０５１９４９１２３１００２ｘ ', '2026-01-01')).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(normalizeIdCardNumber('110105 19491231 002x')).toBe('11010519491231002X');
  });

  it('rejects impossible birth dates even with a correct check character', () => {
    expect(validateIdCardNumber(withCheck('11010519900230123'), '2026-01-01')).toEqual({ ok: false, reason: 'birthDate' }); // 30 February
    expect(validateIdCardNumber(withCheck('11010519901301123'), '2026-01-01')).toEqual({ ok: false, reason: 'birthDate' }); // month 13
    expect(validateIdCardNumber(withCheck('11010520230229123'), '2026-01-01')).toEqual({ ok: false, reason: 'birthDate' }); // 2023 is no leap year
    expect(validateIdCardNumber(withCheck('11010518991231123'), '2026-01-01')).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdCardNumber(withCheck('11010520000229123'), '2026-01-01')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('rejects a birth date after today (day string or instant read in Asia/Shanghai)', () => {
    const born = withCheck('11010520261126123');
    expect(validateIdCardNumber(born, '2026-11-25')).toEqual({ ok: false, reason: 'future' });
    expect(validateIdCardNumber(born, '2026-11-26')).toMatchObject({ ok: true });
    // 2026-11-25T16:30Z is already 26 November in Beijing
    expect(validateIdCardNumber(born, new Date('2026-11-25T16:30:00Z'))).toMatchObject({ ok: true });
    expect(validateIdCardNumber(born, new Date('2026-11-25T15:30:00Z'))).toEqual({ ok: false, reason: 'future' });
  });

  it('rejects the wrong shape and unknown regions', () => {
    expect(validateIdCardNumber('', '2026-01-01')).toEqual({ ok: false, reason: 'empty' });
    expect(validateIdCardNumber('11010519491231002', '2026-01-01')).toEqual({ ok: false, reason: 'format' });
    expect(validateIdCardNumber('1101051949123100221', '2026-01-01')).toEqual({ ok: false, reason: 'format' });
    expect(validateIdCardNumber('1101051949X231002X', '2026-01-01')).toEqual({ ok: false, reason: 'format' });
    expect(validateIdCardNumber('110105491231002', '2026-01-01')).toEqual({ ok: false, reason: 'format' }); // old 15-digit form
    expect(validateIdCardNumber(withCheck('99010519900101123'), '2026-01-01')).toEqual({ ok: false, reason: 'region' });
  });

  it('parseIdCard is the same function', () => {
    expect(parseIdCard).toBe(validateIdCardNumber);
  });
});

describe('ageOn', () => {
  it('counts whole years, turning a year older on the birthday itself', () => {
    expect(ageOn('2010-11-25', '2026-11-24')).toBe(15);
    expect(ageOn('2010-11-25', '2026-11-25')).toBe(16);
    expect(ageOn('1949-12-31', '2026-11-25')).toBe(76);
  });

  it('reads an instant as its Asia/Shanghai day', () => {
    expect(ageOn('2010-11-26', new Date('2026-11-25T16:00:00Z'))).toBe(16); // 00:00 on 26 Nov in Beijing
    expect(ageOn('2010-11-26', new Date('2026-11-25T15:59:59Z'))).toBe(15);
  });

  it('a leap-day birthday comes of age on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2009-02-28', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2009-03-01', '2025-02-28')).toBe(15);
  });
});
