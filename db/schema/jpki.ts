import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { residents } from "./residents";

export const JPKI_REQUEST_STATUSES = ["started", "completing", "verified", "cancelled", "failed"] as const;

/** One authorization request: state, nonce and PKCE verifier stay server-side, bound to resident and purpose. */
export const jpkiRequests = pgTable(
  "jpki_requests",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => residents.id),
    purpose: text("purpose").notNull(),
    /** SHA-256 of the state parameter; the callback looks the request up by it. */
    stateHash: text("state_hash").notNull().unique(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    returnTo: text("return_to").notNull(),
    status: text("status", { enum: JPKI_REQUEST_STATUSES }).notNull().default("started"),
    outcome: text("outcome"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (table) => [index("jpki_requests_resident_idx").on(table.residentId, table.createdAt)],
);

/**
 * The result of a JPKI identity check: the 基本4情報 only, bound to one resident and one purpose.
 * The subject is stored as a keyed hash; the My Number is never requested, so it cannot be stored.
 */
export const jpkiVerifications = pgTable(
  "jpki_verifications",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => residents.id),
    requestId: uuid("request_id")
      .notNull()
      .unique()
      .references(() => jpkiRequests.id),
    purpose: text("purpose").notNull(),
    issuer: text("issuer").notNull(),
    subjectHash: text("subject_hash").notNull(),
    name: text("name").notNull(),
    address: text("address").notNull(),
    birthdate: text("birthdate").notNull(),
    gender: text("gender").notNull(),
    /** The name's matching key (lib/matching nameKey), stored at verification so the roster match is one indexed lookup. */
    nameKey: text("name_key"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("jpki_verifications_resident_purpose_idx").on(table.residentId, table.purpose, table.verifiedAt)],
);

export type JpkiVerification = typeof jpkiVerifications.$inferSelect;
