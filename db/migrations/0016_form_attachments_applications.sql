CREATE TABLE "form_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"resident_id" uuid,
	"staff_id" uuid,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"scan_status" text DEFAULT 'pending' NOT NULL,
	"scanned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_attachments_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "form_attachments_content_type_known" CHECK ("form_attachments"."content_type" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "form_attachments_size_positive" CHECK ("form_attachments"."size" > 0 and "form_attachments"."size" <= 10485760),
	CONSTRAINT "form_attachments_scan_status_known" CHECK ("form_attachments"."scan_status" in ('pending', 'clean', 'infected', 'error')),
	CONSTRAINT "form_attachments_sha256_hex" CHECK ("form_attachments"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "form_attachments_one_uploader" CHECK (("form_attachments"."resident_id" is null) <> ("form_attachments"."staff_id" is null))
);
--> statement-breakpoint
ALTER TABLE "form_attachments" ADD CONSTRAINT "form_attachments_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "form_attachments" ADD CONSTRAINT "form_attachments_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "form_attachments" ADD CONSTRAINT "form_attachments_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "form_attachments_resident_idx" ON "form_attachments" USING btree ("resident_id","form_id","question_id");
--> statement-breakpoint
ALTER TABLE "form_drafts" ADD COLUMN "resubmits_submission_id" uuid;
--> statement-breakpoint
ALTER TABLE "form_drafts" ADD CONSTRAINT "form_drafts_resubmits_submission_id_form_submissions_id_fk" FOREIGN KEY ("resubmits_submission_id") REFERENCES "public"."form_submissions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "form_drafts_reminder_due_idx" ON "form_drafts" USING btree ("expires_at") WHERE "form_drafts"."reminder_sent_at" is null;
