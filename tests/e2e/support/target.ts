import type { Page } from 'playwright-core';

/**
 * Which server the journeys drive.
 * - jest project `browser`: its own server (`E2E_BASE_URL`, started by support/global-setup.ts, or
 *   one you run yourself).
 * - jest project `deploy`: the deployment's nginx (`DEPLOY_BASE_URL`, brought up once by
 *   tests/deploy/support/global-setup.ts). That project's setup file (tests/deploy/support/env.js)
 *   sets `E2E_TARGET=deploy` in its own test files only: jest runs every project's globalSetup in
 *   its parent process, so every worker sees both URLs and neither can say which project a file
 *   runs in.
 */
export interface JourneyTarget {
  baseUrl: string;
  viaNginx: boolean;
}

export function journeyViaNginx(): boolean {
  return process.env.E2E_TARGET === 'deploy';
}

export function journeyTarget(): JourneyTarget {
  if (journeyViaNginx()) {
    const url = process.env.DEPLOY_BASE_URL;
    if (!url) throw new Error('DEPLOY_BASE_URL is not set: run through the deploy jest project (its globalSetup brings the deployment up)');
    return { baseUrl: url, viaNginx: true };
  }
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the browser jest project (its globalSetup starts the server)');
  return { baseUrl: url, viaNginx: false };
}

/** nginx names itself in the `Server` header of every answer it relays; the API itself sends none. */
export function servedByNginx(headers: Record<string, string | undefined>): boolean {
  return /^nginx\b/.test(headers.server ?? '');
}

/**
 * Notes, for every answer of the API (`<base>/api/…`) a phone receives, whether nginx relayed it,
 * so a journey can prove which server it went through.
 */
export function recordApiAnswers(page: Page, baseUrl: string, into: Array<{ url: string; viaNginx: boolean }>): void {
  page.on('response', (response) => {
    if (response.url().startsWith(`${baseUrl}/api/`)) into.push({ url: response.url(), viaNginx: servedByNginx(response.headers()) });
  });
}
