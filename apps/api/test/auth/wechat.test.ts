import { eq } from 'drizzle-orm';
import { users } from '@xfqs/db';
import { FakeWechat } from '../fake-wechat';
import { createTestApp, expectError, type TestApp } from '../harness';

let wechat: FakeWechat;
let t: TestApp;
beforeAll(async () => {
  wechat = await new FakeWechat().start();
  t = await createTestApp({ env: wechat.env });
});
afterAll(async () => {
  await t.close();
  await wechat.stop();
});
beforeEach(() => {
  wechat.mode = 'normal';
});

const signIn = (code: string) => t.call('POST', '/auth/wechat', { body: { code } });

describe('POST /auth/wechat', () => {
  it('exchanges a code for tokens, sending appid, secret and grant type, and never returns session_key', async () => {
    const res = await signIn(wechat.issueCode('o-rider-1'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      user: { id: expect.any(String), nickname: null },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/session_key|tiWL/);
    expect(wechat.calls.at(-1)).toMatchObject({ appid: wechat.appId, secret: wechat.secret, grant_type: 'authorization_code' });
    const me = await t.call('GET', '/me', { headers: { authorization: `Bearer ${res.body.accessToken}` } });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(res.body.user.id);
  });

  it('creates the user once, however often and however concurrently they sign in', async () => {
    const first = await signIn(wechat.issueCode('o-rider-2'));
    const again = await Promise.all(Array.from({ length: 5 }, () => signIn(wechat.issueCode('o-rider-2'))));
    for (const res of again) expect(res.body.user.id).toBe(first.body.user.id);
    const rows = await t.db.select().from(users).where(eq(users.openid, 'o-rider-2'));
    expect(rows).toHaveLength(1);
  });

  it('401 for an invalid code (errcode 40029), also when a code is used twice', async () => {
    expectError(await signIn('made-up'), 401, 'UNAUTHENTICATED');
    const code = wechat.issueCode('o-rider-3');
    expect((await signIn(code)).status).toBe(200);
    expectError(await signIn(code), 401, 'UNAUTHENTICATED');
  });

  it('401 for a high-risk user (errcode 40226)', async () => {
    expectError(await signIn('risky-1'), 401, 'UNAUTHENTICATED');
  });

  it('503 when WeChat is busy, broken or unreachable', async () => {
    expectError(await signIn('busy'), 503, 'UNAVAILABLE');
    wechat.mode = 'http-500';
    expectError(await signIn(wechat.issueCode('o-x')), 503, 'UNAVAILABLE');
    wechat.mode = 'hang';
    expectError(await signIn(wechat.issueCode('o-y')), 503, 'UNAVAILABLE');
  });

  it('503 when the configured WeChat host refuses connections', async () => {
    const offline = await createTestApp({ seed: false, env: { ...wechat.env, WECHAT_API_BASE: 'http://127.0.0.1:9' } });
    try {
      expectError(await offline.call('POST', '/auth/wechat', { body: { code: 'any' } }), 503, 'UNAVAILABLE');
    } finally {
      await offline.close();
    }
  });

  it('400 for a missing code', async () => {
    const err = expectError(await t.call('POST', '/auth/wechat', { body: {} }), 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual([{ field: 'code', message: expect.any(String) }]);
  });
});
