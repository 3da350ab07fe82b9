import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { appMeta } from '../schema';
import { seedOrgs } from './orgs';
import { seedUsers } from './users';
import { seedStations } from './stations';
import { seedStamps } from './stamps';
import { seedMembership } from './membership';
import { seedShowcase, type ShowcasePorts } from './showcase';

export { DEMO_REDEMPTION_CODE, type ShowcasePorts } from './showcase';

export const DEMO_OPENIDS = {
  rider: 'demo-rider',
  staff: 'demo-staff',
  admin: 'demo-admin',
  super: 'demo-super',
} as const;

const SEEDED_KEY = 'demo_seeded_at';

export async function isSeeded(db: DbOrTx): Promise<boolean> {
  const rows = await db.select().from(appMeta).where(eq(appMeta.key, SEEDED_KEY));
  return rows.length > 0;
}

/**
 * Loads the demo data. Idempotent: every row is matched on a natural key (org code, openid,
 * grant), so running it again changes nothing. With `showcase` (the server passes how it seals
 * personal data and stores photos) it adds a week of life relative to `now` (see showcase.ts):
 * members, pending applications and reports, activities, stamps, visits, a ready gift code.
 */
export async function seedDemoData(db: Db, options: { showcase?: ShowcasePorts; now?: Date } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    const orgIds = await seedOrgs(tx);
    const userIds = await seedUsers(tx, orgIds);
    await seedStations(tx, orgIds, userIds);
    // after the stations seed (it needs stations; with none it does nothing)
    await seedStamps(tx);
    await seedMembership(tx, orgIds);
    if (options.showcase) await seedShowcase(tx, options.showcase, options.now);
    await tx
      .insert(appMeta)
      .values({ key: SEEDED_KEY, value: sql`to_jsonb(now())` })
      .onConflictDoNothing();
  });
}
