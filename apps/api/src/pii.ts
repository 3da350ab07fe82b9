import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { PiiKeyring } from './config';

/**
 * Field-level encryption of personal data with the `PII_KEY` keyring.
 *
 * - `encrypt` → `v1.<keyId>.<iv>.<tag>.<ciphertext>` (AES-256-GCM, 12-byte random IV, base64url
 *   parts) under the active key. The key id travels with the value, so rows written under an older
 *   key stay readable as long as that key is still in the keyring. The `context` (e.g. the column
 *   and row id) is bound as additional authenticated data: a ciphertext copied into another column
 *   or row no longer decrypts.
 * - `blindIndex` → `<keyId>.<HMAC-SHA256>` of the normalised value with a key derived by HKDF from
 *   the PII key (never the encryption key itself), per `purpose`. Equal values give equal hashes
 *   under one key, so a unique index can find duplicates without the plaintext.
 *   `blindIndexCandidates` gives the hashes under every key, to match rows hashed before a rotation.
 */
export interface PiiCipher {
  readonly activeKeyId: string;
  encrypt(plain: string, context: string): string;
  decrypt(envelope: string, context: string): string;
  keyIdOf(envelope: string): string;
  blindIndex(value: string, purpose: string): string;
  blindIndexCandidates(value: string, purpose: string): string[];
}

const VERSION = 'v1';

export class PiiDecryptError extends Error {}

export function createPiiCipher(keyring: PiiKeyring): PiiCipher {
  const indexKeys = new Map<string, Buffer>();
  for (const [id, key] of keyring.keys) {
    indexKeys.set(id, Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'xfqs pii blind index v1', 32)));
  }
  const keyOf = (id: string) => {
    const key = keyring.keys.get(id);
    if (!key) throw new PiiDecryptError(`PII key "${id}" is not in the keyring`);
    return key;
  };
  const hashWith = (id: string, value: string, purpose: string) =>
    `${id}.${createHmac('sha256', indexKeys.get(id) as Buffer).update(`${purpose}\u0000${value}`).digest('base64url')}`;

  return {
    activeKeyId: keyring.activeKeyId,
    encrypt(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyOf(keyring.activeKeyId), iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, keyring.activeKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    decrypt(envelope, context) {
      const parts = envelope.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION) throw new PiiDecryptError('not a PII envelope');
      const [, keyId, iv, tag, ct] = parts;
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyOf(keyId), Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
      } catch (err) {
        if (err instanceof PiiDecryptError) throw err;
        throw new PiiDecryptError('PII envelope failed authentication');
      }
    },
    keyIdOf(envelope) {
      return envelope.split('.')[1] ?? '';
    },
    blindIndex(value, purpose) {
      return hashWith(keyring.activeKeyId, value, purpose);
    },
    blindIndexCandidates(value, purpose) {
      return [...keyring.keys.keys()].map((id) => hashWith(id, value, purpose));
    },
  };
}
