import path from 'node:path';
import fs from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import { readPgliteTemplate } from './pglite-template';

export type Schema = typeof schema;
/** The Drizzle database both drivers produce; the rest of the code base only sees this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle, usable wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  /** PGlite only: the whole database as a gzipped tarball (the install-time template). */
  dump?(): Promise<Blob>;
  kind: 'postgres' | 'pglite';
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when absent an embedded PGlite database is used. */
  databaseUrl?: string;
  /** Folder for the embedded database; omit (with no databaseUrl) for an in-memory one. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** PGlite: start a new data folder from the install-time template when one exists (default true). */
  useTemplate?: boolean;
}

export const MIGRATIONS_FOLDER = path.resolve(__dirname, '../../../drizzle');

/**
 * The only place that knows which driver is in use: node-postgres with a pool when a URL is
 * given, otherwise PGlite (PostgreSQL compiled to WASM) with the cube, earthdistance and btree_gist extensions.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir, options.useTemplate ?? true);
}

async function openPostgres(connectionString: string, max: number): Promise<DatabaseHandle> {
  const { Pool, types } = await import('pg');
  // bigint counts (COUNT(*), SUM) come back as strings by default; our counts fit in a JS number.
  types.setTypeParser(types.builtins.INT8, (v: string) => Number(v));
  types.setTypeParser(types.builtins.NUMERIC, (v: string) => Number(v));
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new Pool({ connectionString, max, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    migrate: async () => {
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: async () => {
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string | undefined, useTemplate: boolean): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { cube } = await import('@electric-sql/pglite/contrib/cube');
  const { earthdistance } = await import('@electric-sql/pglite/contrib/earthdistance');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pgDir = dataDir ? path.resolve(dataDir, 'pg') : undefined;
  // A new data folder starts from the install-time template when there is one (pglite-template.ts).
  const template = pgDir && !fs.existsSync(pgDir) && useTemplate ? readPgliteTemplate() : undefined;
  // Options go in one object: with no data folder a second argument silently drops the extensions.
  const client = await PGlite.create({
    dataDir: pgDir,
    ...(template ? { loadDataDir: template } : {}),
    extensions: { cube, earthdistance, btree_gist },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    dump: () => client.dumpDataDir('gzip') as Promise<Blob>,
    ping: async () => {
      if (closed) throw new Error('database closed');
      await client.query('select 1');
    },
    migrate: async () => {
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: async () => {
      closed = true;
      await client.close();
    },
  };
}
