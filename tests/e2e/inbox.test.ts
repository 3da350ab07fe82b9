/**
 * Issue 13 item 1, in the browser (H5 at 375×812 against the real server, worker included): a
 * rider applies, staff approve, and the rider sees the unread badge on 我的, the message in 消息,
 * opens it to the member card, and the badge goes away. Screens in test-artifacts/screenshots/i*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { idCardCheckChar } from '@xfqs/domain';
import { apiAs } from './support/api';
import { launchBrowser, phone, screenshot, settle } from './support/browser';
import { expectText, field, open, seen, signIn, tab, tap } from './support/ui';

const base = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the browser jest project (its globalSetup starts the server)');
  return url;
};
const run = Date.now().toString(36);
const riderId = `e2e-inbox-${run}`;

let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPhone(): Promise<Page> {
  const { context, page } = await phone(browser, base());
  contexts.push(context);
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await browser?.close();
});

/** The badge Taro's H5 tab bar shows on 我的 ('' when none). */
const meBadge = (page: Page) =>
  page
    .locator('.weui-tabbar__item')
    .filter({ hasText: '我的' })
    .filter({ visible: true })
    .first()
    .locator('.weui-badge')
    .filter({ visible: true })
    .allTextContents()
    .then((texts) => texts.join('').trim());

it('a rider applies, staff approve, the rider sees the badge on 我的 and the message in 消息', async () => {
  const pages: Page[] = [];
  try {
    const me = await newPhone();
    pages.push(me);
    await me.goto(`/#/pages/join/meeting?meetingId=DEM02026`);
    await me.waitForURL(/#\/pages\/login\/index\?redirect=/);
    await signIn(me, riderId);
    await tap(me, '在线申请入会');
    const first17 = `11010619920511${String(100 + Math.floor(Math.random() * 900))}`;
    const realName = `李${[...run.slice(-2)].map((c) => '明亮清华春秋冬夏山川江河湖海云风雨雪晴阳光星月天地金木水火土石松竹梅兰'[parseInt(c, 36)]).join('')}`;
    await field(me, '与身份证一致').fill(realName);
    await field(me, '11 位手机号').fill(`137${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`);
    await field(me, '18 位身份证号').fill(first17 + idCardCheckChar(first17));
    await tap(me, '美团', true);
    await tap(me, '外卖配送员', true);
    await tap(me, '同意工会为办理入会');
    await tap(me, '提交入会申请');
    await expectText(me, '待审核');

    // Before the review: no badge, no unread message.
    await open(me, '/pages/me/index');
    await expectText(me, '消息');
    expect(await meBadge(me)).toBe('');

    const staff = await newPhone();
    pages.push(staff);
    await signIn(staff, 'demo-admin');
    await open(staff, '/staff/applications/index');
    const item = staff.locator('.staff__item').filter({ hasText: realName }).filter({ visible: true });
    await item.waitFor();
    await tap(item, '通过', true);
    await item.waitFor({ state: 'detached' });

    // The rider comes back to the app: the badge on 我的 shows one unread message.
    await open(me, '/pages/home/index');
    await settle(me);
    await tab(me, '我的');
    await expectText(me, '1 条未读');
    await me.waitForFunction(() => document.querySelector('.weui-tabbar__item:last-child .weui-badge')?.textContent?.trim() === '1', undefined, { timeout: 10_000 });
    expect(await meBadge(me)).toBe('1');
    await screenshot(me, 'i1-me-badge');

    await tap(me, '消息', true);
    await expectText(me, '入会申请已通过');
    const { memberNo } = await (await apiAs(base(), riderId)).membership.mine();
    expect(memberNo).toBeTruthy();
    await expectText(me, memberNo!);
    await expectText(me, '1 条未读');
    // The opt-in for "an activity of my union starts soon", off until the rider turns it on.
    await expectText(me, '活动开始提醒');
    await me.locator('.taro-switch, taro-switch-core, .weui-switch').filter({ visible: true }).first().click();
    const riderApi = await apiAs(base(), riderId);
    for (let i = 0; i < 50 && !(await riderApi.notifications.settings()).activitySoon; i++) await me.waitForTimeout(200);
    expect((await riderApi.notifications.settings()).activitySoon).toBe(true);
    await screenshot(me, 'i2-inbox');

    // Opening the message marks it read and goes to the member card.
    await tap(me, '入会申请已通过');
    await expectText(me, '工会会员证');
    await screenshot(me, 'i3-member-card-from-message');
    const api = await apiAs(base(), riderId);
    expect((await api.notifications.list()).unread).toBe(0);

    await open(me, '/pages/me/index');
    await settle(me);
    await expect(seen(me, '条未读').isVisible()).resolves.toBe(false);
    await me.waitForFunction(() => !document.querySelector('.weui-tabbar__item:last-child .weui-badge:not([style*="display: none"])')?.textContent?.trim(), undefined, { timeout: 10_000 });
    await screenshot(me, 'i4-me-read');
  } catch (err) {
    await Promise.all(pages.map((p, i) => screenshot(p, `failed-i-${i + 1}`).catch(() => undefined)));
    throw err;
  }
}, 180_000);
