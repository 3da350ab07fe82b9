import { EARTH_RADIUS_M, haversineMetres } from './distance';

describe('haversineMetres', () => {
  const lugouqiao = { lat: 39.8496, lng: 116.2133 };

  it('is zero for the same point', () => {
    expect(haversineMetres(lugouqiao, lugouqiao)).toBe(0);
  });

  it('one degree of latitude is 1/360 of the great circle', () => {
    const d = haversineMetres({ lat: 39, lng: 116 }, { lat: 40, lng: 116 });
    expect(d).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_M) / 360, 6);
    expect(Math.round(d)).toBe(111195);
  });

  it('one degree of longitude shrinks with the cosine of the latitude', () => {
    const d = haversineMetres({ lat: 40, lng: 116 }, { lat: 40, lng: 117 });
    // Along a parallel the great circle is a touch shorter than the parallel itself.
    expect(d).toBeLessThan(((2 * Math.PI * EARTH_RADIUS_M) / 360) * Math.cos((40 * Math.PI) / 180));
    expect(d).toBeGreaterThan(85_000);
    expect(Math.round(d)).toBe(85_180);
  });

  it('is symmetric', () => {
    const tiananmen = { lat: 39.9087, lng: 116.3975 };
    expect(haversineMetres(lugouqiao, tiananmen)).toBeCloseTo(haversineMetres(tiananmen, lugouqiao), 9);
  });

  it('measures Beijing to Shanghai at about 1,067 km', () => {
    const beijing = { lat: 39.9042, lng: 116.4074 };
    const shanghai = { lat: 31.2304, lng: 121.4737 };
    const km = haversineMetres(beijing, shanghai) / 1000;
    expect(km).toBeGreaterThan(1060);
    expect(km).toBeLessThan(1075);
  });

  it('antipodes are half the circumference apart, without NaN from rounding', () => {
    expect(haversineMetres({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
    expect(haversineMetres({ lat: 90, lng: 0 }, { lat: -90, lng: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
  });

  it('resolves metres at city scale (a 100 m geofence edge)', () => {
    // 0.0009° of latitude ≈ 100.08 m
    const d = haversineMetres(lugouqiao, { lat: lugouqiao.lat + 0.0009, lng: lugouqiao.lng });
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(100.2);
  });
});
