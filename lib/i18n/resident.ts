import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { RESIDENT_LOCALE_COOKIE, resolveResidentLocale, type ResidentLocale } from "./locale";
import { RESIDENT_MESSAGES, type ResidentMessages } from "./messages";

export * from "./locale";
export { RESIDENT_MESSAGES, type ResidentMessages };

/** This request's resident language: the `yakuba_lang` cookie, else Accept-Language (en* → en, else ja). */
export const getResidentLocale = cache(async (): Promise<ResidentLocale> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveResidentLocale({ cookie: cookieStore.get(RESIDENT_LOCALE_COOKIE)?.value, acceptLanguage: headerList.get("accept-language") });
});

/** The locale and its dictionary, for server components and generateMetadata. */
export async function getResidentMessages(): Promise<{ locale: ResidentLocale; t: ResidentMessages }> {
  const locale = await getResidentLocale();
  return { locale, t: RESIDENT_MESSAGES[locale] };
}

/** generateMetadata for a resident page: its title in the resident's language. */
export function residentTitle(pick: (t: ResidentMessages) => string) {
  return async () => ({ title: pick((await getResidentMessages()).t) });
}
