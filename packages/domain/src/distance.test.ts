import { arcOfChord, chordOfArc, EARTH_RADIUS_M, EARTHDISTANCE_SPHERE_M, earthPoint, haversineMetres } from './distance';

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

describe('earthdistance geometry (earthPoint, chordOfArc, arcOfChord)', () => {
  const tiananmen = { lat: 39.9087, lng: 116.3975 };
  const chord = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

  it('earthPoint is what PostgreSQL ll_to_earth(39.91, 116.4) gives', () => {
    // select ll_to_earth(39.91, 116.4) → (-2175330.5208792198, 4382174.918167821, 4092127.4598595044)
    const [x, y, z] = earthPoint({ lat: 39.91, lng: 116.4 });
    expect(x).toBeCloseTo(-2175330.5208792198, 6);
    expect(y).toBeCloseTo(4382174.918167821, 6);
    expect(z).toBeCloseTo(4092127.4598595044, 6);
  });

  it('the chord between two points turns into the haversine distance', () => {
    for (const [other, metres] of [
      [{ lat: tiananmen.lat + 0.0009, lng: tiananmen.lng }, 100],
      [{ lat: 39.8496, lng: 116.2133 }, 17_000],
      [{ lat: 31.2304, lng: 121.4737 }, 1_067_000],
    ] as const) {
      const d = arcOfChord(chord(earthPoint(tiananmen), earthPoint(other)));
      expect(d).toBeCloseTo(haversineMetres(tiananmen, other), 4);
      expect(Math.abs(d - metres) / metres).toBeLessThan(0.01);
    }
  });

  it('chordOfArc and arcOfChord are inverse and grow together', () => {
    for (const metres of [0, 1, 100, 10_000, 100_000, 5_000_000]) expect(arcOfChord(chordOfArc(metres))).toBeCloseTo(metres, 5);
    expect(chordOfArc(10_000)).toBeLessThan(10_000 * (EARTHDISTANCE_SPHERE_M / EARTH_RADIUS_M));
    expect(chordOfArc(10_001)).toBeGreaterThan(chordOfArc(10_000));
    // the value the old SQL bound gave: earth_box(…, 10000 / 6371008.8 * earth()) spans ±10011.236125… m
    expect(chordOfArc(10_000)).toBeCloseTo(10011.236125212827, 6);
  });
});
