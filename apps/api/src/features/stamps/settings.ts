import { sql } from 'drizzle-orm';
import { orgs, rowsOf, STAMP_DEFAULTS, stampSettings, type Db, type DbOrTx } from '@xfqs/db';
import { audit } from '../../audit';
import type { Principal } from '../auth/principal';
import { assertAdminOfExistingOrg } from '../orgs/scope';
import type { StampSettingsBody } from './schemas';

export interface EffectiveSettings {
  goal: number;
  dailyReportStamps: number;
  /** The org whose row applies (the org itself or its nearest ancestor with one), or null for the defaults. */
  inheritedFrom: string | null;
}

/** Stamp rules for an org: its own row, else its nearest ancestor's, else the defaults (10, 3). */
export async function settingsFor(db: DbOrTx, orgId: string | undefined): Promise<EffectiveSettings> {
  if (!orgId) return { ...STAMP_DEFAULTS, inheritedFrom: null };
  const [row] = rowsOf<{ org_id: string; goal: number; daily_report_stamps: number }>(
    await db.execute(sql`
      select s.org_id, s.goal, s.daily_report_stamps
      from ${orgs} target
      join ${orgs} holder on target.path like holder.path || '%'
      join ${stampSettings} s on s.org_id = holder.id
      where target.id = ${orgId}
      order by length(holder.path) desc
      limit 1`),
  );
  return row
    ? { goal: row.goal, dailyReportStamps: row.daily_report_stamps, inheritedFrom: row.org_id }
    : { ...STAMP_DEFAULTS, inheritedFrom: null };
}

export async function getSettings(db: Db, principal: Principal, orgId: string) {
  await assertAdminOfExistingOrg(db, principal, orgId);
  return { orgId, ...(await settingsFor(db, orgId)) };
}

export async function putSettings(db: Db, principal: Principal, orgId: string, body: StampSettingsBody, now: Date) {
  await assertAdminOfExistingOrg(db, principal, orgId);
  return db.transaction(async (tx) => {
    const values = { goal: body.goal, dailyReportStamps: body.dailyReportStamps, updatedBy: principal.userId, updatedAt: now };
    await tx.insert(stampSettings).values({ orgId, ...values }).onConflictDoUpdate({ target: stampSettings.orgId, set: values });
    await audit(tx, { actorId: principal.userId, action: 'stamps.settings', targetType: 'org', targetId: orgId, details: { ...body } });
    return { orgId, ...(await settingsFor(tx, orgId)) };
  });
}
