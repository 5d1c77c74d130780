import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { departments } from "./departments";
import { staff } from "./staff";

export const PROGRAM_STATUSES = ["draft", "open", "closed"] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export const MESSAGE_TEMPLATE_KEYS = ["received", "approved", "rejected", "returned", "granted"] as const;
export type MessageTemplateKey = (typeof MESSAGE_TEMPLATE_KEYS)[number];
export type MessageTemplates = Record<MessageTemplateKey, string>;

/** Languages staff may translate a program into (standard Japanese is the program itself). */
export type ProgramTranslationLocale = "ja-easy" | "en";
/** Staff's text for one language; an empty or missing field falls back (templates: the system default; the rest: the Japanese). */
export type ProgramTranslation = { name?: string; emoneyName?: string; emoneyGuidance?: string; templates?: Partial<MessageTemplates> };
export type ProgramTranslations = Partial<Record<ProgramTranslationLocale, ProgramTranslation>>;

/** A household benefit program, e.g. 物価高騰対策 points on the regional e-money, owned by one department. */
export const benefitPrograms = pgTable("benefit_programs", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  departmentId: uuid("department_id")
    .notNull()
    .references(() => departments.id),
  /** Short code printed in receipt numbers, e.g. "BK25". */
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  pointsPerPerson: integer("points_per_person").notNull(),
  referenceDate: date("reference_date", { mode: "string" }).notNull(),
  filingOpensAt: timestamp("filing_opens_at", { withTimezone: true }).notNull(),
  filingClosesAt: timestamp("filing_closes_at", { withTimezone: true }).notNull(),
  acceptsLine: boolean("accepts_line").notNull().default(true),
  acceptsCounter: boolean("accepts_counter").notNull().default(true),
  lineRequiresJpki: boolean("line_requires_jpki").notNull().default(true),
  templates: jsonb("templates").$type<MessageTemplates>().notNull(),
  /** Where the points go (e.g. 「とうまポイントカード」) and how a resident gets an account: shown before confirming and in the receipt. */
  emoneyName: text("emoney_name"),
  emoneyGuidance: text("emoney_guidance"),
  /** Staff's やさしい日本語 and English texts: name, e-money guidance, LINE templates. */
  translations: jsonb("translations").$type<ProgramTranslations>().notNull().default({}),
  status: text("status", { enum: PROGRAM_STATUSES }).notNull().default("draft"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const rosterImports = pgTable("roster_imports", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  programId: uuid("program_id")
    .notNull()
    .references(() => benefitPrograms.id),
  fileName: text("file_name").notNull(),
  encoding: text("encoding").notNull(),
  sha256: text("sha256").notNull(),
  households: integer("households").notNull(),
  members: integer("members").notNull(),
  importedBy: uuid("imported_by").references(() => staff.id),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An eligible household as of the program's 基準日, from the resident register extract. */
export const households = pgTable(
  "households",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    programId: uuid("program_id")
      .notNull()
      .references(() => benefitPrograms.id),
    householdCode: text("household_code").notNull(),
    address: text("address").notNull(),
    /** 郵便番号, 7 digits without hyphen, printed in the letter's window-envelope address block; null when the roster has none. */
    postalCode: text("postal_code"),
    /** lib/matching's canonical address key: matching and fuzzy grouping compare this, never the raw text. */
    addressKey: text("address_key").notNull(),
    /** 照会番号 printed on the mailed letter; unguessable, with a check digit. */
    referenceCode: text("reference_code").notNull().unique(),
    memberCount: integer("member_count").notNull(),
    points: integer("points").notNull(),
    rosterImportId: uuid("roster_import_id").references(() => rosterImports.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("households_program_code_unique").on(table.programId, table.householdCode),
    index("households_program_address_idx").on(table.programId, table.addressKey),
    index("households_program_updated_idx").on(table.programId, table.updatedAt),
  ],
);

export const SEXES = ["male", "female", "other"] as const;

export const householdMembers = pgTable(
  "household_members",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    nameKana: text("name_kana").notNull(),
    nameKey: text("name_key").notNull(),
    kanaKey: text("kana_key").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    sex: text("sex", { enum: SEXES }).notNull(),
    isHead: boolean("is_head").notNull().default(false),
    /** 続柄 as the roster gives it (世帯主, 妻, 子 …). */
    relationship: text("relationship").notNull().default(""),
    position: integer("position").notNull(),
  },
  (table) => [
    index("household_members_household_idx").on(table.householdId),
    // Prefix searches (LIKE 'key%') from the counter and the review queue use these under any collation.
    index("household_members_kana_idx").on(table.kanaKey.op("text_pattern_ops")),
    index("household_members_name_idx").on(table.nameKey.op("text_pattern_ops")),
    index("household_members_birth_idx").on(table.birthDate),
    // A verified identity finds its roster entry by birth date and name key together.
    index("household_members_identity_idx").on(table.birthDate, table.nameKey),
  ],
);

export type BenefitProgram = typeof benefitPrograms.$inferSelect;
export type Household = typeof households.$inferSelect;
export type HouseholdMember = typeof householdMembers.$inferSelect;
