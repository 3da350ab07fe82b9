/**
 * The rider and staff journeys of issue 6, driven through the built H5 app in Debian's Chromium at
 * 375×812 against the real server on a fresh database (see support/global-setup.ts). Each journey
 * asserts what the person sees and saves its last screen under test-artifacts/screenshots/.
 *
 * The jest project `deploy` runs them once more through the nginx of the deployment (two instances,
 * PostgreSQL with a replica, Redis, S3; tests/deploy/through-nginx.test.ts), screens under
 * test-artifacts/screenshots/nginx/. Each journey checks that every API answer its phones got came
 * the way it should: through nginx there, straight from the server here (support/target.ts).
 *
 * They run in this order in one file: the rotating QR captured in the activity journey is the
 * "forwarded screenshot" that the expired-code journey opens a minute later.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gcj02ToWgs84, idCardCheckChar, parseScanContent, wgs84ToGcj02 } from '@xfqs/domain';
import { formatDate } from '../../apps/miniapp/src/services/format';
import { apiAs, solidPng } from './support/api';
import { launchBrowser, phone, screenshot } from './support/browser';
import { scanQr } from './support/qr';
import { journeyTarget, journeyViaNginx, recordApiAnswers } from './support/target';
import { expectText, field, open, seen, signIn, tab, tap } from './support/ui';

const JOURNEY_MS = 120_000;
const base = () => journeyTarget().baseUrl;
const runBegan = Date.now();
/** Each run gets its own riders, so a journey never meets another journey's (or run's) state. */
const run = runBegan.toString(36);
const rider = (name: string) => `e2e-${name}-${run}`;

let browser: Browser;
const contexts: BrowserContext[] = [];
/** Phones that outlive their journey (the staff phone left showing the rotating QR). */
const kept: BrowserContext[] = [];
/** The API answers the phones got during the current journey, and whether nginx relayed each. */
const apiAnswers: Array<{ url: string; viaNginx: boolean }> = [];

/**
 * A journey as a jest test; when it fails, every phone in it is saved as
 * `failed-<id>-<n>.png` next to the journeys' screenshots, to see where it stopped.
 */
function journey(id: string, title: string, body: () => Promise<void>) {
  it(
    `${id}. ${title}`,
    async () => {
      apiAnswers.length = 0;
      try {
        await body();
        // The journey went where it should: every API answer through nginx (deploy project), or none.
        expect(apiAnswers.length).toBeGreaterThan(0);
        expect(apiAnswers.filter((a) => a.viaNginx !== journeyTarget().viaNginx)).toEqual([]);
      } catch (err) {
        const pages = [...contexts, ...kept].flatMap((c) => c.pages());
        await Promise.all(pages.map((p, i) => screenshot(p, `failed-${id}-${i + 1}`).catch(() => undefined)));
        throw err;
      }
    },
    JOURNEY_MS,
  );
}

/** A dashboard chart's days (`label` is the day of the month), oldest first; none when it shows no data. */
async function chartDays(page: Page, title: string): Promise<Array<{ label: string; value: number }>> {
  const card = page.locator('.xf-card').filter({ visible: true }).filter({ has: page.locator('.xf-card__title', { hasText: new RegExp(`^${title}$`) }) });
  await expect(card.count()).resolves.toBe(1);
  return card.locator('.xf-bars__col').evaluateAll((cols) =>
    cols.map((col) => ({ label: col.querySelector('.xf-bars__label')?.textContent ?? '', value: Number(col.querySelector('.xf-bars__value')?.textContent || 0) })),
  );
}

/** A fresh phone (own storage, so its own session) for one person in one journey. */
async function newPhone(location?: { latitude: number; longitude: number } | null, { keep = false } = {}): Promise<Page> {
  const { context, page } = await phone(browser, base(), location);
  (keep ? kept : contexts).push(context);
  recordApiAnswers(page, base(), apiAnswers);
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all(kept.splice(0).map((c) => c.close()));
  await browser?.close();
});

/** The staff phone left showing the activity QR in journey b, the link read off it, and when. */
let activityQr: { staff: Page; link: string; at: number } | undefined;
const qrOnScreen = (page: Page) => scanQr(page.locator('.staff__qr-box').filter({ visible: true }));

describe(journeyViaNginx() ? '先锋骑士 H5 journeys through nginx' : '先锋骑士 H5 journeys', () => {
  journey('b', 'staff shows an activity’s rotating QR full screen; a rider checks in with it and sees the stamp', async () => {
    // This phone stays on the QR until journey e, which checks that it has refreshed itself.
    const staff = await newPhone(undefined, { keep: true });
    await signIn(staff, 'demo-admin');
    await open(staff, '/staff/activities/index');
    const title = '创城志愿服务 · 清理小广告';
    await field(staff, '例如：创城志愿服务 · 清理小广告').fill(title);
    await tap(staff, '创建并出示签到码');
    await expectText(staff, '签到得印章');
    await expectText(staff, title);
    await expectText(staff, /秒后自动换码/);
    const link = await qrOnScreen(staff);
    activityQr = { staff, link, at: Date.now() };
    const target = parseScanContent(link);
    expect(target.kind).toBe('activity');
    expect(link.startsWith(`${base()}/#/pages/checkin/index?`)).toBe(true);
    await screenshot(staff, 'b1-staff-activity-qr');

    // The rider has no camera scanner on H5: the scan page takes the link pasted in.
    const phoneOfRider = await newPhone();
    await signIn(phoneOfRider, rider('activity'));
    await open(phoneOfRider, '/pages/scan/index');
    await field(phoneOfRider, '粘贴链接，或输入 8 位沟通会码').fill(link);
    await tap(phoneOfRider, '识别并打开');
    await expectText(phoneOfRider, '签到成功，获得印章！');
    await expectText(phoneOfRider, '当前印章 1 枚');
    await tap(phoneOfRider, '查看我的集章卡');
    await expectText(phoneOfRider, '行动记录');
    await expect(seen(phoneOfRider, '可用印章').locator('..').textContent()).resolves.toBe('1可用印章');
    // One of the ten slots of the handbook page is stamped, and the action record names the activity.
    await expect(phoneOfRider.locator('.xf-stamps__slot').filter({ visible: true }).count()).resolves.toBe(10);
    await expect(phoneOfRider.locator('.xf-stamps__slot--filled').filter({ visible: true }).count()).resolves.toBe(1);
    await expectText(phoneOfRider, title);
    await screenshot(phoneOfRider, 'b2-rider-stamp-card');
  });

  journey('a', 'a rider opens a meeting link, applies, staff approves, the rider sees the member card', async () => {
    const me = await newPhone();
    // The link the meeting QR carries (GET /meetings/:id → url).
    await me.goto(`/#/pages/join/meeting?meetingId=DEM02026`);
    // Not signed in yet: the app asks for an account and comes back to the meeting.
    await me.waitForURL(/#\/pages\/login\/index\?redirect=/);
    await expectText(me, '选择演示账号（开发环境）');
    await screenshot(me, 'a0-sign-in');
    await signIn(me, rider('join'));
    expect(me.url()).toContain('/pages/join/meeting?meetingId=DEM02026');
    await expectText(me, '卢沟桥街道新就业形态劳动者线上沟通会');
    await expectText(me, '卢沟桥街道总工会');
    await screenshot(me, 'a1-meeting');
    await tap(me, '在线申请入会');

    const first17 = `11010619900307${String(100 + Math.floor(Math.random() * 900))}`;
    const idCardNumber = first17 + idCardCheckChar(first17);
    const phoneNumber = `139${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`;
    // A name of Chinese characters only (as on an ID card), different in every run.
    const realName = `张${[...run.slice(-3)].map((c) => '明亮清华春秋冬夏山川江河湖海云风雨雪晴阳光星月天地金木水火土石松竹梅兰'[parseInt(c, 36)]).join('')}`;
    await field(me, '与身份证一致').fill(realName);
    await field(me, '11 位手机号').fill(phoneNumber);
    await field(me, '18 位身份证号').fill(idCardNumber);
    await expectText(me, '出生日期 1990-03-07');
    await tap(me, '美团', true);
    await tap(me, '外卖配送员', true);
    await tap(me, '同意工会为办理入会');
    await screenshot(me, 'a2-apply-filled');
    await tap(me, '提交入会申请');
    await expectText(me, '待审核');
    await expectText(me, '卢沟桥街道总工会');
    await screenshot(me, 'a3-status-pending');

    const staff = await newPhone();
    await signIn(staff, 'demo-admin');
    await open(staff, '/staff/applications/index');
    const item = staff.locator('.staff__item').filter({ hasText: realName }).filter({ visible: true });
    await item.waitFor();
    // Staff see the phone and ID number masked.
    await expect(item.textContent()).resolves.toContain(`${phoneNumber.slice(0, 3)}****${phoneNumber.slice(7)}`);
    await expect(item.textContent()).resolves.not.toContain(idCardNumber);
    await screenshot(staff, 'a4-staff-applications');
    await tap(item, '通过', true);
    await item.waitFor({ state: 'detached' });

    const { memberNo } = await (await apiAs(base(), rider('join'))).membership.mine();
    expect(memberNo).toBeTruthy();
    await open(me, '/pages/join/status');
    await expectText(me, '已通过');
    await tap(me, '查看电子会员证');
    await expectText(me, '工会会员证');
    await expectText(me, memberNo!);
    await screenshot(me, 'a5-member-card');
  });

  journey('c', 'a rider finds the nearest station with 热饭 (microwave) and checks in with the code posted at its door', async () => {
    // The rider stands a few steps from 巴厘岛快递公寓工会驿站 (LGQ-001), where demo-staff works.
    const staffApi = await apiAs(base(), 'demo-staff');
    const me0 = await staffApi.auth.me();
    const stationId = me0.roles.find((r) => r.role === 'station_staff')?.stationId;
    expect(stationId).toBeTruthy();
    const station = await staffApi.stations.get(stationId!);
    expect(station.services).toContain('microwave');
    const standing = gcj02ToWgs84({ lat: station.lat + 0.0004, lng: station.lng + 0.0004 });
    const me = await newPhone({ latitude: standing.lat, longitude: standing.lng });
    await signIn(me, rider('station'));

    await tab(me, '驿站');
    await expectText(me, '按距离由近到远');
    await tap(me, '热饭', true);
    // The list the rider sees is the API's answer for where they stand (GCJ-02) with that filter.
    const expected = await staffApi.stations.nearby({ ...wgs84ToGcj02(standing), limit: 30, services: ['microwave'] });
    await expectText(me, `共 ${expected.items.length} 个站点`);
    expect(expected.items.length).toBeLessThan((await staffApi.stations.nearby({ ...wgs84ToGcj02(standing), limit: 30 })).items.length);
    const cards = me.locator('.xf-station').filter({ visible: true });
    await expect(cards.first().textContent()).resolves.toContain(station.name);
    await expect(cards.count()).resolves.toBe(expected.items.length);
    // A second service narrows the list further (the app sends `services=microwave,legal_aid`).
    await tap(me, '法律援助', true);
    const both = await staffApi.stations.nearby({ ...wgs84ToGcj02(standing), limit: 30, services: ['microwave', 'legal_aid'] });
    expect(both.items.length).toBeLessThan(expected.items.length);
    await expectText(me, `共 ${both.items.length} 个站点`);
    await tap(me, '法律援助', true);
    await expectText(me, `共 ${expected.items.length} 个站点`);
    await screenshot(me, 'c1-stations-microwave');
    await cards.first().click();
    await expectText(me, '提供的服务');
    await expectText(me, station.address);
    await screenshot(me, 'c2-station-detail');

    // The code printed on the station's QR, as staff fetch it; the QR carries it as a link.
    const code = await staffApi.stations.checkinCode(stationId!);
    const staff = await newPhone();
    await signIn(staff, 'demo-staff');
    await open(staff, `/staff/station-qr/index?stationId=${stationId}`);
    await expectText(staff, '骑手扫码签到');
    const link = await scanQr(staff.locator('.staff__qr-box').filter({ visible: true }));
    expect(link).toBe(`${base()}/#${code.url}`);
    await screenshot(staff, 'c3-staff-station-qr');

    await me.goto(link);
    await expectText(me, '签到成功');
    await expectText(me, `欢迎来到 ${station.name}`);
    await screenshot(me, 'c4-rider-station-checkin');
  });

  journey('d', 'a rider with 10 stamps redeems a gift; station staff fulfil the code; the rider sees success', async () => {
    const openid = rider('redeem');
    const riderApi = await apiAs(base(), openid);
    const adminApi = await apiAs(base(), 'demo-admin');
    // Ten stamps the real way: two volunteer activities (5 + 4 stamps) and one accepted 随手拍.
    const now = Date.now();
    for (const stamps of [5, 4]) {
      const activity = await adminApi.activities.create({
        title: `先锋骑士志愿服务 ${stamps} 章`,
        kind: 'volunteer',
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
        stamps,
      });
      const { token } = await adminApi.activities.token(activity.id);
      await riderApi.activities.checkin(activity.id, { token });
    }
    const orgId = (await adminApi.auth.me()).roles.find((r) => r.role === 'org_admin')!.orgId!;
    const report = await riderApi.reports.create(
      { category: 'safety_hazard', description: '卢沟桥路口井盖破损，电动车容易摔倒', lat: 39.8585, lng: 116.2867, orgId },
      { blob: new Blob([new Uint8Array(solidPng(64, 48))], { type: 'image/png' }), fileName: 'photo.png' },
    );
    await expect(adminApi.reports.accept(report.id)).resolves.toMatchObject({ stampAwarded: true });
    await expect(riderApi.stamps.mine()).resolves.toMatchObject({ balance: 10 });

    const staffApi = await apiAs(base(), 'demo-staff');
    const stationId = (await staffApi.auth.me()).roles.find((r) => r.role === 'station_staff')!.stationId!;
    const station = await staffApi.stations.get(stationId);

    const me = await newPhone();
    await signIn(me, openid);
    await open(me, '/pages/stamps/index');
    await expectText(me, '已集满 10 枚');
    await expect(me.locator('.xf-stamps__slot--filled').filter({ visible: true }).count()).resolves.toBe(10);
    await expectText(me, '随手拍');
    await screenshot(me, 'd1-stamps-full');
    await tap(me, '去兑换礼品');
    // Rewards are grouped by gift; the station rows under 冰袖 each have their own 兑换.
    const gift = me.locator('.reward').filter({ hasText: '冰袖' }).filter({ visible: true }).first().locator('.reward__station').filter({ hasText: station.name });
    await gift.waitFor();
    await screenshot(me, 'd2-rewards');
    await tap(gift, '兑换', true);
    await expectText(me, '后失效');
    await expectText(me, `领取地点：${station.name}`);
    const code = ((await seen(me, /兑换码 \S+/).textContent()) ?? '').replace('兑换码', '').trim();
    expect(code).not.toBe('');
    // The QR on the rider's phone carries the same code.
    expect(parseScanContent(await scanQr(me.locator('.redeem__qr').filter({ visible: true })))).toEqual({ kind: 'redemption', code });
    await screenshot(me, 'd3-redeem-qr');

    const staff = await newPhone();
    await signIn(staff, 'demo-staff');
    await open(staff, '/staff/fulfil/index');
    await field(staff, '兑换码下方的字符').fill(code);
    await tap(staff, '核销', true);
    await expectText(staff, '核销成功，请发放礼品');
    await expectText(staff, '冰袖');
    await expectText(staff, '扣除 10 枚印章，骑手剩余 0 枚');
    await screenshot(staff, 'd4-staff-fulfilled');

    // The rider's screen notices by itself.
    await expectText(me, '兑换成功', 20_000);
    await expectText(me, '请向工作人员领取「冰袖」');
    await expectText(me, station.name);
    await expectText(me, '0 枚印章');
    await screenshot(me, 'd5-rider-redeemed');
    await expect(riderApi.stamps.mine()).resolves.toMatchObject({ balance: 0, total: 10 });
  });

  journey('f', 'staff tools show the day’s real numbers: dashboard, 随手拍 review, meetings; the rider’s home and 我的', async () => {
    const staff = await newPhone();
    await signIn(staff, 'demo-admin');
    await expectText(staff, '工作台');
    await tap(staff, '工作台');
    await expectText(staff, '卢沟桥街道总工会');
    await screenshot(staff, 'f1-staff-home');

    await tap(staff, '数据看板');
    await expectText(staff, '新会员（近 14 天）');
    // On this fresh database: the member approved in journey a, the 1 + 10 stamps of journeys b and d,
    // the gift of journey d and the station visit of journey c (at least: demo data may add). Each is
    // counted on its Shanghai day, so they are summed over the chart's days since this run began:
    // today alone, or two days when the run crossed midnight in Shanghai. The 今日 card shows the
    // chart's last day.
    const today = staff.locator('.staff__stat').filter({ visible: true });
    const stat = async (label: string) => Number((await today.filter({ hasText: label }).locator('.staff__stat-value').textContent()) ?? 'NaN');
    const runBeganOn = formatDate(new Date(runBegan)).slice(8); // the chart's label: day of the month
    for (const [label, chartTitle, atLeast] of [['新会员', '新会员（近 14 天）', 1], ['发放印章', '发放印章', 11], ['兑换礼品', '兑换礼品', 1], ['驿站到访', '驿站到访', 1]] as const) {
      const days = await chartDays(staff, chartTitle);
      const first = days.findIndex((d) => d.label === runBeganOn);
      expect({ chartTitle, runBeganOnChart: first >= 0 }).toEqual({ chartTitle, runBeganOnChart: true });
      expect(days.slice(first).reduce((sum, d) => sum + d.value, 0)).toBeGreaterThanOrEqual(atLeast);
      await expect(stat(label)).resolves.toBe(days[days.length - 1].value);
    }
    await expectText(staff, '美团');
    await screenshot(staff, 'f2-staff-dashboard');

    await open(staff, '/staff/reports/index');
    await tap(staff, '已采纳', true);
    await expectText(staff, '卢沟桥路口井盖破损，电动车容易摔倒');
    await screenshot(staff, 'f3-staff-reports-accepted');

    await open(staff, '/staff/meetings/index');
    await expectText(staff, '卢沟桥街道新就业形态劳动者线上沟通会');
    await tap(staff, '出示入会码');
    await expectText(staff, '扫码参会');
    // The meeting QR (the server's PNG) opens the same join link the rider used in journey a.
    await expect(scanQr(staff.locator('.staff__qr-box').filter({ visible: true }))).resolves.toBe(`${base()}/#/pages/join/meeting?meetingId=DEM02026`);
    await expectText(staff, '沟通会码 DEM02026');
    await screenshot(staff, 'f4-staff-meeting-qr');

    const me = await newPhone();
    await signIn(me, rider('join'));
    await expectText(me, '已入会');
    await expectText(me, '离我最近的驿站');
    await screenshot(me, 'f5-rider-home-member');
    // The code read out at a meeting, typed in (lower case, as people type): the app knows the member.
    await tap(me, '扫一扫');
    await field(me, '粘贴链接，或输入 8 位沟通会码').fill('dem02026');
    await tap(me, '识别并打开');
    await expectText(me, '您已是工会会员 · 查看会员证');
    await open(me, '/pages/home/index');
    await tab(me, '我的');
    await expectText(me, '我的身份');
    await screenshot(me, 'f6-rider-me');
  });

  journey('g', 'a rider sends a 随手拍 with a photo; staff accept it in the review list; the rider sees it accepted and the stamp', async () => {
    // Near 巴厘岛快递公寓工会驿站, so the report belongs to 卢沟桥街道总工会, whose admin reviews it.
    const staffApi = await apiAs(base(), 'demo-staff');
    const station = await staffApi.stations.get((await staffApi.auth.me()).roles.find((r) => r.role === 'station_staff')!.stationId!);
    const standing = gcj02ToWgs84({ lat: station.lat, lng: station.lng });
    const me = await newPhone({ latitude: standing.lat, longitude: standing.lng });
    await signIn(me, rider('report'));
    await tap(me, '随手拍', true);
    await expectText(me, '现场照片');
    await expectText(me, '已获取您当前的位置');
    // Taro's H5 photo picker offers 拍摄 / 从相册选择 on a phone, then the system file picker.
    await tap(me, '拍照 / 从相册选');
    const [chooser] = await Promise.all([me.waitForEvent('filechooser'), tap(me, '从相册选择', true)]);
    await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: solidPng(320, 240, [90, 140, 60]) });
    await me.locator('.report__preview').filter({ visible: true }).waitFor();
    await tap(me, '环境卫生', true);
    const description = '新丰路公交站旁垃圾桶满溢，散落一地';
    await field(me, '例如：XX路口井盖破损，电动车容易摔倒').fill(description);
    await screenshot(me, 'g1-report-filled');
    await tap(me, '提交随手拍');
    await me.waitForURL(/pages\/report\/mine/);
    const mine = me.locator('.report-item').filter({ hasText: description }).filter({ visible: true });
    await expect(mine.textContent()).resolves.toContain('待处理');

    const staff = await newPhone();
    await signIn(staff, 'demo-admin');
    await open(staff, '/staff/reports/index');
    const item = staff.locator('.staff__item').filter({ hasText: description }).filter({ visible: true });
    await item.waitFor();
    // The photo is fetched with the staff member's token and shown.
    await item.locator('img').first().waitFor();
    await screenshot(staff, 'g2-staff-report-review');
    await tap(item, '采纳并发印章', true);
    await item.waitFor({ state: 'detached' });

    await open(me, '/pages/stamps/index');
    await expectText(me, /随手拍.环境卫生/);
    await expect(me.locator('.xf-stamps__slot--filled').filter({ visible: true }).count()).resolves.toBe(1);
    await open(me, '/pages/report/mine');
    await expectText(me, '已采纳，印章已发放');
    await screenshot(me, 'g3-my-reports-accepted');
  });

  journey('h', 'a rider who does not share location still gets stations (丰台 by default) with a notice, and reads the handbook', async () => {
    const me = await newPhone(null);
    await open(me, '/pages/stations/index');
    // Issue 11: location off is said plainly, and no distance measured from the district centre is shown as the rider's.
    await expectText(me, '定位未开启', 20_000);
    await expectText(me, '按离丰台区中心由近到远');
    await expect(me.locator('.xf-station__distance').filter({ visible: true }).count()).resolves.toBe(0);
    await expect(me.locator('.xf-station').filter({ visible: true }).count()).resolves.toBeGreaterThan(0);
    await screenshot(me, 'h1-stations-no-location');
    await tab(me, '手册');
    await expectText(me, '顺手公益');
    await expectText(me, '致快递员、外卖配送员朋友们的一封信');
    await screenshot(me, 'h2-handbook');
  });

  journey('e', 'an activity QR forwarded a minute later shows a helpful Chinese message (CODE_EXPIRED); the QR on the staff phone has moved on and works', async () => {
    let qr = activityQr;
    if (!qr) {
      // Journey b did not get as far as the QR: put one on a staff phone now and let it age.
      const staff = await newPhone();
      await signIn(staff, 'demo-admin');
      await open(staff, '/staff/activities/index');
      await tap(staff, '出示签到码');
      await expectText(staff, '签到得印章');
      qr = { staff, link: await qrOnScreen(staff), at: Date.now() };
    }
    // A token stays good for its 30 s step and one more: past 60 s it has expired for sure.
    const wait = qr.at + 62_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));

    // The rider opens a screenshot of the QR forwarded in a group chat a minute ago.
    const me = await newPhone();
    await signIn(me, rider('late'));
    await me.goto(qr.link);
    await expectText(me, '没能签到');
    await expectText(me, '这个签到码已经过期了');
    await expectText(me, '重新扫码');
    await screenshot(me, 'e1-expired-activity-code');
    await expect((await apiAs(base(), rider('late'))).stamps.mine()).resolves.toMatchObject({ balance: 0 });

    // Meanwhile the staff phone has fetched new tokens by itself: the QR on it now works.
    const fresh = await qrOnScreen(qr.staff);
    expect(fresh).not.toBe(qr.link);
    const before = parseScanContent(qr.link);
    const now = parseScanContent(fresh);
    expect(now.kind === 'activity' && before.kind === 'activity' && now.activityId === before.activityId).toBe(true);
    await me.goto(fresh);
    await expectText(me, '签到成功，获得印章！');
    await screenshot(me, 'e2-checkin-with-live-qr');
  });
});
