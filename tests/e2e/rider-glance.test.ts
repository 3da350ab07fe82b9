/**
 * Issue 11 "rider experience at a glance", items 1, 2, 4, 5, 6 and 11, driven through the built H5
 * app in Chromium at 375×812 against the real server (support/global-setup.ts), as fresh dev
 * accounts. Screens are saved as test-artifacts/screenshots/g*.png.
 *
 * "Open now" vs "closed" needs no fake clock: each journey puts its own stations, with opening
 * hours relative to this minute, in a spot of its own far from the demo stations (and from the
 * other journeys' spots), and stands the rider there. What the screen must say is computed with
 * the same domain rule the app uses, at the same minute.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gcj02ToWgs84, idCardCheckChar, openingStatusText, parseScanContent, shanghaiTime, type LatLng, type OpeningHours } from '@xfqs/domain';
import { apiAs } from './support/api';
import { launchBrowser, phone, screenshot } from './support/browser';
import { scanQr } from './support/qr';
import { expectText, open, seen, signIn, tab, tap } from './support/ui';

const JOURNEY_MS = 150_000;
const base = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the browser jest project (its globalSetup starts the server)');
  return url;
};
const run = Date.now().toString(36);
const rider = (name: string) => `e2e-glance-${name}-${run}`;

let browser: Browser;
const contexts: BrowserContext[] = [];

function journey(id: string, title: string, body: () => Promise<void>) {
  it(
    `${id}. ${title}`,
    async () => {
      try {
        await body();
      } catch (err) {
        const pages = contexts.flatMap((c) => c.pages());
        await Promise.all(pages.map((p, i) => screenshot(p, `failed-${id}-${i + 1}`).catch(() => undefined)));
        throw err;
      }
    },
    JOURNEY_MS,
  );
}

/** A fresh phone standing at a GCJ-02 point (null: location not allowed). Map tiles never load here. */
async function newPhone(at: LatLng | null = null): Promise<Page> {
  const wgs = at ? gcj02ToWgs84(at) : null;
  const { context, page } = await phone(browser, base(), wgs ? { latitude: wgs.lat, longitude: wgs.lng } : null);
  contexts.push(context);
  await context.route(/autonavi\.com/, (route) => route.abort('internetdisconnected'));
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return page;
}

/** Somewhere in the hills north of Beijing, far from every demo station, one spot per journey (≥ 25 km apart). */
let spots = 0;
function lonelySpot(): LatLng {
  const n = spots++;
  const jitter = (Number.parseInt(run.slice(-4), 36) % 100) / 10_000;
  return { lat: 40.45 + jitter, lng: 115.85 + n * 0.3 };
}
/** A point `northM` metres north of `from`. */
const north = (from: LatLng, metres: number): LatLng => ({ lat: from.lat + metres / 111_320, lng: from.lng });

/** `HH:mm` in Shanghai, `offsetMin` minutes from now, rounded down to 5 minutes. */
function shanghaiTimeIn(offsetMin: number): string {
  const fiveMinutes = 5 * 60_000;
  return shanghaiTime(Math.floor((Date.now() + offsetMin * 60_000) / fiveMinutes) * fiveMinutes);
}
/** Every day from `openIn` to `closeIn` minutes from now (Shanghai). */
const hoursFromNow = (openIn: number, closeIn: number): OpeningHours => ({ weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: shanghaiTimeIn(openIn), close: shanghaiTimeIn(closeIn) }] });

interface Made {
  id: string;
  name: string;
  hours: OpeningHours;
  lat: number;
  lng: number;
}

/** Creates a station as demo-admin (org_admin of 卢沟桥街道总工会) through the real API. */
async function makeStation(name: string, at: LatLng, hours: OpeningHours, services: string[] = ['hot_water', 'charging', 'rest_area']): Promise<Made> {
  const token = await devToken('demo-admin');
  const me = await (await fetch(`${base()}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json();
  const orgId = me.roles.find((r: { role: string }) => r.role === 'org_admin').orgId;
  const res = await fetch(`${base()}/api/v1/stations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ orgId, name, kind: 'warm_station', address: `北京市昌平区测试路${name.length}号`, lat: at.lat, lng: at.lng, hours, services }),
  });
  if (res.status !== 201) throw new Error(`station not created: ${res.status} ${await res.text()}`);
  const station = await res.json();
  return { id: station.id, name, hours, lat: at.lat, lng: at.lng };
}

async function devToken(openid: string): Promise<string> {
  const res = await fetch(`${base()}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  return (await res.json()).accessToken;
}

/** Waits until `check` holds (or the time is up; the assertion after it then says what is wrong). */
async function eventually(check: () => Promise<boolean>, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end && !(await check())) await new Promise((r) => setTimeout(r, 200));
}

/** What the app must say about these hours right now (the domain rule both sides use). */
const statusNow = (hours: OpeningHours) => openingStatusText(hours, new Date());

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
});

describe('先锋骑士 H5 · rider experience at a glance', () => {
  journey('g1', 'home leads with the nearest station open now — not the nearer closed one — with riding time, closing time and 导航', async () => {
    const spot = lonelySpot();
    const closedNear = await makeStation(`近处休息驿站${run}`, north(spot, 300), hoursFromNow(120, 240));
    const openFar = await makeStation(`营业中驿站${run}`, north(spot, 1200), hoursFromNow(-60, 180));
    expect(statusNow(closedNear.hours).open).toBe(false);
    expect(statusNow(openFar.hours).open).toBe(true);

    const me = await newPhone(spot);
    await signIn(me, rider('home'));
    const lead = me.locator('.xf-now').filter({ visible: true });
    await lead.waitFor();
    await expect(lead.textContent()).resolves.toContain(openFar.name);
    await expect(lead.textContent()).resolves.toContain('现在就能去');
    await expect(lead.textContent()).resolves.toContain(statusNow(openFar.hours).detail);
    await expect(lead.textContent()).resolves.toMatch(/骑行约 \d+ 分钟 · 1\.2 公里/);
    // The nearer closed station is listed below, saying when it opens.
    const closedCard = me.locator('.xf-station').filter({ hasText: closedNear.name }).filter({ visible: true });
    await expect(closedCard.textContent()).resolves.toContain(`休息中${statusNow(closedNear.hours).detail}`);
    await screenshot(me, 'g1-home-open-now');

    // 导航 hands over to AMap's marker page with the station's GCJ-02 position.
    await me.route(/uri\.amap\.com/, (route) => route.fulfill({ contentType: 'text/html', body: '<title>amap</title>' }));
    await tap(lead, '导航', true);
    await me.waitForURL(/uri\.amap\.com\/marker/);
    expect(decodeURIComponent(me.url())).toContain(`position=${openFar.lng},${openFar.lat}`);
    expect(decodeURIComponent(me.url())).toContain(openFar.name);
  });

  journey('g2', 'nothing open nearby: home says so and names the next to open; the station detail says when it opens', async () => {
    const spot = lonelySpot();
    const later = await makeStation(`晚些开门驿站${run}`, north(spot, 500), hoursFromNow(180, 300));
    const soon = await makeStation(`最先开门驿站${run}`, north(spot, 2500), hoursFromNow(90, 300));
    const me = await newPhone(spot);
    await signIn(me, rider('closed'));
    const lead = me.locator('.xf-now').filter({ visible: true });
    await lead.waitFor();
    await expect(lead.textContent()).resolves.toContain('附近暂时没有营业中的驿站');
    await expect(lead.textContent()).resolves.toContain(soon.name);
    const opens = statusNow(soon.hours).detail;
    expect(opens).toMatch(/^(今天|明天) \d\d:\d\d 开门$/);
    await expect(lead.textContent()).resolves.toContain(opens);
    await screenshot(me, 'g2-home-none-open');

    await tap(me, later.name);
    await expectText(me, '提供的服务');
    await expectText(me, statusNow(later.hours).detail);
    await expectText(me, /距您 500 米 · 骑行约 \d+ 分钟/);
    await screenshot(me, 'g2-station-detail-closed');
  });

  journey('g3', 'the station tab has a map on H5: markers for the stations in view and the rider, tap → card with 导航; the handbook opens it', async () => {
    const spot = lonelySpot();
    const a = await makeStation(`地图甲驿站${run}`, north(spot, 400), hoursFromNow(-60, 180));
    const b = await makeStation(`地图乙驿站${run}`, north(spot, -700), hoursFromNow(120, 240));
    const me = await newPhone(spot);
    await signIn(me, rider('map'));
    await tab(me, '驿站');
    await tap(me, '地图', true);
    const map = me.locator('.leaflet-container').filter({ visible: true });
    await map.waitFor();
    const pins = map.locator('.leaflet-marker-icon[title]:not([title="我的位置"])');
    await eventually(async () => (await pins.count()) === 2);
    await expect(pins.count()).resolves.toBe(2);
    await expect(map.locator('.leaflet-marker-icon[title="我的位置"]').count()).resolves.toBe(1);
    // Open now and closed look different.
    await expect(map.locator(`[title="${a.name}"] .xf-pin--open`).count()).resolves.toBe(1);
    await expect(map.locator(`[title="${b.name}"] .xf-pin--closed`).count()).resolves.toBe(1);
    await expectText(me, '地图上有 2 个驿站，点图钉查看');
    await screenshot(me, 'g3-map');

    await map.locator(`[title="${b.name}"]`).click();
    const card = me.locator('.stations__picked').filter({ visible: true });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(b.name);
    await expect(card.textContent()).resolves.toContain(statusNow(b.hours).detail);
    await expect(card.textContent()).resolves.toContain('700 米');
    await expect(seen(card, '导航', true).isVisible()).resolves.toBe(true);
    await screenshot(me, 'g3-map-picked');

    // Dragging the map far away asks for the stations in that view: none there.
    const box = (await map.boundingBox())!;
    await me.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await me.mouse.down();
    await me.mouse.move(box.x + box.width / 2 - 5, box.y + box.height / 2 + 300, { steps: 8 });
    await me.mouse.up();
    await me.mouse.move(box.x + box.width / 2, box.y + 20);
    await me.mouse.down();
    await me.mouse.move(box.x + box.width / 2, box.y + box.height - 10, { steps: 8 });
    await me.mouse.up();
    await expectText(me, /这一片暂时没有驿站|地图上有/);

    // The handbook's 服务点 · 地图 opens the map, not a list.
    await tap(me, '列表', true);
    await tab(me, '手册');
    await tap(me, '服务点', true);
    await tap(me, '地图 ›');
    await me.locator('.leaflet-container').filter({ visible: true }).waitFor();
    await expect(me.locator('.stations__view--on').filter({ visible: true }).textContent()).resolves.toBe('地图');
  });

  journey('g4', 'location denied: no distances from the district centre — location is off, with 开启定位', async () => {
    const me = await newPhone(null);
    await signIn(me, rider('nolocation'));
    await expectText(me, '定位未开启');
    await expect(seen(me, '开启定位', true).isVisible()).resolves.toBe(true);
    await me.locator('.xf-now').filter({ visible: true }).waitFor();
    await expect(me.locator('.xf-station__distance').filter({ visible: true }).count()).resolves.toBe(0);
    await expect(me.locator('body').textContent()).resolves.not.toMatch(/骑行约|\d 米|公里|离您最近/);
    await expectText(me, '丰台区中心附近的营业驿站');
    await screenshot(me, 'g4-home-location-off');
    await tab(me, '驿站');
    await expectText(me, '按离丰台区中心由近到远');
    await expect(me.locator('.xf-station__distance').filter({ visible: true }).count()).resolves.toBe(0);
    await screenshot(me, 'g4-stations-location-off');
  });

  journey('g5', 'network failure: home shows the error with retry (never 0/10); the sign-in page does not blame WeChat', async () => {
    const me = await newPhone(lonelySpot());
    await signIn(me, rider('offline'));
    await expect(me.locator('.home__progress-count').filter({ visible: true }).textContent()).resolves.toBe('0/10');
    await me.context().route(/\/api\/v1\//, (route) => route.abort('internetdisconnected'));
    await me.reload();
    await expectText(me, '网络不给力，请检查网络后重试');
    await expect(me.locator('.home__progress-count').filter({ visible: true }).count()).resolves.toBe(0);
    await expect(seen(me, '重新加载').isVisible()).resolves.toBe(true);
    await screenshot(me, 'g5-home-offline');
    await me.context().unroute(/\/api\/v1\//);
    await tap(me, '重试', true);
    await me.locator('.home__progress-count').filter({ visible: true }).waitFor();

    const visitor = await newPhone(null);
    await visitor.context().route(/\/api\/v1\//, (route) => route.abort('internetdisconnected'));
    await open(visitor, '/pages/login/index');
    await expectText(visitor, '网络不给力，请检查网络后重试');
    await expect(visitor.locator('body').textContent()).resolves.not.toContain('请在微信中打开');
    await screenshot(visitor, 'g5-login-offline');
    await visitor.context().unroute(/\/api\/v1\//);
    await tap(visitor, '重新加载');
    await expectText(visitor, '选择演示账号（开发环境）');
  });

  journey('g6', 'fresh answers only: a filter toggled quickly shows the answer to the last choice, not a slower older one', async () => {
    const spot = lonelySpot();
    await makeStation(`营业筛选甲${run}`, north(spot, 300), hoursFromNow(-60, 180));
    await makeStation(`休息筛选乙${run}`, north(spot, 600), hoursFromNow(120, 240));
    const me = await newPhone(spot);
    await signIn(me, rider('fresh'));
    await tab(me, '驿站');
    await expectText(me, '共 2 个站点');
    // The open-now answer is slow; the rider switches the filter back off before it arrives.
    await me.route(/\/stations\/nearby\?.*openNow=true/, async (route) => {
      await new Promise((r) => setTimeout(r, 2_500));
      await route.continue();
    });
    await tap(me, '只看营业中');
    await tap(me, '只看营业中');
    await expectText(me, '共 2 个站点');
    await me.waitForTimeout(3_500);
    await expect(seen(me, /共 \d 个站点/).textContent()).resolves.toContain('共 2 个站点');
  });
});

describe('先锋骑士 H5 · a stamp card that rewards, a member card', () => {
  /** `stamps` stamps for a rider the real way: volunteer activities created by demo-admin, checked in through the API. */
  async function earn(riderApi: Awaited<ReturnType<typeof apiAs>>, stamps: number[], title = '先锋骑士志愿服务') {
    const adminApi = await apiAs(base(), 'demo-admin');
    for (const amount of stamps) {
      const activity = await adminApi.activities.create({ title: `${title} ${amount} 章`, kind: 'volunteer', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), stamps: amount });
      const { token } = await adminApi.activities.token(activity.id);
      await riderApi.activities.checkin(activity.id, { token });
    }
  }

  journey('g7', 'stamps beyond 10 stay visible (第 2 张); rewards grouped by gift; a redeemed gift sits in the record at its time; check-in shows progress', async () => {
    const openid = rider('stamps');
    const riderApi = await apiAs(base(), openid);
    await earn(riderApi, [5, 5, 2]);
    await expect(riderApi.stamps.mine()).resolves.toMatchObject({ balance: 12, goal: 10 });

    const me = await newPhone(lonelySpot());
    await signIn(me, openid);
    await expect(me.locator('.home__progress').filter({ visible: true }).textContent()).resolves.toMatch(/第 2 张.*集满 1 张.*2\/10/);
    await screenshot(me, 'g7-home-12-stamps');
    await open(me, '/pages/stamps/index');
    const cards = me.locator('.xf-cards__card').filter({ visible: true });
    await cards.first().waitFor();
    await expect(cards.count()).resolves.toBe(2);
    await expect(cards.nth(0).locator('.xf-stamps__slot--filled').count()).resolves.toBe(10);
    await expect(cards.nth(0).textContent()).resolves.toContain('第 1 张已集满');
    await expect(cards.nth(1).locator('.xf-stamps__slot--filled').count()).resolves.toBe(2);
    await expect(cards.nth(1).textContent()).resolves.toContain('第 2 张2/10');
    await screenshot(me, 'g7-stamps-two-cards');

    // Each gift once, with the stations that stock it.
    await tap(me, '去兑换礼品');
    const sleeves = me.locator('.reward').filter({ hasText: '冰袖' }).filter({ visible: true });
    await sleeves.first().waitFor();
    await expect(sleeves.count()).resolves.toBe(1);
    const stocking = (await (await apiAs(base(), 'demo-staff')).rewards.list()).items.filter((r) => r.name === '冰袖');
    await expect(sleeves.locator('.reward__station').count()).resolves.toBe(stocking.length);
    await screenshot(me, 'g7-rewards-grouped');

    // A gift handed over now, then a stamp: the gift sits between the stamps in time order.
    const staffApi = await apiAs(base(), 'demo-staff');
    const stationId = (await staffApi.auth.me()).roles.find((r) => r.role === 'station_staff')!.stationId!;
    const sleeve = stocking.find((r) => r.stationId === stationId)!;
    const { code } = await riderApi.redemptions.create({ stationId, rewardId: sleeve.id });
    await staffApi.redemptions.fulfil(code);
    await new Promise((r) => setTimeout(r, 1_100));

    const adminApi = await apiAs(base(), 'demo-admin');
    const activity = await adminApi.activities.create({ title: '雨天护路志愿服务', kind: 'volunteer', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), stamps: 1 });
    const { token } = await adminApi.activities.token(activity.id);
    await open(me, `/pages/checkin/index?activityId=${activity.id}&token=${encodeURIComponent(token)}`);
    await expectText(me, '签到成功，获得印章！');
    await expectText(me, '当前印章 3 枚');
    await expectText(me, '再集 7 枚就能兑换礼品');
    await expect(me.locator('.checkin__progress .xf-stamps__slot--filled').filter({ visible: true }).count()).resolves.toBe(3);
    await expect(me.locator('.checkin__progress .xf-stamps__slot--new').filter({ visible: true }).count()).resolves.toBe(1);
    await screenshot(me, 'g7-checkin-progress');

    await tap(me, '查看我的集章卡');
    await expectText(me, '新盖上 1 枚印章！');
    await expect(me.locator('.xf-stamps__slot--new').filter({ visible: true }).count()).resolves.toBe(1);
    const titles = await me.locator('.xf-record__title').filter({ visible: true }).allTextContents();
    expect(titles.slice(0, 3)).toEqual(['雨天护路志愿服务', '兑换 冰袖', '先锋骑士志愿服务 2 章']);
    await me.locator('.xf-record--gift').filter({ visible: true }).scrollIntoViewIfNeeded();
    await screenshot(me, 'g7-record-with-gift');
  });

  journey('g8', 'the member card shows masked name, number, union, join date and a QR that staff scan to verify', async () => {
    const openid = rider('member');
    const riderApi = await apiAs(base(), openid);
    const adminApi = await apiAs(base(), 'demo-admin');
    const orgId = (await adminApi.auth.me()).roles.find((r) => r.role === 'org_admin')!.orgId!;
    const first17 = `11010619880512${String(100 + Math.floor(Math.random() * 900))}`;
    const { id } = await riderApi.membership.apply({
      orgId,
      realName: '赵振华',
      phone: `137${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`,
      idCardNumber: first17 + idCardCheckChar(first17),
      platform: 'eleme',
      occupation: 'food_delivery',
      consent: true,
    });
    const { memberNo } = await adminApi.membership.approve(id);

    const me = await newPhone(lonelySpot());
    await signIn(me, openid);
    await tap(me, '会员证');
    await expectText(me, '工会会员证');
    const card = me.locator('.member-card').filter({ visible: true });
    await expect(card.textContent()).resolves.toContain('赵*华');
    await expect(card.textContent()).resolves.toContain(memberNo);
    await expect(card.textContent()).resolves.toContain('卢沟桥街道总工会');
    await expect(card.textContent()).resolves.toMatch(/入会日期\d{4}-\d{2}-\d{2}/);
    await expect(me.locator('body').textContent()).resolves.not.toContain('赵振华');
    await expectText(me, /核验码 0[45]:\d\d 后自动更新/);
    const link = await scanQr(me.locator('.member-card__qr').filter({ visible: true }));
    const target = parseScanContent(link);
    expect(target).toMatchObject({ kind: 'member', memberNo });
    await screenshot(me, 'g8-member-card');

    // Station staff open the scanned link: the app checks it with the server at once.
    const staff = await newPhone(null);
    await signIn(staff, 'demo-staff');
    await open(staff, link.replace(/^.*#/, ''));
    await expectText(staff, '有效会员');
    await expectText(staff, '赵*华');
    await expectText(staff, `会员编号 ${memberNo}`);
    await screenshot(staff, 'g8-staff-verified');
    // A doctored code is refused.
    await open(staff, link.replace(/^.*#/, '').replace(/memberCode=(\d+)/, (_, exp) => `memberCode=${Number(exp) + 600}`));
    await expectText(staff, '核验未通过');
    await expectText(staff, '这不是有效的会员证二维码');
  });
});
