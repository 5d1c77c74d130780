import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { departments } from "./departments";
import { residents } from "./residents";

/**
 * An application form owned by a department. Its state follows from the columns: draft (no live version),
 * live, live with a draft (a live version and a draft definition), archived.
 */
export const forms = pgTable(
  "forms",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    departmentId: uuid("department_id").notNull().references(() => departments.id),
    /** Stable slug used in links, e.g. koseki-shomei. */
    code: text("code").notNull().unique(),
    /** The Japanese title of the latest definition, for lists. */
    title: text("title").notNull(),
    draftDefinition: jsonb("draft_definition"),
    draftUpdatedAt: timestamp("draft_updated_at", { withTimezone: true }),
    liveVersionId: uuid("live_version_id"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check("forms_code_format", sql`${table.code} ~ '^[a-z0-9][a-z0-9-]{1,39}$'`),
    check("forms_has_definition", sql`${table.draftDefinition} is not null or ${table.liveVersionId} is not null`),
    check("forms_archived_without_draft", sql`${table.archivedAt} is null or ${table.draftDefinition} is null`),
  ],
);

/** A published snapshot, frozen: a trigger refuses UPDATE and DELETE. Submissions and drafts point at one. */
export const formVersions = pgTable(
  "form_versions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    formId: uuid("form_id").notNull().references(() => forms.id),
    version: integer("version").notNull(),
    definition: jsonb("definition").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: text("published_by"),
  },
  (table) => [unique("form_versions_form_version").on(table.formId, table.version), check("form_versions_positive", sql`${table.version} >= 1`)],
);

/** A resident's saved answers (save and return), kept on the version the resident started with. */
export const formDrafts = pgTable(
  "form_drafts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    formId: uuid("form_id").notNull().references(() => forms.id),
    versionId: uuid("version_id").notNull().references(() => formVersions.id),
    residentId: uuid("resident_id").notNull().references(() => residents.id),
    answers: jsonb("answers").notNull().default(sql`'{}'::jsonb`),
    pageId: text("page_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    /** Set when the draft corrects a returned submission: filing it resubmits that submission (same reference). */
    resubmitsSubmissionId: uuid("resubmits_submission_id").references((): AnyPgColumn => formSubmissions.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("form_drafts_one_per_resident").on(table.formId, table.residentId),
    index("form_drafts_expiry_idx").on(table.expiresAt),
    index("form_drafts_reminder_due_idx").on(table.expiresAt).where(sql`${table.reminderSentAt} is null`),
  ],
);

/** TASK-asp's states: 送信済 (submitted), 処理中 (in review), 差し戻し, 申請却下, 取下げ, 処理完了 (issued/mailed). */
export const SUBMISSION_STATUSES = ["awaiting_payment", "submitted", "returned", "approved", "rejected", "withdrawn", "completed"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const formSubmissions = pgTable(
  "form_submissions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    reference: text("reference").notNull().unique(),
    formId: uuid("form_id").notNull().references(() => forms.id),
    versionId: uuid("version_id").notNull().references(() => formVersions.id),
    departmentId: uuid("department_id").notNull().references(() => departments.id),
    residentId: uuid("resident_id").references(() => residents.id),
    channel: text("channel", { enum: ["liff", "counter"] }).notNull(),
    answers: jsonb("answers").notNull(),
    /** The fee due: computed at filing (申請時) or fixed by staff (事後決済); null while not yet fixed. */
    feeAmount: integer("fee_amount"),
    feeFixedAt: timestamp("fee_fixed_at", { withTimezone: true }),
    status: text("status", { enum: SUBMISSION_STATUSES }).notNull(),
    statusReason: text("status_reason"),
    submittedAt: timestamp("submitted_at", { withTimezone: true, precision: 3 }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by"),
    /** 交付済み / 発送済み: how and when the result left the office. */
    completion: text("completion", { enum: ["issued", "mailed"] }),
    completedOn: text("completed_on"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("form_submissions_queue_idx").on(table.departmentId, table.status, table.submittedAt, table.id),
    index("form_submissions_resident_idx").on(table.residentId, table.createdAt),
    uniqueIndex("form_submissions_one_awaiting_payment").on(table.formId, table.residentId).where(sql`${table.status} = 'awaiting_payment'`),
    check("form_submissions_status_known", sql`${table.status} in ('awaiting_payment', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'completed')`),
    check("form_submissions_fee_nonnegative", sql`${table.feeAmount} is null or ${table.feeAmount} >= 0`),
    check("form_submissions_completed_has_date", sql`(${table.status} = 'completed') = (${table.completion} is not null and ${table.completedOn} is not null)`),
    check("form_submissions_channel_resident", sql`${table.channel} = 'counter' or ${table.residentId} is not null`),
  ],
);

export type Form = typeof forms.$inferSelect;
export type FormVersion = typeof formVersions.$inferSelect;
export type FormDraft = typeof formDrafts.$inferSelect;
export type FormSubmission = typeof formSubmissions.$inferSelect;
