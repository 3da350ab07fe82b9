import { openDatabase } from './client';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { seedDemoData } from './seed';
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

/** `pnpm db:migrate` / `pnpm db:seed`: on DATABASE_URL if set, else on the embedded database in DATA_DIR. */
async function main() {
  const command = process.argv[2];
  if (command === 'template') return makeTemplate();
  if (command !== 'migrate' && command !== 'seed') {
    console.error('usage: cli.ts migrate|seed|template');
    process.exit(2);
  }
  const handle = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR || './.data',
  });
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
