import { eq, sql } from 'drizzle-orm';
import { meetingAttendance, membershipApplications, rowsOf } from '@xfqs/db';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { createMeeting, idCardEndingInX, makeIdCard, nextIdCard, validApplication } from './helpers';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

const apply = (rider: TestUser, body: Record<string, unknown>) => t.call('POST', '/membership/applications', { as: rider, body });
const fieldsOf = (err: { details?: Array<{ field: string }> }) => (err.details ?? []).map((d) => d.field);

describe('POST /membership/applications: validation', () => {
  let rider: TestUser;
  beforeAll(async () => {
    rider = await t.loginAs('rider');
  });

  it('a wrong check digit is a 400 naming idCardNumber', async () => {
    const err = expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, idCardNumber: '110105194912310021' })), 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual([{ field: 'idCardNumber', message: expect.stringContaining('校验位') }]);
  });

  it('an impossible birth date (30 February) is a 400 naming idCardNumber', async () => {
    const err = expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, idCardNumber: makeIdCard({ birthDate: '1990-02-30' }) })), 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual([{ field: 'idCardNumber', message: expect.stringContaining('出生日期') }]);
  });

  it('under 16 on the day of application (Asia/Shanghai) is refused; from the 16th birthday it is accepted', async () => {
    const idCardNumber = makeIdCard({ birthDate: '2010-11-26', seq: 456 });
    // 2026-11-25T15:59:59Z is still 25 November in Beijing: one day short of 16
    t.clock.set('2026-11-25T15:59:59Z');
    const young = expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, idCardNumber })), 400, 'VALIDATION_FAILED');
    expect(young.details).toEqual([{ field: 'idCardNumber', message: expect.stringContaining('16') }]);
    // one second later it is 26 November in Beijing (still the 25th in UTC)
    t.clock.set('2026-11-25T16:00:00Z');
    const birthday = await t.loginAs('rider');
    expect((await apply(birthday, validApplication({ orgId: t.orgIds.LGQ, idCardNumber }))).status).toBe(201);
  });

  it('a lowercase x is accepted and stored upper-case (the staff view shows X)', async () => {
    const withX = idCardEndingInX('1985-06-15');
    const someone = await t.loginAs('rider');
    const res = await apply(someone, validApplication({ orgId: t.orgIds.LGQ, idCardNumber: withX.toLowerCase() }));
    expect(res.status).toBe(201);
    const item = await t.call('GET', `/membership/applications/${res.body.id}`, { as: admin });
    expect(item.body.idCardNumber).toBe(`${withX.slice(0, 6)}********${withX.slice(14)}`);
    expect(item.body.idCardNumber.endsWith('X')).toBe(true);
  });

  it('a bad mobile, a bad name and consent not true are each named; all bad fields come in one answer', async () => {
    const err = expectError(
      await apply(rider, validApplication({ orgId: t.orgIds.LGQ, phone: '12345678901', realName: 'X', consent: false, idCardNumber: '123' })),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldsOf(err).sort()).toEqual(['consent', 'idCardNumber', 'phone', 'realName']);
  });

  it('consent must be the JSON value true: the string "true" or 1 is not consent', async () => {
    for (const consent of ['true', 1]) {
      const err = expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, consent: consent as never })), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(err)).toContain('consent');
    }
  });

  it('missing and unknown fields, wrong platform values and "other" without its text are 400s', async () => {
    const { idCardNumber: _i, ...noId } = validApplication({ orgId: t.orgIds.LGQ });
    expect(fieldsOf(expectError(await apply(rider, noId), 400, 'VALIDATION_FAILED'))).toContain('idCardNumber');
    expect(fieldsOf(expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, memberNo: 'LGQ-2026-000001' })), 400, 'VALIDATION_FAILED'))).toContain('memberNo');
    expect(fieldsOf(expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, status: 'approved' })), 400, 'VALIDATION_FAILED'))).toContain('status');
    expect(fieldsOf(expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, platform: 'uber' })), 400, 'VALIDATION_FAILED'))).toContain('platform');
    expect(fieldsOf(expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, platform: 'other' })), 400, 'VALIDATION_FAILED'))).toEqual(['platformOther']);
    expect(fieldsOf(expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, occupation: 'other', occupationOther: '  ' })), 400, 'VALIDATION_FAILED'))).toEqual(['occupationOther']);
    expect(fieldsOf(expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ, privacyNoticeVersion: '2020-01' })), 400, 'VALIDATION_FAILED'))).toEqual(['privacyNoticeVersion']);
  });

  it('needs a meeting or an org; an unknown meeting or one of another org than named is a 400', async () => {
    expect(fieldsOf(expectError(await apply(rider, validApplication()), 400, 'VALIDATION_FAILED'))).toEqual(['meetingId']);
    const unknown = validApplication({ meetingId: '00000000-0000-4000-8000-000000000000' });
    expect(fieldsOf(expectError(await apply(rider, unknown), 400, 'VALIDATION_FAILED'))).toEqual(['meetingId']);
    const meeting = await createMeeting(t, admin);
    expect(fieldsOf(expectError(await apply(rider, validApplication({ meetingId: meeting.id, orgId: t.orgIds.DGD })), 400, 'VALIDATION_FAILED'))).toEqual(['orgId']);
  });

  it('nothing is written by a refused application', async () => {
    const before = await t.db.select({ id: membershipApplications.id }).from(membershipApplications).where(eq(membershipApplications.userId, rider.userId));
    expect(before).toHaveLength(0);
  });
});

describe('applying through a meeting', () => {
  it('takes the org from the meeting, records attendance, and shows up on the member card as pending', async () => {
    const meeting = await createMeeting(t, admin);
    const rider = await t.loginAs('rider');
    t.clock.set('2026-11-25T03:00:00Z');
    const res = await apply(rider, validApplication({ meetingId: meeting.id, platform: 'other', platformOther: '货拉拉' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'pending' });
    const attendance = await t.db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meeting.id));
    expect(attendance.map((a) => a.userId)).toEqual([rider.userId]);

    const me = await t.call('GET', '/membership/me', { as: rider });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      status: 'pending',
      application: {
        id: res.body.id,
        status: 'pending',
        submittedAt: '2026-11-25T03:00:00.000Z',
        orgId: t.orgIds.LGQ,
        orgName: '卢沟桥街道总工会',
        meetingId: meeting.id,
        platform: 'other',
        occupation: 'food_delivery',
      },
    });
    expect((await t.call('GET', '/me', { as: rider })).body.membership).toEqual({ status: 'pending' });
  });

  it('a rider who never applied has status none', async () => {
    const rider = await t.loginAs('rider');
    expect((await t.call('GET', '/membership/me', { as: rider })).body).toEqual({ status: 'none' });
    expect((await t.call('GET', '/me', { as: rider })).body.membership).toEqual({ status: 'none' });
  });
});

describe('personal data at rest', () => {
  it('the raw row holds no plaintext ID number, mobile number or name in any column', async () => {
    const rider = await t.loginAs('rider');
    const idCardNumber = makeIdCard({ birthDate: '1988-08-08', seq: 777 });
    const body = validApplication({ orgId: t.orgIds.LGQ, idCardNumber, phone: '13912345678', realName: '阿依古丽·买买提' });
    const res = await apply(rider, body);
    expect(res.status).toBe(201);
    const [raw] = rowsOf<Record<string, unknown>>(await t.db.execute(sql`select * from membership_applications where id = ${res.body.id}`));
    const text = JSON.stringify(raw);
    for (const secret of [idCardNumber, idCardNumber.slice(0, 17), '13912345678', '12345678', '阿依古丽', '买买提']) expect(text).not.toContain(secret);
    expect(raw.id_card_enc).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(raw.phone_enc).toMatch(/^v1\./);
    expect(raw.real_name_enc).toMatch(/^v1\./);
    expect(raw.id_card_hash).toMatch(/^[\w-]+\.[\w-]{43}$/);
    // what is derived and kept in the clear: birth date, gender, consent version
    expect(raw.gender).toBe('male');
    expect(raw.privacy_notice_version).toEqual(expect.any(String));
  });

  it('a row written under an old key still decrypts after a new key becomes active, and duplicates are still found', async () => {
    const oldKey = Buffer.alloc(32, 11).toString('base64');
    const newKey = Buffer.alloc(32, 22).toString('base64');
    const appWith = async (piiKey: string) => {
      const app = await buildApp(loadConfig({ NODE_ENV: 'test', DEV_LOGIN: 'true', PII_KEY: piiKey }), { database: t.database, clock: t.clock });
      await app.ready();
      const call = async (method: 'GET' | 'POST', url: string, token: string | undefined, body?: object) => {
        const res = await app.inject({ method, url: `/api/v1${url}`, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body ? { payload: body } : {}) });
        return { status: res.statusCode, body: res.json() };
      };
      const login = async (openid: string) => (await call('POST', '/auth/dev', undefined, { openid })).body.accessToken as string;
      return { app, call, login };
    };
    const idCardNumber = nextIdCard();
    const superOpenid = `rotation-super-${process.pid}`;
    await t.loginAs('super_admin', { openid: superOpenid });

    const before = await appWith(`old:${oldKey}`);
    const rider = await before.login(`rotation-rider-${process.pid}`);
    const created = await before.call('POST', '/membership/applications', rider, validApplication({ orgId: t.orgIds.LGQ, idCardNumber, phone: '13700001111' }));
    expect(created.status).toBe(201);
    await before.app.close();
    const [raw] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.id, created.body.id));
    expect(raw.idCardEnc.split('.')[1]).toBe('old');

    const after = await appWith(`new:${newKey},old:${oldKey}`);
    try {
      const staff = await after.login(superOpenid);
      const pii = await after.call('GET', `/membership/applications/${created.body.id}/pii`, staff);
      expect(pii.status).toBe(200);
      expect(pii.body).toMatchObject({ idCardNumber, phone: '13700001111', realName: '张三' });
      // the same ID number again, now hashed under the new key: accepted, and staff still see the duplicate
      const other = await after.login(`rotation-rider2-${process.pid}`);
      const again = await after.call('POST', '/membership/applications', other, validApplication({ orgId: t.orgIds.LGQ, idCardNumber }));
      expect(again.status).toBe(201);
      expect((await after.call('GET', `/membership/applications/${again.body.id}`, staff)).body.duplicateOf).toEqual({ kind: 'application', id: created.body.id });
      // new rows use the new key
      const third = await after.login(`rotation-rider3-${process.pid}`);
      const fresh = await after.call('POST', '/membership/applications', third, validApplication({ orgId: t.orgIds.LGQ }));
      const [freshRow] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.id, fresh.body.id));
      expect(freshRow.idCardEnc.split('.')[1]).toBe('new');
      expect(freshRow.idCardHash.split('.')[0]).toBe('new');
    } finally {
      await after.app.close();
    }
  });
});

describe('duplicates', () => {
  it('the same ID number pending (even typed with a lowercase x or spaces) is accepted for another rider exactly like a fresh one, and staff see duplicateOf', async () => {
    const withX = idCardEndingInX('1979-01-02');
    // (in DGD: the key-rotation test leaves LGQ rows this app's key cannot read)
    const first = await apply(await t.loginAs('rider'), validApplication({ orgId: t.orgIds.DGD, idCardNumber: withX }));
    expect(first.status).toBe(201);
    const typedDifferently = `${withX.slice(0, 6)} ${withX.slice(6, 14)} ${withX.slice(14).toLowerCase()}`;
    const squatter = await apply(await t.loginAs('rider'), validApplication({ orgId: t.orgIds.DGD, idCardNumber: typedDifferently }));
    const fresh = await apply(await t.loginAs('rider'), validApplication({ orgId: t.orgIds.DGD }));
    // the applicant cannot tell a taken ID number from a fresh one: same status, same body shape, same headers
    expect(squatter.status).toBe(201);
    expect(Object.keys(squatter.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(squatter.body.status).toBe(fresh.body.status);
    expect(Object.keys(squatter.headers).sort()).toEqual(Object.keys(fresh.headers).sort());

    const superAdmin = await t.loginAs('super_admin');
    const seen = await t.call('GET', `/membership/applications/${squatter.body.id}`, { as: superAdmin });
    expect(seen.body.duplicateOf).toEqual({ kind: 'application', id: first.body.id });
    const list = await t.call('GET', `/membership/applications?status=pending&orgId=${t.orgIds.DGD}&limit=100`, { as: superAdmin });
    expect(list.status).toBe(200);
    expect(list.body.items.find((i: { id: string }) => i.id === first.body.id).duplicateOf).toEqual({ kind: 'application', id: squatter.body.id });
    expect(list.body.items.find((i: { id: string }) => i.id === fresh.body.id).duplicateOf).toBeUndefined();
    // staff views stay masked: nothing of the ID number beyond the mask
    expect(JSON.stringify(seen.body)).not.toContain(withX.slice(6, 14));
  });

  it('the same rider with an open application → 409 ALREADY_APPLIED, whatever ID they send', async () => {
    const rider = await t.loginAs('rider');
    expect((await apply(rider, validApplication({ orgId: t.orgIds.LGQ }))).status).toBe(201);
    expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ })), 409, 'ALREADY_APPLIED');
  });

  it('an approved ID number stays taken; a rejected rider may apply again, with the same ID', async () => {
    const idCardNumber = nextIdCard();
    const rider = await t.loginAs('rider');
    const first = await apply(rider, validApplication({ orgId: t.orgIds.LGQ, idCardNumber }));
    expect((await t.call('POST', `/membership/applications/${first.body.id}/reject`, { as: admin, body: { reason: '请使用本人身份证' } })).body).toEqual({ status: 'rejected' });

    const rejectedCard = await t.call('GET', '/membership/me', { as: rider });
    expect(rejectedCard.body).toMatchObject({ status: 'rejected', application: { id: first.body.id, status: 'rejected', rejectReason: '请使用本人身份证' } });

    const second = await apply(rider, validApplication({ orgId: t.orgIds.LGQ, idCardNumber }));
    expect(second.status).toBe(201);
    expect((await t.call('GET', '/membership/me', { as: rider })).body).toMatchObject({ status: 'pending', application: { id: second.body.id } });
    const approved = await t.call('POST', `/membership/applications/${second.body.id}/approve`, { as: admin });
    expect(approved.status).toBe(200);

    expectError(await apply(rider, validApplication({ orgId: t.orgIds.LGQ })), 409, 'ALREADY_APPLIED');
    // someone else with the member's ID number: accepted as pending, shown to staff as a duplicate of the member
    const other = await apply(await t.loginAs('rider'), validApplication({ orgId: t.orgIds.LGQ, idCardNumber }));
    expect(other.status).toBe(201);
    const seen = await t.call('GET', `/membership/applications/${other.body.id}`, { as: admin });
    expect(seen.body.duplicateOf).toEqual({ kind: 'member', id: second.body.id, memberNo: approved.body.memberNo });
  });

  it('concurrent submissions of one ID number by different riders: all accepted, each shown to staff as a duplicate', async () => {
    const idCardNumber = nextIdCard();
    const riders = await Promise.all(Array.from({ length: 8 }, () => t.loginAs('rider')));
    const results = await Promise.all(riders.map((r) => apply(r, validApplication({ orgId: t.orgIds.LGQ, idCardNumber }))));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    for (const r of results) {
      expect((await t.call('GET', `/membership/applications/${r.body.id}`, { as: admin })).body.duplicateOf).toMatchObject({ kind: 'application' });
    }
  });

  it('a double tap by one rider: exactly one application', async () => {
    const rider = await t.loginAs('rider');
    const body = validApplication({ orgId: t.orgIds.LGQ });
    const results = await Promise.all(Array.from({ length: 6 }, () => apply(rider, body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const rows = await t.db.select().from(membershipApplications).where(eq(membershipApplications.userId, rider.userId));
    expect(rows).toHaveLength(1);
  });
});
