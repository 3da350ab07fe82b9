import fs from 'node:fs';
import { NGINX_SCREENSHOT_DIR } from '../../e2e/support/browser';
import { buildH5IfStale } from '../../e2e/support/h5';
import { deploy, NGINX_URL, PRIMARY_DATABASE_URL } from './deployment';

/**
 * Once for the deploy project: builds the H5 app if stale (the instances serve it) and brings the
 * deployment up with scripts/deploy-local.sh (PostgreSQL + replica, Redis, S3 emulator, 2 API
 * instances with the demo data and dev login, nginx). Its address goes into DEPLOY_BASE_URL and
 * DEPLOY_DATABASE_URL — names no other project reads; support/env.js points the deploy project's
 * own files at them.
 */
export default async function globalSetup() {
  const started = Date.now();
  fs.rmSync(NGINX_SCREENSHOT_DIR, { recursive: true, force: true });
  buildH5IfStale();
  try {
    deploy('up');
  } catch (err) {
    // Fails the deploy project's file (support/env.js throws it there), not the whole jest run.
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    process.env.DEPLOY_UP_ERROR = `scripts/deploy-local.sh up failed: ${String(err)}\n${stdout}${stderr}`;
    console.error(`\n› ${process.env.DEPLOY_UP_ERROR}`);
    return;
  }
  process.env.DEPLOY_BASE_URL = NGINX_URL;
  process.env.DEPLOY_DATABASE_URL = PRIMARY_DATABASE_URL;
  console.log(`\n› deployment up behind nginx at ${NGINX_URL} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
