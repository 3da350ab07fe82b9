import path from 'node:path';

/** Placeholder secrets that make development work out of the box and are refused in production. */
export const DEV_DEFAULTS = {
  jwtSecret: 'dev-only-jwt-secret-change-me-0123456789abcdef',
  piiKey: 'dev:ZGV2LW9ubHktcGlpLWtleS0zMi1ieXRlcy1sb25nISE=',
  codeSecret: 'dev-only-code-secret-change-me-0123456789abcdef',
} as const;

export interface PiiKeyring {
  /** Key id used for new encryptions. */
  activeKeyId: string;
  /** Every known key by id (32 bytes each), so older rows stay readable after a rotation. */
  keys: Map<string, Buffer>;
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  jwtSecret: string;
  /** Access-token lifetime in seconds. */
  accessTokenTtl: number;
  /** Refresh-token lifetime in seconds. */
  refreshTokenTtl: number;
  pii: PiiKeyring;
  /** Secret for signed QR contents (station check-in codes and similar). */
  codeSecret: string;
  /**
   * `PUBLIC_BASE_URL`: the absolute http(s) URL the public reaches this server at, without a
   * trailing slash (e.g. `https://xfqs.example.cn`), used in QR contents: station check-in codes and
   * meeting join links. Unset: meeting links use the request's own origin and station codes hold
   * the mini-program page path alone.
   */
  publicBaseUrl?: string;
  wechat: { appId: string; secret: string; apiBase: string; timeoutMs: number };
  devLogin: boolean;
  corsOrigins: string[] | true;
  /**
   * `MAP_TILE_SOURCES`: where the H5 map may load its tile images from (CSP `img-src` sources,
   * comma-separated); must cover the `TARO_APP_MAP_TILES` the H5 app was built with.
   */
  mapTileSources: string[];
  /** Requests per minute per client address on the sign-in routes. */
  authRateLimit: number;
  /** 随手拍 uploads per rider per hour. */
  reportRateLimit: number;
  /** Folder with the built H5 app, served at `/` when present. */
  h5Dir: string;
  logLevel: string;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the environment. Throws a ConfigError with a one-line reason when the
 * configuration is unusable, or unsafe for production.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  const production = nodeEnv === 'production';
  const devLogin = parseBool('DEV_LOGIN', env.DEV_LOGIN, !production);
  const jwtSecret = env.JWT_SECRET || DEV_DEFAULTS.jwtSecret;
  const piiKeyText = env.PII_KEY || DEV_DEFAULTS.piiKey;
  const codeSecret = env.CODE_SECRET || DEV_DEFAULTS.codeSecret;

  if (production) {
    if (!env.JWT_SECRET || jwtSecret === DEV_DEFAULTS.jwtSecret)
      throw new ConfigError('refusing to start in production: JWT_SECRET is missing or the development default');
    if (!env.PII_KEY || piiKeyText === DEV_DEFAULTS.piiKey)
      throw new ConfigError('refusing to start in production: PII_KEY is missing or the development default');
    if (!env.CODE_SECRET || codeSecret === DEV_DEFAULTS.codeSecret)
      throw new ConfigError('refusing to start in production: CODE_SECRET is missing or the development default');
    if (devLogin) throw new ConfigError('refusing to start in production: DEV_LOGIN must be off');
    if (!env.WECHAT_APPID || !env.WECHAT_SECRET)
      throw new ConfigError('refusing to start in production: WECHAT_APPID and WECHAT_SECRET are required');
  }
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  if (codeSecret.length < 32) throw new ConfigError('CODE_SECRET must be at least 32 characters');

  const dataDir = path.resolve(env.DATA_DIR || './.data');
  return {
    nodeEnv,
    port: parseIntInRange('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    jwtSecret,
    accessTokenTtl: parseIntInRange('ACCESS_TOKEN_TTL', env.ACCESS_TOKEN_TTL, 900, 60, 86400),
    refreshTokenTtl: parseIntInRange('REFRESH_TOKEN_TTL', env.REFRESH_TOKEN_TTL, 30 * 86400, 3600, 365 * 86400),
    pii: parsePiiKeyring(piiKeyText),
    codeSecret,
    publicBaseUrl: parsePublicBaseUrl(env.PUBLIC_BASE_URL),
    wechat: {
      appId: env.WECHAT_APPID || 'wx-dev-appid',
      secret: env.WECHAT_SECRET || 'wx-dev-secret',
      apiBase: (env.WECHAT_API_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      timeoutMs: parseIntInRange('WECHAT_TIMEOUT_MS', env.WECHAT_TIMEOUT_MS, 5000, 100, 60000),
    },
    devLogin,
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
    mapTileSources: parseCspSources('MAP_TILE_SOURCES', env.MAP_TILE_SOURCES),
    authRateLimit: parseIntInRange('AUTH_RATE_LIMIT', env.AUTH_RATE_LIMIT, 60, 1, 1_000_000),
    reportRateLimit: parseIntInRange('REPORT_RATE_LIMIT', env.REPORT_RATE_LIMIT, 30, 1, 1_000_000),
    h5Dir: path.resolve(env.H5_DIR || path.join(__dirname, '../../miniapp/dist/h5')),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
  };
}

function parseNodeEnv(value: string | undefined): AppConfig['nodeEnv'] {
  if (!value || value === 'development') return 'development';
  if (value === 'production' || value === 'test') return value;
  throw new ConfigError(`NODE_ENV must be development, production or test, not "${value}"`);
}

function parseBool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'off', 'no'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, not "${value}"`);
}

function parseIntInRange(name: string, value: string | undefined, fallback: number, min: number, max: number) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** An absolute http(s) URL (an origin, or an origin and a path) without a trailing slash, query or fragment. */
export function parsePublicBaseUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const problem = `PUBLIC_BASE_URL must be an absolute http(s) URL without a trailing slash, like https://xfqs.example.cn, not "${value}"`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(problem);
  }
  if (!['http:', 'https:'].includes(url.protocol) || !url.hostname || url.username || url.password || url.search || url.hash) throw new ConfigError(problem);
  if (value.endsWith('/') || value.includes('?') || value.includes('#') || /\s/.test(value)) throw new ConfigError(problem);
  // what the URL parser made of it, so `HTTPS://XFQS.example.cn` and an IDN host come out in their usual form
  return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
}

/** AutoNavi's street tiles (the H5 map's default, GCJ-02). */
export const DEFAULT_MAP_TILE_SOURCES = ['https://*.is.autonavi.com'];

/** CSP host sources such as `https://*.is.autonavi.com`; nothing that could loosen the policy (`*`, quotes, `;`). */
function parseCspSources(name: string, value: string | undefined): string[] {
  if (value === undefined || value === '') return DEFAULT_MAP_TILE_SOURCES;
  const sources = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const source of sources) {
    if (!/^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d+)?$/.test(source)) throw new ConfigError(`${name}: "${source}" is not an http(s) origin such as https://*.is.autonavi.com`);
  }
  return sources;
}

function parseOrigins(value: string | undefined): string[] | true {
  if (!value || value === '*') return true;
  return value.split(',').map((o) => o.trim()).filter(Boolean);
}

/**
 * PII_KEY is `keyId:base64key[,keyId:base64key…]` (the first is used for new data) or a bare
 * base64 key (id "k1"). Every key must decode to 32 bytes for AES-256-GCM.
 */
export function parsePiiKeyring(text: string): PiiKeyring {
  const entries = text.split(',').map((s) => s.trim()).filter(Boolean);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const [id, b64] = colon > 0 ? [entry.slice(0, colon), entry.slice(colon + 1)] : ['k1', entry];
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new ConfigError(`PII_KEY entry "${id}" must be 32 bytes of base64`);
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) throw new ConfigError(`PII_KEY id "${id}" must be 1-16 letters, digits, _ or -`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new ConfigError('PII_KEY is empty');
  return { activeKeyId: entries[0].includes(':') ? entries[0].split(':')[0] : 'k1', keys };
}
