import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { NearbyFinder } from './nearby';

declare module 'fastify' {
  interface FastifyInstance {
    /** Nearby search from this instance's in-memory station directory. */
    nearby: NearbyFinder;
  }
}

/** The channel the `xfqs_notify_nearby_changed()` trigger notifies on, with the table's name (migrations 0011, 0013). */
export const NEARBY_CHANGED_CHANNEL = 'xfqs_nearby_changed';

/**
 * Decorates `app.nearby` and keeps its directory honest when another instance (or any SQL client)
 * changes stations or their live states: the database notifies on commit, every instance listens
 * and reads the stations (or only the states) again. A lost listening connection reloads everything
 * when it comes back. Writes through this instance reload before they answer (stations/routes.ts).
 */
export const nearbyPlugin = fp(async function nearby(app: FastifyInstance) {
  const finder = new NearbyFinder(app.db, app.dbRead);
  app.decorate('nearby', finder);
  const unlisten = await app.database.listen(NEARBY_CHANGED_CHANNEL, (table) => {
    void finder.reload(table === 'station_states' ? 'station_states' : 'stations').catch((err: unknown) => app.log.warn({ err }, 'nearby directory reload failed'));
  });
  app.addHook('onClose', async () => {
    await unlisten();
    await finder.settled();
  });
});
