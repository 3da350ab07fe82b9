import { openDatabase } from './client';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { seedDemoData } from './seed';
import { backupDatabase, restoreDatabase } from './backup';
import { pgliteTemplateFile, writePgliteTemplate } from './pglite-template';

/** `cli.ts template`: a migrated, empty embedded database kept for new data folders (install step). */
async function makeTemplate() {
  if (fs.existsSync(pgliteTemplateFile())) return console.log('embedded database template: up to date');
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-template-'));
  const handle = await openDatabase({ dataDir: dir, useTemplate: false });
  try {
    await handle.migrate();
    const file = await writePgliteTemplate(await handle.dump!());
    console.log(`embedded database template made in ${((Date.now() - started) / 1000).toFixed(0)} s (${path.basename(file)})`);
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `pnpm db:migrate` / `pnpm db:seed` / `pnpm db:backup <file>` / `pnpm db:restore <file>`: on
 * DATABASE_URL if set, else on the embedded database in DATA_DIR.
 */
async function main() {
  const [command, file] = process.argv.slice(2);
  if (command === 'template') return makeTemplate();
  const target = { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './.data' };
  if ((command === 'backup' || command === 'restore') && file) {
    await (command === 'backup' ? backupDatabase : restoreDatabase)(target, file);
    console.log(`${command}: done (${target.databaseUrl ? 'postgres' : 'pglite'}, ${file})`);
    return;
  }
  if (command !== 'migrate' && command !== 'seed') {
    console.error('usage: cli.ts migrate | seed | template | backup <file> | restore <file>');
    process.exit(2);
  }
  if (command === 'seed' && process.env.NODE_ENV === 'production') {
    console.error('refusing in production: the demo data holds a super_admin for openid demo-super');
    process.exit(1);
  }
  const handle = await openDatabase(target);
  try {
    await handle.migrate();
    if (command === 'seed') await seedDemoData(handle.db);
    console.log(`${command}: done (${handle.kind})`);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
