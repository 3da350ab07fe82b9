import { createApiClient, encodeQuery, fillPath } from './client';
import { createEndpoints } from './endpoints';
import { ApiError, isApiError } from './errors';
import { memoryTokenStore, type StoredTokens } from './tokens';
import type { Transport, TransportRequest, TransportResponse } from './transport';

/** A transport that answers from a handler and records every request. */
function fakeTransport(handler: (req: TransportRequest) => TransportResponse | Promise<TransportResponse>) {
  const calls: TransportRequest[] = [];
  const transport: Transport = {
    request: async (req) => {
      calls.push(req);
      return handler(req);
    },
    upload: async () => ({ status: 201, data: { id: 'r1', status: 'pending' } }),
    download: async () => ({ status: 200, src: 'blob:x' }),
  };
  return { transport, calls };
}

const tokens = (access = 'old-access', refresh = 'old-refresh'): StoredTokens => ({ accessToken: access, refreshToken: refresh });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('request basics', () => {
  it('sends the bearer token, JSON body and encoded query', async () => {
    const { transport, calls } = fakeTransport(() => ({ status: 200, data: { items: [] } }));
    const client = createApiClient({ baseUrl: '/api/v1/', transport, tokens: memoryTokenStore(tokens()) });
    await client.get('/stations/nearby', { query: { lat: 39.8, lng: 116.2, services: ['hot_water', 'wifi'], openNow: true, kind: undefined } });
    await client.post('/redemptions', { stationId: 's', rewardId: 'r' });
    expect(calls[0].url).toBe('/api/v1/stations/nearby?lat=39.8&lng=116.2&services=hot_water%2Cwifi&openNow=true');
    expect(calls[0].headers.authorization).toBe('Bearer old-access');
    expect(calls[0].body).toBeUndefined();
    expect(calls[1].headers['content-type']).toBe('application/json');
    expect(JSON.parse(calls[1].body!)).toEqual({ stationId: 's', rewardId: 'r' });
  });

  it('leaves the token off when auth is false', async () => {
    const { transport, calls } = fakeTransport(() => ({ status: 200, data: {} }));
    const client = createApiClient({ baseUrl: '/api/v1', transport, tokens: memoryTokenStore(tokens()) });
    await client.post('/auth/dev', { openid: 'demo-rider' }, { auth: false });
    expect(calls[0].headers.authorization).toBeUndefined();
  });

  it('turns the contract error body into an ApiError', async () => {
    const { transport } = fakeTransport(() => ({
      status: 400,
      data: { error: { code: 'VALIDATION_FAILED', message: 'bad', details: [{ field: 'phone', message: 'not a mobile' }] } },
    }));
    const client = createApiClient({ baseUrl: '', transport, tokens: memoryTokenStore() });
    const err = await client.post('/membership/applications', {}).catch((e) => e);
    expect(isApiError(err)).toBe(true);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'bad' });
    expect((err as ApiError).fieldErrors).toEqual([{ field: 'phone', message: 'not a mobile' }]);
  });

  it('falls back to a code from the status when the body is not the contract shape', async () => {
    const { transport } = fakeTransport(() => ({ status: 502, data: '<html>bad gateway</html>' }));
    const client = createApiClient({ baseUrl: '', transport, tokens: memoryTokenStore() });
    await expect(client.get('/me')).rejects.toMatchObject({ status: 502, code: 'UNAVAILABLE' });
  });

  it('builds paths and queries', () => {
    expect(fillPath('/stations/:id/checkins', { id: 'a/b' })).toBe('/stations/a%2Fb/checkins');
    expect(() => fillPath('/x/:id', {})).toThrow(/id/);
    expect(encodeQuery({ a: [], b: null, c: 0 })).toBe('?c=0');
    expect(encodeQuery({})).toBe('');
  });
});

describe('token refresh', () => {
  /** A server whose valid access token is `validAccess`; /auth/refresh rotates the pair. */
  function server(options: { refreshStatus?: number } = {}) {
    let validAccess = 'new-access';
    let refreshes = 0;
    const fake = fakeTransport(async (req) => {
      if (req.url.endsWith('/auth/refresh')) {
        refreshes++;
        await tick();
        if (options.refreshStatus) return { status: options.refreshStatus, data: { error: { code: 'UNAUTHENTICATED', message: 'x' } } };
        validAccess = `new-access-${refreshes}`;
        return { status: 200, data: { accessToken: validAccess, refreshToken: `new-refresh-${refreshes}`, expiresIn: 900, user: { id: 'u', nickname: null } } };
      }
      if (req.headers.authorization !== `Bearer ${validAccess}`) return { status: 401, data: { error: { code: 'UNAUTHENTICATED', message: 'expired' } } };
      return { status: 200, data: { ok: req.url } };
    });
    return { ...fake, refreshCount: () => refreshes };
  }

  it('refreshes on a 401 and retries with the new token', async () => {
    const s = server();
    const store = memoryTokenStore(tokens());
    const client = createApiClient({ baseUrl: '', transport: s.transport, tokens: store });
    await expect(client.get('/me')).resolves.toEqual({ ok: '/me' });
    expect(s.refreshCount()).toBe(1);
    expect(store.get()).toMatchObject({ accessToken: 'new-access-1', refreshToken: 'new-refresh-1' });
    expect(s.calls.find((c) => c.url.endsWith('/auth/refresh'))!.body).toBe(JSON.stringify({ refreshToken: 'old-refresh' }));
  });

  it('shares one refresh between concurrent 401s', async () => {
    const s = server();
    const client = createApiClient({ baseUrl: '', transport: s.transport, tokens: memoryTokenStore(tokens()) });
    const results = await Promise.all([client.get('/me'), client.get('/stamps/me'), client.get('/membership/me'), client.get('/reports/me')]);
    expect(results.map((r) => (r as { ok: string }).ok)).toEqual(['/me', '/stamps/me', '/membership/me', '/reports/me']);
    expect(s.refreshCount()).toBe(1);
  });

  it('retries without refreshing again when another request already refreshed', async () => {
    const s = server();
    const client = createApiClient({ baseUrl: '', transport: s.transport, tokens: memoryTokenStore(tokens()) });
    await client.get('/me');
    await client.get('/stamps/me');
    expect(s.refreshCount()).toBe(1);
  });

  it('clears the session once when the refresh token is refused', async () => {
    const s = server({ refreshStatus: 401 });
    const store = memoryTokenStore(tokens());
    const expired = jest.fn();
    const client = createApiClient({ baseUrl: '', transport: s.transport, tokens: store, onSessionExpired: expired });
    const errors = await Promise.all([client.get('/me').catch((e) => e), client.get('/stamps/me').catch((e) => e)]);
    expect(errors.every((e) => e instanceof ApiError && e.code === 'UNAUTHENTICATED')).toBe(true);
    expect(s.refreshCount()).toBe(1);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(store.get()).toBeNull();
  });

  it('does not refresh when no token was sent', async () => {
    const s = server();
    const client = createApiClient({ baseUrl: '', transport: s.transport, tokens: memoryTokenStore() });
    await expect(client.get('/me')).rejects.toMatchObject({ status: 401 });
    expect(s.refreshCount()).toBe(0);
  });

  it('applies to uploads and downloads too', async () => {
    const store = memoryTokenStore(tokens());
    let uploads = 0;
    const transport: Transport = {
      request: async () => ({ status: 200, data: { accessToken: 'a2', refreshToken: 'r2', expiresIn: 900, user: { id: 'u', nickname: null } } }),
      upload: async (req) => {
        uploads++;
        return req.headers.authorization === 'Bearer a2' ? { status: 201, data: { id: 'rep', status: 'pending' } } : { status: 401, data: '' };
      },
      download: async (req) => ({ status: req.headers.authorization === 'Bearer a2' ? 200 : 401, src: 'blob:qr' }),
    };
    const api = createEndpoints(createApiClient({ baseUrl: '', transport, tokens: store }));
    await expect(api.reports.create({ category: 'environment', description: 'x', lat: 1, lng: 2 }, { filePath: 'tmp://a.jpg' })).resolves.toEqual({
      id: 'rep',
      status: 'pending',
    });
    expect(uploads).toBe(2);
    await expect(api.meetings.qrcodeImage('m1')).resolves.toBe('blob:qr');
  });
});

describe('a storm: requests the server turned away unstarted', () => {
  const busy: TransportResponse = { status: 503, data: { error: { code: 'UNAVAILABLE', message: '服务繁忙，请稍后再试', details: { retryAfterSeconds: 1 } } } };
  const down: TransportResponse = { status: 503, data: { error: { code: 'UNAVAILABLE', message: '服务暂时不可用' } } };

  it('are sent again after the wait the server asks for (spread by up to half), and succeed', async () => {
    const answers = [busy, busy, { status: 201, data: { stamp: { id: 's1' }, balance: 3, duplicate: false } }];
    const { transport, calls } = fakeTransport(() => answers.shift()!);
    const waits: number[] = [];
    const client = createApiClient({ baseUrl: '/api/v1', transport, tokens: memoryTokenStore(tokens()), sleep: async (ms) => void waits.push(ms) });
    await expect(client.post('/activities/a1/checkins', { token: 't' })).resolves.toMatchObject({ balance: 3 });
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.body)).toEqual([calls[0].body, calls[0].body, calls[0].body]);
    expect(waits).toHaveLength(2);
    for (const ms of waits) expect(ms >= 1000 && ms <= 1500).toBe(true);
  });

  it('give up after two more tries with the error the rider sees', async () => {
    const { transport, calls } = fakeTransport(() => busy);
    const client = createApiClient({ baseUrl: '/api/v1', transport, tokens: memoryTokenStore(tokens()), sleep: async () => undefined });
    const error = await client.post('/redemptions', { stationId: 's', rewardId: 'r' }).catch((e: unknown) => e);
    expect(isApiError(error) && error.code).toBe('UNAVAILABLE');
    expect(calls).toHaveLength(3);
  });

  it('a 503 that does not say the request was unstarted (database down) is not sent again', async () => {
    const { transport, calls } = fakeTransport(() => down);
    const client = createApiClient({ baseUrl: '/api/v1', transport, tokens: memoryTokenStore(tokens()), sleep: async () => undefined });
    await expect(client.post('/redemptions', { stationId: 's', rewardId: 'r' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(calls).toHaveLength(1);
  });
});
