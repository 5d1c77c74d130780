CREATE TABLE "broadcast_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"broadcast_id" uuid NOT NULL,
	"url" text NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "broadcast_recipients" (
	"broadcast_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"locale" text NOT NULL,
	CONSTRAINT "broadcast_recipients_broadcast_id_resident_id_pk" PRIMARY KEY("broadcast_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"text_easy" text,
	"text_en" text,
	"image_url" text,
	"image_alt" text,
	"button_label" text,
	"button_path" text,
	"topic_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"recipient_count" integer,
	"created_by" uuid,
	"approved_by" uuid,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broadcasts_audience" CHECK ("broadcasts"."emergency" or cardinality("broadcasts"."topic_ids") > 0),
	CONSTRAINT "broadcasts_image_alt" CHECK ("broadcasts"."image_url" is null or "broadcasts"."image_alt" is not null)
);
--> statement-breakpoint
CREATE TABLE "emergency_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"normal_rich_menu_id" text,
	"disaster_rich_menu_id" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_state_single_row" CHECK ("emergency_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "segment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"resident_id" uuid NOT NULL,
	"topic_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_subscriptions" (
	"resident_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	"subscribed" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topic_subscriptions_resident_id_topic_id_pk" PRIMARY KEY("resident_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_easy" text,
	"name_en" text,
	"description" text NOT NULL,
	"description_easy" text,
	"description_en" text,
	"icon" text DEFAULT '📢' NOT NULL,
	"default_on" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "broadcast_links" ADD CONSTRAINT "broadcast_links_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_approved_by_staff_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_state" ADD CONSTRAINT "emergency_state_changed_by_staff_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_events" ADD CONSTRAINT "segment_events_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_events" ADD CONSTRAINT "segment_events_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_subscriptions" ADD CONSTRAINT "topic_subscriptions_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_subscriptions" ADD CONSTRAINT "topic_subscriptions_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcast_links_broadcast_idx" ON "broadcast_links" USING btree ("broadcast_id");--> statement-breakpoint
CREATE INDEX "broadcasts_department_idx" ON "broadcasts" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "segment_events_at_idx" ON "segment_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "topic_subscriptions_topic_idx" ON "topic_subscriptions" USING btree ("topic_id","subscribed");--> statement-breakpoint
CREATE INDEX "topics_department_idx" ON "topics" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topics_department_name_unique" ON "topics" USING btree ("department_id","name");--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_status_known" CHECK ("status" in ('draft', 'pending_approval', 'scheduled', 'sent', 'cancelled'));
--> statement-breakpoint
ALTER TABLE "segment_events" ADD CONSTRAINT "segment_events_kind_known" CHECK ("kind" in ('follow', 'unfollow', 'subscribe', 'unsubscribe') and (("kind" in ('subscribe', 'unsubscribe')) = ("topic_id" is not null)));
--> statement-breakpoint
-- A broadcast is sent under its own department's topics only, whoever writes the row.
CREATE FUNCTION broadcasts_topics_of_department() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM topics t WHERE t.id = ANY (NEW.topic_ids) AND t.department_id <> NEW.department_id) THEN
    RAISE EXCEPTION 'broadcast topics must belong to the broadcast department' USING ERRCODE = 'check_violation', CONSTRAINT = 'broadcasts_topics_of_department';
  END IF;
  IF cardinality(NEW.topic_ids) <> (SELECT count(*) FROM topics t WHERE t.id = ANY (NEW.topic_ids)) THEN
    RAISE EXCEPTION 'broadcast names an unknown topic' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'broadcasts_topics_of_department';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER broadcasts_topics_of_department BEFORE INSERT OR UPDATE OF topic_ids, department_id ON broadcasts
  FOR EACH ROW EXECUTE FUNCTION broadcasts_topics_of_department();
