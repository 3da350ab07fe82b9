import type { Tx } from '../client';
import { meetings } from '../schema';
import type { DemoOrgIds } from './orgs';

/** The demo meeting's public code: `GET /api/v1/meetings/DEM02026` opens it in the demo app. */
export const DEMO_MEETING_CODE = 'DEM02026';

/**
 * A standing online outreach meeting of 卢沟桥街道总工会, open for a year from the first seeding, so
 * the demo app has a meeting QR to scan. Idempotent: matched on its code.
 */
export async function seedMembership(tx: Tx, orgIds: DemoOrgIds, now = new Date()): Promise<void> {
  await tx
    .insert(meetings)
    .values({
      orgId: orgIds.LGQ,
      code: DEMO_MEETING_CODE,
      title: '卢沟桥街道新就业形态劳动者线上沟通会',
      startsAt: now,
      endsAt: new Date(now.getTime() + 365 * 86_400_000),
      location: '线上（扫码参会）',
      host: '卢沟桥街道总工会',
    })
    .onConflictDoNothing({ target: meetings.code });
}
