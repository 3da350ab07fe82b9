/**
 * Coordinates. The app and the API work in GCJ-02 (the datum of Chinese maps and of
 * `getLocation({ type: 'gcj02' })`); a browser's geolocation gives WGS-84 and must be converted.
 * Pure functions.
 */

import type { LatLng } from './distance';

export type { LatLng };

/** 丰台区 (Fengtai district government area), used when the rider's location is unknown. */
export const DEFAULT_LOCATION: LatLng = { lat: 39.8585, lng: 116.2867 };

const A = 6378245.0; // Krasovsky 1940 semi-major axis, as the GCJ-02 algorithm uses
const EE = 0.00669342162296594323;

/** GCJ-02 only shifts points inside mainland China's rough bounding box. */
export function isOutsideChina({ lat, lng }: LatLng): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

function gcjOffset({ lat, lng }: LatLng): LatLng {
  let dLat = transformLat(lng - 105.0, lat - 35.0);
  let dLng = transformLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: dLat, lng: dLng };
}

/** WGS-84 (GPS, browser geolocation) → GCJ-02. Points outside China are returned unchanged. */
export function wgs84ToGcj02(point: LatLng): LatLng {
  if (isOutsideChina(point)) return { ...point };
  const d = gcjOffset(point);
  return { lat: point.lat + d.lat, lng: point.lng + d.lng };
}

/** GCJ-02 → WGS-84 by iteration; accurate to well under a metre inside China. */
export function gcj02ToWgs84(point: LatLng): LatLng {
  if (isOutsideChina(point)) return { ...point };
  let guess = { ...point };
  for (let i = 0; i < 10; i++) {
    const shifted = wgs84ToGcj02(guess);
    const dLat = shifted.lat - point.lat;
    const dLng = shifted.lng - point.lng;
    guess = { lat: guess.lat - dLat, lng: guess.lng - dLng };
    if (Math.abs(dLat) < 1e-9 && Math.abs(dLng) < 1e-9) break;
  }
  return guess;
}

/** `350 米`, `1.2 公里`, `12 公里`: how the app shows a distance. */
export function formatDistance(metres: number): string {
  if (!Number.isFinite(metres) || metres < 0) return '';
  if (metres < 1000) return `${Math.max(1, Math.round(metres / 10) * 10)} 米`;
  const km = metres / 1000;
  return km < 10 ? `${km.toFixed(1)} 公里` : `${Math.round(km)} 公里`;
}

/** Roads are longer than the straight line: a typical city detour factor. */
export const ROAD_DETOUR_FACTOR = 1.3;
/** An e-bike in city traffic, in metres per minute (15 km/h). */
export const RIDING_METRES_PER_MINUTE = 250;

/** Minutes an e-bike rider needs for a straight-line distance (at least 1). */
export function ridingMinutes(straightMetres: number): number {
  return Math.max(1, Math.round((straightMetres * ROAD_DETOUR_FACTOR) / RIDING_METRES_PER_MINUTE));
}

/** `骑行约 6 分钟`; `''` for an unknown distance. */
export function formatRidingTime(straightMetres: number | undefined | null): string {
  if (straightMetres === undefined || straightMetres === null || !Number.isFinite(straightMetres) || straightMetres < 0) return '';
  return `骑行约 ${ridingMinutes(straightMetres)} 分钟`;
}

/** Latitude in [-90, 90] and longitude in [-180, 180], both finite. */
export function isValidLatLng(point: Partial<LatLng> | null | undefined): point is LatLng {
  return (
    !!point &&
    typeof point.lat === 'number' &&
    typeof point.lng === 'number' &&
    Number.isFinite(point.lat) &&
    Number.isFinite(point.lng) &&
    Math.abs(point.lat) <= 90 &&
    Math.abs(point.lng) <= 180
  );
}
