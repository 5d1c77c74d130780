import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// rejected: an event that could not be stored or understood as sent, kept with its reason (last_error) and never retried.
export const WEBHOOK_EVENT_STATUSES = ["received", "processed", "failed", "rejected"] as const;

/** Every accepted webhook event once: LINE redelivers with the same webhookEventId, which is the key. */
export const lineWebhookEvents = pgTable(
  "line_webhook_events",
  {
    webhookEventId: text("webhook_event_id").primaryKey(),
    type: text("type").notNull(),
    lineUserId: text("line_user_id"),
    payload: jsonb("payload").notNull(),
    isRedelivery: boolean("is_redelivery").notNull().default(false),
    status: text("status", { enum: WEBHOOK_EVENT_STATUSES }).notNull().default("received"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (table) => [index("line_webhook_events_pending_idx").on(table.status, table.receivedAt)],
);

export const OUTBOX_KINDS = ["push", "multicast"] as const;
/** `withdrawn`: its cause no longer wants it (a reminder for a booking cancelled before a worker claimed it). */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "withdrawn"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * The LINE messaging outbox. A row is inserted in the same transaction as the change that causes the message;
 * the worker claims rows with FOR UPDATE SKIP LOCKED and sends each with its own X-Line-Retry-Key, so a resend
 * after a crash or timeout is recognised by LINE (409) instead of being delivered twice.
 */
export const lineOutbox = pgTable(
  "line_outbox",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    /** LINE user IDs: exactly one for push, 1..500 for multicast (LINE's limit). */
    recipients: text("recipients").array().notNull(),
    messages: jsonb("messages").notNull(),
    retryKey: uuid("retry_key").notNull().unique().default(sql`gen_random_uuid()`),
    /** Optional caller key so the same cause never queues the same message twice. */
    dedupeKey: text("dedupe_key").unique(),
    cause: text("cause").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastHttpStatus: integer("last_http_status"),
    lastError: text("last_error"),
    lineRequestId: text("line_request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    index("line_outbox_due_idx").on(table.status, table.nextAttemptAt),
    check(
      "line_outbox_recipients_check",
      sql`cardinality(${table.recipients}) between 1 and 500 and (${table.kind} = 'multicast' or cardinality(${table.recipients}) = 1)`,
    ),
  ],
);

export type OutboxRow = typeof lineOutbox.$inferSelect;

/**
 * LINE's request budget shared by every worker process: a virtual clock (GCRA). Each send reserves the next slot,
 * `next_slot_at` moves on by 1/rate per request in one atomic UPDATE, and a worker waits for its slot; so any number
 * of workers together never exceed the rate.
 */
export const lineRateBudget = pgTable("line_rate_budget", {
  name: text("name").primaryKey(),
  nextSlotAt: timestamp("next_slot_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
});
