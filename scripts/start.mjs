#!/usr/bin/env node
// `pnpm start`: starts the API at once (it serves the H5 app at `/`, or a "building" page until the
// app is built) and, when the H5 app is missing or older than its sources, builds it in the
// background with one progress line. Prints a ready banner with the URL and the demo users once
// /healthz answers. Honours PORT, HOST, DATA_DIR and DATABASE_URL.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildH5InBackground, h5IsStale } from './ensure-h5.mjs';
import { printReadyBanner, waitUntilHealthy } from './ready.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

const build = process.env.SKIP_H5_BUILD !== '1' && h5IsStale() ? buildH5InBackground({ label: 'building the H5 app (first start or sources changed); the API is already up' }) : undefined;

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
  build?.stop();
  if (code !== null) process.exit(code);
  process.exit(stopRequested ? 0 : 128 + (os.constants.signals[signal] ?? 0));
});

waitUntilHealthy(server).then((url) => url && printReadyBanner({ url, seconds: (Date.now() - started) / 1000, building: Boolean(build) }));
