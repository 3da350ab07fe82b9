import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, expectError, type TestApp } from '../harness';

/**
 * Build item 5 of issue 9: the live OpenAPI document passes a third-party linter (Redocly CLI,
 * rules in redocly.yaml) with 0 errors (an operation without a description is one); warnings are printed.
 */
const ROOT = path.resolve(__dirname, '../../../..');
const REDOCLY = path.join(ROOT, 'node_modules/.bin/redocly');

let t: TestApp;
let document: any;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
  document = t.app.swagger();
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([p, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path: p, method, op })),
  );

describe('the live OpenAPI document', () => {
  it('passes `redocly lint` with 0 errors (warnings printed)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-lint-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(document));
    let stdout = '';
    try {
      ({ stdout } = await promisify(execFile)(REDOCLY, ['lint', file, '--format=json', `--config=${path.join(ROOT, 'redocly.yaml')}`], {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      }));
    } catch (err) {
      // redocly exits 1 when there are errors; its JSON report is still on stdout.
      stdout = (err as { stdout?: string }).stdout ?? '';
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; severity: string; message: string }> };
    const byRule: Record<string, number> = {};
    for (const p of report.problems.filter((p) => p.severity === 'warn')) byRule[p.ruleId] = (byRule[p.ruleId] ?? 0) + 1;
    console.log(
      `OpenAPI lint (redocly): ${operations().length} operations, ${report.totals.errors} errors, ${report.totals.warnings} warnings ${JSON.stringify(byRule)}`,
    );
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('every operation has a unique operationId', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('public operations declare `security: []`; signed-in ones bearer auth', () => {
    const publicOnes = t.app.apiRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicOnes.length).toBeGreaterThanOrEqual(7);
    for (const { path: p, method, op } of operations()) {
      const route = t.app.apiRoutes.find((r) => r.method === method.toUpperCase() && r.url.replace(/:(\w+)/g, '{$1}') === p);
      if (!route) continue; // outside /api/v1 (health)
      if (route.access === 'public') expect(op.security).toEqual([]);
      else expect(op.security).toContainEqual({ bearerAuth: [] });
    }
  });

  it('image routes document their 200 as an image and their errors as JSON', () => {
    const png = document.paths['/api/v1/stations/{id}/checkin-code.png'].get.responses;
    expect(Object.keys(png['200'].content)).toEqual(['image/png']);
    expect(Object.keys(png['4XX'].content)).toEqual(['application/json']);
    const photo = document.paths['/api/v1/reports/{id}/photo'].get.responses;
    expect(Object.keys(photo['200'].content).sort()).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect(Object.keys(photo['4XX'].content)).toEqual(['application/json']);
    const qr = document.paths['/api/v1/meetings/{id}/qrcode.png'].get.responses;
    expect(Object.keys(qr['4XX'].content)).toEqual(['application/json']);
  });

  it('every route has a query schema: unknown query parameters are a 400', async () => {
    const rider = await t.loginAs('rider');
    for (const url of ['/me?foo=1', '/stamps/me?foo=1', '/membership/me?x=', '/orgs?limit=1', '/membership/privacy-notice?a=b']) {
      expectError(await t.call('GET', url, { as: rider }), 400, 'VALIDATION_FAILED');
    }
    expect((await t.call('GET', '/me', { as: rider })).status).toBe(200);
  });
});
