// The "ready" part of `pnpm start`: waits for /healthz, then prints where the app is and who to
// sign in as. Shared with `pnpm measure:start`.
import { setTimeout as sleep } from 'node:timers/promises';

/** The address a person on this machine opens (a wildcard listen address is not one). */
export function localUrl(env = process.env) {
  const host = !env.HOST || ['0.0.0.0', '::', '127.0.0.1', 'localhost'].includes(env.HOST) ? '127.0.0.1' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || 3000}`;
}

/** Resolves to the base URL once /healthz answers 200, or undefined if the process exits first. */
export async function waitUntilHealthy(child, { url = localUrl(), timeoutMs = 120_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (child.exitCode === null && Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return url;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return undefined;
}

/** What each demo account shows (the demo seed, packages/db/src/seed). */
export const DEMO_USERS = [
  ['demo-rider', '骑手小王: member with 7 stamps and a visit history'],
  ['demo-staff', '驿站管理员小李: station staff of 巴厘岛快递公寓工会驿站 (fulfil a ready redemption, station QR)'],
  ['demo-admin', '卢沟桥街道总工会 admin: pending applications and 随手拍 reports, a 7-day dashboard, activities'],
  ['demo-super', '平台运营: every org and station'],
];

export function printReadyBanner({ url, seconds, building }, env = process.env) {
  const devLogin = env.NODE_ENV !== 'production' && env.DEV_LOGIN !== 'false';
  const lines = [
    '',
    `  先锋骑士 is up in ${seconds.toFixed(1)} s → ${url}/   (API docs ${url}/docs)`,
    building ? '  The H5 app is still building: the page above shows a "building" notice and opens the app when it is ready.' : undefined,
    devLogin ? '  Sign in on the app’s login page as a demo user (dev login):' : undefined,
    ...(devLogin ? DEMO_USERS.map(([id, what]) => `    ${id.padEnd(11)} ${what}`) : []),
    '  Stop with Ctrl+C.',
    '',
  ];
  console.log(lines.filter((l) => l !== undefined).join('\n'));
}
