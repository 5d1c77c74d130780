import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { forms } from "./forms";
import { residents } from "./residents";
import { staff } from "./staff";

export const ATTACHMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const SCAN_STATUSES = ["pending", "clean", "infected", "error"] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/**
 * A file attached to a form answer. Only the metadata lives here; the bytes are in the attachment store
 * (lib/forms/attachment-store.ts) under storage_key, and an answer holds just this row's id.
 */
export const formAttachments = pgTable(
  "form_attachments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    formId: uuid("form_id").notNull().references(() => forms.id),
    questionId: text("question_id").notNull(),
    residentId: uuid("resident_id").references(() => residents.id),
    staffId: uuid("staff_id").references(() => staff.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type", { enum: ATTACHMENT_TYPES }).notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    scanStatus: text("scan_status", { enum: SCAN_STATUSES }).notNull().default("pending"),
    scannedAt: timestamp("scanned_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("form_attachments_resident_idx").on(table.residentId, table.formId, table.questionId),
    check("form_attachments_content_type_known", sql`${table.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`),
    check("form_attachments_size_positive", sql`${table.size} > 0 and ${table.size} <= 10485760`),
    check("form_attachments_scan_status_known", sql`${table.scanStatus} in ('pending', 'clean', 'infected', 'error')`),
    check("form_attachments_sha256_hex", sql`${table.sha256} ~ '^[0-9a-f]{64}$'`),
    check("form_attachments_one_uploader", sql`(${table.residentId} is null) <> (${table.staffId} is null)`),
  ],
);

export type FormAttachment = typeof formAttachments.$inferSelect;
