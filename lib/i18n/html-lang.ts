/**
 * The `<html lang>` of a request. The root layout is shared by staff and resident pages: staff pages are always
 * Japanese; LIFF pages follow the resident's language (en → "en", ja and ja-easy → "ja"). proxy.ts works it out
 * from the path and passes it to the root layout in a request header. Pure: the proxy imports it.
 */
import { htmlLangOf, resolveResidentLocale } from "./locale";

/** Set by proxy.ts on every page request (a value sent by the client is overwritten). */
export const HTML_LANG_HEADER = "x-yakuba-html-lang";

export function htmlLangForRequest({ pathname, cookie, acceptLanguage }: { pathname: string; cookie?: string | null; acceptLanguage?: string | null }): "ja" | "en" {
  if (pathname !== "/liff" && !pathname.startsWith("/liff/")) return "ja";
  return htmlLangOf(resolveResidentLocale({ cookie, acceptLanguage }));
}

/** What the root layout renders: only the two values the proxy writes; anything else is Japanese. */
export function htmlLangFromHeader(value: string | null): "ja" | "en" {
  return value === "en" ? "en" : "ja";
}
