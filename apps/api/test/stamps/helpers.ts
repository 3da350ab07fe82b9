import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { roleGrants, stationHoursColumns, stations } from '@xfqs/db';
import { createTestApp, type CallResult, type TestApp, type TestUser } from '../harness';

/** 卢沟桥 (GCJ-02), the centre of most test geofences and stations. */
export const LUGOUQIAO = { lat: 39.8496, lng: 116.2133 };
export const HOUR = 3600_000;

/** A test app whose uploads go to a fresh temp folder (removed by `close()`). */
export async function createStampsApp(env: Record<string, string> = {}): Promise<TestApp & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-stamps-'));
  // Many riders sign in from one address here; the sign-in limiter has its own tests.
  const t = await createTestApp({ env: { DATA_DIR: dataDir, AUTH_RATE_LIMIT: '1000000', ...env } });
  return {
    ...t,
    dataDir,
    close: async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type StampsApp = Awaited<ReturnType<typeof createStampsApp>>;

/**
 * For a whole test file: a stamps app and an org admin of 卢沟桥 (LGQ), opened before the file's
 * tests and closed after them. Read them in a `beforeAll` of the file (they exist from then on).
 */
export function stampsAppWithAdmin(env: Record<string, string> = {}): { t: StampsApp; admin: TestUser } {
  const file = {} as { t: StampsApp; admin: TestUser };
  beforeAll(async () => {
    file.t = await createStampsApp(env);
    file.admin = await file.t.loginAs('org_admin', { orgId: file.t.orgIds.LGQ });
  });
  afterAll(() => file.t.close());
  return file;
}

let stationCounter = 0;

/**
 * A station inserted directly (stations are another feature's table). The station directory is
 * read again before the test goes on (the database's notification would do it in the background).
 */
export async function createStation(
  t: TestApp,
  values: { orgId?: string; name?: string; lat?: number; lng?: number; status?: 'active' | 'closed' } = {},
): Promise<{ id: string; orgId: string; name: string }> {
  const [row] = await t.db
    .insert(stations)
    .values({
      orgId: values.orgId ?? t.orgIds.LGQ,
      kind: 'union_station',
      name: values.name ?? `测试驿站${++stationCounter}`,
      address: '北京市丰台区卢沟桥',
      lat: values.lat ?? LUGOUQIAO.lat,
      lng: values.lng ?? LUGOUQIAO.lng,
      ...stationHoursColumns({ weekly: [], alwaysOpen: true }),
      status: values.status ?? 'active',
    })
    .returning({ id: stations.id, orgId: stations.orgId, name: stations.name });
  await t.app.nearby.reload();
  return row;
}

let staffCounter = 0;

/** Signs in a station_staff of one station (the grant written directly, as the stations feature owns grant checks for stations). */
export async function loginStaff(t: TestApp, stationId: string): Promise<TestUser> {
  const openid = `test-staff-${process.pid}-${++staffCounter}`;
  const user = await t.loginAs('rider', { openid });
  await t.db.insert(roleGrants).values({ userId: user.userId, role: 'station_staff', stationId });
  return user;
}

/** Creates an activity through the API (by default open from an hour ago to an hour from now, no geofence). */
export async function createActivity(t: TestApp, admin: TestUser, body: Record<string, unknown> = {}) {
  const now = t.clock.now().getTime();
  const res = await t.call('POST', '/activities', {
    as: admin,
    body: {
      title: '卢沟桥志愿服务',
      kind: 'volunteer',
      startsAt: new Date(now - HOUR).toISOString(),
      endsAt: new Date(now + HOUR).toISOString(),
      ...body,
    },
  });
  if (res.status !== 201) throw new Error(`createActivity: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; orgId: string; stamps: number; title: string };
}

/** An activity the admin sees, by title, looking through every page of the list (newest first). */
export async function findActivity(t: TestApp, admin: TestUser, title: string): Promise<{ id: string; title: string }> {
  for (let cursor: string | null = null; ; ) {
    const res: CallResult = await t.call('GET', `/activities?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { as: admin });
    if (res.status !== 200) throw new Error(`activities: ${res.status} ${JSON.stringify(res.body)}`);
    const found = res.body.items.find((a: { title: string }) => a.title === title);
    if (found) return found;
    cursor = res.body.nextCursor;
    if (!cursor) throw new Error(`no activity titled ${title}`);
  }
}

/** The activity's current check-in token, as the organiser's phone shows it. */
export async function currentToken(t: TestApp, admin: TestUser, activityId: string): Promise<string> {
  const res = await t.call('GET', `/activities/${activityId}/checkin-token`, { as: admin });
  if (res.status !== 200) throw new Error(`checkin-token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

export async function checkIn(t: TestApp, rider: TestUser, activityId: string, body: Record<string, unknown>) {
  return t.call('POST', `/activities/${activityId}/checkins`, { as: rider, body });
}

/**
 * Gives a rider `n` stamps the way riders earn them: real check-ins at activities (up to 5 stamps
 * each) of `orgId` (default 卢沟桥).
 */
export async function giveStamps(t: TestApp, rider: TestUser, n: number, orgId = t.orgIds.LGQ): Promise<void> {
  const admin = await t.loginAs('org_admin', { orgId });
  for (let left = n; left > 0; ) {
    const stamps = Math.min(5, left);
    const activity = await createActivity(t, admin, { stamps, orgId, title: `志愿服务 ${stamps} 章` });
    const res = await checkIn(t, rider, activity.id, { token: await currentToken(t, admin, activity.id) });
    if (res.status !== 201) throw new Error(`giveStamps: ${res.status} ${JSON.stringify(res.body)}`);
    left -= stamps;
  }
}

export async function balanceOf(t: TestApp, rider: TestUser): Promise<number> {
  const res = await t.call('GET', '/stamps/me', { as: rider });
  if (res.status !== 200) throw new Error(`stamps/me: ${res.status}`);
  return res.body.balance;
}

/** A multipart/form-data body as a browser would send it. */
export async function formData(fields: Record<string, string | number>, files: Record<string, { data: Buffer; filename: string; type: string }> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  for (const [name, file] of Object.entries(files)) form.append(name, new Blob([new Uint8Array(file.data)], { type: file.type }), file.filename);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type') as string } };
}

/** A small real JPEG (with EXIF GPS position and camera when asked). */
export async function jpeg(options: { width?: number; height?: number; gps?: boolean } = {}): Promise<Buffer> {
  let image = sharp({ create: { width: options.width ?? 64, height: options.height ?? 48, channels: 3, background: { r: 200, g: 80, b: 40 } } }).jpeg();
  if (options.gps) {
    image = image
      .withExif({
        IFD0: { Make: 'TestPhone', Model: 'X1' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 50/1 5856/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 12/1 4788/100' },
      })
      .withMetadata({ orientation: 6 });
  }
  return image.toBuffer();
}

/** Whether an EXIF block (as sharp's metadata().exif gives it) has a GPS IFD: tag 0x8825 in its byte order. */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const littleEndian = exif.indexOf('II*\0', 0, 'latin1') !== -1;
  return exif.indexOf(Buffer.from(littleEndian ? [0x25, 0x88] : [0x88, 0x25])) !== -1;
}

export const reportFields = (overrides: Record<string, string | number> = {}) => ({
  category: 'safety_hazard',
  description: '路口井盖缺失，夜间骑行很危险',
  lat: LUGOUQIAO.lat,
  lng: LUGOUQIAO.lng,
  ...overrides,
});

/** Sends a 随手拍 report with a real photo; returns the response. */
export async function sendReport(t: TestApp, rider: TestUser, fields: Record<string, string | number> = reportFields(), photo?: Buffer) {
  const form = await formData(fields, { photo: { data: photo ?? (await jpeg()), filename: 'photo.jpg', type: 'image/jpeg' } });
  return t.call('POST', '/reports', { as: rider, body: form.body, headers: form.headers });
}
