#!/usr/bin/env node
// `pnpm start`: builds the H5 app when it is missing or older than its sources, then starts the
// API (which serves the H5 app at `/`). Honours PORT, HOST, DATA_DIR and DATABASE_URL.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const miniapp = path.join(root, 'apps/miniapp');
const h5Index = path.join(miniapp, 'dist/h5/index.html');

/** Newest modification time below a folder (skipping build output and dependencies). */
function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.swc'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function h5IsStale() {
  if (!fs.existsSync(h5Index)) return true;
  const built = fs.statSync(h5Index).mtimeMs;
  const sources = [miniapp, path.join(root, 'packages/api-client/src'), path.join(root, 'packages/domain/src')];
  return sources.some((dir) => newestMtime(dir) > built);
}

const hasMiniapp = fs.existsSync(path.join(miniapp, 'package.json')) && JSON.parse(fs.readFileSync(path.join(miniapp, 'package.json'), 'utf8')).scripts?.['build:h5'];
if (hasMiniapp && process.env.SKIP_H5_BUILD !== '1' && h5IsStale()) {
  console.log('› building the H5 app (first start or sources changed)…');
  const build = spawnSync('pnpm', ['--filter', '@xfqs/miniapp', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('H5 build failed; starting the API without it.');
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/api/src/server.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
