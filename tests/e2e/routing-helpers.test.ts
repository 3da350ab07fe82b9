/**
 * The journeys' own helpers (support/ui.ts) against a slow network: Taro's H5 router loads each
 * page's code before it shows the page, so a navigation whose code arrives late can cover a later
 * one (CI once saw the staff phone stay on 首页 after opening a scanned member-card link). Here the
 * code of every page the sign-in leads to is held back 3 s.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phone, settle } from './support/browser';
import { expectText, open, routed, signIn } from './support/ui';

const VERIFY = '/staff/member/index?memberNo=M-1&memberCode=1795000000.sig';
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await context?.close();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A staff phone on the sign-in page, whose requests for page code wait 3 s until `release()`;
 * `held` settles when the first one is held.
 */
async function slowPhone(): Promise<{ page: Page; held: Promise<void>; release: () => void }> {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the browser jest project');
  let page: Page;
  ({ context, page } = await phone(browser, url, null));
  await open(page, '/pages/login/index');
  await expectText(page, '驿站管理员小李');
  let slow = true;
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  await context.route(/\/js\/[^/]+\.js$/, async (route) => {
    if (slow) {
      holding();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    await route.continue();
  });
  return { page, held, release: () => (slow = false) };
}

it('signIn returns once the page the app went to is on screen, so the next page opened stays', async () => {
  const { page, release } = await slowPhone();
  await signIn(page, 'demo-staff');
  release();
  await open(page, VERIFY);
  await expectText(page, '核验未通过');
  await expect(page.evaluate(() => location.hash)).resolves.toBe(`#${VERIFY}`);
});

it('routed says so when a late page covers the one the address names', async () => {
  const { page, held, release } = await slowPhone();
  await page.locator('.login__user').filter({ hasText: '驿站管理员小李' }).click();
  await held;
  // what signIn did before it waited for routed(): the address, then the screen's animations
  await page.waitForURL((url) => url.hash.startsWith('#/pages/home/index'));
  await settle(page);
  release();
  await page.goto(`/#${VERIFY}`);
  await page.locator('.taro_page[id^="/pages/home/index"]').waitFor({ state: 'visible' });
  await expect(routed(page, 2_000)).rejects.toThrow('the app shows /pages/home/index while the address is /staff/member/index');
});
