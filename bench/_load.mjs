// Load generator for the benchmarks, run as its own process so the client never shares the
// server's event loop: `node bench/_load.mjs '{"url":"http://127.0.0.1:3201","paths":["/a","/b"],"duration":10,"connections":10}'`.
// Cycles through `paths`, prints one JSON line: { rps, p50, p99, errors, non2xx, requests }.
import autocannon from 'autocannon';

const { url, paths, duration = 10, connections = 10, pipelining = 1 } = JSON.parse(process.argv[2]);
let next = 0;
const result = await autocannon({
  url,
  duration,
  connections,
  pipelining,
  requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
});
console.log(
  JSON.stringify({
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  }),
);
