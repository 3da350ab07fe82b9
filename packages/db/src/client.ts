import path from 'node:path';
import fs from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema';

export type Schema = typeof schema;
/** The Drizzle database both drivers produce; the rest of the code base only sees this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle, usable wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
  db: Db;
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
}

export const MIGRATIONS_FOLDER = path.resolve(__dirname, '../../../drizzle');

/**
 * The only place that knows which driver is in use: node-postgres with a pool when a URL is
 * given, otherwise PGlite (PostgreSQL compiled to WASM) with the cube, earthdistance and btree_gist extensions.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir);
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

/** The embedded database folder is open in another process (a running server): refuse rather than diverge. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by another process (pid ${pid}, e.g. the running server): ` +
        'stop it first, or make the change through the API (a second process would write a copy the server never sees)',
    );
    this.name = 'DatabaseInUseError';
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite keeps the database in this process's memory and writes it back to the folder: two
 * processes on one folder never see each other's changes and the last to close wins. So one
 * process at a time holds `<dataDir>/pg.lock` (its pid, created exclusively); a lock whose process
 * is gone (a crash) is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.resolve(dataDir, 'pg.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) throw new DatabaseInUseError(path.resolve(dataDir), holder);
      if (holder === process.pid) throw new DatabaseInUseError(path.resolve(dataDir), holder);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${file}`);
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { cube } = await import('@electric-sql/pglite/contrib/cube');
  const { earthdistance } = await import('@electric-sql/pglite/contrib/earthdistance');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  // Options go in one object: with no data folder a second argument silently drops the extensions.
  const client = await PGlite.create({
    dataDir: dataDir ? path.resolve(dataDir, 'pg') : undefined,
    extensions: { cube, earthdistance, btree_gist },
  }).catch((err: unknown) => {
    unlock();
    throw err;
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      if (closed) throw new Error('database closed');
      await client.query('select 1');
    },
    migrate: async () => {
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: async () => {
      closed = true;
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}
