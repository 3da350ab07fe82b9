// Load generator for `pnpm bench storms`, run as its own process so the client never shares the
// server's event loop: `node bench/_storm-load.mjs <spec.json>` where the spec is
// { url, connections, requests?: [{ method, path, headers?, body? }], paths?: [...], duration?, bodies?: <file> }.
// With `requests`, sends each exactly once, in order, `connections` at a time (autocannon `amount`);
// with `paths` and `duration`, cycles through the GET paths for that many seconds.
// Prints one JSON line: { rps, p50, p99, max, errors, timeouts, non2xx, statusCodes, requests, seconds,
// byStatus, byConnection }. `byConnection` splits the latencies into the first request on each new
// connection and the requests on connections already open (see docs/PERFORMANCE.md: a busy Node.js
// server accepts one new connection per event-loop turn).
// With `bodies`, writes every response ({ i, status, body }) to that file as JSON lines.
import fs from 'node:fs';
import autocannon from 'autocannon';

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { url, connections, requests, paths, duration, bodies } = spec;
const responses = [];
let next = 0;
// autocannon notices that `amount` is reached on its one-second tick, so its own end time (and any
// wall time around it) rounds up to whole seconds: a storm's rate is timed to its last response.
let lastResponse;
/** Milliseconds from handing a request to the connection to its response, per status (admitted vs shed). */
const latencies = {};
/** The same, split into each connection's first request and the rest. */
const byConnection = { first: [], established: [] };
const connectionCount = requests ? Math.min(connections, requests.length) : connections;
const cpuMs = (usage) => (usage.user + usage.system) / 1000;
const summary = (list) => {
  const sorted = list.sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: Math.round(sorted[sorted.length - 1]) };
};
const percentile = (sorted, p) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

const entry = requests
  ? {
      setupRequest: (req, context) => {
        const i = next++;
        context.i = i;
        context.sentAt = process.hrtime.bigint();
        const r = requests[i % requests.length];
        return {
          ...req,
          method: r.method,
          path: r.path,
          headers: { ...req.headers, ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}), ...r.headers },
          body: r.body !== undefined ? JSON.stringify(r.body) : undefined,
        };
      },
      onResponse: (status, body, context) => {
        lastResponse = process.hrtime.bigint();
        const ms = Number(lastResponse - context.sentAt) / 1e6;
        (latencies[status] ??= []).push(ms);
        // each connection sends its first request at the start and the next only after an answer
        // (pipelining 1), so the first `connections` requests are the first on each connection
        byConnection[context.i < connectionCount ? 'first' : 'established'].push(ms);
        if (bodies) responses.push({ i: context.i, status, body });
      },
    }
  : { setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) };

const started = process.hrtime.bigint();
const cpuAtStart = process.cpuUsage(); // after start-up: module loading is not part of the storm
const result = await autocannon({
  url,
  connections: connectionCount,
  pipelining: 1,
  timeout: 60,
  ...(requests ? { amount: requests.length } : { duration }),
  requests: [entry],
});
const seconds = Number((requests && lastResponse ? lastResponse : process.hrtime.bigint()) - started) / 1e9;
if (bodies) fs.writeFileSync(bodies, responses.map((r) => JSON.stringify(r)).join('\n'));
const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
console.log(
  JSON.stringify({
    rps: Math.round(result.requests.total / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    requests: result.requests.total,
    seconds: Math.round(seconds * 100) / 100,
    // this process's own CPU during the storm (it shares the machine with the server and the database)
    cpuMsPerRequest: Math.round((cpuMs(process.cpuUsage(cpuAtStart)) / Math.max(1, result.requests.total)) * 1000) / 1000,
    byStatus: Object.fromEntries(Object.entries(latencies).map(([status, list]) => [status, summary(list)])),
    byConnection: Object.fromEntries(Object.entries(byConnection).filter(([, list]) => list.length > 0).map(([kind, list]) => [kind, summary(list)])),
  }),
);
