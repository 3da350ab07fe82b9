/**
 * Issue 13 items 2–4 in the browser (Chromium at 375×812, the built H5 app, the real server):
 * staff set a station's live state and a rider sees it; a rider asks for help, an org admin
 * claims and closes it and the rider sees the answer; scans made with the network switched off
 * are kept on the phone and become a check-in and a stamp once the network is back.
 *
 * Fresh dev accounts for every person; roles are granted through the API by `demo-super`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { wgs84ToGcj02 } from '@xfqs/domain';
import { apiAs } from './support/api';
import { launchBrowser, phone, screenshot, settle } from './support/browser';
import { expectText, field, open, seen, signIn, tab, tap } from './support/ui';

const JOURNEY_MS = 180_000;
const base = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the browser jest project (its globalSetup starts the server)');
  return url;
};
const run = Date.now().toString(36);
const account = (name: string) => `e2e-live-${name}-${run}`;
/** Where the phones stand (WGS-84, as the browser reports it) and the same point in GCJ-02. */
const HERE_WGS = { latitude: 39.8575, longitude: 116.2805 };
const HERE = wgs84ToGcj02({ lat: HERE_WGS.latitude, lng: HERE_WGS.longitude });

let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPhone(): Promise<{ page: Page; context: BrowserContext }> {
  const { context, page } = await phone(browser, base(), HERE_WGS);
  contexts.push(context);
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return { page, context };
}

function journey(id: string, title: string, body: () => Promise<void>) {
  it(
    `${id}. ${title}`,
    async () => {
      try {
        await body();
      } catch (err) {
        const pages = contexts.flatMap((c) => c.pages());
        await Promise.all(pages.map((p, i) => screenshot(p, `failed-live-${id}-${i + 1}`).catch(() => undefined)));
        throw err;
      }
    },
    JOURNEY_MS,
  );
}

/** A JSON call as a dev-login user (routes the typed client has no helper for, e.g. role grants). */
async function callAs(openid: string, method: string, path: string, body?: unknown) {
  const login = await fetch(`${base()}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${base()}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A station of the first org admin's tree, right where the phones stand, so it is the nearest one. */
let station: { id: string; orgId: string; name: string } | undefined;
async function stationHere() {
  if (station) return station;
  const orgs = (await callAs('demo-super', 'GET', '/orgs')).items as Array<{ id: string; code: string | null }>;
  const lgq = orgs.find((o) => o.code === 'LGQ') ?? orgs[0];
  station = await callAs('demo-super', 'POST', '/stations', {
    orgId: lgq.id,
    name: `实时驿站${run.slice(-4)}`,
    kind: 'union_station',
    address: '北京市丰台区测试路 1 号',
    lat: HERE.lat,
    lng: HERE.lng,
    hours: { weekly: [], alwaysOpen: true },
    services: ['hot_water', 'charging', 'microwave'],
  });
  return station!;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
});

describe('live station state, one-tap help, scans without signal', () => {
  journey('s', 'staff close the station and pause hot water with a note; the rider sees it on the nearest card and the detail', async () => {
    const st = await stationHere();
    const staffId = account('staff');
    await callAs('demo-super', 'POST', '/admin/grants', { openid: staffId, role: 'station_staff', stationId: st.id });

    const { page: staff } = await newPhone();
    await signIn(staff, staffId);
    await open(staff, `/staff/station-live/index?stationId=${st.id}`);
    await expectText(staff, '骑手现在看到的状态');
    await expectText(staff, '没有设置临时状态');
    await tap(staff, '暂停营业', true);
    await tap(staff.locator('.xf-chips').filter({ visible: true }).nth(1), '热水');
    await field(staff, '例如：今天有绿豆汤').fill('今天有绿豆汤，门口自取');
    await tap(staff, '2 小时', true);
    await tap(staff, '发布状态');
    await expectText(staff, '暂停营业，至');
    await expectText(staff, '提示：今天有绿豆汤，门口自取');
    await screenshot(staff, 's1-staff-sets-state');

    const { page: rider } = await newPhone();
    await signIn(rider, account('rider-state'));
    await tab(rider, '首页');
    const card = rider.locator('.xf-station').filter({ hasText: st.name }).filter({ visible: true }).first();
    await card.waitFor({ state: 'visible', timeout: 20_000 });
    await expect(card.textContent()).resolves.toContain('暂停营业');
    await expect(card.textContent()).resolves.toContain('热水 暂停');
    await expect(card.textContent()).resolves.toContain('今天有绿豆汤，门口自取');
    await card.scrollIntoViewIfNeeded();
    await screenshot(rider, 's2-rider-home-card');
    await card.click();
    await expectText(rider, '地址');
    await expectText(rider, '今天有绿豆汤，门口自取');
    await expect(seen(rider, '暂停营业', true).isVisible()).resolves.toBe(true);
    await screenshot(rider, 's3-rider-station-detail');

    // staff end it early: the rider sees the station open again
    await tap(staff, '恢复正常（结束临时状态）');
    await expectText(staff, '没有设置临时状态');
    await rider.reload();
    await expectText(rider, '营业中');
    await expect(seen(rider, '今天有绿豆汤，门口自取').isVisible()).resolves.toBe(false);
  });

  journey('h', 'a rider asks for help; an org admin claims and closes it; the rider sees the answer', async () => {
    await stationHere();
    const riderId = account('rider-help');
    const { page: rider } = await newPhone();
    await signIn(rider, riderId);
    await tab(rider, '我的');
    await expectText(rider, '一键求助');
    await expectText(rider, '拨打工会热线 12351');
    await tap(rider, '留言求助 ›');
    await expectText(rider, '拨打工会热线 12351');
    await tap(rider, '欠薪', true);
    await field(rider, '例如：某站点拖欠 10 月工资 3000 元').fill('站点拖欠 10 月工资 3000 元，站长电话 13912345678');
    await expectText(rider, '✓ 附上我的位置');
    await screenshot(rider, 'h1-rider-help-form');
    await tap(rider, '提交求助');
    await expectText(rider, '求助已送达');
    await tap(rider, '知道了');
    await expectText(rider, '待处理');
    await screenshot(rider, 'h2-rider-help-sent');

    // an org admin of the whole tree (granted on each root org)
    const adminId = account('admin');
    const orgs = (await callAs('demo-super', 'GET', '/orgs')).items as Array<{ id: string; parentId: string | null }>;
    for (const root of orgs.filter((o) => !o.parentId)) await callAs('demo-super', 'POST', '/admin/grants', { openid: adminId, role: 'org_admin', orgId: root.id });
    const { page: admin } = await newPhone();
    await signIn(admin, adminId);
    await open(admin, '/staff/help/index');
    const row = admin.locator('.staff__item').filter({ hasText: '站点拖欠 10 月工资' }).filter({ visible: true }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    // the list is masked: the phone number in the text is starred
    await expect(row.textContent()).resolves.not.toContain('13912345678');
    await expect(row.textContent()).resolves.toContain('*********78');
    await screenshot(admin, 'h3-staff-help-list');
    await row.click();
    await expectText(admin, '站长电话 13912345678');
    await tap(admin, '认领，我来处理');
    // the case's own status tag (the filter row also says 处理中), once the claim has been answered
    await admin.locator('.xf-tag').filter({ hasText: '处理中' }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await seen(admin, '认领，我来处理').waitFor({ state: 'hidden', timeout: 15_000 });
    await field(admin, '给骑手的答复，例如：已联系劳动监察，工资本周发放').fill('已联系劳动监察大队，工资本周内发放');
    await tap(admin, '办结并答复骑手');
    await expectText(admin, '答复：已联系劳动监察大队，工资本周内发放');
    await screenshot(admin, 'h4-staff-help-closed');

    await rider.reload();
    await expectText(rider, '已办结');
    await expectText(rider, '工会答复：已联系劳动监察大队，工资本周内发放');
    await screenshot(rider, 'h5-rider-sees-answer');
  });

  journey('o', 'scans made with the network off are kept, and become a check-in and a stamp when it is back', async () => {
    const st = await stationHere();
    const admin = await apiAs(base(), 'demo-admin');
    const now = Date.now();
    const activity = await admin.activities.create({
      title: `地下车库志愿服务 ${run.slice(-4)}`,
      kind: 'volunteer',
      startsAt: new Date(now - 3600_000).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
    });
    const { token } = await admin.activities.token(activity.id);
    const code = (await callAs('demo-super', 'GET', `/stations/${st.id}/checkin-code`)).code as string;
    const activityLink = `${base()}/#/pages/checkin/index?activityId=${activity.id}&token=${encodeURIComponent(token)}`;
    const stationLink = `${base()}/#/pages/stations/checkin?stationId=${st.id}&code=${encodeURIComponent(code)}`;

    const riderId = account('rider-offline');
    const { page: rider, context } = await newPhone();
    await signIn(rider, riderId);
    await open(rider, '/pages/scan/index');
    await expectText(rider, '识别并打开');

    // in the basement: no network
    await context.setOffline(true);
    for (const link of [activityLink, stationLink]) {
      await field(rider, '粘贴链接，或输入 8 位沟通会码').fill(link);
      await tap(rider, '识别并打开');
      await expectText(rider, '已记录，联网后自动签到');
      await screenshot(rider, link === activityLink ? 'o1-offline-scan-kept' : 'o2-offline-station-scan-kept');
      await tap(rider, '知道了');
      await settle(rider);
    }
    // back to home inside the app (no page load: there is no network)
    await rider.evaluate(() => {
      window.location.hash = '#/pages/home/index';
    });
    await expectText(rider, '离线扫码');
    await expectText(rider, '已记录，联网后自动签到');
    await expect(rider.locator('.xf-offline').filter({ visible: true }).count()).resolves.toBe(2);
    await screenshot(rider, 'o3-home-with-queued-scans');

    // a minute later (the activity QR has rotated twice since) the network is back
    await rider.waitForTimeout(65_000);
    await context.setOffline(false);
    await expectText(rider, /地下车库志愿服务.*签到成功，获得 1 枚印章/, 30_000);
    await expectText(rider, `${st.name}：签到成功`, 30_000);
    await screenshot(rider, 'o4-home-after-sync');

    // the stamp is on the card, dated at the scan
    const riderApi = await apiAs(base(), riderId);
    const stamps = await riderApi.stamps.mine();
    expect(stamps.balance).toBe(1);
    const [earned] = stamps.items.filter((s) => 'source' in s && s.source === 'activity');
    expect(Date.parse(earned.awardedAt)).toBeLessThan(Date.now() - 60_000);
    expect((await riderApi.stations.get(st.id)).recentVisits).toBeGreaterThanOrEqual(1);
    // and the app shows it
    await rider.reload();
    await expectText(rider, '1/10');
  });
});
