import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isSeeded, openDatabase, seedDemoData, type DatabaseHandle } from '@xfqs/db';
import { ConfigError, type AppConfig } from './config';
import { errorsPlugin, frameworkErrors } from './plugins/errors';
import { lifecyclePlugin } from './plugins/lifecycle';
import { metricsPlugin } from './plugins/metrics';
import { validationPlugin } from './plugins/validation';
import { dbPlugin } from './plugins/db';
import { clockPlugin, systemClock, type Clock } from './plugins/clock';
import { securityPlugin } from './plugins/security';
import { redisPlugin } from './plugins/redis';
import { rateLimitsPlugin } from './plugins/rate-limits';
import { logSafeError } from './log-safe-error';
import { OneLinePerRequest } from './request-log';
import { authPlugin, secureByDefault } from './plugins/auth';
import { openapiPlugin } from './plugins/openapi';
import { staticH5Plugin } from './plugins/static-h5';
import { admissionPlugin } from './plugins/admission';
import { requestIdGenerator, requestIdPlugin } from './plugins/request-id';
import { healthRoutes } from './features/health/routes';
import { authRoutes } from './features/auth/routes';
import { orgRoutes } from './features/orgs/routes';
import { stationRoutes } from './features/stations/routes';
import { nearbyPlugin } from './features/stations/nearby-plugin';
import { stampsRoutes } from './features/stamps/routes';
import { S3PhotoStore } from './features/stamps/photo-store';
import { membershipRoutes } from './features/membership/routes';
import { accountRoutes } from './features/account/routes';
import { notificationRoutes } from './features/notifications/routes';
import { notificationsWorker } from './features/notifications/worker';
import { installQueue } from './features/notifications/queue';
import { helpRoutes } from './features/help/routes';
import { demoShowcasePorts } from './demo-showcase';

export interface BuildOptions {
  /** An open database (tests pass one); otherwise one is opened from the config and migrated. */
  database?: DatabaseHandle;
  /** An open read replica (tests pass one); otherwise opened from `DATABASE_REPLICA_URL` when set. */
  readDatabase?: DatabaseHandle;
  /** Load the demo data if this database has never had it. */
  seedDemo?: boolean;
  clock?: Clock;
  /** Overrides PRUNE_INTERVAL_MINUTES (tests pass 0 and run the job themselves). */
  pruneIntervalMinutes?: number;
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
}

export const API_PREFIX = '/api/v1';

/** Fields that must never reach a log line. */
const REDACT = [
  'req.headers.authorization',
  '*.accessToken',
  '*.refreshToken',
  '*.idCardNumber',
  '*.phone',
  '*.realName',
  '*.code',
  '*.token',
];

/**
 * The embedded database runs every query on this thread, one at a time (≈ 250–400 check-ins a
 * second on a small machine): beyond 32 requests waiting, answering 503 beats a 10-second queue
 * (measured in docs/PERFORMANCE.md, "Embedded PGlite under a storm").
 * PostgreSQL queues in its pool and scales with its own cores; no limit unless MAX_IN_FLIGHT says so.
 */
const defaultMaxInFlight = (handle: DatabaseHandle) => (handle.kind === 'pglite' ? 32 : 0);

export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  if (options.seedDemo && config.nodeEnv === 'production') {
    throw new ConfigError('refusing to start in production: the demo data (with a super_admin) must not be loaded');
  }
  const { handle, replica } = await openDatabases(config, options);
  let app: FastifyInstance;
  try {
    app = createFastify(config, options);
    // First, so that closing the app closes the databases whatever fails after it.
    await app.register(dbPlugin, { handle, replica, closeOnShutdown: !options.database });
  } catch (err) {
    if (!options.database) await Promise.all([handle.close(), replica?.close()]);
    throw err;
  }
  try {
    await registerEverything(app, config, options, handle);
  } catch (err) {
    // A start that fails half-way (Redis unreachable, a queue error) leaves nothing open behind it:
    // no pool, no LISTEN connection, no job-queue timers keeping a test run or a supervisor waiting.
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}

/** Opens and migrates the database (unless the caller passes one), installs the job queue, seeds if asked; opens the replica. */
async function openDatabases(config: AppConfig, options: BuildOptions): Promise<{ handle: DatabaseHandle; replica?: DatabaseHandle }> {
  const handle = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    // instances started together: one migrates, installs the job queue and seeds, the others wait for it (advisory lock)
    const afterMigrations = async () => {
      await installQueue(handle, config.notifications);
      if (options.seedDemo && !(await isSeeded(handle.db))) await seedDemoData(handle.db, { showcase: demoShowcasePorts(config) });
    };
    if (options.database) await afterMigrations();
    else await handle.migrate(afterMigrations);
    const replica =
      options.readDatabase ?? (config.ops.databaseReplicaUrl && !options.database ? await openDatabase({ databaseUrl: config.ops.databaseReplicaUrl }) : undefined);
    return { handle, replica };
  } catch (err) {
    if (!options.database) await handle.close();
    throw err;
  }
}

function createFastify(config: AppConfig, options: BuildOptions): FastifyInstance {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Readable lines for a person at a terminal in development; JSON lines everywhere else.
      ...(config.nodeEnv === 'development' && process.stdout.isTTY && !options.logStream ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: {
        // Path only: query strings may carry codes or a rider's location.
        req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
        err: (err) => logSafeError(err),
      },
    },
    bodyLimit: 1024 * 1024,
    // A long path parameter reaches its route and is refused there by its schema (400 naming the
    // field) instead of missing every route and landing in the H5 app's wildcard (404).
    routerOptions: { maxParamLength: 500 },
    frameworkErrors,
    // Shutdown: idle keep-alive sockets are closed at once; late requests get our 503 envelope (lifecycle plugin).
    forceCloseConnections: 'idle',
    // X-Forwarded-For only from the proxies named in TRUST_PROXY (request.ip is then the rider's address).
    trustProxy: config.ops.trustProxy,
    return503OnClosing: false,
    genReqId: requestIdGenerator(),
    logController: new OneLinePerRequest(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON routes answer other content types with 415; routes that take CSV or multipart add their own parser.
  app.removeContentTypeParser('text/plain');
  return app;
}

async function registerEverything(app: FastifyInstance, config: AppConfig, options: BuildOptions, handle: DatabaseHandle): Promise<void> {
  await app.register(errorsPlugin);
  await app.register(requestIdPlugin);
  await app.register(lifecyclePlugin);
  await app.register(validationPlugin);
  await app.register(clockPlugin, { clock: options.clock ?? systemClock });
  await app.register(metricsPlugin, { token: config.ops.metricsToken });
  await app.register(nearbyPlugin);
  await app.register(securityPlugin, { corsOrigins: config.corsOrigins, mapTileSources: config.mapTileSources });
  await app.register(authPlugin, { secret: config.jwtSecret, accessTokenTtl: config.accessTokenTtl });
  await app.register(redisPlugin, { url: config.redisUrl });
  await app.register(rateLimitsPlugin, { settings: config.limits });
  await app.register(openapiPlugin, { docsEnabled: config.docsEnabled });

  // Photos in the shared object store when S3_* is set; else stamps keeps them under DATA_DIR.
  const photoStore = config.ops.s3 ? new S3PhotoStore(config.ops.s3) : undefined;
  app.addHook('onClose', async () => photoStore?.close());
  await app.register(notificationsWorker, { wechat: config.wechat, ...config.notifications });

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(admissionPlugin, { maxInFlight: config.maxInFlight ?? defaultMaxInFlight(handle), retryAfterSeconds: 1 });
      // Everything under /api/v1 requires a signed-in caller unless a route declares `config.access`.
      await api.register(secureByDefault);
      await api.register(authRoutes, {
        wechat: config.wechat,
        devLogin: config.devLogin,
        accessTokenTtl: config.accessTokenTtl,
        refreshTokenTtl: config.refreshTokenTtl,
      });
      await api.register(orgRoutes);
      await api.register(stationRoutes, { codeSecret: config.codeSecret, publicBaseUrl: config.publicBaseUrl, queuedScanWindowHours: config.queuedScanWindowHours });
      await api.register(stampsRoutes, { dataDir: config.dataDir, photoStore, queuedScanWindowHours: config.queuedScanWindowHours });
      await api.register(membershipRoutes, { pii: config.pii, publicOrigin: config.publicBaseUrl, codeSecret: config.codeSecret });
      await api.register(accountRoutes, {
        pii: config.pii,
        retentionDays: config.locationRetentionDays,
        helpRetentionDays: config.helpRetentionDays,
        pruneIntervalMinutes: options.pruneIntervalMinutes ?? config.pruneIntervalMinutes,
      });
      await api.register(notificationRoutes, { templates: config.notifications.templates });
      await api.register(helpRoutes, { pii: config.pii, hotline: config.helpHotline });
    },
    { prefix: API_PREFIX },
  );
  await app.register(staticH5Plugin, { root: config.h5Dir });
}
