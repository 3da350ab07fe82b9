import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle, Db, PoolStats } from '@xfqs/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: DatabaseHandle;
    /**
     * For reads that tolerate a little replication lag (nearby, station detail, rewards, public
     * lists): the streaming replica when `DATABASE_REPLICA_URL` is set, else the primary. Writes
     * and reads of what the caller just wrote stay on `db`.
     */
    dbRead: Db;
    /** Pool usage of the replica, when there is one. */
    dbReadPoolStats?: () => PoolStats;
  }
}

/** Shares the database (and its read replica, if any) with every feature and closes them with the app. */
export const dbPlugin = fp<{ handle: DatabaseHandle; replica?: DatabaseHandle; closeOnShutdown: boolean }>(async function db(
  app: FastifyInstance,
  { handle, replica, closeOnShutdown },
) {
  app.decorate('database', handle);
  app.decorate('db', handle.db);
  app.decorate('dbRead', replica?.db ?? handle.db);
  if (replica?.poolStats) app.decorate('dbReadPoolStats', replica.poolStats.bind(replica));
  if (closeOnShutdown) {
    app.addHook('onClose', async () => {
      await Promise.all([handle.close(), replica?.close()]);
    });
  }
});
