import fp from 'fastify-plugin';
import PgBoss from 'pg-boss';
import type { FastifyInstance } from 'fastify';
import { notifyActivitiesStartingSoon } from './activity-soon';
import { deliver, RetryLater, type DeliveryDeps } from './deliver';
import { BOSS_SCHEMA, SEND_QUEUE, handleExecutor, type SendJob } from './queue';
import type { WechatTemplates } from './templates';
import { AccessTokens, type WechatApiConfig } from './wechat-api';

export interface NotificationsWorkerOptions {
  wechat: WechatApiConfig;
  templates: WechatTemplates;
  /** Run the WeChat sender and the activity scan in this instance (`NOTIFY_WORKER`). */
  worker: boolean;
  pollSeconds: number;
  activitySoonMinutes: number;
  activityScanSeconds: number;
  miniprogramState: DeliveryDeps['miniprogramState'];
}

declare module 'fastify' {
  interface FastifyInstance {
    notificationsQueue: PgBoss;
    /** Delivery dependencies (tests drive `deliver` and read the token cache through it). */
    notificationDeps: DeliveryDeps;
  }
}

/**
 * The queue and the worker. Every instance starts pg-boss on the schema and send queue its
 * migration step installed (installQueue), because `notify()` enqueues in any instance's
 * transactions; instances with `NOTIFY_WORKER` on also poll the queue
 * and send, and scan for activities starting soon. Both drivers: pg-boss runs on the app's own
 * database handle (a pool on PostgreSQL, the single connection on PGlite).
 */
export const notificationsWorker = fp<NotificationsWorkerOptions>(async function notificationsWorker(app: FastifyInstance, options) {
  const boss = new PgBoss({
    db: handleExecutor(app.database),
    schema: BOSS_SCHEMA,
    supervise: options.worker,
    schedule: false,
    migrate: false, // schema and send queue are installed in the migration step (installQueue); start() checks the version
  });
  boss.on('error', (err) => app.log.error({ err: { message: err.message } }, 'notification queue error'));
  await boss.start();

  const now = () => app.clock.now();
  const deps: DeliveryDeps = {
    db: app.db,
    wechat: options.wechat,
    templates: options.templates,
    tokens: new AccessTokens(app.db, options.wechat, now),
    miniprogramState: options.miniprogramState,
    now,
  };
  app.decorate('notificationsQueue', boss);
  app.decorate('notificationDeps', deps);

  let scan: NodeJS.Timeout | undefined;
  if (options.worker) {
    await boss.work<SendJob>(SEND_QUEUE, { pollingIntervalSeconds: options.pollSeconds, includeMetadata: true, batchSize: 1 }, async ([job]) => {
      const lastAttempt = job.retryCount >= job.retryLimit;
      try {
        const outcome = await deliver(deps, job.data.notificationId, lastAttempt);
        app.log.info({ notificationId: job.data.notificationId, outcome }, 'notification delivery');
      } catch (err) {
        if (err instanceof RetryLater) app.log.warn({ notificationId: job.data.notificationId, reason: err.message, retry: job.retryCount + 1 }, 'notification delivery will be retried');
        throw err;
      }
    });
    const runScan = () =>
      notifyActivitiesStartingSoon(app.db, now(), options.activitySoonMinutes).catch((err) => app.log.error({ err: { message: (err as Error).message } }, 'activity-soon scan failed'));
    scan = setInterval(runScan, options.activityScanSeconds * 1000);
    scan.unref();
  }

  app.addHook('onClose', async () => {
    if (scan) clearInterval(scan);
    await boss.stop({ graceful: true, wait: true, timeout: 5000 });
  });
});
