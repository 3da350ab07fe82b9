CREATE TABLE "help_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"org_id" uuid NOT NULL,
	"station_id" uuid,
	"category" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"text_enc" text,
	"location_enc" text,
	"claimed_by" uuid,
	"claimed_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"close_note_enc" text,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_requests_category_check" CHECK ("help_requests"."category" in ('wages', 'accident', 'dispute', 'other')),
	CONSTRAINT "help_requests_status_check" CHECK ("help_requests"."status" in ('open', 'claimed', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "station_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"checkin_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"service" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "station_confirmations_once" UNIQUE("checkin_id","kind","service"),
	CONSTRAINT "station_confirmations_kind_check" CHECK ("station_confirmations"."kind" in ('open', 'closed', 'service_ok', 'service_missing'))
);
--> statement-breakpoint
CREATE TABLE "station_states" (
	"station_id" uuid PRIMARY KEY NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"paused_services" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"until" timestamp with time zone NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_states_paused_check" CHECK ("station_states"."paused_services" <@ array['hot_water', 'microwave', 'charging', 'rest_area', 'restroom', 'fridge', 'umbrella_raincoat', 'medical_kit', 'sewing_kit', 'air_pump', 'wifi', 'reading', 'legal_aid', 'counselling', 'meal_discount', 'haircut_discount', 'repair_discount']::text[]),
	CONSTRAINT "station_states_note_check" CHECK (char_length("station_states"."note") <= 100)
);
--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "hotline" text;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "checkin_key_rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_confirmations" ADD CONSTRAINT "station_confirmations_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_confirmations" ADD CONSTRAINT "station_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_confirmations" ADD CONSTRAINT "station_confirmations_checkin_id_station_checkins_id_fk" FOREIGN KEY ("checkin_id") REFERENCES "public"."station_checkins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_states" ADD CONSTRAINT "station_states_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_states" ADD CONSTRAINT "station_states_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_requests_org_created_idx" ON "help_requests" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "help_requests_user_created_idx" ON "help_requests" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "station_confirmations_station_at_idx" ON "station_confirmations" USING btree ("station_id","at");--> statement-breakpoint
-- A live state changes nearby answers: every instance drops its cached answers (see 0011_nearby_notify).
CREATE TRIGGER station_states_notify_nearby_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON station_states
  FOR EACH STATEMENT EXECUTE FUNCTION xfqs_notify_nearby_changed();
