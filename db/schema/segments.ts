import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { departments } from "./departments";
import { residents } from "./residents";
import { staff } from "./staff";

/** A subject residents choose to hear about (子育て, 防災・防犯 …), owned by one department. */
export const topics = pgTable(
  "topics",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    name: text("name").notNull(),
    nameEasy: text("name_easy"),
    nameEn: text("name_en"),
    /** What the topic sends, shown to residents on the settings page. */
    description: text("description").notNull(),
    descriptionEasy: text("description_easy"),
    descriptionEn: text("description_en"),
    icon: text("icon").notNull().default("📢"),
    /** Applies to every resident who has not chosen for this topic yet (new followers included). */
    defaultOn: boolean("default_on").notNull().default(false),
    active: boolean("active").notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("topics_department_idx").on(table.departmentId), uniqueIndex("topics_department_name_unique").on(table.departmentId, table.name)],
);
export type Topic = typeof topics.$inferSelect;

/** A resident's own choice for one topic; without a row the topic's default applies. */
export const topicSubscriptions = pgTable(
  "topic_subscriptions",
  {
    residentId: uuid("resident_id")
      .notNull()
      .references(() => residents.id),
    topicId: uuid("topic_id")
      .notNull()
      .references(() => topics.id),
    subscribed: boolean("subscribed").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.residentId, table.topicId] }), index("topic_subscriptions_topic_idx").on(table.topicId, table.subscribed)],
);

/** Every change of a subscription and every follow/unfollow, for the statistics over time. */
export const SEGMENT_EVENT_KINDS = ["follow", "unfollow", "subscribe", "unsubscribe"] as const;
export const segmentEvents = pgTable(
  "segment_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    kind: text("kind", { enum: SEGMENT_EVENT_KINDS }).notNull(),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => residents.id),
    topicId: uuid("topic_id").references(() => topics.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("segment_events_at_idx").on(table.at)],
);

export const BROADCAST_STATUSES = ["draft", "pending_approval", "scheduled", "sent", "cancelled"] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export type BroadcastFilters = {
  /** Inclusive age band, from the birth date of a JPKI-verified identity. */
  ageMin?: number;
  ageMax?: number;
  /** Residents with a filing in this program, optionally only in this status. */
  programId?: string;
  filingStatus?: string;
};

/** One message staff compose for residents of some topics (or, in emergency mode, every follower). */
export const broadcasts = pgTable(
  "broadcasts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    title: text("title").notNull(),
    text: text("text").notNull(),
    textEasy: text("text_easy"),
    textEn: text("text_en"),
    imageUrl: text("image_url"),
    imageAlt: text("image_alt"),
    buttonLabel: text("button_label"),
    buttonPath: text("button_path"),
    topicIds: uuid("topic_ids").array().notNull().default(sql`'{}'::uuid[]`),
    filters: jsonb("filters").$type<BroadcastFilters>().notNull().default({}),
    /** 防災モード: every follower regardless of topics; system admins only. */
    emergency: boolean("emergency").notNull().default(false),
    status: text("status", { enum: BROADCAST_STATUSES }).notNull().default("draft"),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    recipientCount: integer("recipient_count"),
    createdBy: uuid("created_by").references(() => staff.id),
    approvedBy: uuid("approved_by").references(() => staff.id),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("broadcasts_department_idx").on(table.departmentId, table.createdAt),
    check("broadcasts_audience", sql`${table.emergency} or cardinality(${table.topicIds}) > 0`),
    check("broadcasts_image_alt", sql`${table.imageUrl} is null or ${table.imageAlt} is not null`),
  ],
);
export type Broadcast = typeof broadcasts.$inferSelect;

/** Who a broadcast went to: the primary key is the at-most-once guarantee per resident. */
export const broadcastRecipients = pgTable(
  "broadcast_recipients",
  {
    broadcastId: uuid("broadcast_id")
      .notNull()
      .references(() => broadcasts.id),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => residents.id),
    locale: text("locale").notNull(),
  },
  (table) => [primaryKey({ columns: [table.broadcastId, table.residentId] })],
);

/** A link inside a broadcast, replaced by our redirect so clicks can be counted per link. */
export const broadcastLinks = pgTable(
  "broadcast_links",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    broadcastId: uuid("broadcast_id")
      .notNull()
      .references(() => broadcasts.id),
    url: text("url").notNull(),
    clicks: integer("clicks").notNull().default(0),
  },
  (table) => [index("broadcast_links_broadcast_idx").on(table.broadcastId)],
);

/** One row: whether 防災モード is on, and the rich menus it switches between. */
export const emergencyState = pgTable(
  "emergency_state",
  {
    id: integer("id").primaryKey().default(1),
    active: boolean("active").notNull().default(false),
    normalRichMenuId: text("normal_rich_menu_id"),
    disasterRichMenuId: text("disaster_rich_menu_id"),
    changedBy: uuid("changed_by").references(() => staff.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("emergency_state_single_row", sql`${table.id} = 1`)],
);
