import { and, eq } from 'drizzle-orm';
import { auditLog, stations } from '@xfqs/db';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { createStation } from './helpers';

let t: TestApp;
let lgqAdmin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  lgqAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
});
afterAll(() => t.close());

const HEADER = 'externalCode,name,kind,address,lat,lng,phone,services,hours';
const BOM = '\ufeff';

function importCsv(csv: string | Buffer, options: { as?: TestUser; orgId?: string; contentType?: string } = {}) {
  const query = options.orgId ? `?orgId=${options.orgId}` : '';
  return t.call('POST', `/stations/import${query}`, {
    as: options.as ?? lgqAdmin,
    body: csv,
    headers: { 'content-type': options.contentType ?? 'text/csv' },
  });
}

const stationsOf = async (orgId: string) => t.db.select().from(stations).where(eq(stations.orgId, orgId));

describe('POST /stations/import', () => {
  it('imports good rows, reports each bad row with its line (header = 1), with a BOM and Chinese text', async () => {
    const org = (await t.call('POST', '/orgs', { as: await t.loginAs('super_admin'), body: { name: '导入测试工会', kind: 'street', parentId: t.orgIds.LGQ } })).body.id;
    const csv = [
      HEADER, // line 1
      'IMP-001,巴厘岛快递公寓工会驿站,union_station,北京市丰台区新丰路88号,39.8480,116.2840,010-63812345,hot_water|charging|microwave,24h', // 2
      'IMP-002,顺丰丰体服务部工会驿站,工会驿站,"北京市丰台区丰体南路,顺丰服务部",39.8571,116.2770,,热水|rest_area,1-5 09:00-18:00; 6-7 10:00-16:00', // 3
      'IMP-003,坏坐标,warm_station,某地,91,116.2,,,24h', // 4
      '', // 5 (empty, skipped)
      'IMP-004,未知服务,warm_station,某地,39.85,116.28,,hot_water|spa,24h', // 6
      'IMP-005,"多行地址",partner_shop,"北京市丰台区', // 7
      '大井村260号",39.8660,116.2530,13812345678,meal_discount,1-7 22:00-06:00', // 8 (same record as 7)
      'IMP-006,坏营业时间,warm_station,某地,39.85,116.28,,,1-5 09:00-09:00', // 9
      ',没有编号,warm_station,某地,39.85,116.28,,,24h', // 10
      'IMP-007,坏电话和类型,hotel,某地,39.85,116.28,12345,,24h', // 11
      'IMP-008,列数不对,warm_station,某地,39.85', // 12
      'IMP-001,重复编号,warm_station,某地,39.85,116.28,,,24h', // 13
    ].join('\n');
    const res = await importCsv(BOM + csv, { orgId: org });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(3);
    expect(res.body.updated).toBe(0);
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([4, 6, 9, 10, 11, 12, 13]);
    const message = (line: number) => res.body.errors.find((e: { line: number }) => e.line === line).message as string;
    expect(message(4)).toMatch(/lat/);
    expect(message(6)).toMatch(/spa/);
    expect(message(9)).toMatch(/hours/);
    expect(message(10)).toMatch(/externalCode/);
    expect(message(11)).toMatch(/kind/);
    expect(message(11)).toMatch(/phone/);
    expect(message(12)).toMatch(/列/);
    expect(message(13)).toMatch(/第 2 行/);

    const rows = (await stationsOf(org)).sort((a, b) => a.externalCode!.localeCompare(b.externalCode!));
    expect(rows.map((r) => r.externalCode)).toEqual(['IMP-001', 'IMP-002', 'IMP-005']);
    expect(rows[0]).toMatchObject({ name: '巴厘岛快递公寓工会驿站', kind: 'union_station', phone: '010-63812345', services: ['hot_water', 'microwave', 'charging'], hours: { weekly: [], alwaysOpen: true }, status: 'active' });
    expect(rows[1]).toMatchObject({
      kind: 'union_station',
      address: '北京市丰台区丰体南路,顺丰服务部',
      phone: null,
      services: ['hot_water', 'rest_area'],
      hours: { weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }, { days: [6, 7], open: '10:00', close: '16:00' }] },
    });
    expect(rows[2]).toMatchObject({ address: '北京市丰台区\n大井村260号', lat: 39.866, lng: 116.253, kind: 'partner_shop' });
    // imported stations are found by nearby, with the openNow rule from their hours
    const near = await t.call('GET', '/stations/nearby?lat=39.848&lng=116.284&limit=50&radiusM=100');
    expect(near.body.items.map((i: { name: string }) => i.name)).toContain('巴厘岛快递公寓工会驿站');
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'station.import'), eq(auditLog.targetId, org)));
    expect(entry.details).toEqual({ created: 3, updated: 0, errors: 7 });
  });

  it('upserts by externalCode within the org: a second import updates, keeps status, adds nothing twice', async () => {
    const first = [HEADER, 'UP-1,一号站,warm_station,地址一,39.80,116.39,,hot_water,24h', 'UP-2,二号站,warm_station,地址二,39.81,116.39,,,24h'].join('\r\n');
    expect((await importCsv(first)).body).toEqual({ created: 2, updated: 0, errors: [] });
    const [up2] = (await stationsOf(t.orgIds.LGQ)).filter((s) => s.externalCode === 'UP-2');
    expect((await t.call('PATCH', `/stations/${up2.id}`, { as: lgqAdmin, body: { status: 'closed' } })).status).toBe(200);
    const second = [HEADER, 'UP-1,一号站（改）,union_station,地址一,39.80,116.40,13800138000,hot_water|wifi,1-5 08:00-20:00', 'UP-2,二号站,warm_station,地址二,39.81,116.39,,,24h', 'UP-3,三号站,warm_station,地址三,39.82,116.39,,,24h'].join('\r\n');
    expect((await importCsv(second)).body).toEqual({ created: 1, updated: 2, errors: [] });
    const byCode = Object.fromEntries((await stationsOf(t.orgIds.LGQ)).filter((s) => s.externalCode?.startsWith('UP-')).map((s) => [s.externalCode, s]));
    expect(Object.keys(byCode).sort()).toEqual(['UP-1', 'UP-2', 'UP-3']);
    expect(byCode['UP-1']).toMatchObject({ name: '一号站（改）', kind: 'union_station', lng: 116.4, phone: '13800138000', services: ['hot_water', 'wifi'] });
    expect(byCode['UP-1'].hours).toEqual({ weekly: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' }] });
    expect(byCode['UP-2'].status).toBe('closed');
    // the same codes in another org are other stations
    const dgdAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    expect((await importCsv(first, { as: dgdAdmin })).body).toEqual({ created: 2, updated: 0, errors: [] });
  });

  it('answers other content types with 415, and text/csv elsewhere too', async () => {
    const csv = `${HEADER}\nX-1,站,warm_station,地址,39.8,116.3,,,24h`;
    expectError(await t.call('POST', '/stations/import', { as: lgqAdmin, body: { csv } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await importCsv(csv, { contentType: 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await importCsv(csv, { contentType: 'application/octet-stream' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await importCsv(csv, { contentType: 'text/csv; charset=gbk' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await importCsv(csv, { contentType: 'text/csv; charset=utf-8' })).status).toBe(200);
    // the CSV parser belongs to the import route only
    expectError(await t.call('POST', '/stations', { as: lgqAdmin, body: csv, headers: { 'content-type': 'text/csv' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects files that are not UTF-8, empty, or have the wrong header', async () => {
    // "驿站" in GBK
    const gbk = Buffer.concat([Buffer.from(`${HEADER}\nG-1,`), Buffer.from([0xd2, 0xdb, 0xd5, 0xbe]), Buffer.from(',warm_station,a,39.8,116.3,,,24h')]);
    expect(expectError(await importCsv(gbk), 400, 'VALIDATION_FAILED').message).toBeTruthy();
    expectError(await importCsv(''), 400, 'VALIDATION_FAILED');
    expectError(await importCsv(BOM), 400, 'VALIDATION_FAILED');
    const header = expectError(await importCsv('externalCode,name,kind,address,lat,lng,phone,services,hours,remark\nA,b,warm_station,c,1,1,,,24h'), 400, 'VALIDATION_FAILED');
    expect(header.details).toEqual([{ field: 'header', message: expect.stringContaining('remark') }]);
    const missing = expectError(await importCsv('externalCode,name,kind\nA,b,warm_station'), 400, 'VALIDATION_FAILED');
    expect(missing.details!.map((d) => d.message).join()).toMatch(/hours/);
    // a header alone is a valid, empty import
    expect((await importCsv(`${BOM}${HEADER}\n`)).body).toEqual({ created: 0, updated: 0, errors: [] });
  });

  it('keeps the rows before malformed quoting and reports where it broke', async () => {
    const org = (await t.call('POST', '/orgs', { as: await t.loginAs('super_admin'), body: { name: '引号测试工会', kind: 'street', parentId: t.orgIds.LGQ } })).body.id;
    const csv = [HEADER, 'Q-1,好站,warm_station,地址,39.8,116.3,,,24h', 'Q-2,坏站,warm_station,"地址"多余,39.8,116.3,,,24h', 'Q-3,之后,warm_station,地址,39.8,116.3,,,24h'].join('\n');
    const res = await importCsv(csv, { orgId: org });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(1);
    expect(res.body.errors).toEqual([{ line: 3, message: expect.stringContaining('引号') }]);
    expect((await stationsOf(org)).map((s) => s.externalCode)).toEqual(['Q-1']);
  });

  it('is scoped: the org defaults to the admin’s own, another street’s org is 403, riders 403', async () => {
    const csv = `${HEADER}\nS-1,站,warm_station,地址,39.8,116.3,,,24h`;
    expect((await importCsv(csv)).body.created).toBe(1);
    expect((await stationsOf(t.orgIds.LGQ)).some((s) => s.externalCode === 'S-1')).toBe(true);
    expectError(await importCsv(csv, { orgId: t.orgIds.DGD }), 403, 'FORBIDDEN');
    expectError(await importCsv(csv, { as: await t.loginAs('rider') }), 403, 'FORBIDDEN');
    const station = await createStation(t, { orgId: t.orgIds.LGQ });
    expectError(await importCsv(csv, { as: await t.loginAs('station_staff', { stationId: station.id }) }), 403, 'FORBIDDEN');
  });
});
