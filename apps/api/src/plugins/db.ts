import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle, Db } from '@xfqs/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: DatabaseHandle;
  }
}

/** Shares the database with every feature and closes it with the app. */
export const dbPlugin = fp<{ handle: DatabaseHandle; closeOnShutdown: boolean }>(async function db(
  app: FastifyInstance,
  { handle, closeOnShutdown },
) {
  app.decorate('database', handle);
  app.decorate('db', handle.db);
  if (closeOnShutdown) app.addHook('onClose', async () => handle.close());
});
