CREATE SEQUENCE "public"."reservation_booking_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "reservation_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"calendar_id" uuid NOT NULL,
	"resident_id" uuid,
	"booking_number" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"guest_name" text,
	"guest_phone" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"booked_by_staff_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancel_reason" text,
	"attended_at" timestamp with time zone,
	"reminder_queued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservation_bookings_booking_number_unique" UNIQUE("booking_number"),
	CONSTRAINT "reservation_bookings_who" CHECK ("reservation_bookings"."resident_id" is not null or "reservation_bookings"."guest_name" is not null),
	CONSTRAINT "reservation_bookings_cancelled" CHECK (("reservation_bookings"."status" = 'cancelled') = ("reservation_bookings"."cancelled_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "reservation_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"location" text NOT NULL,
	"description" text,
	"weekdays" smallint[] NOT NULL,
	"day_start_minute" integer NOT NULL,
	"day_end_minute" integer NOT NULL,
	"slot_minutes" integer NOT NULL,
	"capacity" integer NOT NULL,
	"skip_holidays" boolean DEFAULT true NOT NULL,
	"opens_days_before" integer DEFAULT 60 NOT NULL,
	"closes_hours_before" integer DEFAULT 24 NOT NULL,
	"cancel_hours_before" integer DEFAULT 24 NOT NULL,
	"per_resident_limit" integer DEFAULT 1 NOT NULL,
	"no_show_limit" integer,
	"reminder_hour" integer DEFAULT 17 NOT NULL,
	"waitlist_offer_minutes" integer DEFAULT 120 NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requires_jpki" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservation_calendars_hours" CHECK ("reservation_calendars"."day_start_minute" >= 0 and "reservation_calendars"."day_end_minute" <= 1440 and "reservation_calendars"."day_start_minute" < "reservation_calendars"."day_end_minute"),
	CONSTRAINT "reservation_calendars_slot" CHECK ("reservation_calendars"."slot_minutes" between 5 and 720 and "reservation_calendars"."capacity" between 1 and 10000),
	CONSTRAINT "reservation_calendars_rules" CHECK ("reservation_calendars"."opens_days_before" between 1 and 400 and "reservation_calendars"."closes_hours_before" >= 0 and "reservation_calendars"."cancel_hours_before" >= 0 and "reservation_calendars"."per_resident_limit" >= 1 and "reservation_calendars"."reminder_hour" between 0 and 23 and "reservation_calendars"."waitlist_offer_minutes" between 5 and 10080)
);
--> statement-breakpoint
CREATE TABLE "reservation_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservation_closures_range" CHECK ("reservation_closures"."starts_on" <= "reservation_closures"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "reservation_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reservation_slots_never_overbooked" CHECK ("reservation_slots"."booked" >= 0 and "reservation_slots"."held" >= 0 and "reservation_slots"."booked" + "reservation_slots"."held" <= "reservation_slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "reservation_waitlist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"offer_token_hash" text,
	"offered_at" timestamp with time zone,
	"offer_expires_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservation_waitlist_offer_token_hash_unique" UNIQUE("offer_token_hash"),
	CONSTRAINT "reservation_waitlist_offer" CHECK ("reservation_waitlist"."status" <> 'offered' or ("reservation_waitlist"."offer_token_hash" is not null and "reservation_waitlist"."offer_expires_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "reservation_bookings" ADD CONSTRAINT "reservation_bookings_slot_id_reservation_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."reservation_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_bookings" ADD CONSTRAINT "reservation_bookings_calendar_id_reservation_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."reservation_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_bookings" ADD CONSTRAINT "reservation_bookings_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_bookings" ADD CONSTRAINT "reservation_bookings_booked_by_staff_id_staff_id_fk" FOREIGN KEY ("booked_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_calendars" ADD CONSTRAINT "reservation_calendars_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_closures" ADD CONSTRAINT "reservation_closures_calendar_id_reservation_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."reservation_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_slots" ADD CONSTRAINT "reservation_slots_calendar_id_reservation_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."reservation_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_waitlist" ADD CONSTRAINT "reservation_waitlist_slot_id_reservation_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."reservation_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_waitlist" ADD CONSTRAINT "reservation_waitlist_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reservation_bookings_one_per_resident_slot" ON "reservation_bookings" USING btree ("slot_id","resident_id") WHERE status <> 'cancelled' and resident_id is not null;--> statement-breakpoint
CREATE INDEX "reservation_bookings_slot_idx" ON "reservation_bookings" USING btree ("slot_id","status");--> statement-breakpoint
CREATE INDEX "reservation_bookings_resident_idx" ON "reservation_bookings" USING btree ("resident_id","status");--> statement-breakpoint
CREATE INDEX "reservation_bookings_calendar_created_idx" ON "reservation_bookings" USING btree ("calendar_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reservation_calendars_department_name" ON "reservation_calendars" USING btree ("department_id","name");--> statement-breakpoint
CREATE INDEX "reservation_closures_calendar_idx" ON "reservation_closures" USING btree ("calendar_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "reservation_slots_calendar_start" ON "reservation_slots" USING btree ("calendar_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reservation_waitlist_one_per_resident_slot" ON "reservation_waitlist" USING btree ("slot_id","resident_id") WHERE status in ('waiting', 'offered');--> statement-breakpoint
CREATE INDEX "reservation_waitlist_queue_idx" ON "reservation_waitlist" USING btree ("slot_id","status","created_at");--> statement-breakpoint
CREATE INDEX "reservation_waitlist_offer_expiry_idx" ON "reservation_waitlist" USING btree ("offer_expires_at") WHERE status = 'offered';--> statement-breakpoint
-- The slot's counter follows its live bookings in the database itself: no code path can book without counting,
-- and the CHECK reservation_slots_never_overbooked refuses the booking that would exceed capacity.
CREATE FUNCTION reservation_bookings_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_live boolean := TG_OP = 'UPDATE' AND OLD.status <> 'cancelled';
  is_live boolean := NEW.status <> 'cancelled';
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.slot_id <> NEW.slot_id THEN
    RAISE EXCEPTION 'a booking cannot move between slots' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = 'cancelled' AND NEW.status <> 'cancelled' THEN
    RAISE EXCEPTION 'a cancelled booking stays cancelled' USING ERRCODE = 'check_violation';
  END IF;
  IF is_live AND NOT was_live THEN
    UPDATE reservation_slots SET booked = booked + 1 WHERE id = NEW.slot_id;
  ELSIF was_live AND NOT is_live THEN
    UPDATE reservation_slots SET booked = booked - 1 WHERE id = NEW.slot_id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER reservation_bookings_count AFTER INSERT OR UPDATE OF status, slot_id ON reservation_bookings
  FOR EACH ROW EXECUTE FUNCTION reservation_bookings_count();
--> statement-breakpoint
CREATE FUNCTION reservation_bookings_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'bookings are cancelled, never deleted' USING ERRCODE = 'check_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER reservation_bookings_no_delete BEFORE DELETE ON reservation_bookings
  FOR EACH ROW EXECUTE FUNCTION reservation_bookings_no_delete();
