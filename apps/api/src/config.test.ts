import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, DEV_DEFAULTS, loadConfig, parsePiiKeyring } from './config';

const key = (byte: string) => Buffer.alloc(32, byte).toString('base64');
const productionEnv = {
  NODE_ENV: 'production',
  JWT_SECRET: 'p'.repeat(40),
  PII_KEY: `k2:${key('a')}`,
  CODE_SECRET: 'c'.repeat(40),
  WECHAT_APPID: 'wx123',
  WECHAT_SECRET: 'secret',
};

describe('loadConfig', () => {
  it('gives a working development config with no environment at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.devLogin).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve('./.data'));
  });

  it('listens on this machine only while dev login is on, unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ DEV_LOGIN: 'false' }).host).toBe('0.0.0.0');
    expect(loadConfig(productionEnv).host).toBe('0.0.0.0');
  });

  it('accepts a complete production config with dev login off', () => {
    const config = loadConfig(productionEnv);
    expect(config.devLogin).toBe(false);
    expect(config.pii.activeKeyId).toBe('k2');
  });

  it.each([
    ['JWT_SECRET missing', { JWT_SECRET: undefined }, /JWT_SECRET/],
    ['JWT_SECRET default', { JWT_SECRET: DEV_DEFAULTS.jwtSecret }, /JWT_SECRET/],
    ['PII_KEY missing', { PII_KEY: undefined }, /PII_KEY/],
    ['PII_KEY default', { PII_KEY: DEV_DEFAULTS.piiKey }, /PII_KEY/],
    ['CODE_SECRET missing', { CODE_SECRET: undefined }, /CODE_SECRET/],
    ['dev login on', { DEV_LOGIN: 'true' }, /DEV_LOGIN/],
    ['WeChat secret missing', { WECHAT_SECRET: undefined }, /WECHAT/],
  ])('refuses production with %s', (_name, change, reason) => {
    expect(() => loadConfig({ ...productionEnv, ...change })).toThrow(ConfigError);
    expect(() => loadConfig({ ...productionEnv, ...change })).toThrow(reason);
  });

  it('rejects malformed values with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DEV_LOGIN: 'maybe' })).toThrow(/DEV_LOGIN/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ PII_KEY: 'short' })).toThrow(/32 bytes/);
  });

  it('reads PUBLIC_BASE_URL: optional, an absolute http(s) URL without a trailing slash', () => {
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_BASE_URL: '' }).publicBaseUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://xfqs.example.cn' }).publicBaseUrl).toBe('https://xfqs.example.cn');
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://10.0.0.5:8080' }).publicBaseUrl).toBe('http://10.0.0.5:8080');
    expect(loadConfig({ PUBLIC_BASE_URL: 'HTTPS://XFQS.Example.cn/app' }).publicBaseUrl).toBe('https://xfqs.example.cn/app');
    expect(loadConfig({ ...productionEnv, PUBLIC_BASE_URL: 'https://xfqs.example.cn' }).publicBaseUrl).toBe('https://xfqs.example.cn');
    for (const bad of ['https://xfqs.example.cn/', 'xfqs.example.cn', '/relative', 'ftp://xfqs.example.cn', 'https://xfqs.example.cn?x=1', 'https://xfqs.example.cn#top', 'https://user:pw@xfqs.example.cn', 'https://', 'https://xfqs.example.cn/app/']) {
      expect(() => loadConfig({ PUBLIC_BASE_URL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ PUBLIC_BASE_URL: bad })).toThrow(/PUBLIC_BASE_URL/);
    }
  });

  it('reads a PII keyring with several keys, the first one active', () => {
    const ring = parsePiiKeyring(`new:${key('n')},old:${key('o')}`);
    expect(ring.activeKeyId).toBe('new');
    expect([...ring.keys.keys()]).toEqual(['new', 'old']);
  });
});

describe('server start-up', () => {
  it('refuses to start in production with default secrets, with a one-line reason', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'server.ts')], {
      env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: '', PII_KEY: '', DATA_DIR: '/tmp/xfqs-never-created' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/refusing to start in production: JWT_SECRET/);
  });
});
