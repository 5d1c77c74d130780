CREATE TABLE "rate_limit_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_user_id" text NOT NULL,
	"display_name" text,
	"following" boolean DEFAULT false NOT NULL,
	"followed_at" timestamp with time zone,
	"blocked_at" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_line_user_id_unique" UNIQUE("line_user_id")
);
--> statement-breakpoint
CREATE TABLE "line_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"recipients" text[] NOT NULL,
	"messages" jsonb NOT NULL,
	"retry_key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text,
	"cause" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_http_status" integer,
	"last_error" text,
	"line_request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "line_outbox_retry_key_unique" UNIQUE("retry_key"),
	CONSTRAINT "line_outbox_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "line_outbox_recipients_check" CHECK (cardinality("line_outbox"."recipients") between 1 and 500 and ("line_outbox"."kind" = 'multicast' or cardinality("line_outbox"."recipients") = 1))
);
--> statement-breakpoint
CREATE TABLE "line_webhook_events" (
	"webhook_event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"line_user_id" text,
	"payload" jsonb NOT NULL,
	"is_redelivery" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jpki_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"state_hash" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text NOT NULL,
	"status" text DEFAULT 'started' NOT NULL,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "jpki_requests_state_hash_unique" UNIQUE("state_hash")
);
--> statement-breakpoint
CREATE TABLE "jpki_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"issuer" text NOT NULL,
	"subject_hash" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"birthdate" text NOT NULL,
	"gender" text NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "jpki_verifications_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
ALTER TABLE "jpki_requests" ADD CONSTRAINT "jpki_requests_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jpki_verifications" ADD CONSTRAINT "jpki_verifications_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jpki_verifications" ADD CONSTRAINT "jpki_verifications_request_id_jpki_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."jpki_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "line_outbox_due_idx" ON "line_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "line_webhook_events_pending_idx" ON "line_webhook_events" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "jpki_requests_resident_idx" ON "jpki_requests" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "jpki_verifications_resident_purpose_idx" ON "jpki_verifications" USING btree ("resident_id","purpose","verified_at");