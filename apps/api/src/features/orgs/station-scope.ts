import type { Db } from '@xfqs/db';

/** The org a station belongs to, for scoping station_staff grants. Stations arrive with issue 3. */
export async function stationOrgOf(_db: Db, _stationId: string): Promise<string | undefined> {
  return undefined;
}
