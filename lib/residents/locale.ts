import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { residents } from "@/db/schema/residents";
import { DEFAULT_RESIDENT_LOCALE, isResidentLocale, type ResidentLocale } from "@/lib/i18n/locale";

/** Keeps the resident's chosen language server-side, so LINE messages (sent without a browser) follow it. */
export async function saveResidentLocale(db: Executor, input: { residentId: string; locale: ResidentLocale }): Promise<void> {
  await db
    .update(residents)
    .set({ locale: input.locale, updatedAt: sql`now()` })
    .where(and(eq(residents.id, input.residentId), or(isNull(residents.locale), sql`${residents.locale} <> ${input.locale}`)));
}

/** The language to write to this resident in: their choice, else standard Japanese. */
export async function getResidentLocaleById(db: Executor, residentId: string): Promise<ResidentLocale> {
  const [row] = await db.select({ locale: residents.locale }).from(residents).where(eq(residents.id, residentId));
  return residentLocaleOrDefault(row?.locale);
}

export function residentLocaleOrDefault(value: string | null | undefined): ResidentLocale {
  return isResidentLocale(value) ? value : DEFAULT_RESIDENT_LOCALE;
}
