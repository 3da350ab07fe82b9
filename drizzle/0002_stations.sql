CREATE TABLE "station_checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"lat" double precision,
	"lng" double precision
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"phone" text,
	"hours" jsonb NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"external_code" text,
	"status" text DEFAULT 'active' NOT NULL,
	"photo_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stations_org_external_code_unique" UNIQUE("org_id","external_code")
);
--> statement-breakpoint
ALTER TABLE "station_checkins" ADD CONSTRAINT "station_checkins_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_checkins" ADD CONSTRAINT "station_checkins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "station_checkins_station_at_idx" ON "station_checkins" USING btree ("station_id","at");--> statement-breakpoint
CREATE INDEX "station_checkins_user_idx" ON "station_checkins" USING btree ("user_id","station_id","at");--> statement-breakpoint
CREATE INDEX "stations_org_idx" ON "stations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "stations_location_gist" ON "stations" USING gist (ll_to_earth("lat", "lng"));