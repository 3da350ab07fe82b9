import { date, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { stations } from './stations';

/**
 * Station visits per Asia/Shanghai day, once the raw check-ins (with the rider and their location)
 * are gone: after LOCATION_RETENTION_DAYS, or when a rider erases their history or closes their
 * account. Visit statistics read this table and the raw rows together, so they do not change.
 */
export const stationCheckinDaily = pgTable(
  'station_checkin_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    visits: integer('visits').notNull(),
    uniqueRiders: integer('unique_riders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.stationId] })],
);
