import { sql } from 'drizzle-orm';
import { appMeta, orgs, roleGrants, rowsOf, seedDemoData, users } from '@xfqs/db';
import { openTestDatabase, testDbKind } from '../setup/database';

describe(`migrations from zero (${testDbKind()})`, () => {
  it('build every table and the spatial extensions on an empty database, and a second run is a no-op', async () => {
    const handle = await openTestDatabase({ migrated: false });
    try {
      await handle.migrate();
      const tables = rowsOf<{ table_name: string }>(
        await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`),
      ).map((r) => r.table_name);
      expect(tables).toEqual(expect.arrayContaining(['users', 'orgs', 'role_grants', 'refresh_tokens', 'audit_log', 'app_meta']));
      const extensions = rowsOf<{ extname: string }>(await handle.db.execute(sql`select extname from pg_extension`)).map((r) => r.extname);
      expect(extensions).toEqual(expect.arrayContaining(['cube', 'earthdistance']));
      await handle.migrate();
      const distance = rowsOf<{ m: number }>(
        await handle.db.execute(sql`select earth_distance(ll_to_earth(39.9, 116.4), ll_to_earth(39.9, 116.41))::float8 as m`),
      )[0].m;
      expect(distance).toBeGreaterThan(800);
      expect(distance).toBeLessThan(900);
    } finally {
      await handle.close();
    }
  });
});

describe('demo seed', () => {
  it('is idempotent: a second run adds nothing', async () => {
    const handle = await openTestDatabase();
    try {
      const count = async () => ({
        orgs: (await handle.db.select().from(orgs)).length,
        users: (await handle.db.select().from(users)).length,
        grants: (await handle.db.select().from(roleGrants)).length,
        meta: (await handle.db.select().from(appMeta)).length,
      });
      await seedDemoData(handle.db);
      const first = await count();
      expect(first.orgs).toBeGreaterThanOrEqual(3);
      expect(first.users).toBeGreaterThanOrEqual(4);
      await seedDemoData(handle.db);
      expect(await count()).toEqual(first);
    } finally {
      await handle.close();
    }
  });
});
