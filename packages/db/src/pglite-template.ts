import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A new embedded database spends most of its first start in PGlite's `initdb` (tens of seconds on
 * a busy 2-core machine). `pnpm install` therefore makes one migrated, empty database once and
 * keeps it as a tarball; a new data folder starts as a copy of it and only the demo data is loaded
 * at start. The template's name carries the PGlite version and a hash of every migration file,
 * so a changed migration (or PGlite) is never served from an old template: it is just not used.
 */
const CACHE_DIR = path.resolve(__dirname, '../../../node_modules/.cache/xfqs');
/** The same folder as client.ts's MIGRATIONS_FOLDER (not imported: client.ts imports this file). */
const MIGRATIONS_FOLDER = path.resolve(__dirname, '../../../drizzle');

function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(pgliteVersion());
  const files = [path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), ...fs.readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort().map((f) => path.join(MIGRATIONS_FOLDER, f))];
  for (const file of files) hash.update(file.slice(MIGRATIONS_FOLDER.length)).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** PGlite's version (its package.json is not exported, so it is found next to the entry point). */
function pgliteVersion(): string {
  let dir = path.dirname(require.resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.readFileSync(path.join(dir, 'package.json'), 'utf8').includes('"@electric-sql/pglite"')) {
    const up = path.dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

export function pgliteTemplateFile(): string {
  return path.join(CACHE_DIR, `pglite-template-${templateKey()}.tar.gz`);
}

/** The template for the current migrations, if one has been made. */
export function readPgliteTemplate(): Blob | undefined {
  try {
    return new Blob([fs.readFileSync(pgliteTemplateFile())]);
  } catch {
    return undefined;
  }
}

/** Stores a dump of a freshly migrated database as the template (written atomically). */
export async function writePgliteTemplate(dump: Blob): Promise<string> {
  const file = pgliteTemplateFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(temp, file);
  return file;
}
