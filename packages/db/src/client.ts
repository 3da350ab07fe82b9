import path from 'node:path';
import fs from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import { rowsOf } from './rows';
import { readPgliteTemplate } from './pglite-template';
import { takingTurns } from './pglite-turns';

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
  /**
   * Raw SQL on the database's own connection (the pool, or PGlite's single one), for libraries
   * that bring their own SQL (the pg-boss job queue): `$1…` parameters, or several statements
   * when there are none.
   */
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  /**
   * Applies pending migrations, then runs `andThen` (e.g. the demo seed); on PostgreSQL both under
   * one advisory lock, so instances started together migrate and seed once.
   */
  migrate(andThen?: () => Promise<void>): Promise<void>;
  /** Whether every migration in the migrations folder has been applied to this database. */
  migrationsApplied(): Promise<boolean>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (payload), and with `undefined` after a lost
   * listening connection came back (notifications may have been missed: treat as "anything changed").
   * PostgreSQL: one dedicated connection outside the pool, reconnecting; PGlite: in-process.
   */
  listen(channel: string, onNotify: (payload: string | undefined) => void): Promise<() => Promise<void>>;
  /** PostgreSQL pool usage (absent for the embedded database, which has no pool). */
  poolStats?(): PoolStats;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  /** Queries waiting for a free connection. */
  waiting: number;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when absent an embedded PGlite database is used. */
  databaseUrl?: string;
  /** Folder for the embedded database; omit (with no databaseUrl) for an in-memory one. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** PGlite: start a new data folder or in-memory database from the install-time (migrated, empty) template when one exists (default true). */
  useTemplate?: boolean;
}

export const MIGRATIONS_FOLDER = path.resolve(__dirname, '../../../drizzle');

/** The advisory lock key migrations run under (any constant shared by every instance; "xfqs" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x78_66_71_73;

/** `when` of the newest migration in the journal: drizzle marks each applied migration with it. */
function newestMigrationMillis(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ when: number }> };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

async function migrationsAppliedOn(db: Db): Promise<boolean> {
  const exists = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`))[0];
  if (!exists?.t) return false;
  const last = rowsOf<{ at: string | number | null }>(await db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`))[0];
  return last?.at != null && Number(last.at) >= newestMigrationMillis();
}

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
  // Listeners belong to the handle: closing it stops them, even if their owner never got to.
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    query: async (text, values) => pool.query(text, values as unknown[] | undefined),
    migrate: async (andThen) => {
      // One session holds the lock while drizzle migrates through the pool; the others wait for
      // it, then find nothing left to do (`CREATE EXTENSION IF NOT EXISTS` alone races).
      const { Client } = await import('pg');
      const lock = new Client({ connectionString, connectionTimeoutMillis: 5000 });
      await lock.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
        await andThen?.();
      } finally {
        await lock.end().catch(() => undefined); // ending the session releases the lock
      }
    },
    migrationsApplied: () => migrationsAppliedOn(db),
    listen: async (channel, onNotify) => {
      const stop = await listenOnPostgres(connectionString, channel, onNotify);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      listeners.clear();
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

function checkedChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  return channel;
}

async function listenOnPostgres(connectionString: string, channel: string, onNotify: (payload: string | undefined) => void) {
  const { Client } = await import('pg');
  checkedChannel(channel);
  let stopped = false;
  let current: InstanceType<typeof Client> | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const client = new Client({ connectionString, connectionTimeoutMillis: 5000, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload);
    });
    client.on('error', () => undefined); // 'end' follows and schedules the reconnect
    client.on('end', () => {
      if (current === client) current = undefined;
      if (!stopped) schedule();
    });
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    if (stopped) return void (await client.end());
    current = client;
  };
  const schedule = () => {
    if (retry || stopped) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(
        () => onNotify(undefined),
        () => schedule(),
      );
    }, 1000);
    retry.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await current?.end().catch(() => undefined);
  };
}

/** The embedded database's folder inside DATA_DIR. */
export const pgliteFolder = (dataDir: string) => path.resolve(dataDir, 'pg');

/** A PGlite client with the extensions the migrations need; `loadDataDir` starts it from a dumpDataDir() tarball. */
export async function createPglite(dataDir: string | undefined, loadDataDir?: Blob) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { cube } = await import('@electric-sql/pglite/contrib/cube');
  const { earthdistance } = await import('@electric-sql/pglite/contrib/earthdistance');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  // Options go in one object: with no data folder a second argument silently drops the extensions.
  return PGlite.create({
    dataDir: dataDir ? pgliteFolder(dataDir) : undefined,
    extensions: { cube, earthdistance, btree_gist },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

async function openPglite(dataDir: string | undefined, useTemplate: boolean): Promise<DatabaseHandle> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  // One process at a time on a data folder (see lockDataDir).
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  // A new data folder (or an in-memory database) starts from the install-time template when there is one (pglite-template.ts).
  const template = useTemplate && !(dataDir && fs.existsSync(pgliteFolder(dataDir))) ? readPgliteTemplate() : undefined;
  const embedded = await createPglite(dataDir, template).catch((err: unknown) => {
    unlock();
    throw err;
  });
  const client = takingTurns(embedded);
  const db = drizzle({ client, schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    dump: () => client.dumpDataDir('gzip') as Promise<Blob>,
    ping: async () => {
      if (closed) throw new Error('database closed');
      await client.query('select 1');
    },
    query: async (text, values) => {
      if (values?.length) return client.query(text, values as unknown[]);
      const results = await client.exec(text);
      return { rows: results.length ? results[results.length - 1].rows : [] };
    },
    migrate: async (andThen) => {
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      await andThen?.();
    },
    migrationsApplied: () => migrationsAppliedOn(db),
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(checkedChannel(channel), (payload) => onNotify(payload));
      return async () => {
        if (!closed) await unlisten();
      };
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
