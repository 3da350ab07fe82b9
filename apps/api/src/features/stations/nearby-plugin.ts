import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { NearbyFinder } from './nearby';

declare module 'fastify' {
  interface FastifyInstance {
    /** Nearby search on the read database, with this instance's prepared shapes and recent answers. */
    nearby: NearbyFinder;
  }
}

/** The channel the `xfqs_notify_nearby_changed()` trigger notifies on (migration 0009). */
export const NEARBY_CHANGED_CHANNEL = 'xfqs_nearby_changed';

/**
 * Decorates `app.nearby` and keeps its answers honest when another instance (or any SQL client)
 * changes stations: the database notifies on commit, every instance listens and forgets its
 * answers. A lost listening connection clears them too when it comes back. Station writes through
 * this instance call `app.nearby.invalidate()` themselves, so their own next read never waits for
 * the notification.
 */
export const nearbyPlugin = fp(async function nearby(app: FastifyInstance) {
  const finder = new NearbyFinder(app.dbRead);
  app.decorate('nearby', finder);
  const unlisten = await app.database.listen(NEARBY_CHANGED_CHANNEL, () => finder.invalidate());
  app.addHook('onClose', async () => {
    await unlisten();
    finder.invalidate();
  });
});
