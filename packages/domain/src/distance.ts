/**
 * Great-circle distance on a spherical Earth. Pure functions.
 *
 * The radius is the IUGG mean Earth radius. PostgreSQL's earthdistance module measures on a sphere
 * of radius `earth()` (6,378,168 m by default, 0.11 % larger); the stations query divides by
 * `earth()` and multiplies by this radius, so distances from SQL and from here agree.
 */

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** IUGG mean Earth radius in metres. */
export const EARTH_MEAN_RADIUS_M = 6_371_008.8;

const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Haversine distance in metres between two points given in degrees. */
export function haversineMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
