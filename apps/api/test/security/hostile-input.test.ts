import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomUUID } from 'node:crypto';
import { expectError, type TestApp, type TestUser } from '../harness';
import { createMeeting, streetAdmins, validApplication } from '../membership/helpers';
import { createActivity, createStampsApp, createStation, formData, jpeg, reportFields, sendReport } from '../stamps/helpers';

/** Found items 1, 2 and 5 of issue 9: each of these answered 500 (or was accepted) before. */
let t: TestApp;
let lgqAdmin: TestUser;
let superAdmin: TestUser;
let rider: TestUser;
beforeAll(async () => {
  t = await createStampsApp();
  ({ lgqAdmin } = await streetAdmins(t));
  superAdmin = await t.loginAs('super_admin');
  rider = await t.loginAs('rider');
});
afterAll(() => t.close());

const NUL = 'a\u0000b';
const LONE_HIGH = 'a\uD83Db';
const LONE_LOW = '\uDE00';

function expectField(res: Awaited<ReturnType<TestApp['call']>>, field: string) {
  const err = expectError(res, 400, 'VALIDATION_FAILED');
  expect(err.details?.map((d) => d.field)).toContain(field);
}

describe('one text rule: NUL and lone surrogates are a 400 naming the field, in every text field', () => {
  it.each([NUL, LONE_HIGH, LONE_LOW])('dev-login nickname, meeting, activity, org, reward, grant, application (%j)', async (bad) => {
    expectField(await t.call('POST', '/auth/dev', { body: { openid: 'nul-test', nickname: bad } }), 'nickname');
    expectField(
      await t.call('POST', '/meetings', { as: lgqAdmin, body: { title: bad, startsAt: '2026-11-25T02:00:00.000Z', endsAt: '2026-11-25T04:00:00.000Z', location: bad } }),
      'title',
    );
    const now = Date.now();
    expectField(
      await t.call('POST', '/activities', {
        as: lgqAdmin,
        body: { title: bad, description: bad, kind: 'volunteer', startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3600_000).toISOString() },
      }),
      'description',
    );
    expectField(await t.call('POST', '/orgs', { as: superAdmin, body: { name: bad, kind: 'industry' } }), 'name');
    const station = await createStation(t);
    expectField(await t.call('PATCH', `/stations/${station.id}`, { as: lgqAdmin, body: { name: bad, address: bad } }), 'address');
    expectField(await t.call('POST', '/rewards', { as: lgqAdmin, body: { stationId: station.id, name: bad, cost: 10, stock: 1 } }), 'name');
    expectField(await t.call('POST', '/admin/grants', { as: superAdmin, body: { openid: bad, role: 'super_admin' } }), 'openid');
    expectField(await t.call('POST', '/membership/applications', { as: rider, body: validApplication({ workArea: bad }) }), 'workArea');
    expectField(await t.call('POST', '/membership/applications', { as: rider, body: validApplication({ platform: 'other', platformOther: bad }) }), 'platformOther');
  });

  it('in a query string (GET /admin/grants?openid=a%00b) and a reject reason', async () => {
    expectField(await t.call('GET', '/admin/grants?openid=a%00b', { as: superAdmin }), 'openid');
    const cesu = await t.call('GET', '/admin/grants?openid=a%ED%A0%BDb', { as: superAdmin });
    expect(cesu.status).toBeLessThan(500);
    expectField(await t.call('POST', `/membership/applications/${randomUUID()}/reject`, { as: lgqAdmin, body: { reason: NUL } }), 'reason');
    expectField(await t.call('POST', `/reports/${randomUUID()}/reject`, { as: lgqAdmin, body: { reason: LONE_LOW } }), 'reason');
  });

  it('in a multipart form field (随手拍 description), and nothing is stored', async () => {
    const res = await sendReport(t, rider, reportFields({ description: NUL }));
    expectField(res, 'description');
    const mine = await t.call('GET', '/reports/me', { as: rider });
    expect(mine.body.items).toHaveLength(0);
  });

  it('emoji, RTL text and CJK are still ordinary text', async () => {
    const res = await t.call('POST', '/auth/dev', { body: { openid: `emoji-${randomUUID()}`, nickname: '骑手🚴\u202Eعلي' } });
    expect(res.status).toBe(200);
  });
});

describe('one keyset-paging module: a forged cursor is a 400 naming cursor on every list', () => {
  const forged = [
    Buffer.from('{"k":"x","id":"y"}').toString('base64url'),
    Buffer.from('{"k":1,"id":"00000000-0000-0000-0000-000000000000"}').toString('base64url'),
    Buffer.from('{"k":"2026-01-01T00:00:00.000Z","id":"not-a-uuid"}').toString('base64url'),
    Buffer.from('{"k":"\\u0000","id":"00000000-0000-0000-0000-000000000000"}').toString('base64url'),
    Buffer.from('{"k":99999999999,"id":"00000000-0000-0000-0000-000000000000"}').toString('base64url'),
    'not base64 !',
    Buffer.from('null').toString('base64url'),
  ];
  const lists = ['/meetings', '/membership/applications', '/stations', '/activities', '/reports', '/rewards', '/reports/me'];
  it.each(lists)('%s', async (path) => {
    // `{k: 1, id}` is a well-formed cursor of the rewards list (cheapest first by an integer cost).
    for (const cursor of path === '/rewards' ? forged.filter((c) => !c.startsWith(Buffer.from('{"k":1,').toString('base64url').slice(0, 8))) : forged) {
      const as = path === '/reports/me' ? rider : superAdmin;
      expectField(await t.call('GET', `${path}?cursor=${encodeURIComponent(cursor)}`, { as }), 'cursor');
    }
  });

  it('a real cursor still pages (meetings, newest first)', async () => {
    for (let i = 0; i < 3; i++) await createMeeting(t, lgqAdmin, { title: `分页会 ${i}`, startsAt: `2026-11-2${i}T02:00:00.000Z`, endsAt: `2026-11-2${i}T04:00:00.000Z` });
    const first = await t.call('GET', '/meetings?limit=2', { as: lgqAdmin });
    expect(first.status).toBe(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.call('GET', `/meetings?limit=2&cursor=${first.body.nextCursor}`, { as: lgqAdmin });
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('malformed multipart on POST /reports is a 400, and nothing is stored', () => {
  it.each([
    ['no boundary', 'multipart/form-data', (b: Buffer) => b],
    ['a wrong boundary', 'multipart/form-data; boundary=wrong', (b: Buffer) => b],
    ['an unterminated body', undefined, (b: Buffer) => b.subarray(0, b.length - 40)],
    ['garbage', 'multipart/form-data; boundary=x', () => Buffer.from('--x\r\nnot a header\r\n\r\n')],
  ])('%s', async (_name, contentType, mangle) => {
    const form = await formData(reportFields(), { photo: { data: await jpeg(), filename: 'p.jpg', type: 'image/jpeg' } });
    const res = await t.call('POST', '/reports', { as: rider, body: mangle(form.body), headers: { 'content-type': contentType ?? form.headers['content-type'] } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.code).toEqual(expect.any(String));
    expect((await t.call('GET', '/reports/me', { as: rider })).body.items).toHaveLength(0);
  });
});

describe('tokens: only HS256 with exp, of a user that exists', () => {
  const secret = () => t.config.jwtSecret;
  /** A JWT signed by hand with the server's own secret, so only the algorithm and claims differ. */
  const sign = (payload: object, options: { algorithm?: 'HS256' | 'HS384' | 'HS512'; expiresIn?: number } = {}) => {
    const alg = options.algorithm ?? 'HS256';
    const now = Math.floor(Date.now() / 1000);
    const claims = { ...payload, iat: now, ...(options.expiresIn ? { exp: now + Math.floor(options.expiresIn / 1000) } : {}) };
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
    return `${input}.${createHmac(`sha${alg.slice(2)}`, secret()).update(input).digest('base64url')}`;
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('a token of a user that does not exist is a 401 on writes and reads', async () => {
    const ghost = sign({ sub: randomUUID(), typ: 'access' }, { expiresIn: 600_000 });
    const station = await createStation(t);
    const activity = await createActivity(t, lgqAdmin);
    const form = await formData(reportFields(), { photo: { data: await jpeg(), filename: 'p.jpg', type: 'image/jpeg' } });
    const calls: Array<Parameters<TestApp['call']>> = [
      ['POST', '/membership/applications', { body: validApplication(), headers: bearer(ghost) }],
      ['POST', `/stations/${station.id}/checkins`, { body: { code: 'x'.repeat(20) }, headers: bearer(ghost) }],
      ['POST', `/activities/${activity.id}/checkins`, { body: { token: '123456' }, headers: bearer(ghost) }],
      ['POST', '/reports', { body: form.body, headers: { ...form.headers, ...bearer(ghost) } }],
      ['GET', '/me', { headers: bearer(ghost) }],
      ['GET', '/stamps/me', { headers: bearer(ghost) }],
      ['GET', '/membership/me', { headers: bearer(ghost) }],
      ['GET', '/rewards', { headers: bearer(ghost) }],
    ];
    for (const args of calls) expectError(await t.call(...args), 401, 'UNAUTHENTICATED');
  });

  it('a token whose sub is not an id is a 401', async () => {
    for (const sub of ['admin', '', '1 or 1=1', 'a'.repeat(300)]) {
      expectError(await t.call('GET', '/me', { headers: bearer(sign({ sub, typ: 'access' }, { expiresIn: 600_000 })) }), 401, 'UNAUTHENTICATED');
    }
  });

  it('HS384 or HS512 with the same secret, and a token without exp, are 401', async () => {
    for (const algorithm of ['HS384', 'HS512'] as const) {
      const token = sign({ sub: rider.userId, typ: 'access' }, { algorithm, expiresIn: 600_000 });
      expectError(await t.call('GET', '/me', { headers: bearer(token) }), 401, 'UNAUTHENTICATED');
    }
    const forever = sign({ sub: rider.userId, typ: 'access' });
    expectError(await t.call('GET', '/me', { headers: bearer(forever) }), 401, 'UNAUTHENTICATED');
    expect((await t.call('GET', '/me', { headers: bearer(sign({ sub: rider.userId, typ: 'access' }, { expiresIn: 600_000 })) })).status).toBe(200);
  });

  it('tokens the API issues are HS256 with exp', async () => {
    const [header, payload] = rider.token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header.alg).toBe('HS256');
    expect(payload.exp).toEqual(expect.any(Number));
  });
});

describe('router errors in the envelope', () => {
  it('a path parameter over 100 characters is a 400 in the envelope', async () => {
    expectError(await t.call('GET', `/stations/${'a'.repeat(150)}`), 400, 'VALIDATION_FAILED');
  });
  it('bad percent-encoding is a 400 in the envelope', async () => {
    expectError(await t.call('GET', '/stations/%E0%A4%A'), 400, 'VALIDATION_FAILED');
  });
});

describe('bodies over the limit, over a real socket', () => {
  let base: string;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
  });

  it('Node’s fetch reads a 413 PAYLOAD_TOO_LARGE for a 3 MiB JSON body (limit 1 MiB), not a broken pipe', async () => {
    const body = JSON.stringify({ openid: 'x', nickname: 'y'.repeat(3 * 1024 * 1024) });
    const res = await fetch(`${base}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('the same for a chunked body without a length', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"openid":"x","nickname":"'));
        for (let i = 0; i < 12; i++) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const res = await fetch(`${base}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an endless chunked multipart upload to /reports is cut off long before its end', async () => {
    const total = 200 * 1024 * 1024;
    let sent = 0;
    const result = await new Promise<{ status?: number; sent: number }>((resolve) => {
      const req = http.request(`${base}/reports`, {
        method: 'POST',
        headers: { ...rider.headers, 'content-type': 'multipart/form-data; boundary=xyz', 'transfer-encoding': 'chunked' },
      });
      let status: number | undefined;
      req.on('response', (res) => {
        status = res.statusCode;
        res.resume();
      });
      req.on('error', () => resolve({ status, sent }));
      req.on('close', () => resolve({ status, sent }));
      req.write('--xyz\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
      const block = Buffer.alloc(1024 * 1024, 0xff);
      const pump = () => {
        while (sent < total) {
          sent += block.length;
          if (!req.write(block)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(result.sent).toBeLessThan(64 * 1024 * 1024);
    if (result.status !== undefined) expect(result.status).toBe(413);
  });
});
