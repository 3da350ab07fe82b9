#!/usr/bin/env node
// `pnpm start`: builds the H5 app when it is missing or older than its sources, then starts the
// API (which serves the H5 app at `/`). Honours PORT, HOST, DATA_DIR and DATABASE_URL.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureH5 } from './ensure-h5.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.env.SKIP_H5_BUILD !== '1' && !ensureH5()) {
  console.error('H5 build failed; starting the API without the app at /.');
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/api/src/server.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
// A server killed by a signal is a failure for a supervisor (exit 128 + signal number), unless
// this wrapper itself was asked to stop with that signal; only a clean exit is 0.
let stopRequested = false;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => ((stopRequested = true), server.kill(signal)));
server.on('exit', (code, signal) => {
  if (code !== null) process.exit(code);
  process.exit(stopRequested ? 0 : 128 + (os.constants.signals[signal] ?? 0));
});
