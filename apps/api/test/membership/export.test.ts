import { parse } from 'csv-parse/sync';
import { and, desc, eq, like } from 'drizzle-orm';
import { auditLog } from '@xfqs/db';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { applyAsNewRider, createMeeting, makeIdCard } from './helpers';

let t: TestApp;
let admin: TestUser;
let meetingId: string;
const idCardNumber = makeIdCard({ birthDate: '1992-09-09', seq: 246 });
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
  meetingId = (await createMeeting(t, admin)).id;
  t.clock.set('2026-11-25T15:30:00Z');
  await applyAsNewRider(t, { meetingId, idCardNumber, phone: '13812345678', realName: '阿依古丽·买买提', platform: 'other', platformOther: '货拉拉', workArea: '=HYPERLINK("http://x")' });
  t.clock.release();
  await applyAsNewRider(t, { meetingId, platform: 'eleme' });
  await applyAsNewRider(t, { orgId: t.orgIds.DGD });
});
afterAll(() => t.close());

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const exportRows = (raw: Buffer) => parse(raw.subarray(3).toString('utf8')) as string[][];
const lastExportAudit = async () => (await t.db.select().from(auditLog).where(like(auditLog.action, 'membership.applications.export%')).orderBy(desc(auditLog.at)).limit(1))[0];

describe('GET /membership/applications/export.csv', () => {
  it('is UTF-8 CSV with a BOM and Chinese headers, ID and mobile masked, times in Beijing time', async () => {
    const res = await t.call('GET', `/membership/applications/export.csv?meetingId=${meetingId}`, { as: admin });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="membership-applications-\d{8}\.csv"; filename\*=UTF-8''/);
    expect(res.raw.subarray(0, 3).equals(BOM)).toBe(true);
    const [header, ...rows] = exportRows(res.raw);
    expect(header).toEqual(['申请编号', '状态', '姓名', '手机号', '身份证号', '性别', '从业平台', '其他平台', '职业', '其他职业', '工作区域', '所属工会', '沟通会', '提交时间', '审核时间', '会员编号', '驳回原因', '身份证号重复']);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[2] === '阿依古丽·买买提')![i]]));
    expect(row).toMatchObject({
      状态: '待审核',
      手机号: '138****5678',
      身份证号: `110105********${idCardNumber.slice(14)}`,
      性别: '女',
      从业平台: '其他',
      其他平台: '货拉拉',
      职业: '外卖配送员',
      所属工会: '卢沟桥街道总工会',
      沟通会: '卢沟桥快递员职工沟通会',
      提交时间: '2026-11-25 23:30:00',
    });
    // a cell that would run as a formula in Excel is escaped
    expect(row['工作区域']).toBe(`'=HYPERLINK("http://x")`);
    const text = res.raw.toString('utf8');
    expect(text).not.toContain(idCardNumber);
    expect(text).not.toContain('13812345678');
  });

  it('every export is audited with its filters and row count, never the data', async () => {
    const res = await t.call('GET', `/membership/applications/export.csv?meetingId=${meetingId}&status=pending`, { as: admin });
    expect(res.status).toBe(200);
    const entry = await lastExportAudit();
    expect(entry).toMatchObject({ actorId: admin.userId, action: 'membership.applications.export' });
    expect(entry.details).toEqual({ filters: { meetingId, status: 'pending', full: false }, rowCount: 2 });
  });

  it('full fields only with full=true, which adds the birth date and is audited as a full export', async () => {
    const res = await t.call('GET', `/membership/applications/export.csv?meetingId=${meetingId}&full=true`, { as: admin });
    expect(res.status).toBe(200);
    const [header, ...rows] = exportRows(res.raw);
    expect(header.slice(0, 7)).toEqual(['申请编号', '状态', '姓名', '手机号', '身份证号', '性别', '出生日期']);
    const mine = rows.find((r) => r[2] === '阿依古丽·买买提')!;
    expect(mine.slice(3, 7)).toEqual(['13812345678', idCardNumber, '女', '1992-09-09']);
    const entry = await lastExportAudit();
    expect(entry).toMatchObject({ actorId: admin.userId, action: 'membership.applications.export_full', details: { filters: { meetingId, full: true }, rowCount: 2 } });
    expect(JSON.stringify(entry)).not.toContain(idCardNumber);
    expectError(await t.call('GET', '/membership/applications/export.csv?full=yes', { as: admin }), 400, 'VALIDATION_FAILED');
  });

  it('exports only the admin’s scope; riders and unknown filters are refused', async () => {
    const res = await t.call('GET', '/membership/applications/export.csv', { as: admin });
    const [, ...rows] = exportRows(res.raw);
    expect(rows.every((r) => r[11] === '卢沟桥街道总工会')).toBe(true);
    const dgdAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    const theirs = exportRows((await t.call('GET', `/membership/applications/export.csv?meetingId=${meetingId}`, { as: dgdAdmin })).raw);
    expect(theirs).toHaveLength(1); // the header only
    expectError(await t.call('GET', `/membership/applications/export.csv?orgId=${t.orgIds.LGQ}`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', '/membership/applications/export.csv', { as: await t.loginAs('rider') }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', '/membership/applications/export.csv?limit=5', { as: admin }), 400, 'VALIDATION_FAILED');
    const audited = await t.db.select().from(auditLog).where(and(eq(auditLog.actorId, dgdAdmin.userId), like(auditLog.action, 'membership.applications.export%')));
    expect(audited).toHaveLength(1);
  });
});
