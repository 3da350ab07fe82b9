/**
 * Touch and navigation (issue 11 item 8) on the rider's main screens: axe finds no serious or
 * critical violations, tap targets are at least 44×44 CSS px, and every non-tab page has a title
 * bar with a way back.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiAs } from './support/api';
import { expectAccessible, smallTapTargets, textContrast } from './support/axe';
import { launchBrowser, phone, screenshot } from './support/browser';
import { expectText, open, signIn, tab, tap } from './support/ui';

const base = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the browser jest project');
  return url;
};
const run = Date.now().toString(36);

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
});

async function newPhone(): Promise<Page> {
  const { context, page } = await phone(browser, base());
  contexts.push(context);
  return page;
}

describe('touch and navigation', () => {
  it(
    'the rider’s main screens pass axe; scan and apply have big tap targets; non-tab pages have a title bar with back',
    async () => {
      const me = await newPhone();
      await signIn(me, `e2e-a11y-${run}`);
      await expectText(me, '离我最近的驿站');
      await expectAccessible(me, 'home');
      for (const [name, waitFor] of [['驿站', '按距离由近到远'], ['手册', '顺手公益'], ['我的', '我的身份']] as const) {
        await tab(me, name);
        await expectText(me, waitFor);
        await expectAccessible(me, name);
      }

      await tab(me, '首页');
      await tap(me, '扫一扫');
      await expectText(me, '用摄像头扫码');
      await expectAccessible(me, 'scan');
      // NutUI greys a disabled button without saying so; ours tells assistive technology (and axe,
      // which exempts inactive controls from the contrast rule) until there is something to open.
      const openTyped = me.locator('.nut-button', { hasText: '识别并打开' }).filter({ visible: true });
      await expect(openTyped.getAttribute('aria-disabled')).resolves.toBe('true');
      // axe exempts it, but a rider in sunlight still has to read what it will do (AA's 4.5:1)
      await expect(textContrast(openTyped)).resolves.toBeGreaterThanOrEqual(4.5);
      await screenshot(me, 'ta1-scan-open-disabled');
      await me.locator('input').filter({ visible: true }).first().fill('ABCD1234');
      await me.locator('.nut-button:not([aria-disabled])', { hasText: '识别并打开' }).filter({ visible: true }).waitFor({ timeout: 5000 });
      await expectAccessible(me, 'scan, code typed');
      await expect(smallTapTargets(me)).resolves.toEqual([]);
      const back = me.locator('.taro-navigation-bar-back').filter({ visible: true });
      await back.first().waitFor();
      await screenshot(me, 'ta1-scan-title-bar-back');
      await back.first().click();
      await expectText(me, '离我最近的驿站');

      // The form belongs to a union: opened from a meeting code or with the union's id.
      const union = (await (await apiAs(base(), `e2e-a11y-org-${run}`)).orgs.list()).items.find((o) => o.code === 'LGQ')!;
      await open(me, `/pages/join/apply?orgId=${union.id}`);
      await expectText(me, '同意工会为办理入会');
      await expectAccessible(me, 'application form');
      const consent = me.locator('.xf-check').filter({ visible: true }).first();
      const box = (await consent.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
      await consent.scrollIntoViewIfNeeded();
      await screenshot(me, 'ta2-apply-consent-target');
    },
    150_000,
  );
});
