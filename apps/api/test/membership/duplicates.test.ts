import { eq } from 'drizzle-orm';
import { auditLog } from '@xfqs/db';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { nextIdCard, validApplication } from './helpers';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({ env: { APPLICATION_RATE_LIMIT: '3' } });
  admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
});
afterAll(() => t.close());

const apply = async (idCardNumber: string) => {
  const res = await t.call('POST', '/membership/applications', { as: await t.loginAs('rider'), body: validApplication({ orgId: t.orgIds.LGQ, idCardNumber }) });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

describe('approving an application whose ID number another application or member holds', () => {
  it('is a 409 CONFLICT naming the duplicate until staff confirm; the confirmation is audited with the duplicate', async () => {
    const idCardNumber = nextIdCard();
    const first = await apply(idCardNumber);
    const second = await apply(idCardNumber);
    const refused = expectError(await t.call('POST', `/membership/applications/${second}/approve`, { as: admin }), 409, 'CONFLICT');
    expect(refused.message).toContain(first);
    // nothing was approved by the refusal, and the first one is just as much a duplicate now
    expect((await t.call('GET', `/membership/applications/${second}`, { as: admin })).body.status).toBe('pending');
    expectError(await t.call('POST', `/membership/applications/${first}/approve`, { as: admin }), 409, 'CONFLICT');

    const confirmed = await t.call('POST', `/membership/applications/${first}/approve?confirmDuplicate=true`, { as: admin });
    expect(confirmed.status).toBe(200);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, first));
    expect(entry.details).toMatchObject({ duplicateOf: { kind: 'application', id: second } });
    // the other one is now a duplicate of a member; rejecting it needs no confirmation
    const view = await t.call('GET', `/membership/applications/${second}`, { as: admin });
    expect(view.body.duplicateOf).toEqual({ kind: 'member', id: first, memberNo: confirmed.body.memberNo });
    expect((await t.call('POST', `/membership/applications/${second}/reject`, { as: admin, body: { reason: '身份证号已登记为会员' } })).status).toBe(200);
    expect((await t.call('GET', `/membership/applications/${second}`, { as: admin })).body.duplicateOf).toEqual({ kind: 'member', id: first, memberNo: confirmed.body.memberNo });
  });

  it('bulk approval approves the others and fails the duplicates with CONFLICT', async () => {
    const idCardNumber = nextIdCard();
    const a = await apply(idCardNumber);
    const b = await apply(idCardNumber);
    const clean = await apply(nextIdCard());
    const res = await t.call('POST', '/membership/applications/approve', { as: admin, body: { ids: [a, clean, b] } });
    expect(res.body.results.map((r: { status: string; error?: { code: string } }) => [r.status, r.error?.code])).toEqual([
      ['failed', 'CONFLICT'],
      ['approved', undefined],
      ['failed', 'CONFLICT'],
    ]);
  });

  it('the CSV export names the duplicate in its last column', async () => {
    const idCardNumber = nextIdCard();
    const a = await apply(idCardNumber);
    const b = await apply(idCardNumber);
    const csv = String((await t.call('GET', '/membership/applications/export.csv?status=pending', { as: admin })).raw);
    const lineOf = (id: string) => csv.split('\r\n').find((line) => line.startsWith(id))!;
    expect(lineOf(a).endsWith(`另有待审核申请（${b}）`)).toBe(true);
    expect(lineOf(b).endsWith(`另有待审核申请（${a}）`)).toBe(true);
  });
});

it('limits application submissions per rider (APPLICATION_RATE_LIMIT per hour) with 429 RATE_LIMITED and Retry-After', async () => {
  const rider = await t.loginAs('rider');
  const submit = () => t.call('POST', '/membership/applications', { as: rider, body: validApplication({ orgId: t.orgIds.LGQ, consent: false }) });
  for (let i = 0; i < 3; i++) expect((await submit()).status).toBe(400);
  const limited = await submit();
  expectError(limited, 429, 'RATE_LIMITED');
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3000);
  // another rider is not held back
  expect((await t.call('POST', '/membership/applications', { as: await t.loginAs('rider'), body: validApplication({ orgId: t.orgIds.LGQ }) })).status).toBe(201);
});
