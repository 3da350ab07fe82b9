import { isIP } from 'node:net';
import path from 'node:path';
import { parseWechatTemplates, type WechatTemplates } from './features/notifications/templates';
import { DEFAULT_HELP_HOTLINE, DEFAULT_QUEUED_SCAN_WINDOW_HOURS } from '@xfqs/domain';

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
  /** Notifications: WeChat templates (`WECHAT_TEMPLATES`) and the sending worker. */
  notifications: {
    templates: WechatTemplates;
    /** `NOTIFY_WORKER`: this instance sends queued WeChat messages and scans for activities starting soon. */
    worker: boolean;
    retryLimit: number;
    retryDelaySeconds: number;
    pollSeconds: number;
    activitySoonMinutes: number;
    activityScanSeconds: number;
    /** `WECHAT_MINIPROGRAM_STATE`: which version a message opens (formal in production). */
    miniprogramState: 'developer' | 'trial' | 'formal';
  };
  devLogin: boolean;
  corsOrigins: string[] | true;
  /** Request limits (see README's configuration table); every one answers 429 RATE_LIMITED with Retry-After. */
  limits: RateLimitSettings;
  /** `REDIS_URL`: limits (and other shared state) live in Redis, shared by every instance; in memory without it. */
  redisUrl?: string;
  /** `DOCS_ENABLED`: serve Swagger UI and the OpenAPI document at /docs (default on, off in production). */
  docsEnabled: boolean;
  /** `SEED_DEMO`: load the demo data into a new database (default: on for the embedded database; refused in production). */
  seedDemo: boolean;
  /** `LOCATION_RETENTION_DAYS`: raw check-in and report locations are kept this long, then aggregated and deleted. */
  locationRetentionDays: number;
  /** `PRUNE_INTERVAL_MINUTES`: how often the server runs the retention job (0 = never; use `pnpm admin prune`). */
  pruneIntervalMinutes: number;
  /** How old a scan queued on a phone without a network may be when it reaches the server (hours). */
  queuedScanWindowHours: number;
  /** The union hotline when no org on the way up sets its own (`orgs.hotline`). */
  helpHotline: string;
  /** Help requests closed longer ago than this many days have their personal fields erased. */
  helpRetentionDays: number;
  /**
   * `MAP_TILE_SOURCES`: where the H5 map may load its tile images from (CSP `img-src` sources,
   * comma-separated); must cover the `TARO_APP_MAP_TILES` the H5 app was built with.
   */
  mapTileSources: string[];
  /** Folder with the built H5 app, served at `/` when present. */
  h5Dir: string;
  logLevel: string;
  /**
   * `MAX_IN_FLIGHT`: API requests served at once; more are answered 503 UNAVAILABLE with
   * Retry-After (see plugins/admission.ts). 0 turns the limit off. Unset: 32 on the embedded
   * database, none on PostgreSQL.
   */
  maxInFlight?: number;
  /** Running several instances: proxies, metrics, replica, object store. */
  ops: OpsConfig;
}

export interface RateLimitSettings {
  /** Sign-in requests (WeChat, dev, refresh, logout together) per minute per client address. */
  authPerAddress: number;
  /** Sign-in attempts per minute per openid (dev login) or WeChat code. */
  authPerIdentity: number;
  /** Station and activity check-ins per rider per minute (together). */
  checkinsPerMinute: number;
  /** Membership application submissions per rider per hour. */
  applicationsPerHour: number;
  /** Redemption requests per rider per minute. */
  redemptionsPerMinute: number;
  /** 随手拍 uploads per rider per hour. */
  reportsPerHour: number;
  /** Anonymous `GET /stations/nearby` per client address per minute. */
  nearbyPerMinute: number;
  /** CSV exports, CSV imports and QR images per staff member per minute. */
  heavyPerMinute: number;
  /** Exports or imports running at once in one instance (more → 429). */
  heavyConcurrency: number;
  /** Rows one CSV export may hold (more → 422, narrow the filter). */
  exportMaxRows: number;
  /** Data rows one CSV import may hold (more → 413). */
  importMaxRows: number;
}

export interface OpsConfig {
  /**
   * `TRUST_PROXY`: comma-separated addresses/CIDRs (or `loopback`, `linklocal`, `uniquelocal`) of
   * proxies whose `X-Forwarded-For` is believed; unset, the socket address is the client.
   */
  trustProxy: string[] | false;
  /** `METRICS_TOKEN`: bearer token for `GET /metrics`; unset, /metrics does not exist (404). */
  metricsToken?: string;
  /** `DATABASE_REPLICA_URL`: a streaming replica for reads that tolerate lag. */
  databaseReplicaUrl?: string;
  /** `S3_*`: report photos in an S3-compatible store instead of `<DATA_DIR>/uploads`. */
  s3?: { endpoint?: string; bucket: string; region: string; accessKeyId?: string; secretAccessKey?: string };
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
    if (holdsDevelopmentPiiKey(parsePiiKeyring(piiKeyText)))
      throw new ConfigError('refusing to start in production: PII_KEY holds the development key material (under whatever id)');
    if (!env.CODE_SECRET || codeSecret === DEV_DEFAULTS.codeSecret)
      throw new ConfigError('refusing to start in production: CODE_SECRET is missing or the development default');
    if (devLogin) throw new ConfigError('refusing to start in production: DEV_LOGIN must be off');
    if (!env.WECHAT_APPID || !env.WECHAT_SECRET)
      throw new ConfigError('refusing to start in production: WECHAT_APPID and WECHAT_SECRET are required');
    if (env.CORS_ORIGINS?.split(',').some((o) => o.trim() === '*'))
      throw new ConfigError('refusing to start in production: CORS_ORIGINS must list the allowed origins, not *');
    if (parseBool('SEED_DEMO', env.SEED_DEMO, false))
      throw new ConfigError('refusing to start in production: SEED_DEMO would load demo users (with a super_admin) into the database');
  }
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  if (codeSecret.length < 32) throw new ConfigError('CODE_SECRET must be at least 32 characters');

  const dataDir = path.resolve(env.DATA_DIR || './.data');
  return {
    nodeEnv,
    port: parseIntInRange('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || defaultHost(nodeEnv, devLogin),
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
    notifications: {
      templates: parseTemplatesSetting(env.WECHAT_TEMPLATES),
      worker: parseBool('NOTIFY_WORKER', env.NOTIFY_WORKER, true),
      retryLimit: parseIntInRange('NOTIFY_RETRY_LIMIT', env.NOTIFY_RETRY_LIMIT, 5, 0, 20),
      retryDelaySeconds: parseIntInRange('NOTIFY_RETRY_DELAY_SECONDS', env.NOTIFY_RETRY_DELAY_SECONDS, 30, 1, 3600),
      pollSeconds: parseIntInRange('NOTIFY_POLL_SECONDS', env.NOTIFY_POLL_SECONDS, 2, 1, 60),
      activitySoonMinutes: parseIntInRange('ACTIVITY_SOON_MINUTES', env.ACTIVITY_SOON_MINUTES, 60, 5, 24 * 60),
      activityScanSeconds: parseIntInRange('ACTIVITY_SCAN_SECONDS', env.ACTIVITY_SCAN_SECONDS, 60, 5, 3600),
      miniprogramState: parseMiniprogramState(env.WECHAT_MINIPROGRAM_STATE, production),
    },
    devLogin,
    // Production answers no cross-origin request unless origins are configured.
    corsOrigins: parseOrigins(env.CORS_ORIGINS, production),
    limits: parseRateLimits(env),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    docsEnabled: parseBool('DOCS_ENABLED', env.DOCS_ENABLED, !production),
    seedDemo: parseBool('SEED_DEMO', env.SEED_DEMO, !production && !env.DATABASE_URL),
    locationRetentionDays: parseIntInRange('LOCATION_RETENTION_DAYS', env.LOCATION_RETENTION_DAYS, 180, 1, 3650),
    pruneIntervalMinutes: parseIntInRange('PRUNE_INTERVAL_MINUTES', env.PRUNE_INTERVAL_MINUTES, 60, 0, 7 * 24 * 60),
    queuedScanWindowHours: parseIntInRange('QUEUED_SCAN_WINDOW_HOURS', env.QUEUED_SCAN_WINDOW_HOURS, DEFAULT_QUEUED_SCAN_WINDOW_HOURS, 1, 24 * 7),
    helpHotline: parseHotline(env.HELP_HOTLINE),
    helpRetentionDays: parseIntInRange('HELP_RETENTION_DAYS', env.HELP_RETENTION_DAYS, 365, 1, 3650),
    mapTileSources: parseCspSources('MAP_TILE_SOURCES', env.MAP_TILE_SOURCES),
    h5Dir: path.resolve(env.H5_DIR || path.join(__dirname, '../../miniapp/dist/h5')),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    maxInFlight: env.MAX_IN_FLIGHT ? parseIntInRange('MAX_IN_FLIGHT', env.MAX_IN_FLIGHT, 0, 0, 1_000_000) : undefined,
    ops: parseOpsConfig(env),
  };
}

export function parseOpsConfig(env: Env): OpsConfig {
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  const databaseReplicaUrl = env.DATABASE_REPLICA_URL || undefined;
  if (databaseReplicaUrl && !env.DATABASE_URL) throw new ConfigError('DATABASE_REPLICA_URL needs DATABASE_URL (a replica of what?)');
  return { trustProxy: parseTrustProxy(env.TRUST_PROXY), metricsToken, databaseReplicaUrl, s3: parseS3(env) };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `TRUST_PROXY`: a list of IPs, CIDRs or proxy-addr's names; never "trust everyone". */
export function parseTrustProxy(value: string | undefined): string[] | false {
  if (!value) return false;
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (PROXY_NAMES.has(entry)) continue;
    if (!family || !validBits || extra !== undefined)
      throw new ConfigError(`TRUST_PROXY must list proxy addresses or CIDRs (e.g. 127.0.0.1,10.0.0.0/8), not "${entry}"`);
  }
  return entries.length ? entries : false;
}

function parseS3(env: Env): OpsConfig['s3'] {
  if (!env.S3_BUCKET) {
    if (env.S3_ENDPOINT) throw new ConfigError('S3_ENDPOINT is set but S3_BUCKET is not');
    return undefined;
  }
  if (env.S3_ENDPOINT && !/^https?:\/\/[^\s]+$/.test(env.S3_ENDPOINT)) throw new ConfigError(`S3_ENDPOINT must be an http(s) URL, not "${env.S3_ENDPOINT}"`);
  if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  return {
    endpoint: env.S3_ENDPOINT || undefined,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
  };
}

/**
 * Where to listen when HOST is unset: with dev login on outside production anyone who reaches the
 * server can sign in as any demo user (demo-super included), so it listens on this machine only.
 */
export function defaultHost(nodeEnv: AppConfig['nodeEnv'], devLogin: boolean): string {
  return devLogin && nodeEnv !== 'production' ? '127.0.0.1' : '0.0.0.0';
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

function parseTemplatesSetting(value: string | undefined): WechatTemplates {
  try {
    return parseWechatTemplates(value);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

function parseMiniprogramState(value: string | undefined, production: boolean): AppConfig['notifications']['miniprogramState'] {
  if (!value) return production ? 'formal' : 'developer';
  if (value === 'developer' || value === 'trial' || value === 'formal') return value;
  throw new ConfigError(`WECHAT_MINIPROGRAM_STATE must be developer, trial or formal, not "${value}"`);
}

/** A phone number riders can dial: digits and dashes, 3 to 20 characters (12351, 010-12351). */
export function parseHotline(value: string | undefined): string {
  if (value === undefined || value === '') return DEFAULT_HELP_HOTLINE;
  if (!/^[0-9][0-9-]{1,18}[0-9]$/.test(value)) throw new ConfigError(`HELP_HOTLINE must be a phone number like 12351 or 010-12351, not "${value}"`);
  return value;
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

function parseOrigins(value: string | undefined, production: boolean): string[] | true {
  if (!value) return production ? [] : true;
  if (value === '*') return true;
  return value.split(',').map((o) => o.trim()).filter(Boolean);
}

function parseRedisUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  }
  if (!['redis:', 'rediss:'].includes(url.protocol)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  return value;
}

/** Every request limit, each from its own variable (README's configuration table). */
function parseRateLimits(env: Env): RateLimitSettings {
  const limit = (name: string, fallback: number) => parseIntInRange(name, env[name], fallback, 1, 1_000_000);
  return {
    authPerAddress: limit('AUTH_RATE_LIMIT', 1200),
    authPerIdentity: limit('AUTH_RATE_LIMIT_PER_ID', 10),
    checkinsPerMinute: limit('CHECKIN_RATE_LIMIT', 30),
    applicationsPerHour: limit('APPLICATION_RATE_LIMIT', 5),
    redemptionsPerMinute: limit('REDEMPTION_RATE_LIMIT', 10),
    reportsPerHour: limit('REPORT_RATE_LIMIT', 30),
    nearbyPerMinute: limit('NEARBY_RATE_LIMIT', 600),
    heavyPerMinute: limit('HEAVY_RATE_LIMIT', 10),
    heavyConcurrency: parseIntInRange('HEAVY_CONCURRENCY', env.HEAVY_CONCURRENCY, 2, 1, 64),
    exportMaxRows: limit('EXPORT_MAX_ROWS', 50_000),
    importMaxRows: limit('IMPORT_MAX_ROWS', 5_000),
  };
}

/** True when any key of the ring has the bytes of the development key, whatever its id. */
export function holdsDevelopmentPiiKey(ring: PiiKeyring): boolean {
  const devKeys = [...parsePiiKeyring(DEV_DEFAULTS.piiKey).keys.values()];
  return [...ring.keys.values()].some((key) => devKeys.some((dev) => dev.equals(key)));
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
