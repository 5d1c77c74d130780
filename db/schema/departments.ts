import { sql } from "drizzle-orm";
import { boolean, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Sites of the town hall: the case-study town runs a main office and a branch. */
export const SITES = ["本庁舎", "支所"] as const;
export type Site = (typeof SITES)[number];

export const departments = pgTable("departments", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  code: text("code").notNull().unique(),
  name: text("name").notNull().unique(),
  site: text("site", { enum: SITES }).notNull().default("本庁舎"),
  phone: text("phone"),
  counterHours: text("counter_hours"),
  /** The counter hours in やさしい日本語 and English, as staff write them; a missing one falls back to the Japanese. */
  counterHoursTranslations: jsonb("counter_hours_translations").$type<Partial<Record<"ja-easy" | "en", string>>>().notNull().default({}),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Department = typeof departments.$inferSelect;
