import { parsePiiKeyring } from './config';
import { createPiiCipher, PiiDecryptError } from './pii';

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64');
const id = '11010519491231002X';

describe('PII cipher (AES-256-GCM + keyed blind index)', () => {
  const cipher = createPiiCipher(parsePiiKeyring(`k1:${keyA}`));

  it('round-trips, never contains the plaintext, and uses a fresh IV each time', () => {
    const a = cipher.encrypt(id, 'id_card:row1');
    const b = cipher.encrypt(id, 'id_card:row1');
    expect(a).not.toContain(id);
    expect(a).toMatch(/^v1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a, 'id_card:row1')).toBe(id);
    expect(cipher.decrypt(b, 'id_card:row1')).toBe(id);
  });

  it('refuses a ciphertext moved to another column or row, or tampered with', () => {
    const env = cipher.encrypt(id, 'id_card:row1');
    expect(() => cipher.decrypt(env, 'id_card:row2')).toThrow(PiiDecryptError);
    expect(() => cipher.decrypt(env, 'phone:row1')).toThrow(PiiDecryptError);
    const parts = env.split('.');
    const ct = Buffer.from(parts[4], 'base64url');
    ct[0] ^= 1;
    parts[4] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'id_card:row1')).toThrow(PiiDecryptError);
    expect(() => cipher.decrypt('plain text', 'id_card:row1')).toThrow(PiiDecryptError);
  });

  it('after a rotation, new values use the new key and old ones still decrypt', () => {
    const old = cipher.encrypt(id, 'ctx');
    const rotated = createPiiCipher(parsePiiKeyring(`k2:${keyB},k1:${keyA}`));
    const fresh = rotated.encrypt(id, 'ctx');
    expect(rotated.keyIdOf(fresh)).toBe('k2');
    expect(rotated.decrypt(old, 'ctx')).toBe(id);
    expect(rotated.decrypt(fresh, 'ctx')).toBe(id);
    // a retired key is gone for good
    expect(() => createPiiCipher(parsePiiKeyring(`k2:${keyB}`)).decrypt(old, 'ctx')).toThrow(/k1/);
  });

  it('blind index: stable per value and purpose, keyed, and matchable across a rotation', () => {
    const h = cipher.blindIndex(id, 'id_card');
    expect(h).toBe(cipher.blindIndex(id, 'id_card'));
    expect(h).not.toBe(cipher.blindIndex(id, 'phone'));
    expect(h).not.toBe(cipher.blindIndex('110101199003074258', 'id_card'));
    expect(h).not.toContain(id);
    // another key gives another hash: without the key nobody can hash candidate ID numbers
    expect(createPiiCipher(parsePiiKeyring(`k1:${keyB}`)).blindIndex(id, 'id_card')).not.toBe(h);
    const rotated = createPiiCipher(parsePiiKeyring(`k2:${keyB},k1:${keyA}`));
    expect(rotated.blindIndex(id, 'id_card')).not.toBe(h);
    expect(rotated.blindIndexCandidates(id, 'id_card')).toContain(h);
  });
});
