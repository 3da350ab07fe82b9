import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DatabaseHandle, type Tx } from '@xfqs/db';

/**
 * The job queue is pg-boss (jobs in the `pgboss` schema of the app's own database). It runs on
 * both drivers because it talks through `executeSql(text, values)`, which we give it: the
 * database handle's own connection (pool or PGlite), or — to enqueue a job atomically with the
 * event that caused it — the event's transaction.
 */
export const SEND_QUEUE = 'notification-send';
export const BOSS_SCHEMA = 'pgboss';

export interface SendJob {
  notificationId: string;
}

/** pg-boss passes JSON payloads as objects (both drivers get them as JSON text) and absent options as undefined (NULL). */
const param = (value: unknown) =>
  value === undefined
    ? null
    : value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) ? JSON.stringify(value) : value;

/** pg-boss's adapter for the app's database handle. */
export function handleExecutor(handle: DatabaseHandle): PgBoss.Db {
  return { executeSql: (text, values) => handle.query(text, values?.map(param)) };
}

/** pg-boss's adapter for a Drizzle transaction: `$n` placeholders become Drizzle parameters. */
export function txExecutor(tx: Tx): PgBoss.Db {
  return {
    executeSql: async (text, values = []) => {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${param(values[Number(part) - 1])}`));
      return { rows: rowsOf(await tx.execute(sql.join(chunks))) };
    },
  };
}

/** How the send queue retries a failed delivery: `retryLimit` tries, `retryDelay` seconds doubling each time. */
export interface SendQueuePolicy {
  retryLimit: number;
  retryDelaySeconds: number;
}

/**
 * Creates (or upgrades) pg-boss's schema and the send queue with its retry policy. Runs in the
 * start-up's migration step, under the migration lock (app.ts), because neither is safe to run by
 * two instances at once on an empty database: both run `CREATE SCHEMA IF NOT EXISTS pgboss` (the
 * second fails on pg_namespace's unique index), and two `create_queue` calls deadlock (each waits
 * on the other's new row in pgboss.queue while it takes the lock its foreign key needs; CI saw
 * instances die of both). The worker then only checks the version and uses the queue.
 */
export async function installQueue(handle: DatabaseHandle, policy: SendQueuePolicy): Promise<void> {
  const boss = new PgBoss({ db: handleExecutor(handle), schema: BOSS_SCHEMA, supervise: false, schedule: false, migrate: true });
  boss.on('error', () => undefined); // start() rejects with the same error
  await boss.start();
  try {
    const queue = { name: SEND_QUEUE, retryLimit: policy.retryLimit, retryDelay: policy.retryDelaySeconds, retryBackoff: true };
    if (await boss.getQueue(SEND_QUEUE)) await boss.updateQueue(SEND_QUEUE, queue);
    else await boss.createQueue(SEND_QUEUE, queue);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/**
 * Enqueues the WeChat send of one notification inside the caller's transaction: it commits or
 * rolls back with the event. The queue (with its retry policy) exists from app start-up (installQueue).
 */
export async function enqueueSend(tx: Tx, job: SendJob): Promise<void> {
  const db = txExecutor(tx);
  const boss = new PgBoss({ db, schema: BOSS_SCHEMA });
  const id = await boss.send(SEND_QUEUE, job as object, { db });
  if (!id) throw new Error(`queue ${SEND_QUEUE} is missing: installQueue creates it at start-up`);
}
