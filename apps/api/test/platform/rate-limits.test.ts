import { randomUUID } from 'node:crypto';
import { createTestApp, expectError, type CallResult, type TestApp } from '../harness';
import { validApplication } from '../membership/helpers';
import { createStation, FENGTAI } from '../stations/helpers';

const expectLimited = (res: CallResult) => {
  expectError(res, 429, 'RATE_LIMITED');
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
};
const fromAddress = (t: TestApp, address: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, remoteAddress: address, ...(payload ? { payload } : {}) });

describe('sign-in limits', () => {
  it('count all sign-in routes of one address together (dev, refresh, logout, WeChat)', async () => {
    const t = await createTestApp({ seed: false, env: { AUTH_RATE_LIMIT: '4' } });
    try {
      const a = await t.call('POST', '/auth/dev', { body: { openid: 'a' } });
      expect(a.status).toBe(200);
      expect((await t.call('POST', '/auth/dev', { body: { openid: 'b' } })).status).toBe(200);
      expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: a.body.refreshToken } })).status).toBe(200);
      expect((await t.call('POST', '/auth/logout', { body: { refreshToken: 'x'.repeat(43) } })).status).toBe(204);
      expectLimited(await t.call('POST', '/auth/wechat', { body: { code: 'some-code' } }));
      expectLimited(await t.call('POST', '/auth/refresh', { body: { refreshToken: a.body.refreshToken } }));
      // another address still signs in
      expect((await fromAddress(t, '10.9.9.9', 'POST', '/auth/dev', { openid: 'c' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('limit one openid wherever it comes from, and leave other openids of that address alone', async () => {
    const t = await createTestApp({ seed: false, env: { AUTH_RATE_LIMIT: '1000', AUTH_RATE_LIMIT_PER_ID: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await fromAddress(t, `10.0.0.${i}`, 'POST', '/auth/dev', { openid: 'target' })).statusCode).toBe(200);
      const res = await fromAddress(t, '10.0.0.99', 'POST', '/auth/dev', { openid: 'target' });
      expect([res.statusCode, res.json().error.code, Number(res.headers['retry-after']) > 0]).toEqual([429, 'RATE_LIMITED', true]);
      expect((await t.call('POST', '/auth/dev', { body: { openid: 'someone-else' } })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('with the default settings, 300 riders behind one address all sign in and refresh within a minute', async () => {
    const t = await createTestApp({ seed: false, env: { AUTH_RATE_LIMIT: '', AUTH_RATE_LIMIT_PER_ID: '' } });
    try {
      expect(t.config.limits.authPerAddress).toBeGreaterThanOrEqual(600);
      const statuses: number[] = [];
      for (let batch = 0; batch < 10; batch++) {
        const logins = await Promise.all(Array.from({ length: 30 }, (_, i) => t.call('POST', '/auth/dev', { body: { openid: `hall-${batch * 30 + i}` } })));
        const refreshed = await Promise.all(logins.map((l) => t.call('POST', '/auth/refresh', { body: { refreshToken: l.body.refreshToken } })));
        statuses.push(...logins.map((r) => r.status), ...refreshed.map((r) => r.status));
      }
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(statuses).toHaveLength(600);
    } finally {
      await t.close();
    }
  });
});

describe('per-rider limits on writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CHECKIN_RATE_LIMIT: '2', REDEMPTION_RATE_LIMIT: '2', NEARBY_RATE_LIMIT: '2' } });
  });
  afterAll(() => t.close());

  it('station and activity check-ins share one budget per rider; another rider has their own', async () => {
    const rider = await t.loginAs('rider');
    const bad = { code: 'not-a-code' };
    expect((await t.call('POST', `/stations/${randomUUID()}/checkins`, { as: rider, body: bad })).status).toBeLessThan(429);
    expect((await t.call('POST', `/activities/${randomUUID()}/checkins`, { as: rider, body: { token: 'x' } })).status).toBeLessThan(429);
    expectLimited(await t.call('POST', `/stations/${randomUUID()}/checkins`, { as: rider, body: bad }));
    expectLimited(await t.call('POST', `/activities/${randomUUID()}/checkins`, { as: rider, body: { token: 'x' } }));
    expect((await t.call('POST', `/stations/${randomUUID()}/checkins`, { as: await t.loginAs('rider'), body: bad })).status).toBeLessThan(429);
    // without a token it is a 401, not a count against anyone
    expectError(await t.call('POST', `/stations/${randomUUID()}/checkins`, { body: bad }), 401, 'UNAUTHENTICATED');
  });

  it('redemptions per rider', async () => {
    const rider = await t.loginAs('rider');
    const body = { stationId: randomUUID(), rewardId: randomUUID() };
    for (let i = 0; i < 2; i++) expect((await t.call('POST', '/redemptions', { as: rider, body })).status).toBeLessThan(429);
    expectLimited(await t.call('POST', '/redemptions', { as: rider, body }));
  });

  it('anonymous nearby searches per address', async () => {
    const url = `/stations/nearby?lat=${FENGTAI.lat}&lng=${FENGTAI.lng}&radiusM=100000`;
    for (let i = 0; i < 2; i++) expect((await fromAddress(t, '10.1.1.1', 'GET', url)).statusCode).toBe(200);
    const limited = await fromAddress(t, '10.1.1.1', 'GET', url);
    expect([limited.statusCode, limited.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await fromAddress(t, '10.1.1.2', 'GET', url)).statusCode).toBe(200);
  });
});

describe('heavy staff work', () => {
  it('QR images: size is capped at 1000 (400 beyond) and counted per staff member', async () => {
    const t = await createTestApp({ env: { HEAVY_RATE_LIMIT: '1' } });
    try {
      const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
      const meeting = await t.call('POST', '/meetings', { as: admin, body: { title: '沟通会', startsAt: '2026-12-01T02:00:00.000Z', endsAt: '2026-12-01T04:00:00.000Z' } });
      expect(meeting.status).toBe(201);
      const big = await t.call('GET', `/meetings/${meeting.body.id}/qrcode.png?size=1001`, { as: admin });
      expect(expectError(big, 400, 'VALIDATION_FAILED').details?.[0].field).toContain('size');
      expect((await t.call('GET', `/meetings/${meeting.body.id}/qrcode.png?size=1000`, { as: admin })).status).toBe(200);
      const station = await createStation(t);
      for (let i = 0; i < 1; i++) expect((await t.call('GET', `/stations/${station.id}/checkin-code.png`, { as: admin })).status).toBe(200);
      // 3 images a minute per HEAVY_RATE_LIMIT
      await t.call('GET', `/stations/${station.id}/checkin-code.png`, { as: admin });
      expectLimited(await t.call('GET', `/stations/${station.id}/checkin-code.png`, { as: admin }));
    } finally {
      await t.close();
    }
  });

  it('exports: at most EXPORT_MAX_ROWS rows (422), HEAVY_CONCURRENCY at once (429), HEAVY_RATE_LIMIT a minute (429)', async () => {
    const t = await createTestApp({ env: { EXPORT_MAX_ROWS: '2', HEAVY_CONCURRENCY: '1', HEAVY_RATE_LIMIT: '6' } });
    try {
      const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
      for (let i = 0; i < 3; i++) {
        expect((await t.call('POST', '/membership/applications', { as: await t.loginAs('rider'), body: validApplication({ orgId: t.orgIds.LGQ }) })).status).toBe(201);
      }
      expectError(await t.call('GET', '/membership/applications/export.csv', { as: admin }), 422, 'RULE_VIOLATION');
      const three = await Promise.all([1, 2, 3].map(() => t.call('GET', '/membership/applications/export.csv?status=rejected', { as: admin })));
      expect(three.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
      const refused = three.filter((r) => r.status !== 200);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const r of refused) expectLimited(r);
      // 1 + 3 so far; two more, then the per-minute budget is spent
      await t.call('GET', '/membership/applications/export.csv?status=rejected', { as: admin });
      await t.call('GET', '/membership/applications/export.csv?status=rejected', { as: admin });
      expectLimited(await t.call('GET', '/membership/applications/export.csv?status=rejected', { as: admin }));
    } finally {
      await t.close();
    }
  });

  it('imports: at most IMPORT_MAX_ROWS data rows (413), counted per admin', async () => {
    const t = await createTestApp({ env: { IMPORT_MAX_ROWS: '2', HEAVY_RATE_LIMIT: '2' } });
    try {
      const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
      const row = (n: number) => `LIM-${n},限额驿站${n},union_station,北京市丰台区${n}号,39.86,116.28,,hot_water,24h`;
      const csv = (rows: number) => ['externalCode,name,kind,address,lat,lng,phone,services,hours', ...Array.from({ length: rows }, (_, i) => row(i))].join('\n');
      const send = (rows: number) => t.call('POST', `/stations/import?orgId=${t.orgIds.LGQ}`, { as: admin, body: csv(rows), headers: { 'content-type': 'text/csv' } });
      expectError(await send(3), 413, 'PAYLOAD_TOO_LARGE');
      expect((await send(2)).body).toMatchObject({ created: 2, errors: [] });
      expectLimited(await send(1));
    } finally {
      await t.close();
    }
  });
});
