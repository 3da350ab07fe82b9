import { openDatabase } from './client';
import { seedDemoData } from './seed';
import { backupDatabase, restoreDatabase } from './backup';

/**
 * `pnpm db:migrate` / `pnpm db:seed` / `pnpm db:backup <file>` / `pnpm db:restore <file>`: on
 * DATABASE_URL if set, else on the embedded database in DATA_DIR.
 */
async function main() {
  const [command, file] = process.argv.slice(2);
  const target = { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './.data' };
  if ((command === 'backup' || command === 'restore') && file) {
    await (command === 'backup' ? backupDatabase : restoreDatabase)(target, file);
    console.log(`${command}: done (${target.databaseUrl ? 'postgres' : 'pglite'}, ${file})`);
    return;
  }
  if (command !== 'migrate' && command !== 'seed') {
    console.error('usage: cli.ts migrate | seed | backup <file> | restore <file>');
    process.exit(2);
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
