-- Check-ins: one counted visit per rider and station per 4 hours, enforced by the database even
-- under concurrent requests. btree_gist lets a GiST exclusion constraint compare uuids with `=`
-- next to the time-span overlap `&&`; it exists in PGlite (contrib) and in postgresql-contrib.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "station_checkins" ADD CONSTRAINT "station_checkins_no_repeat"
  EXCLUDE USING gist ("user_id" WITH =, "station_id" WITH =, tstzrange("at", "dedupe_until") WITH &&);--> statement-breakpoint
-- A station_staff grant names a real station (role_grants is declared in users.ts, stations in stations.ts).
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_station_id_stations_id_fk"
  FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;
