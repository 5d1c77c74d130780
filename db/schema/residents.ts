import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * A resident as LINE knows them: keyed by the LINE user ID that LINE itself vouched for
 * (a verified ID token's `sub`, or the source of a signed webhook event). No register data lives here.
 */
export const residents = pgTable("residents", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  lineUserId: text("line_user_id").notNull().unique(),
  displayName: text("display_name"),
  /** True while the resident has the official account as a friend (follow without a later unfollow). */
  following: boolean("following").notNull().default(false),
  followedAt: timestamp("followed_at", { withTimezone: true }),
  /** Set by an unfollow (block); cleared by the next follow. No message is queued while set. */
  blockedAt: timestamp("blocked_at", { withTimezone: true }),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  /** The language the resident chose (ja, ja-easy, en); every LINE message and page follows it. Null: not chosen yet. */
  locale: text("locale"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [check("residents_locale_known", sql`${table.locale} is null or ${table.locale} in ('ja', 'ja-easy', 'en')`)]);

export type Resident = typeof residents.$inferSelect;

/** Fixed-window request counters shared by every app instance (lib/rate-limit). */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.key, table.windowStart] })],
);

/**
 * LIFF ID tokens that have opened a session, by SHA-256, kept until the token's exp: the primary key lets one
 * token open at most one session, however often it is replayed and on however many app instances.
 */
export const usedIdTokens = pgTable(
  "used_id_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("used_id_tokens_expires_idx").on(table.expiresAt)],
);
