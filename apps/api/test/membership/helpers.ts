import { idCardCheckChar } from '@xfqs/domain';
import type { TestApp, TestUser } from '../harness';

/** A valid 18-digit ID number (GB 11643) for a birth date, region and sequence; the check character is computed. */
export function makeIdCard(opts: { birthDate?: string; region?: string; seq?: number } = {}): string {
  const first17 = `${opts.region ?? '110105'}${(opts.birthDate ?? '1990-03-07').replace(/-/g, '')}${String(opts.seq ?? 123).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** A valid ID number whose check character is X (about one in eleven sequences). */
export function idCardEndingInX(birthDate: string): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = makeIdCard({ birthDate, seq });
    if (id.endsWith('X')) return id;
  }
  throw new Error(`no sequence ends in X for ${birthDate}`);
}

let serial = 0;

/** A fresh valid ID number on every call (birth dates and sequences vary), for adults born 1970–1999. */
export function nextIdCard(): string {
  const n = ++serial + (process.pid % 1000) * 1000;
  const day = new Date(Date.UTC(1970 + (n % 30), 0, 1) + ((n * 7919) % 365) * 86_400_000).toISOString().slice(0, 10);
  return makeIdCard({ birthDate: day, seq: n % 1000 });
}

/** A fresh mainland mobile number on every call. */
export function nextPhone(): string {
  return `139${String((++serial * 7_654_321 + process.pid) % 100_000_000).padStart(8, '0')}`;
}

/** A complete, valid application body (walk-in at `orgId` unless a meeting is given); override any field. */
export function validApplication(overrides: Record<string, unknown> = {}) {
  return {
    realName: '张三',
    phone: nextPhone(),
    idCardNumber: nextIdCard(),
    platform: 'meituan',
    occupation: 'food_delivery',
    workArea: '卢沟桥街道',
    consent: true,
    ...overrides,
  };
}

/** An org_admin of each demo street: 卢沟桥 (LGQ) and its sibling 东高地 (DGD). */
export async function streetAdmins(t: TestApp): Promise<{ lgqAdmin: TestUser; dgdAdmin: TestUser }> {
  return {
    lgqAdmin: await t.loginAs('org_admin', { orgId: t.orgIds.LGQ }),
    dgdAdmin: await t.loginAs('org_admin', { orgId: t.orgIds.DGD }),
  };
}

/** Creates a meeting as the admin; returns the response body (201 asserted). */
export async function createMeeting(t: TestApp, admin: TestUser, overrides: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/meetings', {
    as: admin,
    body: { title: '卢沟桥快递员职工沟通会', startsAt: '2026-11-25T02:00:00.000Z', endsAt: '2026-11-25T04:00:00.000Z', location: '京东物流卢沟桥营业部', host: '站长老刘', ...overrides },
  });
  if (res.status !== 201) throw new Error(`createMeeting: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; orgId: string; url: string; scene: string };
}

/** A new rider submits a valid application (with overrides); returns the rider and the application id. */
export async function applyAsNewRider(t: TestApp, overrides: Record<string, unknown>) {
  const rider = await t.loginAs('rider');
  const res = await t.call('POST', '/membership/applications', { as: rider, body: validApplication(overrides) });
  if (res.status !== 201) throw new Error(`apply: ${res.status} ${JSON.stringify(res.body)}`);
  return { rider, id: res.body.id as string };
}

/** `n` riders apply in parallel; returns the application ids. */
export async function applyMany(t: TestApp, n: number, overrides: Record<string, unknown>): Promise<string[]> {
  const created = await Promise.all(Array.from({ length: n }, () => applyAsNewRider(t, overrides)));
  return created.map((c) => c.id);
}
