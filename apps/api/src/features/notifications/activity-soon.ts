import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { activities, membershipApplications as apps, notificationSettings, orgs, type Db } from '@xfqs/db';
import { notify } from './service';

/**
 * Tells every rider who opted in (`activitySoon`) that an activity of their union starts within
 * `windowMinutes`: their union is the org of their approved membership, and an activity of that
 * org or of an org above it (a district's activity is for its streets' members too) counts.
 * Each rider hears of an activity once (the notification's dedupe key), however often and on
 * however many instances this runs. Returns how many riders were told.
 */
export async function notifyActivitiesStartingSoon(db: Db, now: Date, windowMinutes: number): Promise<number> {
  const until = new Date(now.getTime() + windowMinutes * 60_000);
  const memberOrg = db.$with('member_org').as(
    db
      .select({ userId: apps.userId, path: orgs.path })
      .from(apps)
      .innerJoin(orgs, eq(orgs.id, apps.orgId))
      .innerJoin(notificationSettings, and(eq(notificationSettings.userId, apps.userId), eq(notificationSettings.activitySoon, true)))
      .where(eq(apps.status, 'approved')),
  );
  const pairs = await db
    .with(memberOrg)
    .select({ userId: memberOrg.userId, activityId: activities.id, title: activities.title, startsAt: activities.startsAt })
    .from(activities)
    .innerJoin(orgs, eq(orgs.id, activities.orgId))
    .innerJoin(memberOrg, sql`${memberOrg.path} like ${orgs.path} || '%'`)
    .where(and(gt(activities.startsAt, now), lte(activities.startsAt, until)));
  let told = 0;
  for (const p of pairs) {
    const id = await db.transaction((tx) => notify(tx, p.userId, { kind: 'activity_soon', activityId: p.activityId, title: p.title, startsAt: p.startsAt }, now));
    if (id) told++;
  }
  return told;
}
