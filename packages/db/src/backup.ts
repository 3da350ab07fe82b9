import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { createPglite, lockDataDir, pgliteFolder } from './client';

/**
 * `pnpm db:backup <file>` / `pnpm db:restore <file>`.
 * PostgreSQL (DATABASE_URL): `pg_dump -Fc` (one consistent snapshot, taken while the API runs) and
 * `pg_restore --clean --if-exists --single-transaction` (all or nothing; every table, sequence,
 * function, trigger and extension of the dump replaces what is there).
 * Embedded (DATA_DIR): PGlite's `dumpDataDir()` tarball of the whole cluster; restore moves the old
 * folder aside (`pg.before-restore-<time>`) and starts a new one from the tarball. Stop the server
 * first: one process owns the embedded database. Photos under DATA_DIR/uploads are files: copy them
 * with the backup (with S3 the store keeps them).
 */
export interface BackupTarget {
  databaseUrl?: string;
  dataDir: string;
}

export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  const out = path.resolve(file);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  if (target.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${target.databaseUrl}`]);
  } else {
    if (!fs.existsSync(path.join(pgliteFolder(target.dataDir), 'PG_VERSION'))) throw new Error(`no embedded database in ${target.dataDir}`);
    // A running server keeps its changes in memory: refuse (DatabaseInUseError) rather than copy a stale folder.
    const unlock = lockDataDir(target.dataDir);
    try {
      const client = await createPglite(target.dataDir);
      try {
        const tarball = await client.dumpDataDir('gzip');
        fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
      } finally {
        await client.close();
      }
    } finally {
      unlock();
    }
  }
  fs.renameSync(partial, out); // a backup file exists only once it is complete
}

export async function restoreDatabase(target: BackupTarget, file: string): Promise<void> {
  const input = path.resolve(file);
  if (!fs.existsSync(input)) throw new Error(`no backup file ${input}`);
  if (target.databaseUrl) {
    await restorePostgres(target.databaseUrl, input);
    return;
  }
  fs.mkdirSync(target.dataDir, { recursive: true });
  const unlock = lockDataDir(target.dataDir);
  try {
    const folder = pgliteFolder(target.dataDir);
    if (fs.existsSync(folder)) fs.renameSync(folder, `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const client = await createPglite(target.dataDir, new Blob([new Uint8Array(fs.readFileSync(input))]));
    await client.query('select 1');
    await client.close();
  } finally {
    unlock();
  }
}

/**
 * pg_restore renders the dump as SQL, psql runs it in one transaction. In between, the dump's
 * empty search_path becomes `public` (publicSearchPath).
 */
async function restorePostgres(databaseUrl: string, input: string): Promise<void> {
  const restore = spawn('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--file=-', input], { stdio: ['ignore', 'pipe', 'pipe'] });
  const psql = spawn('psql', ['--quiet', '--no-psqlrc', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${databaseUrl}`], { stdio: ['pipe', 'ignore', 'pipe'] });
  psql.stdin.on('error', () => undefined); // psql stopping early is reported by its exit code
  // The job queue's tables are partitioned: `--clean` would drop each partition's inherited primary
  // key on its own, which PostgreSQL refuses. Its whole schema goes first; the dump recreates it.
  psql.stdin.write('DROP SCHEMA IF EXISTS pgboss CASCADE;\n');
  restore.stdout.pipe(publicSearchPath()).pipe(psql.stdin);
  await Promise.all([exited(restore, 'pg_restore'), exited(psql, 'psql')]);
}

const EMPTY_SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', '', false);";
const PUBLIC_SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', 'public', false);";
/** The dump sets its search_path in its first lines; only this much is read as text. */
const HEAD_BYTES = 64 * 1024;

/**
 * Sets the dump's search_path to `public` instead of empty: earthdistance's `ll_to_earth()` names
 * the type `earth` unqualified, so what uses it cannot be rebuilt with an empty search_path (a
 * known pg_dump/earthdistance problem). Only the first HEAD_BYTES, cut after a whole line, are
 * decoded and rewritten; the rest passes as bytes. A cut after a line never splits a character,
 * so the Chinese text of the data reaches psql intact however the reads fall (a cut mid-character
 * once turned one into invalid UTF-8 and failed a restore).
 */
export function publicSearchPath(): Transform {
  const gathered: Buffer[] = [];
  let size = 0;
  let passing = false;
  const rewrite = (head: Buffer) => Buffer.from(head.toString('utf8').split(EMPTY_SEARCH_PATH).join(PUBLIC_SEARCH_PATH), 'utf8');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (passing) return done(null, chunk);
      gathered.push(chunk);
      size += chunk.length;
      if (size < HEAD_BYTES) return done();
      const head = Buffer.concat(gathered);
      const cut = head.lastIndexOf(0x0a) + 1;
      if (cut === 0) return done(); // no whole line yet
      passing = true;
      this.push(rewrite(head.subarray(0, cut)));
      done(null, cut < head.length ? head.subarray(cut) : undefined);
    },
    flush(done) {
      if (!passing) this.push(rewrite(Buffer.concat(gathered)));
      done();
    },
  });
}

function exited(child: ReturnType<typeof spawn>, command: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', (err) => reject(new Error(`${command}: ${err.message} (Debian: apt-get install postgresql-client)`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

function run(command: string, args: string[]): Promise<void> {
  return exited(spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] }), command);
}
