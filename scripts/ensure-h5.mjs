#!/usr/bin/env node
// Builds the H5 mini-app when dist/h5 is missing or older than its sources (the app, the API
// client and the domain package). Used by `pnpm install` (scripts/postinstall.mjs), `pnpm start`
// and the browser tests. Webpack's log goes to a file; the terminal gets one progress line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const miniapp = path.join(root, 'apps/miniapp');
export const h5Dir = path.join(miniapp, 'dist/h5');
/** Where the last build's full output is kept (read it when a build fails). */
export const buildLog = path.join(root, 'node_modules/.cache/xfqs/h5-build.log');

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

// A production build whatever the caller's NODE_ENV (jest sets `test`, which turns on React
// Refresh in Taro's Babel preset and breaks the build).
const buildEnv = () => ({ ...process.env, NODE_ENV: 'production', NODE_OPTIONS: '' });

/** Returns true when an up-to-date build exists afterwards (synchronous: the browser tests' setup). */
export function ensureH5({ quiet = false } = {}) {
  if (!fs.existsSync(path.join(miniapp, 'package.json'))) return false;
  if (!h5IsStale()) return true;
  if (!quiet) console.log('› building the H5 app (first start or sources changed)…');
  const build = spawnSync('pnpm', ['--filter', '@xfqs/miniapp', 'build:h5'], { cwd: root, stdio: quiet ? 'pipe' : 'inherit', env: buildEnv() });
  if (build.status !== 0 && quiet) process.stderr.write(build.stderr ?? '');
  return build.status === 0;
}

/**
 * Builds H5 in a child process with its output in `buildLog` and one line on the terminal that
 * counts the seconds ("› building the H5 app… 12 s"). Resolves to true on success; on failure
 * prints the log's last lines. `stop()` ends the build (when the server it was for stops).
 */
export function buildH5InBackground({ label = 'building the H5 app' } = {}) {
  fs.mkdirSync(path.dirname(buildLog), { recursive: true });
  const log = fs.openSync(buildLog, 'w');
  const started = Date.now();
  const child = spawn('pnpm', ['--filter', '@xfqs/miniapp', 'build:h5'], { cwd: root, stdio: ['ignore', log, log], env: buildEnv(), detached: false });
  const tty = process.stdout.isTTY;
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const line = (text) => (tty ? process.stdout.write(`\r\x1b[2K${text}`) : undefined);
  if (!tty) console.log(`› ${label} (log: ${path.relative(root, buildLog)})…`);
  const ticker = setInterval(() => line(`› ${label}… ${seconds()} s`), 1000);
  ticker.unref();
  const done = new Promise((resolve) => {
    child.on('exit', (code) => {
      clearInterval(ticker);
      fs.closeSync(log);
      line('');
      if (code === 0) {
        console.log(`✓ H5 app built in ${seconds()} s`);
        return resolve(true);
      }
      const tail = fs.readFileSync(buildLog, 'utf8').trim().split('\n').slice(-20).join('\n');
      console.error(`✗ H5 build failed after ${seconds()} s (full log: ${buildLog}):\n${tail}`);
      resolve(false);
    });
  });
  return { done, stop: () => child.exitCode === null && child.kill('SIGTERM') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(ensureH5() ? 0 : 1);
}
