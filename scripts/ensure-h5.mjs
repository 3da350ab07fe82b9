#!/usr/bin/env node
// Builds the H5 mini-app when dist/h5 is missing or older than its sources (the app, the API
// client and the domain package). Used by `pnpm start` and the browser tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const miniapp = path.join(root, 'apps/miniapp');
export const h5Dir = path.join(miniapp, 'dist/h5');

/** Newest modification time below a folder (skipping build output and dependencies). */
function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.swc', 'test'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function h5IsStale() {
  const index = path.join(h5Dir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = [miniapp, path.join(root, 'packages/api-client/src'), path.join(root, 'packages/domain/src')];
  return sources.some((dir) => newestMtime(dir) > built);
}

/** Returns true when an up-to-date build exists afterwards. */
export function ensureH5({ quiet = false } = {}) {
  if (!fs.existsSync(path.join(miniapp, 'package.json'))) return false;
  if (!h5IsStale()) return true;
  if (!quiet) console.log('› building the H5 app (first start or sources changed)…');
  // A production build whatever the caller's NODE_ENV (jest sets `test`, which turns on React
  // Refresh in Taro's Babel preset and breaks the build).
  const env = { ...process.env, NODE_ENV: 'production' };
  const build = spawnSync('pnpm', ['--filter', '@xfqs/miniapp', 'build:h5'], { cwd: root, stdio: quiet ? 'pipe' : 'inherit', env });
  if (build.status !== 0 && quiet) process.stderr.write(build.stderr ?? '');
  return build.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(ensureH5() ? 0 : 1);
}
