import { openDatabase, type DatabaseHandle } from '@xfqs/db';
import { openFreshPostgres, urlOf } from './postgres';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** A fresh database of the project's kind: in-memory PGlite, or a new database on the test server. */
export async function openTestDatabase(options: { migrated?: boolean } = {}): Promise<DatabaseHandle> {
  if (testDbKind() === 'postgres') return openFreshPostgres(options);
  const handle = await openDatabase({});
  if (options.migrated !== false) await handle.migrate();
  return handle;
}

/**
 * What a second API instance would open on the same database: another pool on PostgreSQL; on
 * PGlite (one process owns the data folder) the same handle. Close it with `close()` as usual —
 * for PGlite that is a no-op, the owner closes it.
 */
export async function openSecondHandle(handle: DatabaseHandle): Promise<DatabaseHandle> {
  if (testDbKind() === 'postgres') return openDatabase({ databaseUrl: urlOf(handle), poolSize: 5 });
  return { ...handle, close: async () => undefined };
}
