/** Mean Earth radius (IUGG), in metres. */
export const EARTH_RADIUS_M = 6371008.8;

export interface LatLng {
  lat: number;
  lng: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Great-circle distance between two points in metres (haversine formula on a sphere of radius
 * 6,371,008.8 m). Good to a few metres at city scale, which is all a geofence needs. Both points
 * must be in the same coordinate system (GCJ-02 throughout this project).
 */
export function haversineMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The sphere PostgreSQL's earthdistance extension works on (`earth()`, in metres). Its
 * `ll_to_earth(lat, lng)` is the point on this sphere as an (x, y, z) cube; the `<->` distance
 * between two such points is the straight chord through the Earth, not the distance along it.
 */
export const EARTHDISTANCE_SPHERE_M = 6378168;

const arcAngle = (metres: number) => metres / EARTH_RADIUS_M;

/** `ll_to_earth(lat, lng)` computed here: the point as earthdistance stores it, in metres. */
export function earthPoint({ lat, lng }: LatLng): [number, number, number] {
  const R = EARTHDISTANCE_SPHERE_M;
  return [R * Math.cos(rad(lat)) * Math.cos(rad(lng)), R * Math.cos(rad(lat)) * Math.sin(rad(lng)), R * Math.sin(rad(lat))];
}

/**
 * The chord between two points of earthdistance's sphere that lie `metres` apart along the
 * surface of the mean Earth (the same central angle). Chord and great-circle distance grow
 * together, so "within r metres" is "chord ≤ chordOfArc(r)" (for r up to half the globe).
 */
export function chordOfArc(metres: number): number {
  return 2 * EARTHDISTANCE_SPHERE_M * Math.sin(Math.min(Math.PI, arcAngle(metres)) / 2);
}

/** The inverse of chordOfArc: great-circle metres on the mean Earth (as haversineMetres measures). */
export function arcOfChord(chord: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, chord / (2 * EARTHDISTANCE_SPHERE_M)));
}
