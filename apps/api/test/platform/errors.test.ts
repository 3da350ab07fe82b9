import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { errorsPlugin } from '../../src/plugins/errors';
import { createTestApp, expectError, type TestApp } from '../harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('error envelope', () => {
  it('400 for a schema violation names every bad, missing and unknown field', async () => {
    const res = await t.call('POST', '/auth/dev', { body: { nickname: 'x'.repeat(40), extra: true } });
    const err = expectError(res, 400, 'VALIDATION_FAILED');
    const fields = err.details!.map((d) => d.field).sort();
    expect(fields).toEqual(['extra', 'nickname', 'openid']);
  });

  it('400 for malformed JSON', async () => {
    const res = await t.call('POST', '/auth/dev', { body: '{"openid":', headers: { 'content-type': 'application/json' } });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('415 for a body type the route does not take', async () => {
    const res = await t.call('POST', '/auth/dev', { body: 'openid=x', headers: { 'content-type': 'text/plain' } });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('401 without a token, with a garbage token and with a token signed by another key', async () => {
    expectError(await t.call('GET', '/me'), 401, 'UNAUTHENTICATED');
    expectError(await t.call('GET', '/me', { headers: { authorization: 'Bearer nonsense' } }), 401, 'UNAUTHENTICATED');
    const foreign = t.app.jwt.sign({ sub: 'x', typ: 'access' }, { key: 'another-secret-another-secret-another' } as never);
    expectError(await t.call('GET', '/me', { headers: { authorization: `Bearer ${foreign}` } }), 401, 'UNAUTHENTICATED');
  });

  it('401 for an expired access token', async () => {
    const rider = await t.loginAs('rider');
    t.clock.advance(0);
    const expired = t.app.jwt.sign({ sub: rider.userId, typ: 'access' }, { expiresIn: -10 } as never);
    expectError(await t.call('GET', '/me', { headers: { authorization: `Bearer ${expired}` } }), 401, 'UNAUTHENTICATED');
  });

  it('403 when the role is missing', async () => {
    const rider = await t.loginAs('rider');
    expectError(await t.call('POST', '/orgs', { as: rider, body: { name: '新街道', kind: 'street', parentId: t.orgIds.FT } }), 403, 'FORBIDDEN');
  });

  it('404 JSON for an unknown route, never HTML', async () => {
    const res = await t.call('GET', '/api/v1/no-such-thing');
    expectError(res, 404, 'NOT_FOUND');
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('500 for an unexpected error, without the stack or the message reaching the client', async () => {
    const app = Fastify({ logger: false });
    await app.register(errorsPlugin);
    app.get('/boom', { schema: { response: { 200: Type.Object({}) } } }, async () => {
      throw new Error('secret internals at /srv/app.ts:42');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '服务器内部错误' } });
    expect(res.body).not.toMatch(/secret internals|\.ts:/);
    await app.close();
  });

  it('sends security headers', async () => {
    const res = await t.call('GET', '/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });
});

describe('OpenAPI', () => {
  it('publishes every route with its schemas and the error envelope', async () => {
    const res = await t.call('GET', '/docs/json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/auth/wechat'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/me'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/me'].get.responses['4XX'] ?? doc.paths['/api/v1/me'].get.responses['4xx']).toBeDefined();
    expect((await t.call('GET', '/docs')).status).toBeLessThan(400);
  });
});

describe('request validation', () => {
  it('does not coerce JSON bodies: a string is not a boolean or a number', async () => {
    const err = expectError(await t.call('POST', '/auth/dev', { body: { openid: 12345 } }), 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual([{ field: 'openid', message: expect.any(String) }]);
  });

  it('coerces query strings, and an out-of-range number is a 400, never clamped', async () => {
    const su = await t.loginAs('super_admin');
    expect((await t.call('GET', '/admin/grants?openid=demo-admin', { as: su })).status).toBe(200);
  });
});
