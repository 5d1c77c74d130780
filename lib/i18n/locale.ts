/**
 * Resident page languages: 日本語 (standard, the default), やさしい日本語 (easy Japanese: short sentences, spaces
 * between phrases, simple words) and English. Pure and client-safe: the language switch imports it too.
 */

export const RESIDENT_LOCALES = ["ja", "ja-easy", "en"] as const;
export type ResidentLocale = (typeof RESIDENT_LOCALES)[number];
export const DEFAULT_RESIDENT_LOCALE: ResidentLocale = "ja";

/** The resident's choice, kept a year (SameSite=Lax; see app/(liff)/liff/lang/route.ts). */
export const RESIDENT_LOCALE_COOKIE = "yakuba_lang";
export const RESIDENT_LOCALE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Each language's name in itself, as the switch shows it, with the `lang` to mark it up with. */
export const RESIDENT_LOCALE_NAMES: Record<ResidentLocale, { label: string; lang: "ja" | "en" }> = {
  ja: { label: "日本語", lang: "ja" },
  "ja-easy": { label: "やさしい日本語", lang: "ja" },
  en: { label: "English", lang: "en" },
};

export function isResidentLocale(value: unknown): value is ResidentLocale {
  return typeof value === "string" && (RESIDENT_LOCALES as readonly string[]).includes(value);
}

/** The `lang` attribute of a page in that locale: easy Japanese is still Japanese. */
export function htmlLangOf(locale: ResidentLocale): "ja" | "en" {
  return RESIDENT_LOCALE_NAMES[locale].lang;
}

/**
 * First visit: the browser's most preferred language among Japanese and English decides (en* → en, else ja).
 * "fr, en;q=0.8" → en; "en-US;q=0.5, ja" → ja; nothing usable → ja.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): ResidentLocale {
  if (!header) return DEFAULT_RESIDENT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => param.trim()).find((param) => /^q=/i.test(param));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const best = ranked.find((entry) => /^(ja|en)(-|$)/.test(entry.tag));
  return best && /^en(-|$)/.test(best.tag) ? "en" : DEFAULT_RESIDENT_LOCALE;
}

/** A valid cookie wins; otherwise Accept-Language. */
export function resolveResidentLocale({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): ResidentLocale {
  return isResidentLocale(cookie) ? cookie : localeFromAcceptLanguage(acceptLanguage);
}

/** The URL of the switch: sets the cookie and comes back to `returnTo` (the current LIFF page). */
export function languageSwitchHref(locale: ResidentLocale, returnTo: string): string {
  return `/liff/lang?${new URLSearchParams({ to: locale, next: returnTo })}`;
}
