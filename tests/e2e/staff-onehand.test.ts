/**
 * Staff, one-handed (issue 11 item 7) and the staff side of touch and navigation (item 8): the
 * tools offered fit the role, QR and scan come first, times are picked, what waits is counted,
 * QR pages save and print without a raw link, reports read as places, the dashboard reads well;
 * every screen passes axe (no serious or critical violations).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, smallTapTargets } from './support/axe';
import { launchBrowser, phone, screenshot } from './support/browser';
import { expectText, open, seen, signIn, tap } from './support/ui';

const JOURNEY_MS = 120_000;
const base = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the browser jest project');
  return url;
};

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
});

async function newPhone(): Promise<Page> {
  const { context, page } = await phone(browser, base());
  contexts.push(context);
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return page;
}

/** The visible tiles of the staff home, in order. */
const tileTitles = (page: Page) => page.locator('.xf-tile__title').filter({ visible: true }).allTextContents();
/** Top edge of the visible element with this text (to check what comes first). */
const topOf = async (page: Page, text: string) => (await seen(page, text).boundingBox())!.y;

describe('staff, one-handed', () => {
  it(
    'station staff are offered their station QR, fulfilment and live state, QR first; the QR page saves and prints without a raw link',
    async () => {
      const staff = await newPhone();
      await signIn(staff, 'demo-staff');
      await open(staff, '/staff/index');
      await expectText(staff, '辛苦了');
      await expect(tileTitles(staff)).resolves.toEqual(['驿站签到码', '核销兑换', '实时状态']);
      await expectAccessible(staff, 'station staff home');
      await expect(smallTapTargets(staff)).resolves.toEqual([]);
      await screenshot(staff, 'so1-station-staff-home');

      await tap(staff, '驿站签到码');
      await expectText(staff, '骑手扫码签到');
      await expectText(staff, '保存图片');
      await expectText(staff, '打印');
      // No raw link printed under the code any more.
      await expect(staff.getByText(/https?:\/\/|pages\/stations\/checkin/).filter({ visible: true }).count()).resolves.toBe(0);
      // On H5 every non-tab page has a title bar with a way back.
      const back = staff.locator('.taro-navigation-bar-back').filter({ visible: true });
      await expect(back.count()).resolves.toBeGreaterThan(0);
      await expectAccessible(staff, 'station QR');
      await screenshot(staff, 'so2-station-qr-save-print');
      await back.first().click();
      await expectText(staff, '辛苦了');
    },
    JOURNEY_MS,
  );

  it(
    'an org admin sees pending counts on the tiles, QR lists before create forms, picks times, and reads reports as places',
    async () => {
      const admin = await newPhone();
      await signIn(admin, 'demo-admin');
      await open(admin, '/staff/index');
      await expectText(admin, '辛苦了');
      const titles = await tileTitles(admin);
      expect(titles.slice(0, 3)).toEqual(['活动签到', '沟通会', '核销兑换']);
      // The demo's pending applications and 随手拍 reports are counted on their tiles.
      await expect(admin.locator('.xf-tile').filter({ hasText: '入会审核' }).locator('.xf-tile__badge').textContent()).resolves.toMatch(/^\d+\+? 待审$/);
      await expect(admin.locator('.xf-tile').filter({ hasText: '随手拍审核' }).locator('.xf-tile__badge').textContent()).resolves.toMatch(/^\d+\+? 待审$/);
      await expectAccessible(admin, 'admin home');
      await screenshot(admin, 'so3-admin-home-counts');

      await tap(admin, '活动签到');
      await expectText(admin, '出示活动签到码');
      expect(await topOf(admin, '出示活动签到码')).toBeLessThan(await topOf(admin, '新建活动'));
      // The 出示 button is a real tap target now (was 83×21).
      const show = admin.locator('.staff__show').filter({ visible: true }).first();
      const box = (await show.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
      // Dates and times are picked, not typed.
      await expect(admin.locator('input[placeholder="YYYY-MM-DD HH:mm"]').count()).resolves.toBe(0);
      const startDay = admin.locator('.datetime__part').filter({ visible: true }).first();
      await startDay.scrollIntoViewIfNeeded();
      await screenshot(admin, 'so4-activities-show-first');
      await startDay.click();
      await admin.locator('.weui-picker').filter({ visible: true }).first().waitFor({ timeout: 5_000 });
      await screenshot(admin, 'so5-date-picker');
      await expectAccessible(admin, 'date picker');
      await tap(admin, '确定', true);
      // the picker slides away before the page is checked (mid-animation its text is half transparent)
      await admin.locator('.weui-picker').filter({ visible: true }).first().waitFor({ state: 'detached', timeout: 5_000 });
      await expectAccessible(admin, 'activities');

      await open(admin, '/staff/station-qr/index');
      await expectText(admin, '请先选择驿站');
      await expectText(admin, '去驿站列表');
      await screenshot(admin, 'so6-station-qr-no-station');

      await open(admin, '/staff/reports/index');
      const manhole = admin.locator('.staff__item').filter({ hasText: '卢沟桥路口井盖破损' }).filter({ visible: true }).first();
      await manhole.waitFor();
      await expect(manhole.textContent()).resolves.toMatch(/巴厘岛快递公寓工会驿站附近（约 \d+ 米）/);
      await expect(manhole.textContent()).resolves.not.toMatch(/位置 \d+\.\d+/);
      await expectAccessible(admin, 'report review');
      await screenshot(admin, 'so7-report-review-place');

      await open(admin, '/staff/dashboard/index');
      await expectText(admin, '申请人所在平台');
      const platforms = admin.locator('.staff__platform').filter({ visible: true });
      await platforms.first().waitFor();
      await expect(platforms.count()).resolves.toBeGreaterThanOrEqual(3);
      // Zeros are quiet grey, not red.
      const zeroColours = await admin.locator('.staff__stat-value').filter({ visible: true }).evaluateAll((els) =>
        els.filter((e) => e.textContent?.trim() === '0').map((e) => getComputedStyle(e).color),
      );
      for (const colour of zeroColours) expect(colour).not.toBe('rgb(215, 0, 15)');
      await expectAccessible(admin, 'dashboard');
      await admin.locator('.staff__platforms').filter({ visible: true }).scrollIntoViewIfNeeded();
      await screenshot(admin, 'so8-dashboard-platforms');
    },
    JOURNEY_MS,
  );
});
