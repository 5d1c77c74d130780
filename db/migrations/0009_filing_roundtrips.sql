CREATE TABLE "line_rate_budget" (
	"name" text PRIMARY KEY NOT NULL,
	"next_slot_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jpki_verifications" ADD COLUMN "name_key" text;--> statement-breakpoint
CREATE INDEX "household_members_identity_idx" ON "household_members" USING btree ("birth_date","name_key");