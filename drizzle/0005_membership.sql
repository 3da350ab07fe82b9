CREATE TABLE "meeting_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "meeting_attendance_once" UNIQUE("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text,
	"host" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_code_unique" UNIQUE("code"),
	CONSTRAINT "meetings_window_check" CHECK ("meetings"."ends_at" > "meetings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "member_number_counters" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "member_number_counters_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "membership_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"meeting_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"real_name_enc" text NOT NULL,
	"id_card_enc" text NOT NULL,
	"id_card_hash" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_hash" text NOT NULL,
	"birth_date" date NOT NULL,
	"gender" text NOT NULL,
	"platform" text NOT NULL,
	"platform_other" text,
	"occupation" text NOT NULL,
	"occupation_other" text,
	"work_area" text,
	"privacy_notice_version" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reject_reason" text,
	"member_no" text,
	CONSTRAINT "membership_applications_member_no_unique" UNIQUE("member_no"),
	CONSTRAINT "membership_applications_approved_has_no" CHECK (("membership_applications"."status" = 'approved') = ("membership_applications"."member_no" is not null))
);
--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_number_counters" ADD CONSTRAINT "member_number_counters_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meetings_org_starts_idx" ON "meetings" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_applications_open_id_card" ON "membership_applications" USING btree ("id_card_hash") WHERE "membership_applications"."status" in ('pending', 'approved');--> statement-breakpoint
CREATE UNIQUE INDEX "membership_applications_open_user" ON "membership_applications" USING btree ("user_id") WHERE "membership_applications"."status" in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "membership_applications_org_submitted_idx" ON "membership_applications" USING btree ("org_id","submitted_at");--> statement-breakpoint
CREATE INDEX "membership_applications_org_reviewed_idx" ON "membership_applications" USING btree ("org_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "membership_applications_meeting_idx" ON "membership_applications" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "membership_applications_user_idx" ON "membership_applications" USING btree ("user_id","submitted_at");--> statement-breakpoint
CREATE INDEX "membership_applications_phone_hash_idx" ON "membership_applications" USING btree ("phone_hash");