import { ensureTemplateDatabase } from './postgres';

/** Once per run: a migrated template database that each test file clones in milliseconds. */
export default async function globalSetup() {
  await ensureTemplateDatabase();
}
