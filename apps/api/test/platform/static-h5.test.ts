import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../harness';

describe('the H5 app at /', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-h5-'));
    t = await createTestApp({ seed: false, env: { H5_DIR: path.join(dir, 'h5') } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows a self-refreshing "building" page while the app is not built, and the app once it is, without a restart', async () => {
    const building = await t.app.inject({ method: 'GET', url: '/' });
    expect(building.statusCode).toBe(503);
    expect(building.headers['content-type']).toContain('text/html');
    expect(building.body).toContain('正在构建应用');
    expect(building.body).toContain('http-equiv="refresh"');
    // The API does not wait for the app.
    expect((await t.call('GET', '/healthz')).status).toBe(200);

    // The build finishes while the server runs.
    fs.writeFileSync(path.join(dir, 'h5', 'index.html'), '<!doctype html><title>先锋骑士</title>');
    fs.mkdirSync(path.join(dir, 'h5', 'js'));
    fs.writeFileSync(path.join(dir, 'h5', 'js', 'app.0123abcd.js'), 'console.log(1)');
    const app = await t.app.inject({ method: 'GET', url: '/' });
    expect(app.statusCode).toBe(200);
    expect(app.body).toContain('<title>先锋骑士</title>');
    expect(app.headers['cache-control']).toBe('no-cache');
    // The camera scanner's QR decoder runs in a worker made from a blob.
    expect(app.headers['content-security-policy']).toContain("worker-src 'self' blob:");
    const bundle = await t.app.inject({ method: 'GET', url: '/js/app.0123abcd.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject({ method: 'GET', url: '/js/missing.js' })).statusCode).toBe(404);
  });
});
