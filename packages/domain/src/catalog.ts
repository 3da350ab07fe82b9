/**
 * The fixed vocabularies of the contract (API.md) with their Chinese labels. One place for the
 * API's validation, the database schema and the mini-program's UI.
 */
const labels = <const T extends Record<string, string>>(map: T) => ({ keys: Object.keys(map) as Array<keyof T & string>, labels: map });

export const STATION_KIND = labels({
  union_station: '工会驿站',
  warm_station: '暖心驿站',
  outdoor_worker_station: '户外劳动者服务站点',
  partner_shop: '合作商户',
});
export const STATION_KINDS = STATION_KIND.keys as ['union_station', 'warm_station', 'outdoor_worker_station', 'partner_shop'];
export type StationKind = (typeof STATION_KINDS)[number];

export const SERVICE = labels({
  hot_water: '热水',
  microwave: '微波炉热饭',
  charging: '手机充电',
  rest_area: '休息区',
  restroom: '卫生间',
  fridge: '冰箱',
  umbrella_raincoat: '雨伞雨衣',
  medical_kit: '医药箱',
  sewing_kit: '针线包',
  air_pump: '打气筒',
  wifi: '无线网络',
  reading: '阅读',
  legal_aid: '法律援助',
  counselling: '心理咨询',
  meal_discount: '餐食优惠',
  haircut_discount: '理发优惠',
  repair_discount: '维修优惠',
});
export const SERVICE_KEYS = SERVICE.keys;
export type ServiceKey = (typeof SERVICE_KEYS)[number];

const serviceRank = new Map(SERVICE_KEYS.map((key, rank) => [key, rank]));
/** A service's place in the catalog (0 for the first). */
export const serviceIndex = (key: ServiceKey): number => serviceRank.get(key)!;
/** The services once each, in catalog order: how a station stores them and how a query is keyed. */
export const servicesInCatalogOrder = (keys: readonly ServiceKey[]): ServiceKey[] => [...new Set(keys)].sort((a, b) => serviceIndex(a) - serviceIndex(b));

export const PLATFORM = labels({
  meituan: '美团',
  eleme: '饿了么',
  sf: '顺丰',
  jd: '京东',
  yunda: '韵达',
  yto: '圆通',
  zto: '中通',
  sto: '申通',
  jtexpress: '极兔',
  deppon: '德邦',
  shansong: '闪送',
  dada: '达达',
  other: '其他',
});
export const PLATFORMS = PLATFORM.keys;
export type Platform = (typeof PLATFORMS)[number];

export const OCCUPATION = labels({
  food_delivery: '外卖配送员',
  courier: '快递员',
  ride_hailing: '网约车司机',
  truck_driver: '货车司机',
  other: '其他',
});
export const OCCUPATIONS = OCCUPATION.keys;
export type Occupation = (typeof OCCUPATIONS)[number];

export const ACTIVITY_KIND = labels({
  volunteer: '志愿服务',
  civic: '文明实践',
  meeting: '会议活动',
  training: '培训',
});
export const ACTIVITY_KINDS = ACTIVITY_KIND.keys;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const REPORT_CATEGORY = labels({
  safety_hazard: '安全隐患',
  environment: '环境卫生',
  traffic: '交通秩序',
  public_facility: '公共设施',
  other: '其他',
});
export const REPORT_CATEGORIES = REPORT_CATEGORY.keys;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** 一键求助: what a rider asks the union for help with. */
export const HELP_CATEGORY = labels({
  wages: '欠薪',
  accident: '交通事故',
  dispute: '纠纷',
  other: '其他',
});
export const HELP_CATEGORIES = HELP_CATEGORY.keys as ['wages', 'accident', 'dispute', 'other'];
export type HelpCategory = (typeof HELP_CATEGORIES)[number];

export const HELP_STATUS = labels({
  open: '待处理',
  claimed: '处理中',
  closed: '已办结',
});
export const HELP_STATUSES = HELP_STATUS.keys as ['open', 'claimed', 'closed'];
export type HelpStatus = (typeof HELP_STATUSES)[number];

/** What a rider who checked in found at a station (one tap). */
export const CONFIRMATION_KIND = labels({
  open: '开着门',
  closed: '没开门',
  service_ok: '服务正常',
  service_missing: '服务没有',
});
export const CONFIRMATION_KINDS = CONFIRMATION_KIND.keys as ['open', 'closed', 'service_ok', 'service_missing'];
export type ConfirmationKind = (typeof CONFIRMATION_KINDS)[number];
