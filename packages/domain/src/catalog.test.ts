import { PLATFORMS, SERVICE, SERVICE_KEYS, serviceIndex, servicesInCatalogOrder, STATION_KINDS } from './catalog';

describe('catalog', () => {
  it('holds exactly the contract’s 17 service keys, each with a Chinese label', () => {
    expect(SERVICE_KEYS).toHaveLength(17);
    expect(SERVICE_KEYS).toContain('microwave');
    for (const key of SERVICE_KEYS) expect(SERVICE.labels[key]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('puts services once each in catalog order', () => {
    expect(servicesInCatalogOrder(['wifi', 'hot_water', 'wifi', 'charging'])).toEqual(['hot_water', 'charging', 'wifi']);
    expect(servicesInCatalogOrder([])).toEqual([]);
    expect(serviceIndex('hot_water')).toBe(0);
    expect(serviceIndex('repair_discount')).toBe(16);
  });

  it('lists station kinds and platforms of the contract', () => {
    expect(STATION_KINDS).toEqual(['union_station', 'warm_station', 'outdoor_worker_station', 'partner_shop']);
    expect(PLATFORMS).toEqual(['meituan', 'eleme', 'sf', 'jd', 'yunda', 'yto', 'zto', 'sto', 'jtexpress', 'deppon', 'shansong', 'dada', 'other']);
  });
});
