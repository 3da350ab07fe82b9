import { isMainlandMobile, isValidRealName, normalizeMobile, normalizeRealName } from './phone';

describe('isMainlandMobile', () => {
  it('accepts 11-digit numbers 1[3-9]xxxxxxxxx', () => {
    for (const n of ['13800138000', '15012345678', '19912345678', '16612345678', '17012345678']) expect(isMainlandMobile(n)).toBe(true);
  });

  it('rejects other prefixes, lengths and landlines', () => {
    for (const n of ['12012345678', '10012345678', '1380013800', '138001380001', '010-63123456', '2381234567x', '', 'abcdefghijk']) {
      expect(isMainlandMobile(n)).toBe(false);
    }
  });

  it('tolerates spaces, hyphens, full-width digits and a +86 prefix, and normalises them away', () => {
    expect(isMainlandMobile('+86 138-0013-8000')).toBe(true);
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('０086１３８００１３８０００')).toBe('13800138000');
    expect(normalizeMobile('8613800138000')).toBe('13800138000');
  });
});

describe('isValidRealName', () => {
  it('accepts Chinese names of 2 to 30 characters, including rare characters outside the BMP', () => {
    for (const n of ['王伟', '欧阳娜娜', '李𠇔', '司马相如']) expect(isValidRealName(n)).toBe(true);
    expect(isValidRealName('王')).toBe(false);
    expect(isValidRealName('王'.repeat(30))).toBe(true);
    expect(isValidRealName('王'.repeat(31))).toBe(false);
  });

  it('accepts minority names with the middle dot, also when typed as •, ・ or .', () => {
    for (const n of ['阿依古丽·买买提', '爱新觉罗·溥仪', '米热古丽·艾合买提·托乎提']) expect(isValidRealName(n)).toBe(true);
    expect(normalizeRealName('阿依古丽•买买提')).toBe('阿依古丽·买买提');
    expect(normalizeRealName('阿依古丽・买买提')).toBe('阿依古丽·买买提');
    expect(normalizeRealName(' 阿依古丽 . 买买提 ')).toBe('阿依古丽·买买提');
    expect(isValidRealName('阿依古丽.买买提')).toBe(true);
  });

  it('accepts a Latin-script name and rejects digits, stray dots and mixed scripts', () => {
    expect(isValidRealName('John Smith')).toBe(true);
    expect(isValidRealName("O'Neil")).toBe(true);
    for (const n of ['王2', '·王伟', '王伟·', '王··伟', '王伟Smith', '<script>', '', '   ']) expect(isValidRealName(n)).toBe(false);
  });
});
