import { randomUUID } from 'node:crypto';
import { membershipApplications } from '@xfqs/db';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openTestDatabase } from '../setup/database';
import { createTestApp, logCapture } from '../harness';
import { validApplication } from '../membership/helpers';

const key = (byte: string) => Buffer.alloc(32, byte).toString('base64');
const productionEnv = {
  NODE_ENV: 'production',
  JWT_SECRET: 'p'.repeat(40),
  PII_KEY: `k2:${key('a')}`,
  CODE_SECRET: 'c'.repeat(40),
  WECHAT_APPID: 'wx123',
  WECHAT_SECRET: 'secret',
  LOG_LEVEL: 'silent',
};

describe('a production start', () => {
  it('serves no /docs, answers no foreign origin and has no dev login, unless configured', async () => {
    const database = await openTestDatabase();
    const app = await buildApp(loadConfig(productionEnv), { database });
    const withDocs = await buildApp(loadConfig({ ...productionEnv, DOCS_ENABLED: 'true' }), { database });
    try {
      expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(404);
      expect((await withDocs.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
      const preflight = await app.inject({ method: 'OPTIONS', url: '/api/v1/me', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' } });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { openid: 'demo-super' } })).statusCode).toBe(404);
    } finally {
      await app.close();
      await withDocs.close();
      await database.close();
    }
  });

  it('refuses to load the demo data, whatever the database', async () => {
    const database = await openTestDatabase();
    try {
      await expect(buildApp(loadConfig(productionEnv), { database, seedDemo: true })).rejects.toThrow(/demo data/);
    } finally {
      await database.close();
    }
  });
});

describe('Cache-Control: no-store', () => {
  it('is on every API response that carries personal data (and every other API response, errors included)', async () => {
    const t = await createTestApp();
    try {
      const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
      const rider = await t.loginAs('rider');
      const created = await t.call('POST', '/membership/applications', { as: rider, body: validApplication({ orgId: t.orgIds.LGQ }) });
      expect(created.headers['cache-control']).toBe('no-store');
      for (const [url, as] of [
        ['/me', rider],
        ['/membership/me', rider],
        ['/stamps/me', rider],
        ['/me/checkins', rider],
        [`/membership/applications/${created.body.id}`, admin],
        ['/membership/applications', admin],
        ['/membership/applications/export.csv', admin],
        [`/membership/applications/${randomUUID()}`, admin],
        ['/stations/nearby?lat=39.86&lng=116.28', undefined],
      ] as const) {
        const res = await t.call('GET', url, { as });
        expect([url, res.status < 500, res.headers['cache-control']]).toEqual([url, true, 'no-store']);
      }
    } finally {
      await t.close();
    }
  });
});

describe('error logs', () => {
  it('carry the failed query and its constraint but no bound value (ciphertexts, birth dates, blind-index hashes)', async () => {
    const logs = logCapture();
    const t = await createTestApp({ logStream: logs.stream, env: { LOG_LEVEL: 'info' } });
    const userId = randomUUID();
    try {
      // a row for a user that does not exist: a foreign-key error whose parameters are personal data
      const err = await t.db
        .insert(membershipApplications)
        .values({
          userId,
          orgId: t.orgIds.LGQ,
          realNameEnc: 'v1.k1.CIPHERTEXT-NAME',
          idCardEnc: 'v1.k1.CIPHERTEXT-ID',
          idCardHash: 'k1.BLINDHASH0123',
          phoneEnc: 'v1.k1.CIPHERTEXT-PHONE',
          phoneHash: 'k1.PHONEHASH0123',
          birthDate: '1987-06-05',
          gender: 'female',
          platform: 'meituan',
          occupation: 'food_delivery',
          privacyNoticeVersion: '1',
          consentAt: new Date(),
          submittedAt: new Date(),
        })
        .then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).toContain('BLINDHASH0123'); // the raw error does hold them
      t.app.log.error({ err }, 'unexpected error');
    } finally {
      await t.close();
    }
    const log = logs.text();
    expect(log).toContain('membership_applications');
    expect(log).toContain('23503'); // the PostgreSQL error code stays
    for (const secret of ['CIPHERTEXT', 'BLINDHASH0123', 'PHONEHASH0123', '1987-06-05', userId]) expect(log).not.toContain(secret);
  });
});
