import "server-only";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db";
import type { GuardResult } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config/env";
import { clientAddress, hitRateLimit } from "@/lib/rate-limit";
import type { ResidentError } from "@/lib/i18n/resident-errors";
import { residentFailure } from "./errors";
import { runResidentGuarded, type ResidentActor, type ResidentGuardSpec } from "./guard";
import { getResidentById } from "./residents";
import { readResidentSessionToken, residentCookieName } from "./session";

/** The resident of this request's session cookie, loaded fresh; null when there is no valid session. */
export async function getCurrentResident(): Promise<ResidentActor | null> {
  const residentId = await readResidentSessionToken((await cookies()).get(residentCookieName())?.value);
  if (!residentId) return null;
  const resident = await getResidentById(await getDb(), residentId);
  return resident ? { id: resident.id, lineUserId: resident.lineUserId, displayName: resident.displayName, locale: resident.locale } : null;
}

/** Only our own LIFF pages are valid targets after sign-in. */
export function safeLiffPath(path: string | null | undefined): string | null {
  return path && /^\/liff(\/[A-Za-z0-9_\-/]*)?(\?[A-Za-z0-9_\-=&%:.]*)?$/.test(path) ? path : null;
}

/**
 * For LIFF pages: the signed-in resident, or a redirect to /liff, which identifies the resident through LIFF
 * and comes back to `returnTo` (this page's path).
 */
export async function requireResidentPage(returnTo: string): Promise<ResidentActor> {
  const resident = await getCurrentResident();
  if (!resident) redirect(safeLiffPath(returnTo) ? `/liff?next=${encodeURIComponent(returnTo)}` : "/liff");
  return resident;
}

export async function requestIdFromHeaders(): Promise<string> {
  return (await headers()).get("x-request-id") ?? randomUUID();
}

/** Per-address budget for resident endpoints (RESIDENT_RATE_LIMIT_PER_MINUTE, or a stricter one given). */
export async function residentRateLimit(scope: string, perMinute?: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const config = getConfig();
  const limit = perMinute ?? config.RESIDENT_RATE_LIMIT_PER_MINUTE;
  return hitRateLimit(`${scope}:${clientAddress(await headers(), config.TRUSTED_PROXY_HOPS)}`, { limit, windowSeconds: 60 });
}

/** Runs a resident operation as this request's resident, after the rate limit. */
export async function runAsCurrentResident<S extends z.ZodType, T>(
  spec: ResidentGuardSpec<S, T>,
  input: unknown,
): Promise<GuardResult<T> | { ok: false; status: 429; error: string; resident: ResidentError }> {
  // The count and the session's resident are independent: read together.
  const [limited, resident] = await Promise.all([residentRateLimit(`resident:${spec.action}`), getCurrentResident()]);
  if (!limited.allowed) return residentFailure(429, { code: "rate_limited" });
  return runResidentGuarded({ resident, requestId: await requestIdFromHeaders() }, spec, input);
}
