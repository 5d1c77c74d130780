ALTER TABLE "household_members" ADD COLUMN "relationship" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_postal_code_format" CHECK ("postal_code" ~ '^[0-9]{7}$');
