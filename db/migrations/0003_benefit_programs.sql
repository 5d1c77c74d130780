CREATE SEQUENCE "public"."filing_receipt_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "benefit_programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"points_per_person" integer NOT NULL,
	"reference_date" date NOT NULL,
	"filing_opens_at" timestamp with time zone NOT NULL,
	"filing_closes_at" timestamp with time zone NOT NULL,
	"accepts_line" boolean DEFAULT true NOT NULL,
	"accepts_counter" boolean DEFAULT true NOT NULL,
	"line_requires_jpki" boolean DEFAULT true NOT NULL,
	"templates" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_programs_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_kana" text NOT NULL,
	"name_key" text NOT NULL,
	"kana_key" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"is_head" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"household_code" text NOT NULL,
	"address" text NOT NULL,
	"address_key" text NOT NULL,
	"reference_code" text NOT NULL,
	"member_count" integer NOT NULL,
	"points" integer NOT NULL,
	"roster_import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_reference_code_unique" UNIQUE("reference_code")
);
--> statement-breakpoint
CREATE TABLE "roster_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"encoding" text NOT NULL,
	"sha256" text NOT NULL,
	"households" integer NOT NULL,
	"members" integer NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filing_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filing_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"staff_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"representative_member_id" uuid NOT NULL,
	"receipt_number" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"points" integer NOT NULL,
	"resident_id" uuid,
	"jpki_verification_id" uuid,
	"identity_document" text,
	"filed_by_staff_id" uuid,
	"duplicate_suspected" boolean DEFAULT false NOT NULL,
	"duplicate_reviewed_at" timestamp with time zone,
	"decision_reason" text,
	"decided_by_staff_id" uuid,
	"decided_at" timestamp with time zone,
	"granted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "filings_receipt_number_unique" UNIQUE("receipt_number")
);
--> statement-breakpoint
CREATE TABLE "grant_batch_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"filing_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"result" text DEFAULT 'pending' NOT NULL,
	"claims_filing" boolean DEFAULT true NOT NULL,
	"failure_reason" text
);
--> statement-breakpoint
CREATE TABLE "grant_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"batch_number" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"item_count" integer NOT NULL,
	"total_points" bigint NOT NULL,
	"created_by_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"exported_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"granted_count" integer,
	"failed_count" integer,
	CONSTRAINT "grant_batches_batch_number_unique" UNIQUE("batch_number")
);
--> statement-breakpoint
ALTER TABLE "benefit_programs" ADD CONSTRAINT "benefit_programs_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_roster_import_id_roster_imports_id_fk" FOREIGN KEY ("roster_import_id") REFERENCES "public"."roster_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_imported_by_staff_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_events" ADD CONSTRAINT "filing_events_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_events" ADD CONSTRAINT "filing_events_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_representative_member_id_household_members_id_fk" FOREIGN KEY ("representative_member_id") REFERENCES "public"."household_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_jpki_verification_id_jpki_verifications_id_fk" FOREIGN KEY ("jpki_verification_id") REFERENCES "public"."jpki_verifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_filed_by_staff_id_staff_id_fk" FOREIGN KEY ("filed_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_decided_by_staff_id_staff_id_fk" FOREIGN KEY ("decided_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_batch_items" ADD CONSTRAINT "grant_batch_items_batch_id_grant_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."grant_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_batch_items" ADD CONSTRAINT "grant_batch_items_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_batches" ADD CONSTRAINT "grant_batches_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_batches" ADD CONSTRAINT "grant_batches_created_by_staff_id_staff_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_members_household_idx" ON "household_members" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_members_kana_idx" ON "household_members" USING btree ("kana_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "household_members_name_idx" ON "household_members" USING btree ("name_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "household_members_birth_idx" ON "household_members" USING btree ("birth_date");--> statement-breakpoint
CREATE UNIQUE INDEX "households_program_code_unique" ON "households" USING btree ("program_id","household_code");--> statement-breakpoint
CREATE INDEX "households_program_address_idx" ON "households" USING btree ("program_id","address_key");--> statement-breakpoint
CREATE INDEX "filing_events_filing_idx" ON "filing_events" USING btree ("filing_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "filings_one_active_per_household" ON "filings" USING btree ("program_id","household_id") WHERE status in ('submitted', 'returned', 'approved', 'granted');--> statement-breakpoint
CREATE INDEX "filings_queue_idx" ON "filings" USING btree ("program_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "filings_program_submitted_idx" ON "filings" USING btree ("program_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "filings_flagged_idx" ON "filings" USING btree ("program_id","submitted_at","id") WHERE duplicate_suspected;--> statement-breakpoint
CREATE INDEX "filings_resident_idx" ON "filings" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_batch_items_one_claim_per_filing" ON "grant_batch_items" USING btree ("filing_id") WHERE claims_filing;--> statement-breakpoint
CREATE UNIQUE INDEX "grant_batch_items_one_grant_per_filing" ON "grant_batch_items" USING btree ("filing_id") WHERE result = 'granted';--> statement-breakpoint
CREATE INDEX "grant_batch_items_batch_filing_idx" ON "grant_batch_items" USING btree ("batch_id","filing_id");