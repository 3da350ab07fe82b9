CREATE TABLE "station_checkin_daily" (
	"day" date NOT NULL,
	"station_id" uuid NOT NULL,
	"visits" integer NOT NULL,
	"unique_riders" integer NOT NULL,
	CONSTRAINT "station_checkin_daily_day_station_id_pk" PRIMARY KEY("day","station_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "station_checkin_daily" ADD CONSTRAINT "station_checkin_daily_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;