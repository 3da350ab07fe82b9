import { performance } from 'node:perf_hooks';
import type { DbOrTx } from '@xfqs/db';

/**
 * Riders ask "what is near me" again and again from the same spot (refresh, tab switch, many
 * riders waiting at one depot). Identical nearby queries share one database round trip:
 * concurrent ones join the query in flight, later ones reuse its answer for `ttlMs`. The key
 * holds every parameter and the minute of the week, so `openNow` is never older than that.
 * Station writes through this API clear the cache at once; a committed write anywhere else
 * (another instance, raw SQL) clears it through the database's NOTIFY (nearby-invalidation.ts),
 * and at worst shows after `ttlMs`. One cache per database handle.
 */
export class NearbyCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs = 1000,
    private readonly maxEntries = 5000,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    const entry = { at: now, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    // a failed query is not remembered
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<object, NearbyCache<unknown>>();

/** The nearby cache of a database handle. */
export function nearbyCacheOf<T>(db: DbOrTx, ttlMs?: number): NearbyCache<T> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new NearbyCache<unknown>(ttlMs)));
  return cache as NearbyCache<T>;
}

const readersOf = new WeakMap<object, object[]>();

/** Nearby answers read through `reader` (a read replica) are dropped whenever `primary`'s are. */
export function linkNearbyReader(primary: DbOrTx, reader: DbOrTx): void {
  if (primary !== reader) readersOf.set(primary, [...(readersOf.get(primary) ?? []), reader]);
}

/** Call after a station write commits, so the next nearby query reads it (through any linked reader too). */
export function invalidateNearby(db: DbOrTx): void {
  caches.get(db)?.clear();
  for (const reader of readersOf.get(db) ?? []) caches.get(reader)?.clear();
}
