import { eq } from 'drizzle-orm';
import { auditLog, helpRequests, orgs } from '@xfqs/db';
import { eraseExpiredHelpRequests } from '../../src/features/help/requests';
import { applyAsNewRider, streetAdmins } from '../membership/helpers';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { createStation } from '../stations/helpers';

let t: TestApp;
let lgqAdmin: TestUser;
let dgdAdmin: TestUser;
/** A station of 卢沟桥 far from the demo stations: help asked next to it goes to 卢沟桥. */
const SPOT = { lat: 41.5, lng: 120.5 };
beforeAll(async () => {
  t = await createTestApp();
  ({ lgqAdmin, dgdAdmin } = await streetAdmins(t));
  await createStation(t, { orgId: t.orgIds.LGQ, lat: SPOT.lat + 0.001, lng: SPOT.lng });
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

const TEXT = '老板拖欠三个月工资，电话 13812345678，地址在卢沟桥';
const ask = (as: TestUser | undefined, body: Record<string, unknown>) => t.call('POST', '/help-requests', { as, body });
const rowsOf = async (userId: string) => t.db.select().from(helpRequests).where(eq(helpRequests.userId, userId));

describe('POST /help-requests', () => {
  it('routes to the nearest station’s union, answers with its hotline, stores the words sealed, no-store', async () => {
    const rider = await t.loginAs('rider');
    const res = await ask(rider, { category: 'wages', text: TEXT, ...SPOT });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'open', orgId: t.orgIds.LGQ, orgName: expect.any(String), hotline: '12351' });
    expect(res.headers['cache-control']).toBe('no-store');
    const [row] = await rowsOf(rider.userId);
    expect(row.textEnc).toMatch(/^v1\./);
    expect(row.textEnc).not.toContain('1381234');
    expect(row.locationEnc).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('拖欠');

    const mine = await t.call('GET', '/help-requests/me', { as: rider });
    expect(mine.status).toBe(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: res.body.id, category: 'wages', status: 'open', text: TEXT, orgId: t.orgIds.LGQ, closeNote: null, closedAt: null }),
    ]);
    // another rider sees none of it
    expect((await t.call('GET', '/help-requests/me', { as: await t.loginAs('rider') })).body.items).toEqual([]);
  });

  it('the hotline is the org’s own, else the nearest ancestor’s, else HELP_HOTLINE; admins set their org’s', async () => {
    const rider = await t.loginAs('rider');
    const district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    const set = await t.call('PUT', `/orgs/${t.orgIds.FT}/hotline`, { as: district, body: { hotline: '010-12351' } });
    expect(set.body).toEqual({ orgId: t.orgIds.FT, hotline: '010-12351', effective: '010-12351' });
    expectError(await t.call('PUT', `/orgs/${t.orgIds.FT}/hotline`, { as: lgqAdmin, body: { hotline: '110' } }), 403, 'FORBIDDEN');
    expectError(await t.call('PUT', '/orgs/00000000-0000-4000-8000-000000000000/hotline', { as: lgqAdmin, body: { hotline: '110' } }), 404, 'NOT_FOUND');
    expectError(await t.call('PUT', `/orgs/${t.orgIds.LGQ}/hotline`, { as: lgqAdmin, body: { hotline: 'call me' } }), 400, 'VALIDATION_FAILED');
    try {
      expect((await ask(rider, { category: 'other', text: '求助', ...SPOT })).body.hotline).toBe('010-12351');
      expect((await t.call('PUT', `/orgs/${t.orgIds.LGQ}/hotline`, { as: lgqAdmin, body: { hotline: '010-63800000' } })).status).toBe(200);
      expect((await t.call('GET', `/help-requests/hotline?lat=${SPOT.lat}&lng=${SPOT.lng}`, { as: rider })).body).toEqual({
        hotline: '010-63800000',
        orgId: t.orgIds.LGQ,
        orgName: expect.any(String),
      });
    } finally {
      await t.db.update(orgs).set({ hotline: null });
    }
    // nowhere to route: the default
    expect((await t.call('GET', '/help-requests/hotline', { as: rider })).body).toEqual({ hotline: '12351', orgId: null, orgName: null });
    const custom = await createTestApp({ env: { HELP_HOTLINE: '400-000-1234' }, seed: true });
    try {
      const r = await custom.loginAs('rider');
      expect((await custom.call('GET', '/help-requests/hotline', { as: r })).body.hotline).toBe('400-000-1234');
    } finally {
      await custom.close();
    }
  });

  it('without a location goes to the rider’s own union; with neither, 422 with the hotline; bad input writes nothing', async () => {
    const { rider } = await applyAsNewRider(t, { orgId: t.orgIds.DGD });
    const res = await ask(rider, { category: 'dispute', text: '与站点发生纠纷' });
    expect(res.status).toBe(201);
    expect(res.body.orgId).toBe(t.orgIds.DGD);

    const stranger = await t.loginAs('rider');
    const none = expectError(await ask(stranger, { category: 'accident', text: '撞车了' }), 422, 'RULE_VIOLATION');
    expect(none.details).toEqual({ hotline: '12351' });
    for (const body of [
      { category: 'robbery', text: 'x' },
      { category: 'wages', text: '' },
      { category: 'wages', text: '   ' },
      { category: 'wages', text: 'x'.repeat(501) },
      { category: 'wages', text: 'x', lat: SPOT.lat },
      { category: 'wages', text: 'x', lat: 91, lng: 0 },
      { category: 'wages', text: 'x', userId: stranger.userId },
    ]) {
      expectError(await ask(stranger, body), 400, 'VALIDATION_FAILED');
    }
    expectError(await ask(undefined, { category: 'wages', text: 'x' }), 401, 'UNAUTHENTICATED');
    expect(await rowsOf(stranger.userId)).toEqual([]);
  });
});

describe('staff: list (scoped, masked), read, claim, close', () => {
  it('an admin of the routed union sees it masked, claims and closes it; the rider sees the status; all audited', async () => {
    const rider = await t.loginAs('rider');
    const { body: created } = await ask(rider, { category: 'wages', text: TEXT, ...SPOT });

    const list = await t.call('GET', '/help-requests?status=open', { as: lgqAdmin });
    expect(list.status).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const item = list.body.items.find((i: { id: string }) => i.id === created.id);
    expect(item).toMatchObject({ category: 'wages', status: 'open', orgId: t.orgIds.LGQ, claimedByMe: false, approxLocation: { lat: 41.5, lng: 120.5 } });
    expect(item.textPreview).toContain('老板拖欠');
    expect(item.textPreview).not.toContain('13812345678');
    expect(item.textPreview).toContain('*********78');
    expect(item.rider).not.toContain(rider.userId);
    expect(JSON.stringify(list.body)).not.toContain(rider.userId);
    // the district above sees it too; another street does not
    expect((await t.call('GET', '/help-requests', { as: await t.loginAs('org_admin', { orgId: t.orgIds.FT }) })).body.items.map((i: { id: string }) => i.id)).toContain(created.id);
    expect((await t.call('GET', '/help-requests', { as: dgdAdmin })).body.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
    // another street's request for help does not exist for this admin (the scope model's 404)
    expectError(await t.call('GET', `/help-requests/${created.id}`, { as: dgdAdmin }), 404, 'NOT_FOUND');
    expectError(await t.call('POST', `/help-requests/${created.id}/close`, { as: dgdAdmin, body: { note: 'x' } }), 404, 'NOT_FOUND');
    expectError(await t.call('POST', `/help-requests/${created.id}/claim`, { as: dgdAdmin }), 404, 'NOT_FOUND');
    expectError(await t.call('GET', '/help-requests', { as: rider }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/help-requests?orgId=${t.orgIds.LGQ}`, { as: dgdAdmin }), 403, 'FORBIDDEN');

    const detail = await t.call('GET', `/help-requests/${created.id}`, { as: lgqAdmin });
    expect(detail.body).toMatchObject({ text: TEXT, location: SPOT, status: 'open' });

    const claimed = await t.call('POST', `/help-requests/${created.id}/claim`, { as: lgqAdmin });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', claimedByMe: true });
    expect((await t.call('POST', `/help-requests/${created.id}/claim`, { as: lgqAdmin })).status).toBe(200); // idempotent for the claimer
    expectError(await t.call('POST', `/help-requests/${created.id}/claim`, { as: await t.loginAs('org_admin', { orgId: t.orgIds.LGQ }) }), 409, 'CONFLICT');
    expect((await t.call('GET', '/help-requests/me', { as: rider })).body.items[0]).toMatchObject({ status: 'claimed', claimedAt: expect.any(String) });

    expectError(await t.call('POST', `/help-requests/${created.id}/close`, { as: lgqAdmin, body: { note: '  ' } }), 400, 'VALIDATION_FAILED');
    const closed = await t.call('POST', `/help-requests/${created.id}/close`, { as: lgqAdmin, body: { note: '已联系劳动监察大队，工资本周发放' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeNote: '已联系劳动监察大队，工资本周发放' });
    expectError(await t.call('POST', `/help-requests/${created.id}/close`, { as: lgqAdmin, body: { note: '再次' } }), 409, 'CONFLICT');
    expect((await t.call('GET', '/help-requests/me', { as: rider })).body.items[0]).toMatchObject({
      status: 'closed',
      closeNote: '已联系劳动监察大队，工资本周发放',
      closedAt: expect.any(String),
    });
    const [row] = await rowsOf(rider.userId);
    expect(row.closeNoteEnc).toMatch(/^v1\./);

    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, created.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['help.create', 'help.read', 'help.claim', 'help.close']));
    const listAudit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'help.list'));
    expect(listAudit.length).toBeGreaterThan(0);
    expect(JSON.stringify(listAudit)).not.toContain('拖欠');
    expectError(await t.call('GET', '/help-requests/00000000-0000-4000-8000-000000000000', { as: lgqAdmin }), 404, 'NOT_FOUND');
  });

  it('retention: requests closed longer ago than HELP_RETENTION_DAYS lose their personal fields', async () => {
    const rider = await t.loginAs('rider');
    const { body: created } = await ask(rider, { category: 'other', text: '需要帮助', ...SPOT });
    await t.call('POST', `/help-requests/${created.id}/close`, { as: lgqAdmin, body: { note: '已处理' } });
    const open = await ask(rider, { category: 'other', text: '还没处理', ...SPOT });
    expect(await eraseExpiredHelpRequests(t.db, new Date(Date.now() + 10 * 86400_000), 30)).toBe(0);
    expect(await eraseExpiredHelpRequests(t.db, new Date(Date.now() + 31 * 86400_000), 30)).toBeGreaterThanOrEqual(1);
    const [erased] = await t.db.select().from(helpRequests).where(eq(helpRequests.id, created.id));
    expect(erased).toMatchObject({ textEnc: null, locationEnc: null, closeNoteEnc: null, userId: null, status: 'closed', category: 'other' });
    const [kept] = await t.db.select().from(helpRequests).where(eq(helpRequests.id, open.body.id));
    expect(kept.textEnc).toMatch(/^v1\./);
  });
});
