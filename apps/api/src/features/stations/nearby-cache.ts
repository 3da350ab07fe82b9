import { performance } from 'node:perf_hooks';

/**
 * Riders ask "what is near me" again and again from the same spot (refresh, tab switch, many
 * riders waiting at one depot). Identical nearby queries share one database round trip:
 * concurrent ones join the query in flight, later ones reuse its answer for `ttlMs`. The key
 * holds every parameter and the minute of the week, so `openNow` is never older than that.
 * Station writes through this API clear the cache at once; a committed write anywhere else
 * (another instance, raw SQL) clears it through the database's NOTIFY (nearby-plugin.ts), and at
 * worst shows after `ttlMs`. One per app, inside its NearbyFinder.
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
