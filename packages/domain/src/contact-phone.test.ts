import { isContactPhone, isLandline } from './contact-phone';

describe('contact phone numbers', () => {
  it('accepts mobiles and landlines with area codes', () => {
    for (const ok of ['13812345678', '19912345678', '010-63812345', '01063812345', '0755-86012345', '010-63812345-801', '0731-8123456']) {
      expect(isContactPhone(ok)).toBe(true);
    }
    expect(isLandline('010-63812345')).toBe(true);
    expect(isLandline('13812345678')).toBe(false);
  });

  it('refuses everything else', () => {
    for (const bad of ['', '12345678901', '1381234567', '138123456789', '63812345', '010-1234567', '010 63812345', '+86 13812345678', '400-123-4567', 'abc']) {
      expect(isContactPhone(bad)).toBe(false);
    }
  });
});
