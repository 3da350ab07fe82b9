import { openDatabase } from './client';
import { seedDemoData } from './seed';

/** `pnpm db:migrate` / `pnpm db:seed`: on DATABASE_URL if set, else on the embedded database in DATA_DIR. */
async function main() {
  const command = process.argv[2];
  if (command !== 'migrate' && command !== 'seed') {
    console.error('usage: cli.ts migrate|seed');
    process.exit(2);
  }
  if (command === 'seed' && process.env.NODE_ENV === 'production') {
    console.error('refusing in production: the demo data holds a super_admin for openid demo-super');
    process.exit(1);
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
