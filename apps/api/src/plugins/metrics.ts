import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { unauthenticated } from '../errors';
import { requestLine } from '../request-log';

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's Prometheus registry (one per app: tests build many apps in one process). */
    metrics: Registry;
  }
  interface FastifyRequest {
    /** Counted in the metrics already (a request is counted once, see below). */
    metricsCounted: boolean;
    /** The reply, once its answer has passed onSend on a live socket (for a hang-up after that). */
    answeredBy: FastifyReply | null;
  }
}

/**
 * Business events, counted at the HTTP edge from the routes that make them: a new check-in is a
 * 201 of a check-in route (a repeat within the window is a 200 and not counted), a redemption a 201
 * (requested) or 200 (fulfilled). Keys are `METHOD routeUrl status`.
 */
const EVENTS: Record<string, { metric: 'checkins' | 'stamps' | 'redemptions'; label: string }[]> = {
  'POST /api/v1/stations/:id/checkins 201': [{ metric: 'checkins', label: 'station' }],
  'POST /api/v1/activities/:id/checkins 201': [{ metric: 'checkins', label: 'activity' }, { metric: 'stamps', label: 'activity_checkin' }],
  'POST /api/v1/reports/:id/accept 200': [{ metric: 'stamps', label: 'report_accepted' }],
  'POST /api/v1/redemptions 201': [{ metric: 'redemptions', label: 'requested' }],
  'POST /api/v1/redemptions/fulfill 200': [{ metric: 'redemptions', label: 'fulfilled' }],
};

/**
 * Prometheus metrics at `GET /metrics`, only with `Authorization: Bearer <METRICS_TOKEN>` (401
 * otherwise); without METRICS_TOKEN the route does not exist (404). Public in the auth sense (no
 * JWT hook): the token is its own guard. Labels carry route patterns, never raw URLs or user data.
 */
export const metricsPlugin = fp<{ token?: string }>(async function metrics(app: FastifyInstance, { token }) {
  const register = new Registry();
  app.decorate('metrics', register);
  collectDefaultMetrics({ register, eventLoopMonitoringPrecision: 20 }); // includes nodejs_eventloop_lag_* seconds

  const labelNames = ['method', 'route', 'status_class'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status class', labelNames, registers: [register] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status class',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  });
  const rateLimited = new Counter({ name: 'xfqs_rate_limited_total', help: 'Requests refused with 429 by a rate limit', labelNames: ['route'], registers: [register] });
  const business = {
    checkins: new Counter({ name: 'xfqs_checkins_total', help: 'New check-ins (station or activity)', labelNames: ['kind'], registers: [register] }),
    stamps: new Counter({ name: 'xfqs_stamp_events_total', help: 'Stamp-earning events (activity check-ins, accepted reports)', labelNames: ['source'], registers: [register] }),
    redemptions: new Counter({ name: 'xfqs_redemptions_total', help: 'Redemptions requested and fulfilled', labelNames: ['stage'], registers: [register] }),
  };
  const label = { checkins: 'kind', stamps: 'source', redemptions: 'stage' } as const;

  const poolStats = app.database.poolStats?.bind(app.database);
  if (poolStats) {
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting = queries queued for a connection)',
      labelNames: ['pool', 'state'],
      registers: [register],
      collect() {
        const pools = { primary: poolStats(), ...(app.dbReadPoolStats ? { replica: app.dbReadPoolStats() } : {}) };
        for (const [pool, s] of Object.entries(pools)) {
          if (!s) continue;
          this.set({ pool, state: 'total' }, s.total);
          this.set({ pool, state: 'idle' }, s.idle);
          this.set({ pool, state: 'waiting' }, s.waiting);
        }
      },
    });
  }

  // Behind nginx every accepted connection is a new upstream connection: a rate that rises with load
  // means nginx keeps too few idle ones (`keepalive`), and under load a Node.js server accepts one
  // connection per event-loop turn (docs/PERFORMANCE.md, "The first request on a new connection").
  const accepted = new Counter({ name: 'http_connections_accepted_total', help: 'TCP connections this instance accepted', registers: [register] });
  const countConnection = () => accepted.inc();
  app.server.on('connection', countConnection);
  app.addHook('onClose', async () => void app.server.off('connection', countConnection));

  const undelivered = new Counter({
    name: 'http_requests_client_gone_total',
    help: 'Requests answered after their client had hung up (the answer reached nobody; also in http_requests_total)',
    labelNames,
    registers: [register],
  });

  const count = (request: FastifyRequest, reply: FastifyReply, delivered: boolean) => {
    request.metricsCounted = true;
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const labels = { method: request.method, route, status_class: `${Math.floor(reply.statusCode / 100)}xx` };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    if (!delivered) {
      undelivered.inc(labels);
      request.log.info(requestLine(request, reply), 'answered after the client hung up');
    }
    if (reply.statusCode === 429) rateLimited.inc({ route });
    for (const event of EVENTS[`${request.method} ${route} ${reply.statusCode}`] ?? []) {
      (business[event.metric] as Counter<string>).inc({ [label[event.metric]]: event.label });
    }
  };

  // Each request is counted once, when its answer is final. Normally that is onResponse (the answer
  // reached the client). Fastify never runs onResponse for a client that hung up first — a phone
  // losing signal, a WeChat request timing out — yet its check-in may have committed: then the
  // answer is counted when it is ready (onSend, the socket already gone) or, if the client hangs up
  // while the answer is on its way, at the hang-up (onRequestAbort).
  app.decorateRequest('metricsCounted', false);
  app.decorateRequest('answeredBy', null);
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.metricsCounted && !request.answeredBy) {
      if (reply.raw.destroyed) count(request, reply, false);
      else request.answeredBy = reply;
    }
    done(null, payload);
  });
  app.addHook('onRequestAbort', (request, done) => {
    if (!request.metricsCounted && request.answeredBy) count(request, request.answeredBy, false);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (!request.metricsCounted) count(request, reply, true);
    done();
  });

  if (!token) return;
  const expected = Buffer.from(`Bearer ${token}`);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthenticated('需要有效的监控令牌');
    reply.header('cache-control', 'no-store').type(register.contentType);
    return register.metrics();
  });
});
