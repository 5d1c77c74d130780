ALTER TABLE "filings" ALTER COLUMN "submitted_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "filings" ALTER COLUMN "submitted_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "address_match" text;--> statement-breakpoint
CREATE INDEX "audit_log_duplicate_prevented_idx" ON "audit_log" USING btree (("after"->>'programId')) WHERE "audit_log"."action" = 'filing.duplicate_prevented';