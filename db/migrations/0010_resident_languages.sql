ALTER TABLE "departments" ADD COLUMN "counter_hours_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "benefit_programs" ADD COLUMN "emoney_name" text;--> statement-breakpoint
ALTER TABLE "benefit_programs" ADD COLUMN "emoney_guidance" text;--> statement-breakpoint
ALTER TABLE "benefit_programs" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Staff translations are objects keyed by language; anything else is refused by the database.
ALTER TABLE "benefit_programs" ADD CONSTRAINT "benefit_programs_translations_object" CHECK (jsonb_typeof("translations") = 'object');--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_counter_hours_translations_object" CHECK (jsonb_typeof("counter_hours_translations") = 'object');
