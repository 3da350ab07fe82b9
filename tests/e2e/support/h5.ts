import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/**
 * Builds the H5 app when it is missing or older than its sources (scripts/ensure-h5.mjs). Webpack's
 * progress output would bury jest's: it is kept, and shown only when the build fails.
 */
export function buildH5IfStale(): void {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-h5.mjs')], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 64 * 1024 * 1024 });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout}\n${build.stderr}`);
    throw new Error('H5 build failed');
  }
}
