import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { residents } from "./residents";

/** GOV.UK Pay's states: created → started → success | failed | error. success and failed never change again. */
export const PAYMENT_STATUSES = ["created", "started", "success", "failed", "error"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_FAILURES = ["declined", "expired", "cancelled"] as const;
export type PaymentFailure = (typeof PAYMENT_FAILURES)[number];
export const REFUND_STATUSES = ["submitted", "success", "error"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
/** "stripe" is paid through the provider's hosted page; "cash" is taken at the counter by staff. */
export const PAYMENT_METHODS = ["stripe", "cash"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * One attempt to collect a fee for something a service owns (subjectType + subjectId, e.g. a form submission).
 * Only the payments layer changes a row's status, and only from a verified webhook or a status query.
 */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** The reference shown to the resident and staff, e.g. P-20261201-7F3K9Q. */
    reference: text("reference").notNull().unique(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    departmentId: uuid("department_id"),
    residentId: uuid("resident_id").references(() => residents.id),
    method: text("method", { enum: PAYMENT_METHODS }).notNull(),
    /** Yen (JPY has no minor unit). */
    amount: integer("amount").notNull(),
    description: text("description").notNull(),
    /** Sent with the create call: a retried create returns the same hosted session, never a second one. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    providerSessionId: text("provider_session_id").unique(),
    providerPaymentId: text("provider_payment_id"),
    hostedUrl: text("hosted_url"),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull().default("created"),
    failure: text("failure", { enum: PAYMENT_FAILURES }),
    /** Who cancelled: the resident (back from the hosted page) or staff. */
    cancelledBy: text("cancelled_by", { enum: ["resident", "staff"] }),
    /** The resident was declined at least once on the hosted page (kept to name a later cancellation). */
    declinedAt: timestamp("declined_at", { withTimezone: true }),
    errorText: text("error_text"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    refundStatus: text("refund_status", { enum: REFUND_STATUSES }),
    refundId: text("refund_id"),
    refundReason: text("refund_reason"),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // A subject is paid at most once, whatever the channel.
    uniqueIndex("payments_one_success_per_subject").on(table.subjectType, table.subjectId).where(sql`${table.status} = 'success'`),
    // At most one hosted page open per subject: a second create reuses or replaces it, never runs beside it.
    uniqueIndex("payments_one_open_per_subject").on(table.subjectType, table.subjectId).where(sql`${table.status} in ('created', 'started')`),
    index("payments_status_created_idx").on(table.status, table.createdAt),
    check("payments_status_known", sql`${table.status} in ('created', 'started', 'success', 'failed', 'error')`),
    check("payments_failure_known", sql`${table.failure} is null or ${table.failure} in ('declined', 'expired', 'cancelled')`),
    check("payments_refund_status_known", sql`${table.refundStatus} is null or ${table.refundStatus} in ('submitted', 'success', 'error')`),
    check("payments_method_known", sql`${table.method} in ('stripe', 'cash')`),
    check("payments_amount_positive", sql`${table.amount} > 0 and ${table.amount} <= 10000000`),
    check("payments_failure_only_when_failed", sql`(${table.status} = 'failed') = (${table.failure} is not null)`),
    check("payments_paid_at_only_when_success", sql`(${table.status} = 'success') = (${table.paidAt} is not null)`),
    check("payments_refund_only_when_paid", sql`${table.refundStatus} is null or ${table.status} = 'success'`),
    check("payments_cash_has_no_provider", sql`${table.method} <> 'cash' or ${table.providerSessionId} is null`),
  ],
);

export type Payment = typeof payments.$inferSelect;

/**
 * The payment log: every provider event and status query result once, keyed by the provider's event id, so a
 * webhook delivered twice is recognised and changes nothing the second time.
 */
export const paymentEvents = pgTable(
  "payment_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    providerEventId: text("provider_event_id").notNull().unique(),
    paymentId: uuid("payment_id").references(() => payments.id),
    source: text("source", { enum: ["webhook", "status_query", "staff"] }).notNull(),
    type: text("type").notNull(),
    /** The transition this event made (e.g. "started→success"), or null when it changed nothing. */
    transition: text("transition"),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("payment_events_payment_idx").on(table.paymentId, table.receivedAt)],
);

export type PaymentEvent = typeof paymentEvents.$inferSelect;
