import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { invalidateNearby, linkNearbyReader } from './nearby-cache';

/** The channel the `xfqs_notify_nearby_changed()` trigger notifies on (migration 0009). */
export const NEARBY_CHANGED_CHANNEL = 'xfqs_nearby_changed';

/**
 * Keeps this instance's nearby cache honest when another instance (or any SQL client) changes
 * stations: the database notifies on commit, every instance listens and clears its cache — the
 * primary's and the replica's. A lost listening connection clears it too when it comes back.
 */
export const nearbyInvalidationPlugin = fp(async function nearbyInvalidation(app: FastifyInstance) {
  linkNearbyReader(app.db, app.dbRead);
  const unlisten = await app.database.listen(NEARBY_CHANGED_CHANNEL, () => invalidateNearby(app.db));
  app.addHook('onClose', async () => unlisten());
});
