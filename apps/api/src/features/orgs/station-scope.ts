import { eq } from 'drizzle-orm';
import { stations, type Db } from '@xfqs/db';

/** The org a station belongs to, for scoping station_staff grants; undefined when there is no such station. */
export async function stationOrgOf(db: Db, stationId: string): Promise<string | undefined> {
  const [station] = await db.select({ orgId: stations.orgId }).from(stations).where(eq(stations.id, stationId));
  return station?.orgId;
}
