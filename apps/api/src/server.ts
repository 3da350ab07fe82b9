import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { logSafeError } from './log-safe-error';

/** An orchestrator (systemd TimeoutStopSec, Kubernetes grace period) may kill after this. */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main() {
  const config = loadConfig();
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
  if (err instanceof ConfigError) {
    console.error(err.message); // a setting to fix, said plainly
    process.exit(1);
  }
  // A JSON line like the logger's (the app's logger may not exist yet): where it failed, no bound values.
  console.error(JSON.stringify({ level: 60, time: Date.now(), pid: process.pid, msg: 'start-up failed', err: logSafeError(err) }));
  process.exit(1);
});
