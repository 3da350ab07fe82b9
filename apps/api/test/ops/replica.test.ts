import { sql } from 'drizzle-orm';
import { rowsOf } from '@xfqs/db';
import { createTestApp } from '../harness';
import { createStation, FENGTAI } from '../stations/helpers';

// Runs in the api:replica project only (TEST_DATABASE_REPLICA_URL: a streaming standby of the test server).
const throughReplica = process.env.TEST_THROUGH_REPLICA === '1' ? describe : describe.skip;

throughReplica('reads through the streaming replica', () => {
  it('dbRead is the standby (read-only, in recovery); nearby and station detail are served from it, writes go to the primary', async () => {
    const t = await createTestApp();
    try {
      const inRecovery = async (db: typeof t.db) => rowsOf<{ r: boolean }>(await db.execute(sql`select pg_is_in_recovery() as r`))[0].r;
      expect(await inRecovery(t.app.dbRead)).toBe(true);
      expect(await inRecovery(t.app.db)).toBe(false);
      const write = await t.app.dbRead.execute(sql`create table should_fail (id int)`).catch((err: Error & { cause?: Error }) => err.cause ?? err);
      expect(String(write)).toMatch(/read-only transaction/);

      const admin = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
      const station = await createStation(t, { name: '副本驿站' }, admin); // written on the primary
      const replicaQueriesBefore = t.app.dbReadPoolStats!().total;
      const near = await t.call('GET', `/stations/nearby?lat=${FENGTAI.lat}&lng=${FENGTAI.lng}&limit=50`);
      expect(near.body.items.map((s: { id: string }) => s.id)).toContain(station.id);
      const detail = await t.call('GET', `/stations/${station.id}`);
      expect(detail.body.name).toBe('副本驿站');
      expect(t.app.dbReadPoolStats!().total).toBeGreaterThanOrEqual(Math.max(1, replicaQueriesBefore));
    } finally {
      await t.close();
    }
  });
});
