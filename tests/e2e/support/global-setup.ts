import fs from 'node:fs';
import { SCREENSHOT_DIR } from './browser';
import { buildH5IfStale } from './h5';
import { startServer } from './server';

/**
 * Builds the H5 app if stale and starts one real server on a fresh embedded database for all
 * journeys. With `E2E_BASE_URL` already set (a server you run yourself, e.g. while iterating on a
 * journey), it uses that one and builds nothing.
 */
export default async function globalSetup() {
  // The screenshots in test-artifacts are this run's, none left over from an earlier one.
  fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  if (process.env.E2E_BASE_URL) return;
  const started = Date.now();
  buildH5IfStale();
  const server = await startServer();
  process.env.E2E_BASE_URL = server.url;
  (globalThis as { __E2E_SERVER__?: typeof server }).__E2E_SERVER__ = server;
  console.log(`\n› browser journeys: H5 ready and server up at ${server.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
