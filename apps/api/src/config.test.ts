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
    ['the development PII key bytes under another id', { PII_KEY: `prod:${DEV_DEFAULTS.piiKey.split(':')[1]}` }, /development key material/],
    ['the development PII key bytes as an older key', { PII_KEY: `k2:${key('a')},old:${DEV_DEFAULTS.piiKey.split(':')[1]}` }, /development key material/],
    ['the development PII key bytes as a bare key', { PII_KEY: DEV_DEFAULTS.piiKey.split(':')[1] }, /development key material/],
    ['CORS_ORIGINS *', { CORS_ORIGINS: '*' }, /CORS_ORIGINS/],
    ['CORS_ORIGINS with * among origins', { CORS_ORIGINS: 'https://a.example.cn, *' }, /CORS_ORIGINS/],
    ['demo seeding', { SEED_DEMO: 'true' }, /SEED_DEMO/],
  ])('refuses production with %s', (_name, change, reason) => {
    expect(() => loadConfig({ ...productionEnv, ...change })).toThrow(ConfigError);
    expect(() => loadConfig({ ...productionEnv, ...change })).toThrow(reason);
  });

  it('production: no cross-origin requests, no /docs and no demo data unless configured; the embedded database is not seeded', () => {
    const config = loadConfig(productionEnv);
    expect(config.corsOrigins).toEqual([]);
    expect(config.docsEnabled).toBe(false);
    expect(config.seedDemo).toBe(false);
    expect(loadConfig({ ...productionEnv, DOCS_ENABLED: 'true', CORS_ORIGINS: 'https://xfqs.example.cn' })).toMatchObject({ docsEnabled: true, corsOrigins: ['https://xfqs.example.cn'] });
    // development: docs on, any origin, demo data on the embedded database only
    expect(loadConfig({})).toMatchObject({ docsEnabled: true, corsOrigins: true, seedDemo: true });
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DOCS_ENABLED: 'off' }).docsEnabled).toBe(false);
  });

  it('reads every rate limit and REDIS_URL, naming a bad variable', () => {
    expect(loadConfig({}).limits).toMatchObject({ authPerAddress: 1200, authPerIdentity: 10, checkinsPerMinute: 30, applicationsPerHour: 5, reportsPerHour: 30, exportMaxRows: 50000, importMaxRows: 5000 });
    expect(loadConfig({ CHECKIN_RATE_LIMIT: '7', EXPORT_MAX_ROWS: '9' }).limits).toMatchObject({ checkinsPerMinute: 7, exportMaxRows: 9 });
    for (const name of ['AUTH_RATE_LIMIT', 'AUTH_RATE_LIMIT_PER_ID', 'CHECKIN_RATE_LIMIT', 'APPLICATION_RATE_LIMIT', 'REDEMPTION_RATE_LIMIT', 'REPORT_RATE_LIMIT', 'NEARBY_RATE_LIMIT', 'HEAVY_RATE_LIMIT', 'HEAVY_CONCURRENCY', 'EXPORT_MAX_ROWS', 'IMPORT_MAX_ROWS', 'LOCATION_RETENTION_DAYS']) {
      expect(() => loadConfig({ [name]: '0' })).toThrow(name);
    }
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6421/0' }).redisUrl).toBe('redis://127.0.0.1:6421/0');
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(() => loadConfig({ REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/);
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

describe('operations settings', () => {
  it('parse TRUST_PROXY as addresses and CIDRs, and refuse anything else', () => {
    expect(loadConfig({}).ops.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).ops.trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'loopback']);
    for (const bad of ['true', '*', '10.0.0.0/33', 'nginx.local', '1.2.3.4/8/1']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
  });

  it('need a long METRICS_TOKEN, a primary for DATABASE_REPLICA_URL and a bucket for S3_ENDPOINT', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://r/x' })).toThrow(/DATABASE_REPLICA_URL/);
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(/go together/);
    expect(loadConfig({ S3_BUCKET: 'photos', S3_ENDPOINT: 'http://127.0.0.1:9440' }).ops.s3).toEqual({
      endpoint: 'http://127.0.0.1:9440', bucket: 'photos', region: 'us-east-1', accessKeyId: undefined, secretAccessKey: undefined,
    });
  });
});

describe('notification settings', () => {
  const templates = { application_approved: { id: 'tmplA-1_x', fields: { thing1: 'title', phrase2: 'status', time3: 'time' } } };

  it('defaults to an inbox without WeChat templates and a running worker', () => {
    const { notifications } = loadConfig({});
    expect(notifications).toMatchObject({ templates: {}, worker: true, retryLimit: 5, retryDelaySeconds: 30, activitySoonMinutes: 60, miniprogramState: 'developer' });
    expect(loadConfig(productionEnv).notifications.miniprogramState).toBe('formal');
  });

  it('reads WECHAT_TEMPLATES and the worker switches', () => {
    const { notifications } = loadConfig({ WECHAT_TEMPLATES: JSON.stringify(templates), NOTIFY_WORKER: 'false', NOTIFY_RETRY_LIMIT: '2' });
    expect(notifications.templates).toEqual(templates);
    expect(notifications.worker).toBe(false);
    expect(notifications.retryLimit).toBe(2);
  });

  it.each([
    ['not JSON', '{nope', /must be JSON/],
    ['an array', '[]', /JSON object/],
    ['an unknown kind', JSON.stringify({ spam: templates.application_approved }), /unknown kind "spam"/],
    ['no id', JSON.stringify({ report_accepted: { fields: { thing1: 'title' } } }), /id must be/],
    ['no fields', JSON.stringify({ report_accepted: { id: 'x', fields: {} } }), /fields must map/],
    ['a key that is no WeChat type', JSON.stringify({ report_accepted: { id: 'x', fields: { weird1: 'title' } } }), /not a WeChat field key/],
    ['an unknown source', JSON.stringify({ report_accepted: { id: 'x', fields: { thing1: 'openid' } } }), /must be one of title, body, status, time/],
  ])('refuses WECHAT_TEMPLATES that is %s', (_name, value, reason) => {
    expect(() => loadConfig({ WECHAT_TEMPLATES: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WECHAT_TEMPLATES: value })).toThrow(reason);
  });

  it('refuses a bad miniprogram state or retry limit', () => {
    expect(() => loadConfig({ WECHAT_MINIPROGRAM_STATE: 'beta' })).toThrow(/WECHAT_MINIPROGRAM_STATE/);
    expect(() => loadConfig({ NOTIFY_RETRY_LIMIT: '-1' })).toThrow(/NOTIFY_RETRY_LIMIT/);
  });
});
