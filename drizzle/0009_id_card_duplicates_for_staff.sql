DROP INDEX "membership_applications_open_id_card";--> statement-breakpoint
CREATE INDEX "membership_applications_id_card_hash_idx" ON "membership_applications" USING btree ("id_card_hash");