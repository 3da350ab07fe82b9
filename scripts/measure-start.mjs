#!/usr/bin/env node
// `pnpm measure:start [runs]`: how long `pnpm start` takes from launch to a healthy /healthz on a
// fresh embedded database (migrations and demo data included), as after the README's install.
// Prints one line per run and, last, a JSON line with the median. MEASURE_PORT picks the port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { h5IsStale } from './ensure-h5.mjs';
import { waitUntilHealthy } from './ready.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 3);
const port = process.env.MEASURE_PORT ?? '3470';

async function once() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-measure-'));
  const env = { ...process.env, PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' };
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: 'ignore' });
  const url = await waitUntilHealthy(child, { url: `http://127.0.0.1:${port}` });
  const seconds = (performance.now() - started) / 1000;
  const app = url ? await fetch(`${url}/`) : undefined;
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r()));
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!url) throw new Error('the server never became healthy');
  return { seconds, appStatus: app?.status };
}

if (h5IsStale()) console.warn('note: the H5 app is stale, so `pnpm start` also builds it in the background during these runs');
const results = [];
for (let i = 0; i < runs; i++) {
  const r = await once();
  results.push(r.seconds);
  console.log(`run ${i + 1}: healthy after ${r.seconds.toFixed(2)} s (GET / → ${r.appStatus})`);
}
const sorted = [...results].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(JSON.stringify({ metric: 'start_to_healthy_s', runs, median: Number(median.toFixed(2)), max: Number(sorted.at(-1).toFixed(2)), freshDatabase: true, cpus: os.cpus().length }));
