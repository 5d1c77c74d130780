import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { filings } from "./filings";
import { benefitPrograms } from "./programs";
import { staff } from "./staff";

export const BATCH_STATUSES = ["open", "exported", "completed"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const ITEM_RESULTS = ["pending", "granted", "failed"] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

/** A grant batch for the e-money vendor; count and total points are its control totals. */
export const grantBatches = pgTable("grant_batches", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  programId: uuid("program_id")
    .notNull()
    .references(() => benefitPrograms.id),
  batchNumber: text("batch_number").notNull().unique(),
  status: text("status", { enum: BATCH_STATUSES }).notNull().default("open"),
  itemCount: integer("item_count").notNull(),
  // A large town's batch can pass 2^31 points; JS numbers stay exact to 2^53.
  totalPoints: bigint("total_points", { mode: "number" }).notNull(),
  createdByStaffId: uuid("created_by_staff_id").references(() => staff.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  exportedAt: timestamp("exported_at", { withTimezone: true }),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  grantedCount: integer("granted_count"),
  failedCount: integer("failed_count"),
});

export const grantBatchItems = pgTable(
  "grant_batch_items",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => grantBatches.id),
    filingId: uuid("filing_id")
      .notNull()
      .references(() => filings.id),
    points: integer("points").notNull(),
    result: text("result", { enum: ITEM_RESULTS }).notNull().default("pending"),
    /** True while the item still claims its filing (pending or granted); a failure releases it to the queue. */
    claimsFiling: boolean("claims_filing").notNull().default(true),
    failureReason: text("failure_reason"),
  },
  (table) => [
    // Invariant 2: a filing is in at most one live batch, and is granted at most once.
    uniqueIndex("grant_batch_items_one_claim_per_filing").on(table.filingId).where(sql`claims_filing`),
    uniqueIndex("grant_batch_items_one_grant_per_filing").on(table.filingId).where(sql`result = 'granted'`),
    // The export reads a batch in filing-id order, in keyset chunks.
    index("grant_batch_items_batch_filing_idx").on(table.batchId, table.filingId),
  ],
);

export type GrantBatch = typeof grantBatches.$inferSelect;
export type GrantBatchItem = typeof grantBatchItems.$inferSelect;
