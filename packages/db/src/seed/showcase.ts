import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { addDays, formatMemberNo, idCardCheckChar, memberNoPrefix, parseIdCard, shanghaiClock, shanghaiDay, shanghaiInstant, PRIVACY_NOTICE, REPORT_CATEGORY, type Occupation, type Platform, type ReportCategory } from '@xfqs/domain';
import type { Tx } from '../client';
import { rgbPng } from './png';
import {
  activities,
  memberNumberCounters,
  membershipApplications,
  meetings,
  orgs,
  redemptions,
  reports,
  rewards,
  stampLedger,
  stationCheckins,
  stations,
  users,
} from '../schema';

/**
 * What the showcase needs from the server that owns the secrets and the files: personal data is
 * sealed exactly as the API seals it (AES-256-GCM under PII_KEY, keyed hashes), photos go to the
 * photo store. Without these the demo seed loads only the base data (orgs, users, stations…).
 */
export interface ShowcasePorts {
  sealApplicationPii(
    applicationId: string,
    pii: { realName: string; phone: string; idCardNumber: string },
  ): { realNameEnc: string; idCardEnc: string; idCardHash: string; phoneEnc: string; phoneHash: string };
  putPhoto(key: string, data: Buffer, contentType: string): Promise<void>;
}

/** The redemption code the demo's rich rider holds ready (typed `demogift` works too). */
export const DEMO_REDEMPTION_CODE = 'DEM0G1FT';
/** The seeded code stays ready for a week so the demo can show it (a real one lives 10 minutes). */
const DEMO_REDEMPTION_DAYS = 7;

interface ShowcaseRider {
  openid: string;
  nickname: string;
  /** The rider's application to 卢沟桥街道总工会 and its fate. */
  application?: {
    realName: string;
    phone: string;
    /** First 17 digits of an ID number; the check character is computed. */
    idFirst17: string;
    platform: Platform;
    occupation: Occupation;
    submitted: When;
    /** Approved this long after submitting (hours); pending when absent. */
    approvedAfterHours?: number;
  };
  /** Past activities (by key below) the rider checked in at. */
  activities?: ActivityKey[];
  /** Station visits: station external code and when. */
  visits?: Array<[string, When]>;
  /** 随手拍 reports the rider sent. */
  reports?: Array<{ category: ReportCategory; description: string; at: When; accepted?: boolean; near: string }>;
}

/** A time as days before the seeding day (Asia/Shanghai) and a wall-clock time that day. */
type When = [daysAgo: number, time: string];

type ActivityKey = 'cleanup' | 'traffic' | 'training';

/** Activities: three that happened this week, one on now, one later. */
const ACTIVITIES: Record<ActivityKey | 'now' | 'later', { title: string; kind: 'volunteer' | 'civic' | 'training'; stamps: number; starts: When; hours: number; description: string }> = {
  cleanup: { title: '创城志愿服务 · 清理小广告', kind: 'volunteer', stamps: 3, starts: [5, '09:00'], hours: 3, description: '在新丰路沿线清理小广告，扫码签到得 3 枚印章。' },
  traffic: { title: '文明交通劝导 · 卢沟桥路口', kind: 'civic', stamps: 2, starts: [3, '16:30'], hours: 2, description: '晚高峰在卢沟桥路口劝导电动车文明骑行。' },
  training: { title: '骑手安全骑行培训', kind: 'training', stamps: 2, starts: [1, '14:00'], hours: 2, description: '交警讲解夏季安全骑行和事故自救。' },
  now: { title: '暖心驿站开放日 · 免费体检', kind: 'volunteer', stamps: 1, starts: [0, 'now-60'], hours: 4, description: '巴厘岛快递公寓工会驿站，免费测血压、血糖，现场扫码签到得 1 枚印章。' },
  later: { title: '周末亲子公益行', kind: 'volunteer', stamps: 2, starts: [-2, '09:30'], hours: 3, description: '带孩子一起参加社区公益活动，名额有限。' },
};

const RIDERS: ShowcaseRider[] = [
  {
    // The demo's own rider: a member with 7 stamps (3 + 2 from activities, 2 from reports) and visits.
    openid: 'demo-rider',
    nickname: '骑手小王',
    application: { realName: '王小明', phone: '13800138001', idFirst17: '11010619950312001', platform: 'meituan', occupation: 'food_delivery', submitted: [6, '10:20'], approvedAfterHours: 2 },
    activities: ['cleanup', 'traffic'],
    visits: [['LGQ-001', [6, '12:10']], ['LGQ-002', [4, '21:15']], ['LGQ-001', [2, '13:05']], ['FT-001', [1, '18:40']], ['LGQ-005', [0, 'now-90']]],
    reports: [
      { category: 'safety_hazard', description: '新丰路井盖松动，电动车压过会翘起', at: [4, '11:30'], accepted: true, near: 'LGQ-001' },
      { category: 'traffic', description: '丰体南路红绿灯故障，路口拥堵', at: [2, '08:15'], accepted: true, near: 'LGQ-002' },
    ],
  },
  {
    // Rich enough for a gift, with a code ready at demo-staff's station.
    openid: 'demo-rider-gold',
    nickname: '骑手老张',
    application: { realName: '张建国', phone: '13800138002', idFirst17: '11010619880720003', platform: 'sf', occupation: 'courier', submitted: [5, '09:40'], approvedAfterHours: 1 },
    activities: ['cleanup', 'traffic', 'training'],
    visits: [['LGQ-001', [5, '12:30']], ['LGQ-001', [3, '12:20']], ['LGQ-003', [1, '19:50']]],
    reports: [
      { category: 'environment', description: '梅市口路垃圾桶满溢，散落一地', at: [3, '10:05'], accepted: true, near: 'LGQ-003' },
      { category: 'public_facility', description: '大井村公交站座椅损坏', at: [2, '15:45'], accepted: true, near: 'LGQ-004' },
      { category: 'safety_hazard', description: '大成路施工围挡倒伏，占用非机动车道', at: [1, '07:50'], accepted: true, near: 'LGQ-004' },
      { category: 'traffic', description: '岳各庄路口货车违停遮挡视线', at: [1, '17:30'], accepted: true, near: 'LGQ-008' },
      { category: 'other', description: '小瓦窑路段夜间路灯不亮', at: [0, 'now-120'], accepted: true, near: 'LGQ-009' },
    ],
  },
  // New members approved during the week (the dashboard's new-member chart).
  { openid: 'demo-rider-03', nickname: '骑手小刘', application: { realName: '刘海', phone: '13800138003', idFirst17: '11010619970105002', platform: 'eleme', occupation: 'food_delivery', submitted: [4, '09:00'], approvedAfterHours: 3 }, activities: ['training'], visits: [['LGQ-002', [4, '12:00']], ['LGQ-002', [0, 'now-30']]] },
  { openid: 'demo-rider-04', nickname: '骑手小陈', application: { realName: '陈静', phone: '13800138004', idFirst17: '11010619990918004', platform: 'jd', occupation: 'courier', submitted: [2, '11:10'], approvedAfterHours: 4 }, visits: [['LGQ-001', [2, '20:30']], ['LGQ-006', [1, '09:10']]] },
  { openid: 'demo-rider-05', nickname: '骑手小赵', application: { realName: '赵磊', phone: '13800138005', idFirst17: '11010619930228005', platform: 'meituan', occupation: 'food_delivery', submitted: [1, '10:00'], approvedAfterHours: 2 }, activities: ['training'], visits: [['LGQ-004', [3, '13:40']]] },
  // Applications waiting for demo-admin's review, and 随手拍 reports waiting too.
  {
    openid: 'demo-rider-06',
    nickname: '骑手小孙',
    application: { realName: '孙悦', phone: '13800138006', idFirst17: '11010620000611006', platform: 'meituan', occupation: 'food_delivery', submitted: [0, 'now-40'] },
    reports: [{ category: 'safety_hazard', description: '卢沟桥路口井盖破损，电动车容易摔倒', at: [0, 'now-25'], near: 'LGQ-001' }],
  },
  {
    openid: 'demo-rider-07',
    nickname: '骑手小周',
    application: { realName: '周强', phone: '13800138007', idFirst17: '11010619911203007', platform: 'sto', occupation: 'courier', submitted: [1, '16:20'] },
    visits: [['LGQ-002', [1, '12:45']]],
    reports: [{ category: 'environment', description: '丰体南路绿化带堆放建筑垃圾', at: [1, '12:30'], near: 'LGQ-002' }],
  },
  {
    openid: 'demo-rider-08',
    nickname: '骑手小吴',
    application: { realName: '吴芳', phone: '13800138008', idFirst17: '11010619960415008', platform: 'shansong', occupation: 'courier', submitted: [3, '08:50'] },
    reports: [{ category: 'public_facility', description: '新丰路共享充电柜损坏无法使用', at: [2, '19:10'], near: 'LGQ-001' }],
  },
  { openid: 'demo-rider-09', nickname: '骑手小郑', application: { realName: '郑凯', phone: '13800138009', idFirst17: '11010619921030009', platform: 'dada', occupation: 'food_delivery', submitted: [5, '18:30'] }, visits: [['LGQ-001', [5, '22:10']], ['LGQ-007', [3, '02:30']]] },
];

/**
 * The instant of a `When`: `[2, '13:05']` is 13:05 two days ago in Beijing; `'now-40'` is 40
 * minutes before the seeding. A time later today than now is moved to a minute before now, so
 * nothing seeded for the past lies in the future.
 */
function instantOf(now: Date, [daysAgo, time]: When): Date {
  if (time.startsWith('now-')) return new Date(now.getTime() - Number(time.slice(4)) * 60_000);
  const [h, m] = time.split(':').map(Number);
  const at = shanghaiInstant(addDays(shanghaiDay(now), -daysAgo), h, m).getTime();
  return new Date(daysAgo > 0 ? at : daysAgo === 0 ? Math.min(at, now.getTime() - 60_000) : at);
}

/** A small photo (PNG, a soft gradient) standing in for a 随手拍 picture. */
function demoPhoto(seed: number): Buffer {
  return rgbPng(160, 120, (x, y) => [(90 + x + seed * 40) % 256, (120 + y) % 256, (160 + seed * 30) % 256]);
}

/**
 * The demo's week of life in 卢沟桥街道总工会, relative to `now`: members and pending applications,
 * activities (past, on now, later) with their stamps, station visits, 随手拍 reports (accepted and
 * pending) and a rider with a gift code ready at demo-staff's station. Idempotent: riders are
 * matched on openid, activities on org and title, and each rider's rows are written only when the
 * rider has none of that kind yet (ledger rows are unique per source anyway).
 */
export async function seedShowcase(tx: Tx, ports: ShowcasePorts, now = new Date()): Promise<void> {
  const [lgq] = await tx.select({ id: orgs.id, code: orgs.code }).from(orgs).where(eq(orgs.code, 'LGQ'));
  if (!lgq) return;
  const stationRows = await tx.select({ id: stations.id, code: stations.externalCode, lat: stations.lat, lng: stations.lng, orgId: stations.orgId }).from(stations);
  const station = (code: string) => {
    const row = stationRows.find((s) => s.code === code);
    if (!row) throw new Error(`demo station ${code} missing`);
    return row;
  };
  if (!stationRows.some((s) => s.code === 'LGQ-001')) return;
  const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.orgId, lgq.id)).limit(1);
  const activityIds = await seedActivities(tx, lgq.id, now);

  for (const rider of RIDERS) {
    const [user] = await tx
      .insert(users)
      .values({ openid: rider.openid, nickname: rider.nickname, createdAt: rider.application ? instantOf(now, rider.application.submitted) : now })
      .onConflictDoUpdate({ target: users.openid, set: { openid: rider.openid } })
      .returning({ id: users.id });
    if (rider.application) await seedApplication(tx, ports, { userId: user.id, orgId: lgq.id, orgCode: lgq.code, meetingId: meeting?.id ?? null }, rider.application, now);
    for (const key of rider.activities ?? []) {
      const activity = ACTIVITIES[key];
      await tx
        .insert(stampLedger)
        .values({ userId: user.id, orgId: lgq.id, kind: 'earn', source: 'activity', sourceId: activityIds[key], amount: activity.stamps, title: activity.title, at: new Date(instantOf(now, activity.starts).getTime() + 20 * 60_000) })
        .onConflictDoNothing();
    }
    const [visited] = await tx.select({ id: stationCheckins.id }).from(stationCheckins).where(eq(stationCheckins.userId, user.id)).limit(1);
    if (!visited) {
      for (const [code, when] of rider.visits ?? []) {
        const at = instantOf(now, when);
        const s = station(code);
        await tx.insert(stationCheckins).values({ stationId: s.id, userId: user.id, at, dedupeUntil: new Date(at.getTime() + 4 * 3600_000), lat: s.lat, lng: s.lng });
      }
    }
    const [reported] = await tx.select({ id: reports.id }).from(reports).where(eq(reports.userId, user.id)).limit(1);
    if (!reported) {
      for (const [i, report] of (rider.reports ?? []).entries()) await seedReport(tx, ports, user.id, station(report.near), report, i, now);
    }
    if (rider.openid === 'demo-rider-gold') await seedReadyRedemption(tx, user.id, station('LGQ-001').id, now);
  }
}

async function seedActivities(tx: Tx, orgId: string, now: Date): Promise<Record<keyof typeof ACTIVITIES, string>> {
  const titles = Object.values(ACTIVITIES).map((a) => a.title);
  const existing = await tx.select({ id: activities.id, title: activities.title }).from(activities).where(and(eq(activities.orgId, orgId), inArray(activities.title, titles)));
  const ids = {} as Record<keyof typeof ACTIVITIES, string>;
  for (const [key, a] of Object.entries(ACTIVITIES) as Array<[keyof typeof ACTIVITIES, (typeof ACTIVITIES)[keyof typeof ACTIVITIES]]>) {
    const found = existing.find((e) => e.title === a.title);
    if (found) {
      ids[key] = found.id;
      continue;
    }
    const startsAt = instantOf(now, a.starts);
    const [row] = await tx
      .insert(activities)
      .values({ orgId, title: a.title, kind: a.kind, description: a.description, startsAt, endsAt: new Date(startsAt.getTime() + a.hours * 3600_000), stamps: a.stamps, secret: randomBytes(32).toString('base64url'), createdAt: new Date(Math.min(startsAt.getTime(), now.getTime()) - 86_400_000) })
      .returning({ id: activities.id });
    ids[key] = row.id;
  }
  return ids;
}

async function seedApplication(
  tx: Tx,
  ports: ShowcasePorts,
  target: { userId: string; orgId: string; orgCode: string | null; meetingId: string | null },
  a: NonNullable<ShowcaseRider['application']>,
  now: Date,
): Promise<void> {
  const [existing] = await tx.select({ id: membershipApplications.id }).from(membershipApplications).where(eq(membershipApplications.userId, target.userId)).limit(1);
  if (existing) return;
  const idCardNumber = a.idFirst17 + idCardCheckChar(a.idFirst17);
  const parsed = parseIdCard(idCardNumber, now);
  if (!parsed.ok) throw new Error(`demo ID number ${a.idFirst17}… is invalid: ${parsed.reason}`);
  const id = randomUUID();
  const submittedAt = instantOf(now, a.submitted);
  const reviewedAt = a.approvedAfterHours === undefined ? null : new Date(Math.min(submittedAt.getTime() + a.approvedAfterHours * 3600_000, now.getTime() - 60_000));
  let memberNo: string | null = null;
  if (reviewedAt) {
    // The org's gap-free counter, as an approval takes its next number.
    const year = shanghaiClock(reviewedAt).year;
    const [counter] = await tx
      .insert(memberNumberCounters)
      .values({ orgId: target.orgId, year, lastValue: 1 })
      .onConflictDoUpdate({ target: [memberNumberCounters.orgId, memberNumberCounters.year], set: { lastValue: sql`${memberNumberCounters.lastValue} + 1` } })
      .returning({ value: memberNumberCounters.lastValue });
    memberNo = formatMemberNo(memberNoPrefix({ id: target.orgId, code: target.orgCode }), year, counter.value);
  }
  await tx.insert(membershipApplications).values({
    id,
    userId: target.userId,
    orgId: target.orgId,
    meetingId: target.meetingId,
    ...ports.sealApplicationPii(id, { realName: a.realName, phone: a.phone, idCardNumber: parsed.normalized }),
    birthDate: parsed.birthDate,
    gender: parsed.gender,
    platform: a.platform,
    occupation: a.occupation,
    workArea: '卢沟桥街道',
    privacyNoticeVersion: PRIVACY_NOTICE.version,
    consentAt: submittedAt,
    submittedAt,
    status: reviewedAt ? 'approved' : 'pending',
    reviewedAt,
    memberNo,
  });
}

async function seedReport(
  tx: Tx,
  ports: ShowcasePorts,
  userId: string,
  near: { lat: number; lng: number; orgId: string },
  report: NonNullable<ShowcaseRider['reports']>[number],
  index: number,
  now: Date,
): Promise<void> {
  const id = randomUUID();
  const at = instantOf(now, report.at);
  const photoKey = `reports/demo/${id}.png`;
  await ports.putPhoto(photoKey, demoPhoto(index), 'image/png');
  // A few steps from the station it is near, as a rider's phone would place it.
  const lat = near.lat + 0.0006 * (index + 1);
  const lng = near.lng - 0.0004 * (index + 1);
  await tx.insert(reports).values({
    id,
    userId,
    orgId: near.orgId,
    category: report.category,
    description: report.description,
    lat,
    lng,
    photoKey,
    photoType: 'image/png',
    status: report.accepted ? 'accepted' : 'pending',
    reviewedAt: report.accepted ? new Date(Math.min(at.getTime() + 3 * 3600_000, now.getTime() - 60_000)) : null,
    stampAwarded: report.accepted ? true : null,
    createdAt: at,
  });
  if (report.accepted) {
    await tx
      .insert(stampLedger)
      .values({ userId, orgId: near.orgId, kind: 'earn', source: 'report', sourceId: id, amount: 1, title: `随手拍·${REPORT_CATEGORY.labels[report.category]}`, at: new Date(Math.min(at.getTime() + 3 * 3600_000, now.getTime() - 60_000)) });
  }
}

async function seedReadyRedemption(tx: Tx, userId: string, stationId: string, now: Date): Promise<void> {
  const [gift] = await tx.select({ id: rewards.id, cost: rewards.cost }).from(rewards).where(and(eq(rewards.stationId, stationId), eq(rewards.name, '冰袖')));
  if (!gift) return;
  await tx
    .insert(redemptions)
    .values({ userId, rewardId: gift.id, stationId, code: DEMO_REDEMPTION_CODE, cost: gift.cost, createdAt: now, expiresAt: new Date(now.getTime() + DEMO_REDEMPTION_DAYS * 86_400_000) })
    .onConflictDoNothing({ target: redemptions.code });
}
