import type { Db } from './client';

/** A fixed SQL text with `$1…$n` parameters and the name it is prepared under. */
export interface Statement {
  name: string;
  text: string;
}

interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  totalCount: number;
}
interface PgliteQueryable {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a hot statement straight on the driver under Drizzle, skipping the query builder: on
 * PostgreSQL as a named prepared statement (parsed and planned once per pooled connection), on
 * PGlite as a parameterised query. For the few statements on the storm paths (issue 10), where
 * building the query cost more CPU than the database spent on it; everything else uses Drizzle.
 * Rows come back with the driver's own types (timestamptz → Date on both drivers).
 */
export async function runStatement<T>(db: Db, statement: Statement, values: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: PgQueryable | PgliteQueryable }).$client;
  if ('totalCount' in client) return (await client.query({ name: statement.name, text: statement.text, values })).rows as T[];
  return (await client.query(statement.text, values)).rows as T[];
}
