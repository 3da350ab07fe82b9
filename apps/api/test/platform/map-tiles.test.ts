import { ConfigError, loadConfig } from '../../src/config';
import { createTestApp } from '../harness';

/** The `img-src` sources of a Content-Security-Policy header. */
const imgSrc = (csp: string | undefined) => (csp ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src'))?.split(/\s+/).slice(1) ?? [];

describe('H5 map tiles in the Content-Security-Policy', () => {
  it('lets the H5 map load AutoNavi tiles by default', async () => {
    const t = await createTestApp({ seed: false });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(imgSrc(res.headers['content-security-policy'] as string)).toEqual(expect.arrayContaining(["'self'", 'https://*.is.autonavi.com']));
    } finally {
      await t.close();
    }
  });

  it('takes the tile servers from MAP_TILE_SOURCES and refuses values that would loosen the policy', async () => {
    const t = await createTestApp({ seed: false, env: { MAP_TILE_SOURCES: 'https://tiles.example.cn, https://*.tile.example.org' } });
    try {
      const sources = imgSrc((await t.app.inject({ method: 'GET', url: '/healthz' })).headers['content-security-policy'] as string);
      expect(sources).toEqual(expect.arrayContaining(['https://tiles.example.cn', 'https://*.tile.example.org']));
      expect(sources).not.toContain('https://*.is.autonavi.com');
    } finally {
      await t.close();
    }
    for (const bad of ['*', "'unsafe-inline'", 'https://a.example.cn; script-src *', 'data:']) {
      expect(() => loadConfig({ MAP_TILE_SOURCES: bad })).toThrow(ConfigError);
    }
  });
});
