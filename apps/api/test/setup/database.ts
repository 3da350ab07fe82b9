import { openDatabase, type DatabaseHandle } from '@xfqs/db';
import { openFreshPostgres, urlOf } from './postgres';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** A fresh database of the project's kind: in-memory PGlite, or a new database on the test server. */
export async function openTestDatabase(options: { migrated?: boolean } = {}): Promise<DatabaseHandle> {
  if (testDbKind() === 'postgres') return openFreshPostgres(options);
  // A migrated database starts from the install-time template (≈2 s less than initdb + migrations).
  const handle = await openDatabase({ useTemplate: options.migrated !== false });
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

/**
 * The replica handle for a test database when the suite runs "through the replica" (jest project
 * api:replica: TEST_DATABASE_REPLICA_URL set, a streaming standby of the test server): the same
 * database on the standby, used as the app's `dbRead`.
 */
export async function openReplicaOf(handle: DatabaseHandle): Promise<DatabaseHandle | undefined> {
  const replicaServer = process.env.TEST_THROUGH_REPLICA === '1' ? process.env.TEST_DATABASE_REPLICA_URL : undefined;
  if (!replicaServer || testDbKind() !== 'postgres') return undefined;
  const url = new URL(urlOf(handle));
  const replica = new URL(replicaServer);
  url.host = replica.host;
  if (replica.username) url.username = replica.username;
  if (replica.password) url.password = replica.password;
  return openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
}
