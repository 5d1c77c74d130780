import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgSequence, smallint, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jpkiVerifications } from "./jpki";
import { benefitPrograms, householdMembers, households } from "./programs";
import { residents } from "./residents";
import { staff } from "./staff";

export const ADDRESS_MATCHES = ["exact", "block", "partial"] as const;
export type AddressMatch = (typeof ADDRESS_MATCHES)[number];

export const FILING_CHANNELS = ["line", "counter"] as const;
export type FilingChannel = (typeof FILING_CHANNELS)[number];

export const FILING_STATUSES = ["submitted", "returned", "approved", "granted", "rejected", "withdrawn", "closed_duplicate"] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
/** Statuses that hold the household's one filing; the partial unique index below lists the same set. */
export const ACTIVE_FILING_STATUSES = ["submitted", "returned", "approved", "granted"] as const satisfies readonly FilingStatus[];
/** The partial unique index's predicate; an `on conflict` naming that index must repeat it exactly. */
export const ACTIVE_FILING_PREDICATE = sql`status in ('submitted', 'returned', 'approved', 'granted')`;

export const IDENTITY_DOCUMENTS = ["my_number_card", "drivers_license", "passport", "health_insurance", "residence_card", "other"] as const;
export type IdentityDocument = (typeof IDENTITY_DOCUMENTS)[number];

/** Receipt numbers come from a sequence: unique and gap-tolerant without a hot counter row. */
export const filingReceiptSequence = pgSequence("filing_receipt_seq", { startWith: 1 });

export const filings = pgTable(
  "filings",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    programId: uuid("program_id")
      .notNull()
      .references(() => benefitPrograms.id),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id),
    representativeMemberId: uuid("representative_member_id")
      .notNull()
      .references(() => householdMembers.id),
    receiptNumber: text("receipt_number").notNull().unique(),
    channel: text("channel", { enum: FILING_CHANNELS }).notNull(),
    status: text("status", { enum: FILING_STATUSES }).notNull().default("submitted"),
    points: integer("points").notNull(),
    /** LINE filings: the resident and the JPKI verification that proved who they are. */
    residentId: uuid("resident_id").references(() => residents.id),
    jpkiVerificationId: uuid("jpki_verification_id").references(() => jpkiVerifications.id),
    /** Counter filings: which document the clerk checked (the document number is never recorded). */
    identityDocument: text("identity_document", { enum: IDENTITY_DOCUMENTS }),
    filedByStaffId: uuid("filed_by_staff_id").references(() => staff.id),
    /** LINE filings: how the card's address matched the roster; "partial" needs a reviewer's eye (no bulk approval). */
    addressMatch: text("address_match", { enum: ADDRESS_MATCHES }),
    /** Set by the fuzzy duplicate scan; cleared when staff resolve the group. */
    duplicateSuspected: boolean("duplicate_suspected").notNull().default(false),
    /** Staff looked at the suspected group and found no duplicate; later scans leave the filing alone. */
    duplicateReviewedAt: timestamp("duplicate_reviewed_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    decidedByStaffId: uuid("decided_by_staff_id").references(() => staff.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    grantedAt: timestamp("granted_at", { withTimezone: true }),
    // Millisecond precision: the review queue's keyset cursor travels as a JS Date, which has no microseconds.
    submittedAt: timestamp("submitted_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Invariant 1: one household, one accepted filing per program, whatever the channel or the timing.
    uniqueIndex("filings_one_active_per_household")
      .on(table.programId, table.householdId)
      .where(ACTIVE_FILING_PREDICATE),
    index("filings_queue_idx").on(table.programId, table.status, table.submittedAt, table.id),
    index("filings_program_submitted_idx").on(table.programId, table.submittedAt, table.id),
    index("filings_flagged_idx").on(table.programId, table.submittedAt, table.id).where(sql`duplicate_suspected`),
    index("filings_resident_idx").on(table.residentId),
    index("filings_program_updated_idx").on(table.programId, table.updatedAt),
    // The report's median time to grant reads the middle of this index (index-only) instead of sorting every granted filing.
    index("filings_grant_hours_idx")
      .on(table.programId, sql`(extract(epoch from ${table.grantedAt} - ${table.submittedAt}))`)
      .where(sql`status = 'granted'`),
  ],
);

/**
 * The program report's counts as signed deltas, appended by statement triggers on filings, household_members and
 * benefit_programs (migration 0020) in the same statement as each change; the report sums a program's rows, and
 * filing_tallies_compact() folds them into one per key. Append-only: concurrent writers never wait on a counter row.
 */
export const filingTallies = pgTable(
  "filing_tallies",
  {
    programId: uuid("program_id")
      .notNull()
      .references(() => benefitPrograms.id, { onDelete: "cascade" }),
    status: text("status", { enum: FILING_STATUSES }).notNull(),
    channel: text("channel", { enum: FILING_CHANNELS }).notNull(),
    /** Hour of submission, Japan time. */
    hour: smallint("hour").notNull(),
    /** The representative's age band at the program's reference date, 0–3 (lib/programs/report AGE_BANDS). */
    ageBand: smallint("age_band").notNull(),
    duplicateSuspected: boolean("duplicate_suspected").notNull(),
    filings: integer("filings").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
  },
  (table) => [index("filing_tallies_program_idx").on(table.programId)],
);

/** The report's household count per program as signed deltas, appended by statement triggers on households (0020). */
export const householdTallies = pgTable(
  "household_tallies",
  {
    programId: uuid("program_id")
      .notNull()
      .references(() => benefitPrograms.id, { onDelete: "cascade" }),
    households: integer("households").notNull(),
  },
  (table) => [index("household_tallies_program_idx").on(table.programId)],
);

/** Status history shown to the resident and to staff; the audit log keeps the full record. */
export const filingEvents = pgTable(
  "filing_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    filingId: uuid("filing_id")
      .notNull()
      .references(() => filings.id),
    fromStatus: text("from_status", { enum: FILING_STATUSES }),
    toStatus: text("to_status", { enum: FILING_STATUSES }).notNull(),
    reason: text("reason"),
    staffId: uuid("staff_id").references(() => staff.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("filing_events_filing_idx").on(table.filingId, table.at)],
);

export type Filing = typeof filings.$inferSelect;
export type FilingEvent = typeof filingEvents.$inferSelect;
