/**
 * Camera scanning on H5 (issue 11 item 3): Chromium's fake camera shows a real QR code (a Y4M video
 * made from the code, support/camera.ts) and the app reads it with the camera, as a phone held
 * over a printed or on-screen code would: the rider's meeting, activity and station codes on the
 * scan page, and station staff fulfilling a rider's gift code.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiAs } from './support/api';
import { launchBrowser, phone, screenshot } from './support/browser';
import { browserWithCameraOn } from './support/camera';
import { scanQr } from './support/qr';
import { expectText, open, signIn, tap } from './support/ui';

const JOURNEY_MS = 120_000;
const base = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the browser jest project');
  return url;
};
const run = Date.now().toString(36);
const rider = (name: string) => `e2e-cam-${name}-${run}`;

const closers: Array<() => Promise<void>> = [];
let plain: Browser;
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});
beforeAll(async () => {
  plain = await launchBrowser();
});
afterAll(async () => {
  await plain?.close();
});

/** A phone whose camera sees a QR code carrying `text`. */
async function phoneFilming(text: string): Promise<Page> {
  const camera = await browserWithCameraOn(text);
  closers.push(camera.close);
  const { page } = await phone(camera.browser, base(), undefined, { camera: true });
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return page;
}

/** An ordinary phone (no camera), e.g. staff showing a code on screen. */
async function plainPhone(): Promise<Page> {
  const { context, page } = await phone(plain, base());
  closers.push(() => (context as BrowserContext).close());
  return page;
}

function journey(id: string, title: string, body: () => Promise<void>) {
  it(`${id}. ${title}`, body, JOURNEY_MS);
}

/** The rider's scan page: the plain explanation first, then the camera reads the code. */
async function scanWithCamera(page: Page, shot?: string) {
  await open(page, '/pages/scan/index');
  await expectText(page, '用摄像头扫码');
  await expectText(page, '不拍照、不录像、不上传');
  // typing stays as the fallback
  await expectText(page, '扫不了？手动输入');
  if (shot) await screenshot(page, shot);
  await tap(page, '打开摄像头扫码');
}

describe('camera scanning on H5', () => {
  journey('cam-a', 'a rider films a meeting QR and lands on the meeting page', async () => {
    const page = await phoneFilming(`${base()}/#/pages/join/meeting?meetingId=DEM02026`);
    await signIn(page, rider('meeting'));
    await scanWithCamera(page, 'cam-a1-scan-explains-camera');
    await page.waitForURL(/#\/pages\/join\/meeting\?meetingId=DEM02026/, { timeout: 20_000 });
    await expectText(page, '卢沟桥街道新就业形态劳动者线上沟通会');
    await screenshot(page, 'cam-a2-meeting-from-camera');
  });

  journey('cam-b', 'a rider films the activity QR on a staff phone and gets the stamp', async () => {
    const admin = await apiAs(base(), 'demo-admin');
    const activity = await admin.activities.create({
      title: '摄像头扫码测试活动',
      kind: 'volunteer',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      stamps: 1,
    });
    const staff = await plainPhone();
    await signIn(staff, 'demo-admin');
    await open(staff, `/staff/activities/qr?activityId=${activity.id}`);
    await expectText(staff, '签到得印章');
    const link = await scanQr(staff.locator('.staff__qr-box').filter({ visible: true }));

    const page = await phoneFilming(link);
    await signIn(page, rider('activity'));
    await scanWithCamera(page);
    await expectText(page, '签到成功，获得印章！', 20_000);
    await screenshot(page, 'cam-b1-activity-stamp-from-camera');
    await expect((await apiAs(base(), rider('activity'))).stamps.mine()).resolves.toMatchObject({ balance: 1 });
  });

  journey('cam-c', 'a rider films the station’s posted QR and is checked in', async () => {
    const staffApi = await apiAs(base(), 'demo-staff');
    const stationId = (await staffApi.auth.me()).roles.find((r) => r.role === 'station_staff')!.stationId!;
    const station = await staffApi.stations.get(stationId);
    const code = await staffApi.stations.checkinCode(stationId);
    const page = await phoneFilming(`${base()}/#${code.url}`);
    await signIn(page, rider('station'));
    await scanWithCamera(page);
    await expectText(page, '签到成功', 20_000);
    await expectText(page, `欢迎来到 ${station.name}`);
    await screenshot(page, 'cam-c1-station-checkin-from-camera');
  });

  journey('cam-d', 'station staff film a rider’s gift code and fulfil it without typing', async () => {
    const openid = rider('gift');
    const riderApi = await apiAs(base(), openid);
    const admin = await apiAs(base(), 'demo-admin');
    for (const stamps of [5, 5]) {
      const activity = await admin.activities.create({
        title: `扫码核销测试 ${stamps} 章 ${run}`,
        kind: 'volunteer',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        stamps,
      });
      await riderApi.activities.checkin(activity.id, { token: (await admin.activities.token(activity.id)).token });
    }
    const staffApi = await apiAs(base(), 'demo-staff');
    const stationId = (await staffApi.auth.me()).roles.find((r) => r.role === 'station_staff')!.stationId!;
    const gift = (await riderApi.rewards.list(stationId)).items.find((r) => r.name === '冰袖')!;
    const redemption = await riderApi.redemptions.create({ rewardId: gift.id, stationId });

    // The code the rider's phone shows as a QR (pages/stamps/redeem), seen by the staff phone's camera.
    const page = await phoneFilming(`r=${redemption.code}`);
    await signIn(page, 'demo-staff');
    await open(page, '/staff/fulfil/index');
    await expectText(page, '扫骑手的兑换码需要使用手机摄像头');
    await expectText(page, '或手动输入兑换码');
    await screenshot(page, 'cam-d1-fulfil-explains-camera');
    await tap(page, '打开摄像头扫码');
    await expectText(page, '核销成功，请发放礼品', 20_000);
    await expectText(page, '冰袖');
    await screenshot(page, 'cam-d2-fulfilled-by-camera');
    await expect(riderApi.stamps.mine()).resolves.toMatchObject({ balance: 0 });
  });
});
