import { cookies, headers } from "next/headers";
import { isResidentLocale, localeFromAcceptLanguage, RESIDENT_LOCALE_COOKIE, RESIDENT_LOCALE_MAX_AGE_SECONDS } from "@/lib/i18n/locale";
import { ensureInProcessWorker } from "@/lib/line/in-process";
import { residentFailure } from "@/lib/residents/errors";
import { requestIdFromHeaders, residentRateLimit } from "@/lib/residents/current";
import { LIFF_NONCE_COOKIE, residentCookieName, residentCookieOptions } from "@/lib/residents/session";
import { signInWithLineIdToken } from "@/lib/residents/sign-in";
import { residentErrorJson, residentJson } from "@/lib/http/resident-json";

export const dynamic = "force-dynamic";

/** Exchanges a raw LIFF ID token (verified with LINE here) for a short-lived resident session cookie. */
export async function POST(request: Request): Promise<Response> {
  ensureInProcessWorker();
  const limited = await residentRateLimit("liff-session");
  if (!limited.allowed) return residentErrorJson(residentFailure(429, { code: "rate_limited" }), { headers: { "retry-after": String(limited.retryAfterSeconds) } });
  const jar = await cookies();
  const expectedNonce = jar.get(LIFF_NONCE_COOKIE)?.value ?? null;
  jar.delete(LIFF_NONCE_COOKIE);
  const body = await request.json().catch(() => null);
  const chosen = jar.get(RESIDENT_LOCALE_COOKIE)?.value;
  const locale = { chosen: isResidentLocale(chosen) ? chosen : null, shown: localeFromAcceptLanguage((await headers()).get("accept-language")) };
  const result = await signInWithLineIdToken(body, { expectedNonce, requestId: await requestIdFromHeaders(), locale });
  if (!result.ok) return residentErrorJson(result);
  jar.set(residentCookieName(), result.token, residentCookieOptions(result.maxAgeSeconds));
  // A language chosen on another phone comes back to this one.
  if (!locale.chosen && result.locale !== locale.shown) jar.set(RESIDENT_LOCALE_COOKIE, result.locale, residentCookieOptions(RESIDENT_LOCALE_MAX_AGE_SECONDS));
  return residentJson({ resident: { displayName: result.resident.displayName }, expiresInSeconds: result.maxAgeSeconds });
}

export async function DELETE(): Promise<Response> {
  (await cookies()).delete(residentCookieName());
  return new Response(null, { status: 204 });
}
