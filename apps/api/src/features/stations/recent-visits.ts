import type { Db } from '@xfqs/db';
import { RECENT_VISITS_MINUTES } from '@xfqs/domain';
import { recentVisitsByStation } from './live-sql';

/** Counts older than this (by the app clock) are read again; until then they are served as they are. */
export const RECENT_VISITS_MAX_AGE_MS = 10_000;

const WINDOW_MS = RECENT_VISITS_MINUTES * 60_000;

/**
 * Nearby's "近 1 小时 N 人到访" for every station at once: one grouped query over the last hour's
 * check-ins (`recentVisitsByStation`, the window written once in live-sql.ts), kept for
 * RECENT_VISITS_MAX_AGE_MS and read again in the background after that, so a storm of nearby
 * searches costs one query every ten seconds instead of one subquery per station listed.
 *
 * A check-in through this instance is counted at once (`record`); one through another instance
 * shows on the next read, at most about ten seconds later. Counts more than a window away from the
 * instant asked about (a fresh start, a test's clock moved by hours) are read before answering.
 */
export class RecentVisits {
  private counts = new Map<string, number>();
  private countedAt = Number.NEGATIVE_INFINITY;
  private reading?: Promise<void>;

  constructor(private readonly db: Db) {}

  /** The counts as of about `at`: read first when they are far from it, refreshed behind the answer when only old. */
  async at(at: Date): Promise<(stationId: string) => number> {
    const age = Math.abs(at.getTime() - this.countedAt);
    if (age > WINDOW_MS / 2) await this.read(at);
    else if (age > RECENT_VISITS_MAX_AGE_MS) void this.read(at).catch(() => undefined); // a failed refresh is tried again by the next search
    const counts = this.counts;
    return (stationId) => counts.get(stationId) ?? 0;
  }

  /** A new (not repeated) check-in committed through this instance. */
  record(stationId: string, at: Date): void {
    if (at.getTime() > this.countedAt - WINDOW_MS) this.counts.set(stationId, (this.counts.get(stationId) ?? 0) + 1);
  }

  /** Resolves when no read is under way (the app closes its database after this). */
  async settled(): Promise<void> {
    await this.reading?.catch(() => undefined);
  }

  /** One read at a time; callers during a read share it. */
  private read(at: Date): Promise<void> {
    this.reading ??= recentVisitsByStation(this.db, at)
      .then((counts) => {
        this.counts = counts;
        this.countedAt = at.getTime();
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }
}
