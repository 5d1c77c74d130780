import { NextResponse } from "next/server";
import { isResidentLocale, RESIDENT_LOCALE_COOKIE, RESIDENT_LOCALE_MAX_AGE_SECONDS } from "@/lib/i18n/locale";
import { safeLiffPath } from "@/lib/residents/current";
import { residentCookieOptions } from "@/lib/residents/session";

export const dynamic = "force-dynamic";

/**
 * The language switch: `/liff/lang?to=en&next=/liff/benefit` keeps the choice in a cookie for a year and goes
 * back to the page (our own LIFF pages only). A plain link, so it works before the page has hydrated.
 */
export function GET(request: Request): Response {
  const url = new URL(request.url);
  const to = url.searchParams.get("to");
  const next = url.searchParams.get("next") ?? "";
  // A query the strict pattern refuses (e.g. "+" for a space) is dropped rather than the whole return path.
  const target = safeLiffPath(next) ?? safeLiffPath(next.split("?")[0]) ?? "/liff";
  // A relative Location: the browser resolves it against the URL it asked for, whatever a proxy saw.
  const response = new NextResponse(null, { status: 303, headers: { location: target, "cache-control": "no-store" } });
  if (isResidentLocale(to)) response.cookies.set(RESIDENT_LOCALE_COOKIE, to, residentCookieOptions(RESIDENT_LOCALE_MAX_AGE_SECONDS));
  return response;
}
