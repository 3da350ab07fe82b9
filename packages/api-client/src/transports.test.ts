import { createFetchTransport } from './fetch-transport';
import { createTaroTransport, type TaroNetworkApi } from './taro-transport';

describe('fetch transport', () => {
  it('parses JSON, empty and text bodies', async () => {
    const bodies = ['{"a":1}', '', 'plain'];
    const fetchImpl = jest.fn(async () => new Response(bodies.shift(), { status: 200 }));
    const t = createFetchTransport(fetchImpl as unknown as typeof fetch);
    const req = { method: 'GET' as const, url: '/x', headers: {} };
    expect(await t.request(req)).toEqual({ status: 200, data: { a: 1 } });
    expect(await t.request(req)).toEqual({ status: 200, data: undefined });
    expect(await t.request(req)).toEqual({ status: 200, data: 'plain' });
  });

  it('reports a network failure as NETWORK_ERROR with status 0', async () => {
    const t = createFetchTransport((async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    await expect(t.request({ method: 'GET', url: '/x', headers: {} })).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('sends uploads as multipart with the text fields and the file part', async () => {
    let sent: FormData | undefined;
    const fetchImpl = jest.fn(async (_url: string, init?: RequestInit) => {
      sent = init?.body as FormData;
      return new Response('{"id":"r1","status":"pending"}', { status: 201 });
    });
    const progress: number[] = [];
    const t = createFetchTransport(fetchImpl as unknown as typeof fetch);
    const res = await t.upload({
      url: '/reports',
      headers: {},
      name: 'photo',
      file: { blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), fileName: 'a.png' },
      fields: { category: 'environment', lat: '39.8' },
      onProgress: (p) => progress.push(p),
    });
    expect(res).toEqual({ status: 201, data: { id: 'r1', status: 'pending' } });
    expect(sent?.get('category')).toBe('environment');
    expect((sent?.get('photo') as File).name).toBe('a.png');
    expect(progress.at(-1)).toBe(100);
  });
});

describe('Taro transport', () => {
  function fakeTaro(overrides: Partial<TaroNetworkApi> = {}): TaroNetworkApi {
    return {
      request: async () => ({ statusCode: 200, data: '{"ok":true}' }),
      uploadFile: (opts) => {
        const listeners: ((r: { progress: number }) => void)[] = [];
        setTimeout(() => {
          listeners.forEach((l) => l({ progress: 50 }));
          opts.success?.({ statusCode: 413, data: '{"error":{"code":"PAYLOAD_TOO_LARGE","message":"too big"}}' });
        }, 1);
        return { onProgressUpdate: (cb) => listeners.push(cb) };
      },
      downloadFile: async () => ({ statusCode: 200, tempFilePath: 'wxfile://tmp/qr.png' }),
      ...overrides,
    };
  }

  it('parses text bodies itself', async () => {
    const t = createTaroTransport(fakeTaro());
    expect(await t.request({ method: 'GET', url: '/x', headers: {} })).toEqual({ status: 200, data: { ok: true } });
  });

  it('parses the upload response string and reports progress', async () => {
    const progress: number[] = [];
    const t = createTaroTransport(fakeTaro());
    const res = await t.upload({ url: '/reports', headers: {}, name: 'photo', file: { filePath: 'wxfile://a.jpg' }, fields: {}, onProgress: (p) => progress.push(p) });
    expect(res.status).toBe(413);
    expect(res.data).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'too big' } });
    expect(progress).toEqual([50]);
  });

  it('maps a request failure to NETWORK_ERROR or TIMEOUT', async () => {
    const t = createTaroTransport(
      fakeTaro({
        request: async () => {
          throw { errMsg: 'request:fail timeout' };
        },
      }),
    );
    await expect(t.request({ method: 'GET', url: '/x', headers: {} })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('gives downloads as a temp file path', async () => {
    const t = createTaroTransport(fakeTaro());
    expect(await t.download({ url: '/q.png', headers: {} })).toEqual({ status: 200, src: 'wxfile://tmp/qr.png' });
  });
});
