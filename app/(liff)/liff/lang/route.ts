import { cookieValue } from "@/lib/http/cookies";
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { isResidentLocale, RESIDENT_LOCALE_COOKIE, RESIDENT_LOCALE_MAX_AGE_SECONDS } from "@/lib/i18n/locale";
import { readResidentSessionToken, residentCookieName, residentCookieOptions } from "@/lib/residents/session";
import { saveResidentLocale } from "@/lib/residents/locale";
import { safeLiffPath } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/** The return path: `next` when given, else the LIFF page the switch was pressed on (Referer, same origin only). */
function returnPath(url: URL, referer: string | null): string {
  const next = url.searchParams.get("next");
  if (next !== null) return next;
  if (!referer) return "";
  try {
    const from = new URL(referer);
    return from.origin === url.origin ? `${from.pathname}${from.search}` : "";
  } catch {
    return "";
  }
}

/**
 * The language switch: `/liff/lang?to=en&next=/liff/benefit` keeps the choice in a cookie for a year and, for a
 * signed-in resident, on their record (LINE messages follow it), then goes back to the page (our own LIFF pages
 * only). A plain link, so it works before the page has hydrated.
 */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const to = url.searchParams.get("to");
  const next = returnPath(url, request.headers.get("referer"));
  // A query the strict pattern refuses (e.g. "+" for a space) is dropped rather than the whole return path.
  const target = safeLiffPath(next) ?? safeLiffPath(next.split("?")[0]) ?? "/liff";
  // A relative Location: the browser resolves it against the URL it asked for, whatever a proxy saw.
  const response = new NextResponse(null, { status: 303, headers: { location: target, "cache-control": "no-store" } });
  if (!isResidentLocale(to)) return response;
  response.cookies.set(RESIDENT_LOCALE_COOKIE, to, residentCookieOptions(RESIDENT_LOCALE_MAX_AGE_SECONDS));
  const residentId = await readResidentSessionToken(cookieValue(request.headers.get("cookie"), residentCookieName()));
  if (residentId) await saveResidentLocale(await getDb(), { residentId, locale: to });
  return response;
}
