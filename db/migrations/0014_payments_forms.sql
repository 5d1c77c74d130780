CREATE TABLE "payment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_event_id" text NOT NULL,
	"payment_id" uuid,
	"source" text NOT NULL,
	"type" text NOT NULL,
	"transition" text,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_events_provider_event_id_unique" UNIQUE("provider_event_id")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"department_id" uuid,
	"resident_id" uuid,
	"method" text NOT NULL,
	"amount" integer NOT NULL,
	"description" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"provider_session_id" text,
	"provider_payment_id" text,
	"hosted_url" text,
	"status" text DEFAULT 'created' NOT NULL,
	"failure" text,
	"cancelled_by" text,
	"declined_at" timestamp with time zone,
	"error_text" text,
	"expires_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"refund_status" text,
	"refund_id" text,
	"refund_reason" text,
	"refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_reference_unique" UNIQUE("reference"),
	CONSTRAINT "payments_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "payments_provider_session_id_unique" UNIQUE("provider_session_id"),
	CONSTRAINT "payments_status_known" CHECK ("payments"."status" in ('created', 'started', 'success', 'failed', 'error')),
	CONSTRAINT "payments_failure_known" CHECK ("payments"."failure" is null or "payments"."failure" in ('declined', 'expired', 'cancelled')),
	CONSTRAINT "payments_refund_status_known" CHECK ("payments"."refund_status" is null or "payments"."refund_status" in ('submitted', 'success', 'error')),
	CONSTRAINT "payments_method_known" CHECK ("payments"."method" in ('stripe', 'cash')),
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount" > 0 and "payments"."amount" <= 10000000),
	CONSTRAINT "payments_failure_only_when_failed" CHECK (("payments"."status" = 'failed') = ("payments"."failure" is not null)),
	CONSTRAINT "payments_paid_at_only_when_success" CHECK (("payments"."status" = 'success') = ("payments"."paid_at" is not null)),
	CONSTRAINT "payments_refund_only_when_paid" CHECK ("payments"."refund_status" is null or "payments"."status" = 'success'),
	CONSTRAINT "payments_cash_has_no_provider" CHECK ("payments"."method" <> 'cash' or "payments"."provider_session_id" is null)
);
--> statement-breakpoint
CREATE TABLE "form_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"page_id" text,
	"expires_at" timestamp with time zone NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_drafts_one_per_resident" UNIQUE("form_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"form_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"resident_id" uuid,
	"channel" text NOT NULL,
	"answers" jsonb NOT NULL,
	"fee_amount" integer,
	"fee_fixed_at" timestamp with time zone,
	"status" text NOT NULL,
	"status_reason" text,
	"submitted_at" timestamp (3) with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"completion" text,
	"completed_on" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_submissions_reference_unique" UNIQUE("reference"),
	CONSTRAINT "form_submissions_status_known" CHECK ("form_submissions"."status" in ('awaiting_payment', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'completed')),
	CONSTRAINT "form_submissions_fee_nonnegative" CHECK ("form_submissions"."fee_amount" is null or "form_submissions"."fee_amount" >= 0),
	CONSTRAINT "form_submissions_completed_has_date" CHECK (("form_submissions"."status" = 'completed') = ("form_submissions"."completion" is not null and "form_submissions"."completed_on" is not null)),
	CONSTRAINT "form_submissions_channel_resident" CHECK ("form_submissions"."channel" = 'counter' or "form_submissions"."resident_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "form_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	CONSTRAINT "form_versions_form_version" UNIQUE("form_id","version"),
	CONSTRAINT "form_versions_positive" CHECK ("form_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"draft_definition" jsonb,
	"draft_updated_at" timestamp with time zone,
	"live_version_id" uuid,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forms_code_unique" UNIQUE("code"),
	CONSTRAINT "forms_code_format" CHECK ("forms"."code" ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
	CONSTRAINT "forms_has_definition" CHECK ("forms"."draft_definition" is not null or "forms"."live_version_id" is not null),
	CONSTRAINT "forms_archived_without_draft" CHECK ("forms"."archived_at" is null or "forms"."draft_definition" is null)
);
--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_drafts" ADD CONSTRAINT "form_drafts_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_drafts" ADD CONSTRAINT "form_drafts_version_id_form_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_drafts" ADD CONSTRAINT "form_drafts_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_version_id_form_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_events_payment_idx" ON "payment_events" USING btree ("payment_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_success_per_subject" ON "payments" USING btree ("subject_type","subject_id") WHERE "payments"."status" = 'success';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_open_per_subject" ON "payments" USING btree ("subject_type","subject_id") WHERE "payments"."status" in ('created', 'started');--> statement-breakpoint
CREATE INDEX "payments_status_created_idx" ON "payments" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "form_drafts_expiry_idx" ON "form_drafts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "form_submissions_queue_idx" ON "form_submissions" USING btree ("department_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "form_submissions_resident_idx" ON "form_submissions" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "form_submissions_one_awaiting_payment" ON "form_submissions" USING btree ("form_id","resident_id") WHERE "form_submissions"."status" = 'awaiting_payment';--> statement-breakpoint
-- success, failed and error are final: no late webhook, status query or bug moves a payment out of them.
CREATE FUNCTION payments_final_status() RETURNS trigger AS $$
BEGIN
  IF OLD.status IN ('success', 'failed', 'error') AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'payment % is final (%)', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.refund_status = 'success' AND NEW.refund_status IS DISTINCT FROM OLD.refund_status THEN
    RAISE EXCEPTION 'payment % is already refunded', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER payments_final_status BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION payments_final_status();
--> statement-breakpoint
-- The payment log is append-only apart from recording the transition an event made.
CREATE FUNCTION payment_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.provider_event_id IS DISTINCT FROM OLD.provider_event_id OR NEW.payload IS DISTINCT FROM OLD.payload OR OLD.transition IS NOT NULL THEN
    RAISE EXCEPTION 'payment_events is append-only' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER payment_events_append_only BEFORE UPDATE OR DELETE ON payment_events FOR EACH ROW EXECUTE FUNCTION payment_events_append_only();
--> statement-breakpoint
-- A published snapshot is frozen: submissions and drafts keep pointing at exactly what the resident saw.
CREATE FUNCTION form_versions_frozen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'form_versions is append-only' USING ERRCODE = 'check_violation';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER form_versions_frozen BEFORE UPDATE OR DELETE ON form_versions FOR EACH ROW EXECUTE FUNCTION form_versions_frozen();
--> statement-breakpoint
-- A form's live version, a draft's version and a submission's version all belong to that same form.
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_id_form" UNIQUE ("id", "form_id");
--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_live_version_fk" FOREIGN KEY ("live_version_id", "id") REFERENCES "form_versions"("id", "form_id");
--> statement-breakpoint
ALTER TABLE "form_drafts" ADD CONSTRAINT "form_drafts_version_of_form_fk" FOREIGN KEY ("version_id", "form_id") REFERENCES "form_versions"("id", "form_id");
--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_version_of_form_fk" FOREIGN KEY ("version_id", "form_id") REFERENCES "form_versions"("id", "form_id");
