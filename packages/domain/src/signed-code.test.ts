import { createHmac } from 'node:crypto';
import { signCode, signExpiringCode, signVersionedCode, signedVersionOf, verifyCode, verifyExpiringCode, verifyVersionedCode } from './signed-code';

const secret = 'test-secret-0123456789abcdef0123456789';

describe('signed codes', () => {
  it('is a truncated HMAC-SHA256 in base64url', () => {
    const full = createHmac('sha256', secret).update('hello').digest();
    expect(signCode(secret, 'hello')).toBe(full.subarray(0, 16).toString('base64url'));
    expect(signCode(secret, 'hello')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('verifies its own signature and nothing else', () => {
    const sig = signCode(secret, 'station:a|v1');
    expect(verifyCode(secret, 'station:a|v1', sig)).toBe(true);
    expect(verifyCode(secret, 'station:b|v1', sig)).toBe(false);
    expect(verifyCode('another-secret-0123456789abcdef012345', 'station:a|v1', sig)).toBe(false);
    expect(verifyCode(secret, 'station:a|v1', sig.slice(0, -1))).toBe(false);
    expect(verifyCode(secret, 'station:a|v1', `${sig}A`)).toBe(false);
    expect(verifyCode(secret, 'station:a|v1', '')).toBe(false);
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(verifyCode(secret, 'station:a|v1', flipped)).toBe(false);
  });

  it('versioned codes work for their subject and current version only', () => {
    const code = signVersionedCode(secret, 'station:a', 2);
    expect(code).toMatch(/^2\.[A-Za-z0-9_-]{22}$/);
    expect(verifyVersionedCode(secret, 'station:a', 2, code)).toBe(true);
    expect(verifyVersionedCode(secret, 'station:b', 2, code)).toBe(false);
    // after a rotation to version 3 the posted version-2 code stops working
    expect(verifyVersionedCode(secret, 'station:a', 3, code)).toBe(false);
    // relabelling the version does not help: the signature covers it
    expect(verifyVersionedCode(secret, 'station:a', 3, code.replace(/^2\./, '3.'))).toBe(false);
    for (const junk of ['', '2', '2.', '.abc', 'x.abc', '2.abc def', '2.' + 'a'.repeat(65), '99999999999.abc']) {
      expect(verifyVersionedCode(secret, 'station:a', 2, junk)).toBe(false);
    }
  });

  it('refuses to sign without a secret', () => {
    expect(() => signCode('', 'x')).toThrow();
  });
});

describe('signedVersionOf', () => {
  it('names the version a genuine code was signed with, and null for a forged or foreign one', () => {
    const v3 = signVersionedCode(secret, 'station-checkin:a', 3);
    expect(signedVersionOf(secret, 'station-checkin:a', v3)).toBe(3);
    expect(signedVersionOf(secret, 'station-checkin:b', v3)).toBeNull();
    expect(signedVersionOf(secret, 'station-checkin:a', v3.replace(/^3\./, '4.'))).toBeNull();
    expect(signedVersionOf(secret, 'station-checkin:a', 'garbage')).toBeNull();
  });
});

describe('signExpiringCode / verifyExpiringCode', () => {
  const secret = 'test-secret-0123456789abcdef0123456789';
  const now = new Date('2026-11-29T08:00:00Z');
  const in5min = new Date(now.getTime() + 5 * 60_000);

  it('accepts its own code until it expires, then says expired', () => {
    const code = signExpiringCode(secret, 'member-card|M1', in5min);
    expect(code).toMatch(/^\d{10}\.[A-Za-z0-9_-]{22}$/);
    expect(verifyExpiringCode(secret, 'member-card|M1', code, now)).toBe('valid');
    expect(verifyExpiringCode(secret, 'member-card|M1', code, in5min)).toBe('expired');
  });

  it('refuses another subject, another secret, a moved expiry and garbage as invalid', () => {
    const code = signExpiringCode(secret, 'member-card|M1', in5min);
    expect(verifyExpiringCode(secret, 'member-card|M2', code, now)).toBe('invalid');
    expect(verifyExpiringCode('another-secret-0123456789abcdef0123', 'member-card|M1', code, now)).toBe('invalid');
    const [exp, sig] = code.split('.');
    expect(verifyExpiringCode(secret, 'member-card|M1', `${Number(exp) + 3600}.${sig}`, now)).toBe('invalid');
    expect(verifyExpiringCode(secret, 'member-card|M1', 'not a code', now)).toBe('invalid');
    // A forged code is invalid even when its claimed expiry has passed.
    expect(verifyExpiringCode(secret, 'member-card|M1', `${Number(exp) - 3600}.${sig}`, now)).toBe('invalid');
  });
});
