import { haversineMetres as distanceM } from './distance';
import { DEFAULT_LOCATION, formatDistance, formatRidingTime, ridingMinutes, gcj02ToWgs84, isOutsideChina, isValidLatLng, wgs84ToGcj02 } from './geo';

describe('wgs84ToGcj02', () => {
  it('shifts a Beijing point by a few hundred metres, as GCJ-02 does', () => {
    // Tiananmen: WGS-84 39.9087, 116.3975 → GCJ-02 about 39.9101, 116.4037.
    const gcj = wgs84ToGcj02({ lat: 39.9087, lng: 116.3975 });
    expect(gcj.lat).toBeCloseTo(39.91011, 3);
    expect(gcj.lng).toBeCloseTo(116.40374, 3);
    const shift = distanceM({ lat: 39.9087, lng: 116.3975 }, gcj);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(800);
  });

  it('leaves points outside China unchanged', () => {
    expect(isOutsideChina({ lat: 51.5, lng: -0.12 })).toBe(true);
    expect(wgs84ToGcj02({ lat: 51.5, lng: -0.12 })).toEqual({ lat: 51.5, lng: -0.12 });
  });

  it('round-trips through gcj02ToWgs84 to under a metre', () => {
    const wgs = { lat: 39.8585, lng: 116.2867 };
    const back = gcj02ToWgs84(wgs84ToGcj02(wgs));
    expect(distanceM(wgs, back)).toBeLessThan(1);
  });
});

describe('distanceM and formatDistance', () => {
  it('measures about 111 km per degree of latitude', () => {
    const d = distanceM({ lat: 39, lng: 116 }, { lat: 40, lng: 116 });
    expect(d).toBeGreaterThan(110_000);
    expect(d).toBeLessThan(112_500);
    expect(distanceM(DEFAULT_LOCATION, DEFAULT_LOCATION)).toBe(0);
  });

  it('formats metres and kilometres', () => {
    expect(formatDistance(0)).toBe('1 米');
    expect(formatDistance(347)).toBe('350 米');
    expect(formatDistance(1234)).toBe('1.2 公里');
    expect(formatDistance(15_600)).toBe('16 公里');
    expect(formatDistance(Number.NaN)).toBe('');
  });

  it('checks coordinates', () => {
    expect(isValidLatLng(DEFAULT_LOCATION)).toBe(true);
    expect(isValidLatLng({ lat: 91, lng: 0 })).toBe(false);
    expect(isValidLatLng({ lat: Number.NaN, lng: 0 })).toBe(false);
    expect(isValidLatLng(null)).toBe(false);
  });
});

describe('ridingMinutes and formatRidingTime', () => {
  it('estimates e-bike minutes over roads from the straight line', () => {
    expect(ridingMinutes(0)).toBe(1);
    expect(ridingMinutes(1150)).toBe(6); // 1.15 km × 1.3 ≈ 1.5 km at 15 km/h
    expect(formatRidingTime(3400)).toBe('骑行约 18 分钟');
    expect(formatRidingTime(undefined)).toBe('');
  });
});
