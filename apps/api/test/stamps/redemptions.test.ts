import { eq, sql } from 'drizzle-orm';
import { rewards, rowsOf, stampLedger } from '@xfqs/db';
import { expectError, type TestUser } from '../harness';
import { balanceOf, createStampsApp, createStation, giveStamps, loginStaff } from './helpers';

let t: Awaited<ReturnType<typeof createStampsApp>>;
let admin: TestUser;
let stationA: { id: string; orgId: string; name: string };
let stationB: { id: string; orgId: string; name: string };
let staffA: TestUser;

beforeAll(async () => {
  t = await createStampsApp();
  admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
  stationA = await createStation(t, { name: '卢沟桥工会驿站' });
  stationB = await createStation(t, { name: '卢沟桥暖心驿站' });
  staffA = await loginStaff(t, stationA.id);
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

let rewardCounter = 0;
async function createReward(body: { stationId?: string; name?: string; cost?: number; stock?: number } = {}) {
  const res = await t.call('POST', '/rewards', { as: admin, body: { stationId: stationA.id, name: `奖品${++rewardCounter}`, cost: 10, stock: 5, ...body } });
  if (res.status !== 201) throw new Error(`createReward: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; stationId: string; cost: number; stock: number; name: string };
}

async function redeem(rider: TestUser, reward: { id: string; stationId: string }) {
  const res = await t.call('POST', '/redemptions', { as: rider, body: { stationId: reward.stationId, rewardId: reward.id } });
  if (res.status !== 201) throw new Error(`redeem: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; expiresAt: string };
}

const fulfil = (who: TestUser, code: string) => t.call('POST', '/redemptions/fulfill', { as: who, body: { code } });
const stockOf = async (id: string) => (await t.db.select({ stock: rewards.stock }).from(rewards).where(eq(rewards.id, id)))[0].stock;

async function riderWith(stamps: number): Promise<TestUser> {
  const rider = await t.loginAs('rider');
  await giveStamps(t, rider, stamps);
  return rider;
}

describe('rewards', () => {
  it('the station’s org admin creates and edits rewards; others may not', async () => {
    const created = await t.call('POST', '/rewards', { as: admin, body: { stationId: stationA.id, name: '冰袖', cost: 10, stock: 20 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '冰袖', cost: 10, stock: 20, stationId: stationA.id, stationName: '卢沟桥工会驿站' });

    expectError(await t.call('POST', '/rewards', { as: admin, body: { stationId: stationA.id, name: '冰袖', cost: 12, stock: 1 } }), 409, 'CONFLICT');
    const dgdAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    expectError(await t.call('POST', '/rewards', { as: dgdAdmin, body: { stationId: stationA.id, name: '手套', cost: 10, stock: 1 } }), 403, 'FORBIDDEN');
    expectError(await t.call('POST', '/rewards', { as: await t.loginAs('rider'), body: { stationId: stationA.id, name: '手套', cost: 10, stock: 1 } }), 403, 'FORBIDDEN');
    expectError(await t.call('POST', '/rewards', { as: staffA, body: { stationId: stationA.id, name: '手套', cost: 10, stock: 1 } }), 403, 'FORBIDDEN');
    let err = expectError(await t.call('POST', '/rewards', { as: admin, body: { stationId: '00000000-0000-4000-8000-000000000000', name: '手套', cost: 10, stock: 1 } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(['stationId']);
    err = expectError(await t.call('POST', '/rewards', { as: admin, body: { stationId: stationA.id, name: '手套', cost: 0, stock: -1 } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field).sort()).toEqual(['cost', 'stock']);

    const patched = await t.call('PATCH', `/rewards/${created.body.id}`, { as: admin, body: { stock: 7, cost: 12 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: '冰袖', cost: 12, stock: 7 });
    await createReward({ name: '保温杯' });
    expectError(await t.call('PATCH', `/rewards/${created.body.id}`, { as: admin, body: { name: '保温杯' } }), 409, 'CONFLICT');
    expectError(await t.call('PATCH', `/rewards/${created.body.id}`, { as: admin, body: {} }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('PATCH', `/rewards/${created.body.id}`, { as: admin, body: { stationId: stationB.id } }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('PATCH', `/rewards/${created.body.id}`, { as: dgdAdmin, body: { stock: 100 } }), 403, 'FORBIDDEN');
    expectError(await t.call('PATCH', '/rewards/00000000-0000-4000-8000-000000000000', { as: admin, body: { stock: 1 } }), 404, 'NOT_FOUND');
    expect(await stockOf(created.body.id)).toBe(7);
  });

  it('anyone lists rewards cheapest first; a signed-in rider also sees what they can afford', async () => {
    const station = await createStation(t, { name: '列表驿站' });
    const closed = await createStation(t, { name: '已关闭驿站', status: 'closed' });
    const cheap = await createReward({ stationId: station.id, name: '手套', cost: 3, stock: 2 });
    const dear = await createReward({ stationId: station.id, name: '充电宝', cost: 15, stock: 0 });
    await createReward({ stationId: closed.id, name: '雨衣', cost: 5, stock: 3 });

    const anonymous = await t.call('GET', `/rewards?stationId=${station.id}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.items).toEqual([
      { id: cheap.id, name: '手套', cost: 3, stock: 2, stationId: station.id, stationName: '列表驿站' },
      { id: dear.id, name: '充电宝', cost: 15, stock: 0, stationId: station.id, stationName: '列表驿站' },
    ]);
    expect(anonymous.body).not.toHaveProperty('balance');

    const rider = await riderWith(4);
    const signedIn = await t.call('GET', `/rewards?stationId=${station.id}`, { as: rider });
    expect(signedIn.body.balance).toBe(4);
    expect(signedIn.body.items.map((r: { affordable: boolean }) => r.affordable)).toEqual([true, false]);

    expect((await t.call('GET', `/rewards?stationId=${closed.id}`)).body.items).toEqual([]);
    const page1 = await t.call('GET', `/rewards?stationId=${station.id}&limit=1`);
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual([cheap.id]);
    const page2 = await t.call('GET', `/rewards?stationId=${station.id}&limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((r: { id: string }) => r.id)).toEqual([dear.id]);
    expect(page2.body.nextCursor).toBeNull();
    expectError(await t.call('GET', '/rewards', { headers: { authorization: 'Bearer forged' } }), 401, 'UNAUTHENTICATED');
    expectError(await t.call('GET', '/rewards?limit=0'), 400, 'VALIDATION_FAILED');
  });
});

describe('creating a redemption', () => {
  it('gives a short code valid 10 minutes and takes nothing yet', async () => {
    t.clock.set('2026-11-25T06:00:00.000Z');
    const reward = await createReward({ cost: 10, stock: 3 });
    const rider = await riderWith(12);
    const res = await t.call('POST', '/redemptions', { as: rider, body: { stationId: stationA.id, rewardId: reward.id } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', cost: 10, rewardName: reward.name, stationName: '卢沟桥工会驿站', expiresAt: '2026-11-25T06:10:00.000Z' });
    expect(res.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(await balanceOf(t, rider)).toBe(12);
    expect(await stockOf(reward.id)).toBe(3);
  });

  it('balance below the cost is 422 INSUFFICIENT_STAMPS; no stock is 409 OUT_OF_STOCK', async () => {
    const rider = await riderWith(9);
    const reward = await createReward({ cost: 10, stock: 3 });
    const err = expectError(await t.call('POST', '/redemptions', { as: rider, body: { stationId: stationA.id, rewardId: reward.id } }), 422, 'INSUFFICIENT_STAMPS');
    expect(err.details).toEqual({ balance: 9, cost: 10 });
    const none = await createReward({ cost: 5, stock: 0 });
    expectError(await t.call('POST', '/redemptions', { as: rider, body: { stationId: stationA.id, rewardId: none.id } }), 409, 'OUT_OF_STOCK');
  });

  it('a closed station takes no new redemptions (422 RULE_VIOLATION) and its rewards leave the list', async () => {
    const closing = await createStation(t, { name: '即将关闭的驿站' });
    const reward = await createReward({ stationId: closing.id, cost: 1 });
    const rider = await riderWith(2);
    await t.call('PATCH', `/stations/${closing.id}`, { as: admin, body: { status: 'closed' } });
    const err = expectError(await t.call('POST', '/redemptions', { as: rider, body: { stationId: closing.id, rewardId: reward.id } }), 422, 'RULE_VIOLATION');
    expect(err.message).toMatch(/暂停服务/);
    const listed = await t.call('GET', `/rewards?stationId=${closing.id}`);
    expect(listed.body.items).toEqual([]);
  });

  it('the reward must be at that station; unknown rewards are 404; unknown fields 400', async () => {
    const rider = await riderWith(5);
    const reward = await createReward({ cost: 1 });
    const err = expectError(await t.call('POST', '/redemptions', { as: rider, body: { stationId: stationB.id, rewardId: reward.id } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(['rewardId']);
    expectError(await t.call('POST', '/redemptions', { as: rider, body: { stationId: stationA.id, rewardId: '00000000-0000-4000-8000-000000000000' } }), 404, 'NOT_FOUND');
    expectError(await t.call('POST', '/redemptions', { as: rider, body: { stationId: stationA.id, rewardId: reward.id, cost: 0 } }), 400, 'VALIDATION_FAILED');
  });
});

describe('fulfilment', () => {
  it('spends the stamps and one item once; the stamp card lists the redemption', async () => {
    const reward = await createReward({ name: '保温杯（冬季款）', cost: 10, stock: 2 });
    const rider = await riderWith(13);
    const { id, code } = await redeem(rider, reward);
    // typed by hand: lower case with a dash
    const res = await fulfil(staffA, `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ redemption: { id, status: 'fulfilled', rewardName: '保温杯（冬季款）', cost: 10 }, balanceAfter: 3 });
    expect(await stockOf(reward.id)).toBe(1);
    const me = await t.call('GET', '/stamps/me', { as: rider });
    expect(me.body).toMatchObject({ balance: 3, total: 13, redemptions: [{ id, rewardName: '保温杯（冬季款）', stationName: '卢沟桥工会驿站', cost: 10 }] });
    expect((await t.call('GET', `/redemptions/${id}`, { as: rider })).body.status).toBe('fulfilled');
    expectError(await fulfil(staffA, code), 409, 'ALREADY_FULFILLED');
  });

  it('two staff scanning the same code at once: one 200, one 409 ALREADY_FULFILLED, one spend', async () => {
    const reward = await createReward({ cost: 5, stock: 10 });
    const rider = await riderWith(10);
    const { id, code } = await redeem(rider, reward);
    const otherStaff = await loginStaff(t, stationA.id);
    const results = await Promise.all([fulfil(staffA, code), fulfil(otherStaff, code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_FULFILLED');
    expect(await stockOf(reward.id)).toBe(9);
    expect(await balanceOf(t, rider)).toBe(5);
    expect(await t.db.select().from(stampLedger).where(eq(stampLedger.redemptionId, id))).toHaveLength(1);
  });

  it('one rider, two codes, balance for one: one succeeds, the other 422 INSUFFICIENT_STAMPS', async () => {
    const cup = await createReward({ cost: 10, stock: 5 });
    const gloves = await createReward({ cost: 10, stock: 5 });
    const rider = await riderWith(15);
    const a = await redeem(rider, cup);
    const b = await redeem(rider, gloves);
    const otherStaff = await loginStaff(t, stationA.id);
    const results = await Promise.all([fulfil(staffA, a.code), fulfil(otherStaff, b.code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(results.find((r) => r.status === 422)!.body.error.code).toBe('INSUFFICIENT_STAMPS');
    expect(await balanceOf(t, rider)).toBe(5);
    expect((await stockOf(cup.id)) + (await stockOf(gloves.id))).toBe(9);
  });

  it('the last item wanted by two riders: one gets it, the other 409 OUT_OF_STOCK', async () => {
    const reward = await createReward({ name: '充电宝', cost: 10, stock: 1 });
    const [r1, r2] = [await riderWith(10), await riderWith(10)];
    const c1 = await redeem(r1, reward);
    const c2 = await redeem(r2, reward);
    const otherStaff = await loginStaff(t, stationA.id);
    const results = await Promise.all([fulfil(staffA, c1.code), fulfil(otherStaff, c2.code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('OUT_OF_STOCK');
    expect(await stockOf(reward.id)).toBe(0);
    expect([await balanceOf(t, r1), await balanceOf(t, r2)].sort()).toEqual([0, 10]);
  });

  it('a code is good for 10 minutes, then 410 CODE_EXPIRED; unknown codes are 422 INVALID_CODE', async () => {
    t.clock.set('2026-11-25T06:00:00.000Z');
    const reward = await createReward({ cost: 2, stock: 5 });
    const rider = await riderWith(4);
    const late = await redeem(rider, reward);
    const inTime = await redeem(rider, reward);
    t.clock.set('2026-11-25T06:09:59.999Z');
    expect((await fulfil(staffA, inTime.code)).status).toBe(200);
    t.clock.set('2026-11-25T06:10:00.000Z');
    expectError(await fulfil(staffA, late.code), 410, 'CODE_EXPIRED');
    expect((await t.call('GET', `/redemptions/${late.id}`, { as: rider })).body.status).toBe('expired');
    expect(await balanceOf(t, rider)).toBe(2);

    expectError(await fulfil(staffA, 'ZZZZZZZZ'), 422, 'INVALID_CODE');
    expectError(await fulfil(staffA, 'not a code'), 422, 'INVALID_CODE');
    expectError(await t.call('POST', '/redemptions/fulfill', { as: staffA, body: {} }), 400, 'VALIDATION_FAILED');
  });

  it('only staff of that station (or admins of its org) may fulfil: a rider or staff of another station get 403', async () => {
    const reward = await createReward({ cost: 1, stock: 5 });
    const rider = await riderWith(3);
    const { id, code } = await redeem(rider, reward);
    expectError(await fulfil(rider, code), 403, 'FORBIDDEN');
    expectError(await fulfil(await t.loginAs('rider'), code), 403, 'FORBIDDEN');
    expectError(await fulfil(await loginStaff(t, stationB.id), code), 403, 'FORBIDDEN');
    expectError(await fulfil(await t.loginAs('org_admin', { orgId: t.orgIds.DGD }), code), 403, 'FORBIDDEN');
    // Reading it is for the rider and its station's staff only: anyone else is told it does not exist.
    expectError(await t.call('GET', `/redemptions/${id}`, { as: await t.loginAs('rider') }), 404, 'NOT_FOUND');
    expect(await stockOf(reward.id)).toBe(5);
    expect((await fulfil(admin, code)).status).toBe(200);
    const second = await redeem(rider, reward);
    expect((await fulfil(await t.loginAs('org_admin', { orgId: t.orgIds.FT }), second.code)).status).toBe(200);
  });
});

describe('balance never negative', () => {
  it('many codes of one rider fulfilled at once spend no more than the balance', async () => {
    const rider = await riderWith(10);
    const items = await Promise.all(Array.from({ length: 5 }, () => createReward({ cost: 3, stock: 5 })));
    const codes = [];
    for (const item of items) codes.push((await redeem(rider, item)).code);
    const staff = await Promise.all(codes.map(() => loginStaff(t, stationA.id)));
    const results = await Promise.all(codes.map((code, i) => fulfil(staff[i], code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 422)).toHaveLength(2);
    expect(await balanceOf(t, rider)).toBe(1);
    const [sums] = rowsOf<{ earned: number; spent: number }>(
      await t.db.execute(sql`select
        coalesce(sum(amount) filter (where kind = 'earn'), 0)::int as earned,
        coalesce(sum(amount) filter (where kind = 'spend'), 0)::int as spent
        from stamp_ledger where user_id = ${rider.userId}`),
    );
    expect(sums).toEqual({ earned: 10, spent: 9 });
  });

  it('the ledger is append-only: rows cannot be changed or removed', async () => {
    const rider = await riderWith(1);
    await expect(t.db.update(stampLedger).set({ amount: 100 }).where(eq(stampLedger.userId, rider.userId))).rejects.toThrow();
    await expect(t.db.delete(stampLedger).where(eq(stampLedger.userId, rider.userId))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate stamp_ledger`)).rejects.toThrow();
    expect(await balanceOf(t, rider)).toBe(1);
  });
});
