import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isSeeded, openDatabase, seedDemoData, type DatabaseHandle } from '@xfqs/db';
import type { AppConfig } from './config';
import { errorsPlugin } from './plugins/errors';
import { validationPlugin } from './plugins/validation';
import { dbPlugin } from './plugins/db';
import { clockPlugin, systemClock, type Clock } from './plugins/clock';
import { securityPlugin } from './plugins/security';
import { authPlugin } from './plugins/auth';
import { openapiPlugin } from './plugins/openapi';
import { staticH5Plugin } from './plugins/static-h5';
import { healthRoutes } from './features/health/routes';
import { authRoutes } from './features/auth/routes';
import { orgRoutes } from './features/orgs/routes';
import { stationRoutes } from './features/stations/routes';
import { stampsRoutes } from './features/stamps/routes';
import { membershipRoutes } from './features/membership/routes';

export interface BuildOptions {
  /** An open database (tests pass one); otherwise one is opened from the config and migrated. */
  database?: DatabaseHandle;
  /** Load the demo data if this database has never had it. */
  seedDemo?: boolean;
  clock?: Clock;
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

export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const handle = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    if (!options.database) await handle.migrate();
    if (options.seedDemo && !(await isSeeded(handle.db))) await seedDemoData(handle.db);
  } catch (err) {
    if (!options.database) await handle.close();
    throw err;
  }

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
      },
    },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON routes answer other content types with 415; routes that take CSV or multipart add their own parser.
  app.removeContentTypeParser('text/plain');

  await app.register(errorsPlugin);
  await app.register(validationPlugin);
  await app.register(clockPlugin, { clock: options.clock ?? systemClock });
  await app.register(dbPlugin, { handle, closeOnShutdown: !options.database });
  await app.register(securityPlugin, { corsOrigins: config.corsOrigins, mapTileSources: config.mapTileSources });
  await app.register(authPlugin, { secret: config.jwtSecret, accessTokenTtl: config.accessTokenTtl });
  await app.register(openapiPlugin);

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(authRoutes, {
        wechat: config.wechat,
        devLogin: config.devLogin,
        accessTokenTtl: config.accessTokenTtl,
        refreshTokenTtl: config.refreshTokenTtl,
        rateLimitPerMinute: config.authRateLimit,
      });
      await api.register(orgRoutes);
      await api.register(stationRoutes, { codeSecret: config.codeSecret, publicBaseUrl: config.publicBaseUrl });
      await api.register(stampsRoutes, { dataDir: config.dataDir, reportsPerHour: config.reportRateLimit });
      await api.register(membershipRoutes, { pii: config.pii, publicOrigin: config.publicBaseUrl, codeSecret: config.codeSecret });
    },
    { prefix: API_PREFIX },
  );
  await app.register(staticH5Plugin, { root: config.h5Dir });
  return app;
}
