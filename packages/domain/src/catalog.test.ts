import { PLATFORMS, SERVICE, SERVICE_KEYS, STATION_KINDS } from './catalog';

describe('catalog', () => {
  it('holds exactly the contract’s 17 service keys, each with a Chinese label', () => {
    expect(SERVICE_KEYS).toHaveLength(17);
    expect(SERVICE_KEYS).toContain('microwave');
    for (const key of SERVICE_KEYS) expect(SERVICE.labels[key]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('lists station kinds and platforms of the contract', () => {
    expect(STATION_KINDS).toEqual(['union_station', 'warm_station', 'outdoor_worker_station', 'partner_shop']);
    expect(PLATFORMS).toEqual(['meituan', 'eleme', 'sf', 'jd', 'yunda', 'yto', 'zto', 'sto', 'jtexpress', 'deppon', 'shansong', 'dada', 'other']);
  });
});
