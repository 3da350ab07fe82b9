import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { journeyViaNginx } from './target';

const root = path.resolve(__dirname, '../../..');
export const SCREENSHOT_DIR = path.join(root, 'test-artifacts/screenshots');
/** The same journeys' screens when they run through the deployment's nginx (jest project deploy). */
export const NGINX_SCREENSHOT_DIR = path.join(SCREENSHOT_DIR, 'nginx');

/**
 * Debian's Chromium, headless, with the flags this closed network needs (no background calls).
 * Playwright gives every launch a fresh temporary profile of its own (it refuses `--user-data-dir`
 * in `args`), and every context below is a separate, empty session.
 */
export async function launchBrowser({ extraArgs = [] }: { extraArgs?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...extraArgs,
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A phone-sized page (375×812) in Beijing, with the rider standing in 丰台 (WGS84 from the browser),
 * or, with `location: null`, a rider who did not allow location.
 */
export async function phone(
  browser: Browser,
  baseURL: string,
  location: { latitude: number; longitude: number } | null = { latitude: 39.8575, longitude: 116.2805 },
  { camera = false }: { camera?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    // A phone's browser, as the H5 app's own checks (e.g. Taro's photo picker) read it.
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(location ? { geolocation: location } : {}),
    permissions: [...(location ? ['geolocation'] : []), ...(camera ? ['camera'] : [])],
  });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Waits until the screen has settled: the H5 router slides each new page in (a CSS transition that
 * starts after a short delay), so text can already be "visible" on a page still off to the right.
 * Endless animations (loading spinners) do not count.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(350);
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity), undefined, { timeout: 5_000 })
    .catch(() => undefined);
}

/**
 * Saves the settled screen as a test artefact (test-artifacts/screenshots/<name>.png, or
 * test-artifacts/screenshots/nginx/<name>.png through the deployment) and returns its path.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  await settle(page);
  const dir = journeyViaNginx() ? NGINX_SCREENSHOT_DIR : SCREENSHOT_DIR;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
