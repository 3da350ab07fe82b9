DROP INDEX "station_checkins_user_idx";--> statement-breakpoint
DROP INDEX "stations_location_gist";--> statement-breakpoint
ALTER TABLE "station_checkins" ADD COLUMN "dedupe_until" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "open_week" "int4multirange" NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "checkin_key_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "stations_active_location_gist" ON "stations" USING gist (ll_to_earth("lat", "lng")) WHERE "stations"."status" = 'active';--> statement-breakpoint
CREATE INDEX "stations_services_gin" ON "stations" USING gin ("services");--> statement-breakpoint
ALTER TABLE "station_checkins" ADD CONSTRAINT "station_checkins_dedupe_check" CHECK ("station_checkins"."dedupe_until" > "station_checkins"."at");--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_kind_check" CHECK ("stations"."kind" in ('union_station', 'warm_station', 'outdoor_worker_station', 'partner_shop'));--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_status_check" CHECK ("stations"."status" in ('active', 'closed'));--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_lat_lng_check" CHECK ("stations"."lat" between -90 and 90 and "stations"."lng" between -180 and 180);--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_checkin_key_version_check" CHECK ("stations"."checkin_key_version" >= 1);