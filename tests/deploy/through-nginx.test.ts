/**
 * The deploy project's one test file: everything that goes through the nginx of the deployment
 * (brought up once by support/global-setup.ts), in this order and one at a time — jest would run
 * separate files at once in its workers, and a journey must not meet an instance being killed:
 * 1. the API suite's HTTP-level journeys (apps/api/test, the harness in remote mode: real HTTP to
 *    nginx, the deployment's primary as the database);
 * 2. the browser journeys (tests/e2e/journeys.test.ts, screens in test-artifacts/screenshots/nginx/);
 * 3. the topology: an instance killed during check-ins, a rolling restart under load (topology.ts).
 * The files themselves are unchanged for their own projects (api:*, browser); support/env.js points
 * them here.
 */
import { servedByNginx } from '../e2e/support/target';
import { NGINX_URL } from './support/deployment';

describe('API journeys through nginx', () => {
  it('the harness is in remote mode on the deployment’s nginx', async () => {
    expect(process.env.TEST_API_BASE_URL).toBe(NGINX_URL);
    const res = await fetch(`${NGINX_URL}/readyz`);
    expect(res.status).toBe(200);
    expect(servedByNginx({ server: res.headers.get('server') ?? undefined })).toBe(true);
  });
  describe('membership', () => {
    require('../../apps/api/test/membership/journey.test');
  });
  describe('stamps', () => {
    require('../../apps/api/test/stamps/journey.test');
  });
});

describe('browser journeys through nginx', () => {
  require('../e2e/journeys.test');
});

describe('topology', () => {
  require('./topology');
});
