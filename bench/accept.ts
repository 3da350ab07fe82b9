/**
 * `pnpm bench accept`: how long a new connection waits for its first answer while a Node.js server
 * is busy with the connections it already has — the cause of the storms' tail (docs/PERFORMANCE.md,
 * "The first request on a new connection").
 *
 * A bare node:http server (child process) spends `--work` ms of CPU per request (0.7: a check-in's
 * API CPU). `--busy` keep-alive clients keep it saturated, then `--fresh` new connections send one
 * request each, all at once. Printed: their latency next to the busy clients', with the server's
 * listen queue sampled (`ss`). Since libuv 1.45 (Node.js 20) a server accepts one connection per
 * event-loop turn (libuv#3696; nodejs/performance#95, nodejs/node#57364), and a turn of a saturated
 * server serves every ready request first. The last line is JSON.
 *
 * Options: --work MS (0.7), --busy N (100), --fresh N (100), --settle MS (1500).
 */
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const WORK_MS = arg('work', 0.7);
const BUSY = arg('busy', 100);
const FRESH = arg('fresh', 100);
const SETTLE_MS = arg('settle', 1500);

const SERVER = `
const http = require('node:http');
const work = Number(process.argv[1]);
const server = http.createServer((req, res) => {
  const end = performance.now() + work;
  while (performance.now() < end);
  res.end('ok');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

const summary = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
  return { n: sorted.length, p50: at(50), p99: at(99), max: Math.round(sorted[sorted.length - 1]) };
};

function get(port: number, agent: http.Agent): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - started));
      })
      .on('error', reject);
  });
}

async function main() {
  const server = spawn(process.execPath, ['-e', SERVER, String(WORK_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: BUSY });
  let stop = false;
  const busyLatencies: number[] = [];
  const busyLoop = async () => {
    while (!stop) busyLatencies.push(await get(port, keepAlive));
  };
  const loops = Array.from({ length: BUSY }, busyLoop);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  busyLatencies.length = 0;

  let maxQueued = 0;
  const sampler = setInterval(() => {
    const out = spawnSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' }).stdout ?? '';
    maxQueued = Math.max(maxQueued, Number(out.trim().split(/\s+/)[1] ?? 0) || 0);
  }, 20);
  const fresh = await Promise.all(Array.from({ length: FRESH }, () => get(port, new http.Agent({ keepAlive: false }))));
  clearInterval(sampler);
  stop = true;
  await Promise.all(loops);
  keepAlive.destroy();
  server.kill();

  const result = { bench: 'accept', workMs: WORK_MS, busyConnections: BUSY, freshConnections: summary(fresh), openConnections: summary(busyLatencies), listenQueueMax: maxQueued };
  console.log(`a server spending ${WORK_MS} ms per request, ${BUSY} busy keep-alive clients, then ${FRESH} new connections at once:`);
  console.log(`   new connections: first answer p50 ${result.freshConnections.p50} / p99 ${result.freshConnections.p99} / max ${result.freshConnections.max} ms`);
  console.log(`   open connections meanwhile: p50 ${result.openConnections.p50} / p99 ${result.openConnections.p99} ms; listen queue up to ${maxQueued}`);
  console.log(JSON.stringify(result));
}

void main();
