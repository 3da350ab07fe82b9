import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

/** An orchestrator (systemd TimeoutStopSec, Kubernetes grace period) may kill after this. */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = await buildApp(config, { seedDemo: config.seedDemo });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    // In-flight requests get until the deadline; a process that cannot close by then exits anyway.
    setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS - 500).unref();
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`先锋骑士 ready: http://localhost:${config.port}/ (API ${'/api/v1'}, docs /docs, database ${app.database.kind})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
