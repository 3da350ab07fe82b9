import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseHandle } from '@xfqs/db';

/** The server the PostgreSQL project runs against (set by `pnpm test` / `.ci/run`). */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the suite with `pnpm test`, which starts PostgreSQL');
  return url;
}

function urlFor(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Template name derived from the migrations, so a schema change never reuses a stale template. */
export function templateName(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(MIGRATIONS_FOLDER, file)));
  }
  return `xfqs_tpl_${hash.digest('hex').slice(0, 16)}`;
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function ensureTemplateDatabase(): Promise<string> {
  const name = templateName();
  const exists = await withAdmin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount);
  if (exists) return name;
  const building = `${name}_build_${randomBytes(3).toString('hex')}`;
  await withAdmin((c) => c.query(`create database "${building}"`));
  const handle = await openDatabase({ databaseUrl: urlFor(building), poolSize: 1 });
  await handle.migrate();
  await handle.close();
  await withAdmin(async (c) => {
    try {
      await c.query(`alter database "${building}" rename to "${name}"`);
    } catch {
      await c.query(`drop database if exists "${building}"`); // another run won the race
    }
  });
  return name;
}

/** A fresh, migrated database for one test file; dropped again by `close()`. */
export async function openFreshPostgres(options: { migrated?: boolean; poolSize?: number } = {}): Promise<DatabaseHandle> {
  const name = `xfqs_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = options.migrated === false ? 'template0' : await ensureTemplateDatabase();
  await withAdmin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`create database "${name}" template "${template}"`);
        return;
      } catch (err) {
        // Two files cloning the template at the same instant: wait and retry.
        if (attempt > 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const handle = await openDatabase({ databaseUrl: urlFor(name), poolSize: options.poolSize ?? 20 });
  const fresh: DatabaseHandle = {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
  urlOfHandle.set(fresh, urlFor(name));
  return fresh;
}

const urlOfHandle = new WeakMap<DatabaseHandle, string>();

/** The connection string of a database opened by openFreshPostgres (for a second "instance" on it). */
export function urlOf(handle: DatabaseHandle): string {
  const url = urlOfHandle.get(handle);
  if (!url) throw new Error('not a database opened by openFreshPostgres');
  return url;
}

/** A new, empty database on the test server (no migrations), for tests that start real server processes. */
export async function createEmptyPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `xfqs_e_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`create database "${name}" template template0`));
  return { url: urlFor(name), drop: () => withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined) };
}

/** A fresh migrated database (cloned from the template) by URL, for tests that need a connection string. */
export async function createMigratedPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `xfqs_m_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = await ensureTemplateDatabase();
  await withAdmin((c) => c.query(`create database "${name}" template "${template}"`));
  return { url: urlFor(name), drop: () => withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined) };
}
