import type { Db } from '@xfqs/db';
import type { LatLng } from '@xfqs/domain';
import { DirectorySnapshot, type ClosestStation, type NearbyItem, type NearbyParams } from './directory';
import { RecentVisits } from './recent-visits';

export type { ClosestStation, NearbyItem, NearbyParams } from './directory';

/** Which table a change touched: a live state reloads only the states, anything else everything. */
export type DirectoryChange = 'stations' | 'station_states';

/**
 * Nearby search as one app runs it (decorated as `app.nearby`, nearby-plugin.ts): answered in
 * memory from a snapshot of every active station (DirectorySnapshot: a k-d tree walked nearest
 * first with the filters applied on the way) and the last hour's visit counts (RecentVisits), so a
 * search costs no database round trip.
 *
 * The snapshot is read from the primary at the first search and again after every committed change
 * (`reload`): a station write through this instance awaits the new snapshot before it answers, so
 * the writer's next search sees it; other instances hear the database's NOTIFY and reload in the
 * background, answering from the previous snapshot meanwhile (a few milliseconds of lag, more at
 * national scale: docs/PERFORMANCE.md). Nothing waits for a reload except the first search and the
 * write that caused it.
 */
export class NearbyFinder {
  private snapshot?: Promise<DirectorySnapshot>;
  private reloading?: Promise<DirectorySnapshot>;
  /** A change arrived during a reload that may have read before it: read once more afterwards. */
  private pending?: DirectoryChange;
  private followUp?: Promise<DirectorySnapshot>;
  private readonly visits: RecentVisits;
  private reloaded = 0;

  constructor(
    private readonly primary: Db,
    read: Db,
  ) {
    this.visits = new RecentVisits(read);
  }

  async find(p: NearbyParams): Promise<NearbyItem[]> {
    const [snapshot, visits] = await Promise.all([this.current(), this.visits.at(p.at)]);
    return snapshot.nearest(p, visits);
  }

  /** The active station nearest to a point, whatever it offers and whenever it opens (a 随手拍 report's place and union). */
  async closest(point: LatLng): Promise<ClosestStation | undefined> {
    return (await this.current()).closest(point);
  }

  private current(): Promise<DirectorySnapshot> {
    return (this.snapshot ??= this.reloadNow('stations'));
  }

  /** A new check-in through this instance counts in "近 1 小时 N 人到访" at once. */
  recordVisit(stationId: string, at: Date): void {
    this.visits.record(stationId, at);
  }

  /**
   * Reads the stations (or only their live states) again after a committed change, and resolves
   * once searches see it. Changes during a reload are gathered into one more reload after it.
   */
  async reload(change: DirectoryChange = 'stations'): Promise<void> {
    if (!this.snapshot) return; // nothing read yet: the first search reads everything
    if (!this.reloading) {
      await this.reloadNow(change);
      return;
    }
    this.pending = this.pending === 'stations' || change === 'stations' ? 'stations' : 'station_states';
    this.followUp ??= this.reloading
      .catch(() => undefined)
      .then(() => {
        this.followUp = undefined;
        return this.reloadNow(this.pending ?? change);
      });
    await this.followUp;
  }

  private reloadNow(change: DirectoryChange): Promise<DirectorySnapshot> {
    this.pending = undefined;
    const previous = this.snapshot;
    const next = (async () => (change === 'station_states' && previous ? (await previous).withStatesFrom(this.primary) : DirectorySnapshot.load(this.primary)))();
    this.reloading = next;
    return next.then(
      (snapshot) => {
        this.snapshot = next;
        this.reloading = undefined;
        this.reloaded++;
        return snapshot;
      },
      (err: unknown) => {
        this.reloading = undefined;
        if (this.snapshot === next || !previous) this.snapshot = undefined; // the next search tries again
        throw err;
      },
    );
  }

  /** Resolves when no reload or visit count read is under way (the app closes its database after this). */
  async settled(): Promise<void> {
    while (this.reloading || this.followUp) await (this.followUp ?? this.reloading)!.catch(() => undefined);
    await this.visits.settled();
  }

  /** How many times the stations were read (tests wait for a notification to be handled). */
  get reloads(): number {
    return this.reloaded;
  }

  /** Active stations in the current snapshot (0 before the first search). */
  async stationCount(): Promise<number> {
    return this.snapshot ? (await this.snapshot).size : 0;
  }
}
