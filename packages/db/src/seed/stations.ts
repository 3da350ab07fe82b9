import { and, eq } from 'drizzle-orm';
import type { OpeningHours, ServiceKey, StationKind } from '@xfqs/domain';
import type { Tx } from '../client';
import { roleGrants, stationHoursColumns, stations } from '../schema';
import type { DemoOrgIds } from './orgs';

interface DemoStation {
  externalCode: string;
  org: keyof DemoOrgIds;
  name: string;
  kind: StationKind;
  address: string;
  /** GCJ-02, approximate (street level) */
  lat: number;
  lng: number;
  phone?: string;
  services: ServiceKey[];
  hours: OpeningHours;
}

const ALWAYS: OpeningHours = { weekly: [], alwaysOpen: true };
const WEEKDAYS = (open: string, close: string): OpeningHours => ({ weekly: [{ days: [1, 2, 3, 4, 5], open, close }] });
const DAILY = (open: string, close: string): OpeningHours => ({ weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open, close }] });
const WEEK_AND_WEEKEND = (week: [string, string], weekend: [string, string]): OpeningHours => ({
  weekly: [
    { days: [1, 2, 3, 4, 5], open: week[0], close: week[1] },
    { days: [6, 7], open: weekend[0], close: weekend[1] },
  ],
});

const BASIC: ServiceKey[] = ['hot_water', 'microwave', 'charging', 'rest_area'];
const WARM: ServiceKey[] = [...BASIC, 'fridge', 'umbrella_raincoat', 'medical_kit', 'sewing_kit'];

/**
 * Stations around 丰台 for the demo. The first is 卢沟桥街道总工会's station at the 巴厘岛快递公寓
 * (the contract: `demo-staff` is its staff). The named ones come from the union reports in
 * shared/seeds (卢沟桥: 巴厘岛快递公寓, 顺丰丰体服务部, 梅市口路183号, 大井村260号大成路服务部; 东高地:
 * 街道总工会服务站, 万源楼宇工会服务站 / 航天万源商务楼宇党群服务中心, 万源广场, the shop sub-stations);
 * the others are plausible points in the district's other streets, with varied hours (24 h,
 * overnight, weekday-only) and a few partner shops.
 */
export const DEMO_STATIONS: DemoStation[] = [
  // 卢沟桥街道总工会
  { externalCode: 'LGQ-001', org: 'LGQ', name: '巴厘岛快递公寓工会驿站', kind: 'union_station', address: '北京市丰台区新丰路88号巴厘岛快递公寓一层', lat: 39.8556, lng: 116.2687, phone: '010-63812301', services: [...BASIC, 'fridge', 'restroom', 'wifi', 'air_pump'], hours: ALWAYS },
  { externalCode: 'LGQ-002', org: 'LGQ', name: '顺丰丰体服务部工会驿站', kind: 'union_station', address: '北京市丰台区丰体南路顺丰速运丰体服务部', lat: 39.8549, lng: 116.2791, phone: '010-63812302', services: [...BASIC, 'restroom', 'medical_kit'], hours: DAILY('07:00', '22:00') },
  { externalCode: 'LGQ-003', org: 'LGQ', name: '梅市口路顺丰速运服务点', kind: 'outdoor_worker_station', address: '北京市丰台区梅市口路183号', lat: 39.8769, lng: 116.2618, phone: '010-63812303', services: ['hot_water', 'charging', 'rest_area', 'umbrella_raincoat'], hours: DAILY('06:30', '21:00') },
  { externalCode: 'LGQ-004', org: 'LGQ', name: '大成路快递服务部驿站（极兔、圆通、韵达）', kind: 'outdoor_worker_station', address: '北京市丰台区大井村260号大成路服务部', lat: 39.8679, lng: 116.2552, phone: '13811003004', services: ['hot_water', 'charging', 'rest_area', 'air_pump'], hours: DAILY('06:00', '23:00') },
  { externalCode: 'LGQ-005', org: 'LGQ', name: '卢沟桥街道职工书屋', kind: 'union_station', address: '北京市丰台区卢沟桥街道党群服务中心二层', lat: 39.8637, lng: 116.2733, phone: '010-63812305', services: ['hot_water', 'charging', 'rest_area', 'reading', 'wifi', 'legal_aid', 'counselling'], hours: WEEK_AND_WEEKEND(['08:30', '20:00'], ['09:00', '17:00']) },
  { externalCode: 'LGQ-006', org: 'LGQ', name: '卢沟桥街道党群服务中心暖心驿站', kind: 'warm_station', address: '北京市丰台区卢沟桥街道党群服务中心一层', lat: 39.8634, lng: 116.2738, phone: '010-63812306', services: [...WARM, 'restroom'], hours: WEEKDAYS('08:30', '17:30') },
  { externalCode: 'LGQ-007', org: 'LGQ', name: '丽泽商务区户外劳动者服务站', kind: 'outdoor_worker_station', address: '北京市丰台区丽泽路丽泽商务区南区', lat: 39.8652, lng: 116.3128, phone: '010-63812307', services: ['hot_water', 'microwave', 'charging', 'rest_area', 'restroom'], hours: ALWAYS },
  { externalCode: 'LGQ-008', org: 'LGQ', name: '岳各庄暖心驿站', kind: 'warm_station', address: '北京市丰台区岳各庄北路岳各庄批发市场东门', lat: 39.8728, lng: 116.2601, phone: '010-63812308', services: WARM, hours: { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '18:00', close: '08:00' }] } },
  { externalCode: 'LGQ-009', org: 'LGQ', name: '小瓦窑社区暖心驿站', kind: 'warm_station', address: '北京市丰台区小瓦窑西里社区服务站', lat: 39.8589, lng: 116.2545, phone: '010-63812309', services: ['hot_water', 'microwave', 'charging', 'umbrella_raincoat', 'sewing_kit'], hours: WEEKDAYS('09:00', '18:00') },
  { externalCode: 'LGQ-010', org: 'LGQ', name: '老北京炸酱面（大井店）骑手优惠点', kind: 'partner_shop', address: '北京市丰台区大井路12号', lat: 39.8661, lng: 116.2587, phone: '13911003010', services: ['meal_discount', 'hot_water', 'microwave', 'charging'], hours: DAILY('10:30', '21:30') },
  { externalCode: 'LGQ-011', org: 'LGQ', name: '快剪理发（万丰路店）', kind: 'partner_shop', address: '北京市丰台区万丰路与西四环交叉口东50米', lat: 39.8716, lng: 116.2829, phone: '13911003011', services: ['haircut_discount', 'hot_water', 'charging'], hours: WEEK_AND_WEEKEND(['10:00', '21:00'], ['09:30', '22:00']) },
  { externalCode: 'LGQ-012', org: 'LGQ', name: '郑王坟电动车维修点', kind: 'partner_shop', address: '北京市丰台区郑王坟南路18号', lat: 39.8687, lng: 116.2901, phone: '13911003012', services: ['repair_discount', 'air_pump', 'charging'], hours: DAILY('08:00', '20:00') },

  // 东高地街道总工会
  { externalCode: 'DGD-001', org: 'DGD', name: '东高地街道总工会服务站', kind: 'union_station', address: '北京市丰台区东高地街道万源路东高地街道工会服务站', lat: 39.7987, lng: 116.3962, phone: '010-67981001', services: [...WARM, 'restroom', 'wifi', 'legal_aid', 'counselling'], hours: WEEK_AND_WEEKEND(['08:30', '18:00'], ['09:00', '16:00']) },
  { externalCode: 'DGD-002', org: 'DGD', name: '万源楼宇工会服务站（航天万源商务楼宇党群服务中心）', kind: 'union_station', address: '北京市丰台区万源路1号航天万源广场商务楼一层', lat: 39.7937, lng: 116.3921, phone: '010-67981002', services: [...WARM, 'air_pump', 'reading', 'wifi'], hours: WEEKDAYS('08:00', '19:00') },
  { externalCode: 'DGD-003', org: 'DGD', name: '万源广场户外劳动者服务站', kind: 'outdoor_worker_station', address: '北京市丰台区万源路万源广场西侧', lat: 39.7949, lng: 116.3905, phone: '010-67981003', services: ['hot_water', 'microwave', 'charging', 'rest_area', 'umbrella_raincoat'], hours: ALWAYS },
  { externalCode: 'DGD-004', org: 'DGD', name: '东高地美发店暖心驿站分站', kind: 'partner_shop', address: '北京市丰台区东高地街道万源北路美发店', lat: 39.8012, lng: 116.3978, phone: '13911004004', services: ['haircut_discount', 'hot_water', 'umbrella_raincoat', 'charging'], hours: DAILY('09:00', '21:00') },
  { externalCode: 'DGD-005', org: 'DGD', name: '东高地大药房暖心驿站分站', kind: 'warm_station', address: '北京市丰台区东高地街道西洼地商业街大药房', lat: 39.7962, lng: 116.4021, phone: '010-67981005', services: ['hot_water', 'medical_kit', 'charging', 'umbrella_raincoat'], hours: ALWAYS },
  { externalCode: 'DGD-006', org: 'DGD', name: '三角地便利店暖心驿站分站', kind: 'warm_station', address: '北京市丰台区东高地街道三角地社区便利店', lat: 39.8041, lng: 116.4007, phone: '13911004006', services: ['hot_water', 'microwave', 'charging', 'umbrella_raincoat'], hours: ALWAYS },
  { externalCode: 'DGD-007', org: 'DGD', name: '东高地六营门社区暖心驿站', kind: 'warm_station', address: '北京市丰台区东高地街道六营门社区居委会', lat: 39.8066, lng: 116.3932, phone: '010-67981007', services: ['hot_water', 'microwave', 'rest_area', 'sewing_kit', 'reading'], hours: WEEKDAYS('08:30', '17:00') },
  { externalCode: 'DGD-008', org: 'DGD', name: '东高地商业网点快递服务点', kind: 'outdoor_worker_station', address: '北京市丰台区东高地街道东营房路快递网点', lat: 39.8003, lng: 116.4062, phone: '010-67981008', services: ['hot_water', 'charging', 'rest_area', 'air_pump'], hours: { weekly: [{ days: [1, 2, 3, 4, 5], open: '07:00', close: '19:00' }, { days: [5, 6], open: '19:00', close: '02:00' }] } },

  // 丰台区总工会 (the district's other streets)
  { externalCode: 'FT-001', org: 'FT', name: '丰台区职工服务中心工会驿站', kind: 'union_station', address: '北京市丰台区文体路丰台区职工服务中心', lat: 39.8585, lng: 116.2867, phone: '010-63891001', services: [...WARM, 'restroom', 'wifi', 'reading', 'legal_aid', 'counselling'], hours: WEEK_AND_WEEKEND(['08:30', '20:00'], ['09:00', '18:00']) },
  { externalCode: 'FT-002', org: 'FT', name: '新村街道暖心驿站', kind: 'warm_station', address: '北京市丰台区新村街道富丰桥东', lat: 39.8359, lng: 116.2874, phone: '010-63891002', services: WARM, hours: WEEKDAYS('09:00', '18:00') },
  { externalCode: 'FT-003', org: 'FT', name: '太平桥街道户外劳动者服务站', kind: 'outdoor_worker_station', address: '北京市丰台区太平桥路与莲花池南路交叉口', lat: 39.8767, lng: 116.3142, phone: '010-63891003', services: ['hot_water', 'microwave', 'charging', 'rest_area', 'restroom'], hours: ALWAYS },
  { externalCode: 'FT-004', org: 'FT', name: '西罗园街道工会驿站', kind: 'union_station', address: '北京市丰台区西罗园南里社区服务中心', lat: 39.8561, lng: 116.3828, phone: '010-63891004', services: [...BASIC, 'fridge', 'wifi'], hours: DAILY('07:30', '21:30') },
  { externalCode: 'FT-005', org: 'FT', name: '大红门商圈暖心驿站', kind: 'warm_station', address: '北京市丰台区大红门路大红门服装商贸城北门', lat: 39.8414, lng: 116.3961, phone: '010-63891005', services: [...WARM, 'air_pump'], hours: { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '20:00', close: '06:00' }] } },
  { externalCode: 'FT-006', org: 'FT', name: '马家堡街道24小时工会驿站', kind: 'union_station', address: '北京市丰台区马家堡东路嘉园路口', lat: 39.8452, lng: 116.3702, phone: '010-63891006', services: [...BASIC, 'restroom', 'fridge', 'medical_kit'], hours: ALWAYS },
  { externalCode: 'FT-007', org: 'FT', name: '右安门街道暖心驿站', kind: 'warm_station', address: '北京市丰台区右安门外大街玉林小区', lat: 39.8626, lng: 116.3597, phone: '010-63891007', services: ['hot_water', 'microwave', 'charging', 'umbrella_raincoat', 'medical_kit'], hours: WEEKDAYS('08:30', '17:30') },
  { externalCode: 'FT-008', org: 'FT', name: '方庄街道工会驿站', kind: 'union_station', address: '北京市丰台区方庄路芳城园一区', lat: 39.8643, lng: 116.4313, phone: '010-63891008', services: [...BASIC, 'reading', 'wifi', 'legal_aid'], hours: WEEK_AND_WEEKEND(['09:00', '21:00'], ['10:00', '18:00']) },
  { externalCode: 'FT-009', org: 'FT', name: '宛平城户外劳动者服务站', kind: 'outdoor_worker_station', address: '北京市丰台区宛平城西街', lat: 39.8505, lng: 116.2185, phone: '010-63891009', services: ['hot_water', 'charging', 'rest_area', 'restroom', 'umbrella_raincoat'], hours: DAILY('06:00', '22:00') },
  { externalCode: 'FT-010', org: 'FT', name: '长辛店街道暖心驿站', kind: 'warm_station', address: '北京市丰台区长辛店大街', lat: 39.8283, lng: 116.2013, phone: '010-63891010', services: WARM, hours: WEEKDAYS('08:30', '17:30') },
  { externalCode: 'FT-011', org: 'FT', name: '云岗街道工会驿站', kind: 'union_station', address: '北京市丰台区云岗北区西里', lat: 39.8152, lng: 116.1478, phone: '010-63891011', services: [...BASIC, 'reading'], hours: WEEKDAYS('09:00', '18:00') },
  { externalCode: 'FT-012', org: 'FT', name: '南苑街道暖心驿站', kind: 'warm_station', address: '北京市丰台区南苑路南苑街道社区服务中心', lat: 39.8012, lng: 116.3846, phone: '010-63891012', services: WARM, hours: { weekly: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '12:00' }, { days: [1, 2, 3, 4, 5], open: '13:30', close: '18:00' }] } },
  { externalCode: 'FT-013', org: 'FT', name: '和义街道户外劳动者服务站', kind: 'outdoor_worker_station', address: '北京市丰台区和义东里', lat: 39.8051, lng: 116.3704, phone: '010-63891013', services: ['hot_water', 'microwave', 'charging', 'rest_area'], hours: ALWAYS },
  { externalCode: 'FT-014', org: 'FT', name: '花乡暖心驿站', kind: 'warm_station', address: '北京市丰台区花乡四合庄路', lat: 39.8382, lng: 116.3147, phone: '010-63891014', services: ['hot_water', 'microwave', 'charging', 'fridge', 'umbrella_raincoat'], hours: DAILY('07:00', '19:00') },
  { externalCode: 'FT-015', org: 'FT', name: '总部基地快递员之家', kind: 'union_station', address: '北京市丰台区汽车博物馆东路总部基地', lat: 39.8317, lng: 116.2943, phone: '010-63891015', services: [...BASIC, 'restroom', 'wifi', 'air_pump', 'medical_kit'], hours: { weekly: [{ days: [1, 2, 3, 4, 5, 6], open: '07:00', close: '01:00' }] } },
  { externalCode: 'FT-016', org: 'FT', name: '六里桥户外劳动者服务站', kind: 'outdoor_worker_station', address: '北京市丰台区六里桥长途客运站南侧', lat: 39.8829, lng: 116.3081, phone: '010-63891016', services: ['hot_water', 'charging', 'rest_area', 'restroom'], hours: ALWAYS },
  { externalCode: 'FT-017', org: 'FT', name: '青塔街道暖心驿站', kind: 'warm_station', address: '北京市丰台区青塔西路', lat: 39.8874, lng: 116.2682, phone: '010-63891017', services: ['hot_water', 'microwave', 'charging', 'sewing_kit', 'umbrella_raincoat'], hours: WEEKDAYS('09:00', '17:00') },
  { externalCode: 'FT-018', org: 'FT', name: '北京西站南广场工会驿站', kind: 'union_station', address: '北京市丰台区北京西站南广场东侧', lat: 39.8917, lng: 116.3215, phone: '010-63891018', services: [...BASIC, 'restroom', 'fridge', 'wifi'], hours: ALWAYS },
  { externalCode: 'FT-019', org: 'FT', name: '科技园快餐骑手优惠点', kind: 'partner_shop', address: '北京市丰台区科学城海鹰路6号', lat: 39.8287, lng: 116.2852, phone: '13911005019', services: ['meal_discount', 'hot_water', 'microwave', 'charging'], hours: WEEKDAYS('10:00', '20:00') },
  { externalCode: 'FT-020', org: 'FT', name: '看丹路电动车修理铺', kind: 'partner_shop', address: '北京市丰台区看丹路', lat: 39.8436, lng: 116.2975, phone: '13911005020', services: ['repair_discount', 'air_pump'], hours: DAILY('08:30', '19:30') },
];

/**
 * Loads the demo stations (idempotent: matched on org + externalCode; an existing row is left as
 * it is) and makes `demo-staff` staff of the first. Returns the station ids in list order.
 */
export async function seedStations(tx: Tx, orgIds: DemoOrgIds, userIds: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  // Creation times follow the list, so "the first stations of 卢沟桥" (stamps seed: rewards) are LGQ-001, LGQ-002.
  const base = Date.now();
  for (const [index, { org, hours, ...station }] of DEMO_STATIONS.entries()) {
    const orgId = orgIds[org];
    const [created] = await tx
      .insert(stations)
      .values({ ...station, orgId, ...stationHoursColumns(hours), createdAt: new Date(base + index), updatedAt: new Date(base + index) })
      .onConflictDoNothing({ target: [stations.orgId, stations.externalCode] })
      .returning({ id: stations.id });
    if (created) ids.push(created.id);
    else {
      const [existing] = await tx
        .select({ id: stations.id })
        .from(stations)
        .where(and(eq(stations.orgId, orgId), eq(stations.externalCode, station.externalCode)));
      ids.push(existing.id);
    }
  }
  const staff = userIds['demo-staff'];
  if (staff) await tx.insert(roleGrants).values({ userId: staff, role: 'station_staff', stationId: ids[0] }).onConflictDoNothing();
  return ids;
}
