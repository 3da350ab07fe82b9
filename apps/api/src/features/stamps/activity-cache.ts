import { eq } from 'drizzle-orm';
import { activities, type Db } from '@xfqs/db';

/** What a check-in needs to know about its activity before it writes. */
export interface CheckinFacts {
  id: string;
  orgId: string;
  title: string;
  stamps: number;
  startsAt: Date;
  endsAt: Date;
  lat: number | null;
  lng: number | null;
  radiusM: number | null;
  secret: string;
}

/**
 * The check-in facts of recently scanned activities, so a storm of 2,000 riders scanning one
 * activity loads it once instead of 2,000 times (concurrent misses share one query).
 *
 * Safe because nothing changes an activity after it is created (no route updates its secret,
 * window, geofence or stamps). Should an edit ever be added, it must call `forget(id)`; other
 * instances then see the change within `ttlMs` (30 s) — a window or geofence edit seen half a
 * minute late is harmless. Correctness never depends on it: the stamp itself is guarded by the
 * ledger's unique key in the database. Unknown ids are not cached.
 */
export class ActivityCache {
  private readonly entries = new Map<string, { facts: Promise<CheckinFacts | undefined>; expiresAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly options: { ttlMs: number; maxEntries: number } = { ttlMs: 30_000, maxEntries: 1_000 },
  ) {}

  get(id: string, nowMs = Date.now()): Promise<CheckinFacts | undefined> {
    const hit = this.entries.get(id);
    if (hit && hit.expiresAt > nowMs) return hit.facts;
    if (hit) this.entries.delete(id);
    const facts = this.load(id);
    this.entries.set(id, { facts, expiresAt: nowMs + this.options.ttlMs });
    // A miss or a failed query is not kept.
    const drop = () => this.entries.get(id)?.facts === facts && this.entries.delete(id);
    facts.then((f) => f === undefined && drop(), drop);
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return facts;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }

  private async load(id: string): Promise<CheckinFacts | undefined> {
    const [row] = await this.db
      .select({
        id: activities.id,
        orgId: activities.orgId,
        title: activities.title,
        stamps: activities.stamps,
        startsAt: activities.startsAt,
        endsAt: activities.endsAt,
        lat: activities.lat,
        lng: activities.lng,
        radiusM: activities.radiusM,
        secret: activities.secret,
      })
      .from(activities)
      .where(eq(activities.id, id));
    return row;
  }
}
