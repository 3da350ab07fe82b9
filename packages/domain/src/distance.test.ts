import { EARTH_MEAN_RADIUS_M, haversineMetres } from './distance';

describe('haversineMetres', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 39.8585, lng: 116.2867 };
    const b = { lat: 39.7965, lng: 116.3925 };
    expect(haversineMetres(a, a)).toBe(0);
    expect(haversineMetres(a, b)).toBeCloseTo(haversineMetres(b, a), 6);
  });

  it('matches known distances: one degree of latitude, a quarter meridian, Beijing–Shanghai', () => {
    expect(haversineMetres({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo((Math.PI / 180) * EARTH_MEAN_RADIUS_M, 3);
    expect(haversineMetres({ lat: 0, lng: 10 }, { lat: 90, lng: 10 })).toBeCloseTo((Math.PI / 2) * EARTH_MEAN_RADIUS_M, 3);
    // Tiananmen → the Bund: about 1,067 km on the great circle.
    const d = haversineMetres({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2397, lng: 121.4998 });
    expect(d).toBeGreaterThan(1_060_000);
    expect(d).toBeLessThan(1_075_000);
  });

  it('shrinks east–west distances with the cosine of the latitude', () => {
    const atEquator = haversineMetres({ lat: 0, lng: 116 }, { lat: 0, lng: 116.01 });
    const atBeijing = haversineMetres({ lat: 40, lng: 116 }, { lat: 40, lng: 116.01 });
    expect(atBeijing / atEquator).toBeCloseTo(Math.cos((40 * Math.PI) / 180), 4);
  });

  it('stays finite for antipodal points', () => {
    expect(haversineMetres({ lat: 10, lng: 20 }, { lat: -10, lng: -160 })).toBeCloseTo(Math.PI * EARTH_MEAN_RADIUS_M, 0);
  });
});
