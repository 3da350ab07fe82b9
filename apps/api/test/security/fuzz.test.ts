import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { FakeWechat } from '../fake-wechat';
import { createTestApp, type TestApp } from '../harness';
import { testDbKind } from '../setup/database';
import { jpeg } from '../stamps/helpers';
import { buildFixtures, type Fixtures } from './matrix';

/**
 * Build item 4 of issue 9: a property-based fuzzer generated from the live OpenAPI document.
 * For every operation and several callers, fast-check draws requests that are valid, nearly
 * valid or hostile (wrong types, missing and extra fields, huge strings and arrays, deep nesting,
 * `__proto__`/`constructor` keys, NUL/surrogates/emoji/RTL text, numbers at the edges, forged
 * cursors, ids and tokens, malformed multipart and JSON). Every answer must be below 500, a
 * documented status with its documented content type and schema (4xx: the error envelope), and a
 * rejected request must leave the database as it was.
 *
 * FUZZ_RUNS (default 5200) requests per database project, FUZZ_SEED (default 20261129) fixes the
 * draw; CI runs both databases, so ≥ 10,000 requests in all. The figures are printed and written to
 * test-artifacts/fuzz-<db>.json.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  op: any;
  params: Array<{ name: string; in: 'path' | 'query'; schema: Schema; required?: boolean }>;
  bodyTypes: Record<string, Schema>;
}
interface Draw {
  caller: 'anonymous' | 'rider' | 'orgAdmin' | 'superAdmin' | 'forged';
  pathParams: Record<string, string>;
  query: string;
  body?: { payload: string | Buffer; contentType?: string };
}

let t: TestApp;
let wechat: FakeWechat;
let fx: Fixtures;
let document: any;
let tables: string[] = [];
beforeAll(async () => {
  wechat = await new FakeWechat().start();
  t = await createTestApp({ env: { ...wechat.env, REPORT_RATE_LIMIT: '1000000' } });
  fx = await buildFixtures(t, wechat);
  document = t.app.swagger();
  const rows = await t.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  tables = rowsOf(rows).map((r) => String(r.table_name));
});
afterAll(async () => {
  await t.close();
  await wechat.stop();
});

const rowsOf = (result: unknown): Array<Record<string, unknown>> => (Array.isArray(result) ? result : (result as { rows: Array<Record<string, unknown>> }).rows);

/** Row count and newest row version of every table: any committed insert, update or delete changes it. */
async function fingerprint(): Promise<string> {
  const started = performance.now();
  try {
    return await fingerprintNow();
  } finally {
    figures.fingerprintMs += performance.now() - started;
  }
}

async function fingerprintNow(): Promise<string> {
  const parts = tables.map((name) => `select '${name}' as t, count(*)::text as n, coalesce(max(xmin::text::bigint), 0)::text as x from "${name}"`);
  const rows = rowsOf(await t.db.execute(sql.raw(parts.join(' union all '))));
  return rows.map((r) => `${r.t}:${r.n}:${r.x}`).join('|');
}

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [p, methods] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const bodyTypes: Record<string, Schema> = {};
      for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Record<string, { schema: Schema }>)) bodyTypes[type] = media.schema;
      out.push({ method: method.toUpperCase(), path: p, op, params: op.parameters ?? [], bodyTypes });
    }
  }
  return out;
}

// ------------------------------------------------------------ hostile values
const NASTY_STRINGS = [
  '', ' ', 'a\u0000b', '\u0000', '\uD800', 'x\uDFFFy', '🚴‍♂️😀', '\u202Eمرحبا\u202C', '\uFEFF', 'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
  "'; drop table users; --", '1 or 1=1', '../../etc/passwd', '%00', '%', '%E0%A4%A', '<script>alert(1)</script>', '${jndi:ldap://x}',
  '__proto__', 'constructor', 'null', 'undefined', 'NaN', 'Infinity', '-0', '1e309', '0x10', ' 1 ', 'true',
  '2026-02-30T25:61:00Z', '0000-00-00', '9999-12-31T23:59:59.999Z', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const NASTY_NUMBERS = [0, -0, -1, 1, 0.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, 90.0000001, -180.0000001, 100000000];
const forgedCursor = () =>
  fc.oneof(
    fc.constantFrom('eyJrIjoieCIsImlkIjoieSJ9', 'e30', 'bnVsbA', '!!!!', 'A'.repeat(200)),
    fc.record({ k: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.double()), id: fc.oneof(fc.uuid(), fc.string()) }).map((c) => Buffer.from(JSON.stringify(c)).toString('base64url')),
  );

function nasty(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...NASTY_STRINGS),
    fc.constantFrom(...NASTY_NUMBERS),
    fc.constantFrom(true, false, null, [], {}, [null], { __proto__: null }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer({ min: 100_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
    fc.integer({ min: 1000, max: 20_000 }).map((n) => Array.from({ length: n }, () => 'a')),
    fc.integer({ min: 50, max: 3000 }).map((depth) => deepNest(depth)),
    fc.constant(JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"role":"super_admin"}}}')),
    forgedCursor(),
  );
}

function deepNest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

// ------------------------------------------------------------ values from schemas
function fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((s: Schema) => fromSchema(s, depth + 1)));
  switch (schema.type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 1000, 2 ** 31 - 1) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set<string>(schema.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, s] of Object.entries(props)) model[name] = fromSchema(s, depth + 1);
      return fc.record(model, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const ids = () => [fx.stationA.id, fx.stationB.id, fx.meeting.id, fx.activity.id, fx.reward.id, fx.redemption.id, fx.report.id, fx.application.id, fx.orgIds.owning, fx.orgIds.sibling];
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(fc.constantFrom(...ids()), fc.uuid());
    case 'date-time':
      return fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  }
  if (schema.pattern === '^([01][0-9]|2[0-3]):[0-5][0-9]$') return fc.constantFrom('08:00', '18:30', '00:00', '23:59');
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 40, 40));
  return fc.oneof(fc.string({ minLength: Math.max(min, 1), maxLength: max }), fc.constantFrom('卢沟桥', 'LGQ', 'test-openid', 'abc123'));
}

/** A value for a schema: valid most of the time, otherwise mutated or replaced by something hostile. */
function fuzzValue(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const valid = fromSchema(schema);
  const mutated =
    schema?.type === 'object'
      ? fc.tuple(valid, fc.constantFrom('drop', 'extra', 'poison', 'field'), fc.string({ maxLength: 12 }), nasty()).map(([v, how, key, bad]) => {
          const obj = { ...(v as object) } as Record<string, unknown>;
          const keys = Object.keys(schema.properties ?? {});
          if (how === 'drop' && keys.length) delete obj[keys[key.length % keys.length]];
          if (how === 'extra') obj[key || 'extra'] = bad;
          if (how === 'poison') Object.defineProperty(obj, '__proto__', { value: bad, enumerable: true, configurable: true, writable: true });
          if (how === 'field' && keys.length) obj[keys[key.length % keys.length]] = bad;
          return obj;
        })
      : nasty();
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 5, arbitrary: mutated }, { weight: 1, arbitrary: nasty() });
}

/** encodeURIComponent that also writes lone surrogates (as the bytes a careless encoder would send). */
function encodeAny(text: string): string {
  return text
    .split(/([\uD800-\uDFFF])/u)
    .map((part) => {
      if (part.length !== 1 || !/[\uD800-\uDFFF]/u.test(part)) return encodeURIComponent(part);
      const c = part.charCodeAt(0);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');
}

function queryArb(op: Operation): fc.Arbitrary<string> {
  const params = op.params.filter((p) => p.in === 'query');
  const entries = params.map((p) =>
    fc.option(
      p.name === 'cursor' ? fc.oneof(forgedCursor(), fuzzValue(p.schema)) : fuzzValue(p.schema),
      { nil: undefined, freq: 3 },
    ).map((v) => [p.name, v] as const),
  );
  const extra = fc.option(fc.tuple(fc.constantFrom('foo', '__proto__', 'constructor[prototype]', 'limit[]', 'a%00b'), fc.string({ maxLength: 8 })), { nil: undefined, freq: 4 });
  return fc.tuple(fc.tuple(...entries), extra).map(([pairs, more]) => {
    const parts: string[] = [];
    for (const [name, value] of pairs) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value.slice(0, 50) : [value]) parts.push(`${encodeAny(name)}=${encodeAny(typeof v === 'object' ? JSON.stringify(v) ?? 'null' : String(v))}`);
    }
    if (more) parts.push(`${more[0]}=${encodeAny(more[1])}`);
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

function pathArb(op: Operation): fc.Arbitrary<Record<string, string>> {
  const names = op.params.filter((p) => p.in === 'path').map((p) => p.name);
  const one = fc.oneof(
    { weight: 4, arbitrary: stringFor({ format: 'uuid' }) },
    { weight: 1, arbitrary: fc.constantFrom('LGQ', 'x'.repeat(101), '..', '%2e%2e', 'a%00b', '%E0%A4%A', 'null', '-1', '0', '💥') },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map(encodeAny) },
  );
  return fc.tuple(...names.map(() => one)).map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]])));
}

let photo: Buffer;
function multipart(fields: Record<string, unknown>, mangle: string): { payload: Buffer; contentType: string } {
  const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'photo') continue;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${typeof value === 'object' ? JSON.stringify(value) : String(value)}\r\n`));
  }
  if (mangle !== 'no-photo') chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), mangle === 'text-photo' ? Buffer.from('not an image') : photo, Buffer.from('\r\n'));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let payload = Buffer.concat(chunks);
  let contentType = `multipart/form-data; boundary=${boundary}`;
  if (mangle === 'truncate') payload = payload.subarray(0, Math.floor(payload.length / 2));
  if (mangle === 'no-boundary') contentType = 'multipart/form-data';
  if (mangle === 'wrong-boundary') contentType = 'multipart/form-data; boundary=other';
  return { payload, contentType };
}

function bodyArb(op: Operation): fc.Arbitrary<Draw['body']> {
  const types = Object.keys(op.bodyTypes);
  const junk = fc.oneof(
    fc.constantFrom('{"a":', '[', 'null', '"x"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '\u0000', '', '[['.repeat(5000)),
    fc.string({ maxLength: 200 }),
  ).map((payload) => ({ payload, contentType: 'application/json' }));
  const wrongType = fc.tuple(fc.string({ maxLength: 100 }), fc.constantFrom('text/plain', 'text/csv', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'))
    .map(([payload, contentType]) => ({ payload, contentType }));
  if (types.includes('multipart/form-data')) {
    const fields = fuzzValue(op.bodyTypes['multipart/form-data']);
    return fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fields, fc.constantFrom('none', 'none', 'truncate', 'no-boundary', 'wrong-boundary', 'no-photo', 'text-photo')).map(([f, m]) => multipart((f ?? {}) as Record<string, unknown>, m)) },
      { weight: 1, arbitrary: junk },
      { weight: 1, arbitrary: wrongType },
    );
  }
  if (types.includes('application/json')) {
    return fc.oneof(
      { weight: 8, arbitrary: fuzzValue(op.bodyTypes['application/json']).map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' })) },
      { weight: 1, arbitrary: junk },
      { weight: 1, arbitrary: wrongType },
    );
  }
  if (op.method === 'GET' || op.method === 'HEAD') return fc.constant(undefined);
  // No documented body (e.g. the CSV import, or actions without a body): CSV-ish text and junk.
  const csv = fc.array(fc.array(fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 12 })), { maxLength: 9 }).map((cells) => cells.join(',')), { maxLength: 6 })
    .map((lines) => ({ payload: ['externalCode,name,kind,address,lat,lng,phone,services,hours', ...lines].join('\n'), contentType: 'text/csv' }));
  return fc.oneof(fc.constant(undefined), csv, junk, wrongType);
}

function drawArb(op: Operation): fc.Arbitrary<Draw> {
  return fc.record({
    caller: fc.constantFrom('anonymous', 'rider', 'orgAdmin', 'superAdmin', 'superAdmin', 'forged'),
    pathParams: pathArb(op),
    query: queryArb(op),
    body: bodyArb(op),
  }) as fc.Arbitrary<Draw>;
}

// ------------------------------------------------------------ checking answers
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
addFormats(ajv);
const validators = new Map<object, ReturnType<Ajv['compile']>>();
const validatorFor = (schema: object) => {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = ajv.compile(schema)));
  return v;
};

function documented(op: Operation, status: number) {
  const r = op.op.responses ?? {};
  return r[String(status)] ?? r[`${String(status)[0]}XX`] ?? r[`${String(status)[0]}xx`] ?? r.default;
}

const figures = { injectMs: 0, fingerprintMs: 0, requests: 0, byStatus: {} as Record<string, number>, dbChecked: 0, operations: 0, failures: [] as string[] };

function check(op: Operation, draw: Draw, url: string, res: { statusCode: number; headers: Record<string, unknown>; body: string; rawPayload: Buffer }) {
  const where = `${op.method} ${url} as ${draw.caller} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 500) throw new Error(`5xx: ${where}`);
  const spec = documented(op, res.statusCode);
  if (!spec) throw new Error(`undocumented status: ${where}`);
  if (res.statusCode === 204) return;
  const type = String(res.headers['content-type'] ?? '').split(';')[0].trim();
  const content = spec.content ?? {};
  if (!content[type]) throw new Error(`undocumented content type ${type} (documented: ${Object.keys(content).join(', ')}): ${where}`);
  if (type !== 'application/json') return;
  const body = JSON.parse(res.body);
  if (res.statusCode >= 400 && (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string')) throw new Error(`not the error envelope: ${where}`);
  const validate = validatorFor(content[type].schema);
  if (!validate(body)) throw new Error(`does not match its documented schema ${JSON.stringify(validate.errors?.slice(0, 3))}: ${where}`);
}

const tokens = () => ({
  rider: fx.users.rider.headers,
  orgAdmin: fx.users.orgAdmin.headers,
  superAdmin: fx.users.superAdmin.headers,
  anonymous: {},
  forged: { authorization: `Bearer ${fx.users.rider.token.split('.').slice(0, 2).join('.')}.${Buffer.from('forged').toString('base64url')}` },
});

let knownFingerprint: string | undefined;
const slowest: Array<{ ms: number; what: string }> = [];

async function send(op: Operation, draw: Draw) {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => draw.pathParams[name] ?? 'x') + draw.query;
  const headers: Record<string, string> = { ...tokens()[draw.caller] };
  if (draw.body?.contentType) headers['content-type'] = draw.body.contentType;
  const writes = op.method !== 'GET';
  const before = writes ? (knownFingerprint ?? (await fingerprint())) : undefined;
  const started = performance.now();
  const res = await t.app.inject({ method: op.method as never, url, headers, ...(draw.body ? { payload: draw.body.payload } : {}) });
  const took = performance.now() - started;
  figures.injectMs += took;
  slowest.push({ ms: Math.round(took), what: `${op.method} ${op.path} ${draw.caller} ${res.statusCode} body=${draw.body?.payload.length ?? 0}` });
  slowest.sort((a, b) => b.ms - a.ms).splice(5);
  figures.requests++;
  const bucket = `${String(res.statusCode)[0]}xx`;
  figures.byStatus[bucket] = (figures.byStatus[bucket] ?? 0) + 1;
  check(op, draw, url, res);
  if (!writes) {
    knownFingerprint = undefined; // reads may write too (attendance, audit of a PII read)
    return;
  }
  if (res.statusCode >= 400) {
    const after = await fingerprint();
    figures.dbChecked++;
    if (after !== before) throw new Error(`a rejected request changed the database: ${op.method} ${url} as ${draw.caller} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    knownFingerprint = after;
  } else {
    knownFingerprint = undefined;
  }
}

it(`fuzzes every operation of the live OpenAPI document (${RUNS} requests, seed ${SEED})`, async () => {
  photo = await jpeg();
  const ops = operations().filter((o) => o.path.startsWith('/api/') || o.path === '/healthz');
  figures.operations = ops.length;
  const perOperation = Math.ceil(RUNS / ops.length);
  const started = Date.now();
  for (const [index, op] of ops.entries()) {
    await fc.assert(
      fc.asyncProperty(drawArb(op), async (draw) => send(op, draw)),
      { seed: SEED + index, numRuns: perOperation, endOnFailure: true },
    );
  }
  const seconds = (Date.now() - started) / 1000;
  const summary = {
    database: testDbKind(),
    seed: SEED,
    requests: figures.requests,
    operations: figures.operations,
    callers: 5,
    status: figures.byStatus,
    '5xx': figures.byStatus['5xx'] ?? 0,
    rejectedChecked: figures.dbChecked,
    seconds: Math.round(seconds),
    injectSeconds: Math.round(figures.injectMs / 1000),
    fingerprintSeconds: Math.round(figures.fingerprintMs / 1000),
  };
  console.log(`FUZZ ${JSON.stringify(summary)}\nslowest: ${JSON.stringify(slowest)}`);
  const dir = path.resolve(__dirname, '../../../../test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `fuzz-${testDbKind()}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  expect(figures.requests).toBeGreaterThanOrEqual(RUNS);
  expect(summary['5xx']).toBe(0);
}, Math.max(180_000, RUNS * 200));
