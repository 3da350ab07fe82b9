/**
 * Realistic stations and rider positions for the benchmarks: a seeded PRNG so every database and
 * every run get the same data. Stations cluster around ~60 Chinese cities by population, plus a
 * thin tail of county towns, with realistic services and opening hours.
 */
import { type ServiceKey, type StationKind } from '../packages/domain/src';
import { stationHoursColumns, type OpeningHours } from '../packages/db/src';

let seed = 20261125;
/** Restarts the PRNG, so the next calls produce the same data as any run with this seed. */
export function reseed(value: number): void {
  seed = value;
}
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

/** [name, lat, lng, population in millions] (approximate city centres). */
const CITIES: Array<[string, number, number, number]> = [
  ['上海', 31.23, 121.47, 24.9], ['北京', 39.9, 116.4, 21.9], ['成都', 30.66, 104.07, 21], ['广州', 23.13, 113.26, 18.7],
  ['深圳', 22.54, 114.06, 17.6], ['重庆', 29.56, 106.55, 15], ['天津', 39.13, 117.2, 13.9], ['武汉', 30.59, 114.31, 13.6],
  ['西安', 34.34, 108.94, 13], ['苏州', 31.3, 120.59, 12.9], ['郑州', 34.75, 113.63, 12.8], ['杭州', 30.27, 120.16, 12.4],
  ['石家庄', 38.04, 114.51, 11], ['保定', 38.87, 115.46, 11], ['临沂', 35.1, 118.36, 11], ['东莞', 23.02, 113.75, 10.5],
  ['长沙', 28.23, 112.94, 10.4], ['青岛', 36.07, 120.38, 10.3], ['哈尔滨', 45.8, 126.53, 9.9], ['佛山', 23.02, 113.12, 9.6],
  ['合肥', 31.82, 117.23, 9.6], ['温州', 28.0, 120.7, 9.6], ['南京', 32.06, 118.8, 9.5], ['济南', 36.65, 117.12, 9.4],
  ['宁波', 29.87, 121.54, 9.4], ['潍坊', 36.71, 119.16, 9.4], ['邯郸', 36.61, 114.49, 9.4], ['沈阳', 41.8, 123.43, 9.1],
  ['长春', 43.82, 125.32, 9], ['徐州', 34.26, 117.18, 9], ['赣州', 25.83, 114.93, 9], ['南宁', 22.82, 108.32, 8.8],
  ['泉州', 24.87, 118.68, 8.8], ['昆明', 25.04, 102.71, 8.5], ['福州', 26.07, 119.3, 8.4], ['唐山', 39.63, 118.18, 7.7],
  ['南通', 31.98, 120.89, 7.7], ['大连', 38.91, 121.61, 7.5], ['无锡', 31.49, 120.31, 7.5], ['洛阳', 34.62, 112.45, 7],
  ['烟台', 37.46, 121.45, 7], ['南昌', 28.68, 115.86, 6.4], ['贵阳', 26.65, 106.63, 6], ['汕头', 23.35, 116.68, 5.5],
  ['太原', 37.87, 112.55, 5.4], ['襄阳', 32.01, 112.12, 5.3], ['厦门', 24.48, 118.09, 5.2], ['绵阳', 31.47, 104.68, 4.9],
  ['兰州', 36.06, 103.83, 4.4], ['柳州', 24.33, 109.42, 4.2], ['乌鲁木齐', 43.83, 87.62, 4], ['宜昌', 30.69, 111.29, 4],
  ['株洲', 27.83, 113.13, 3.9], ['呼和浩特', 40.84, 111.75, 3.5], ['海口', 20.04, 110.34, 2.9], ['银川', 38.49, 106.23, 2.9],
  ['大庆', 46.59, 125.1, 2.8], ['包头', 40.66, 109.84, 2.7], ['西宁', 36.62, 101.78, 2.5], ['珠海', 22.27, 113.58, 2.4],
  ['三亚', 18.25, 109.51, 1], ['拉萨', 29.65, 91.14, 0.9],
];
/** County towns: a thin tail spread over the populated east and centre. */
const TOWNS: Array<[string, number, number, number]> = Array.from({ length: 600 }, (_, i) => [`县城${i}`, 21 + random() * 25, 100 + random() * 24, 0.05]);
const TOWN_SHARE = 0.12;

const cityWeights = CITIES.map((c) => c[3]);
const cityTotal = cityWeights.reduce((a, b) => a + b, 0);
function pickPlace(): [string, number, number, number] {
  if (random() < TOWN_SHARE) return pick(TOWNS);
  let r = random() * cityTotal;
  for (const city of CITIES) if ((r -= city[3]) <= 0) return city;
  return CITIES[0];
}
/** A point around a place: Gaussian, σ grows with the city (≈ 13 km for Beijing, 3 km for a town). */
function around([, lat, lng, pop]: [string, number, number, number]) {
  const sigmaKm = pop < 0.1 ? 3 : 4 + 2 * Math.sqrt(pop);
  const dLat = (gaussian() * sigmaKm) / 111.2;
  const dLng = (gaussian() * sigmaKm) / (111.2 * Math.cos((lat * Math.PI) / 180));
  return { lat: +(lat + dLat).toFixed(6), lng: +(lng + dLng).toFixed(6) };
}

const HOURS: Array<[number, OpeningHours]> = [
  [0.2, { weekly: [], alwaysOpen: true }],
  [0.3, { weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }] }],
  [0.25, { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '22:00' }] }],
  [0.1, { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '20:00', close: '06:00' }] }],
  [0.15, { weekly: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '20:00' }, { days: [6, 7], open: '10:00', close: '16:00' }] }],
];
const HOURS_COLUMNS = HOURS.map(([p, h]) => [p, stationHoursColumns(h)] as const);
export const SERVICE_ODDS: Array<[ServiceKey, number]> = [
  ['hot_water', 0.9], ['charging', 0.8], ['rest_area', 0.6], ['microwave', 0.5], ['restroom', 0.4], ['umbrella_raincoat', 0.4],
  ['medical_kit', 0.35], ['wifi', 0.3], ['fridge', 0.25], ['air_pump', 0.2], ['sewing_kit', 0.2], ['reading', 0.15],
  ['meal_discount', 0.05], ['legal_aid', 0.03], ['counselling', 0.02], ['repair_discount', 0.02], ['haircut_discount', 0.01],
];
const KINDS: Array<[StationKind, number]> = [['union_station', 0.35], ['warm_station', 0.35], ['outdoor_worker_station', 0.2], ['partner_shop', 0.1]];
function weighted<T>(options: ReadonlyArray<readonly [number, T]> | ReadonlyArray<readonly [T, number]>, probabilityFirst: boolean): T {
  let r = random();
  for (const o of options) {
    const [p, v] = probabilityFirst ? (o as [number, T]) : [(o as [T, number])[1], (o as [T, number])[0]];
    if ((r -= p) <= 0) return v;
  }
  return probabilityFirst ? (options[0] as [number, T])[1] : (options[0] as [T, number])[0];
}

export function generateStations(orgId: string, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const place = pickPlace();
    return {
      orgId,
      kind: weighted(KINDS, false),
      name: `${place[0]}驿站${i}`,
      address: `${place[0]}某路${i % 500}号`,
      ...around(place),
      phone: '010-63812345',
      ...weighted(HOURS_COLUMNS, true),
      services: SERVICE_ODDS.filter(([, p]) => random() < p).map(([k]) => k),
      externalCode: `B${i}`,
      status: random() < 0.03 ? ('closed' as const) : ('active' as const),
    };
  });
}
export const riderPositions = (count: number) => Array.from({ length: count }, () => around(pickPlace()));
