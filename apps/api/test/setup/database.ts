import { openDatabase, type DatabaseHandle } from '@xfqs/db';
import { openFreshPostgres } from './postgres';

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
