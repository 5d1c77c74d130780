import "server-only";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db";
import { zodFieldErrors, type GuardResult } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config/env";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import { residents } from "@/db/schema/residents";
import { clientAddress, hitRateLimit, ensureInProcessRateLimitPruning, rateLimitHit } from "@/lib/rate-limit";
import type { ResidentError } from "@/lib/i18n/resident-errors";
import { ResidentRefusal, residentFailure } from "./errors";
import { runResidentGuarded, runSessionStatements, type ResidentActor, type ResidentOperation, type ResidentSession } from "./guard";
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The rate-limit hit and the session's resident in one statement (one round trip): the count is recorded
 * whether or not the session is valid.
 */
async function rateLimitAndResident(scope: string): Promise<{ allowed: boolean; resident: ResidentActor | null }> {
  const [token, requestHeaders, db] = await Promise.all([cookies(), headers(), getDb()]);
  const sessionId = await readResidentSessionToken(token.get(residentCookieName())?.value);
  const residentId = sessionId && UUID.test(sessionId) ? sessionId : null;
  const config = getConfig();
  const hit = rateLimitHit(`${scope}:${clientAddress(requestHeaders, config.TRUSTED_PROXY_HOPS)}`, { limit: config.RESIDENT_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 });
  const [row] = rowsOf<{ hits: number; id: string | null; line_user_id: string | null; display_name: string | null; locale: string | null }>(
    await db.execute(sql`
      with hit as (${hit.statement})
      select (select hits from hit) as hits, r.id, r.line_user_id, r.display_name, r.locale
      from (values (1)) as one (x) left join ${residents} r on r.id = ${residentId}::uuid`),
  );
  ensureInProcessRateLimitPruning();
  const resident = row?.id ? { id: row.id, lineUserId: row.line_user_id!, displayName: row.display_name, locale: row.locale } : null;
  return { allowed: hit.result(row?.hits).allowed, resident };
}

/**
 * The session's check deferred into the operation's first statement: the rate-limit hit and the resident's row
 * ride along with the operation's own read, and `confirm` refuses before anything is written.
 */
function deferredSession(residentId: string, rateLimitKey: string, action: string, requestId: string): ResidentSession {
  const config = getConfig();
  const hit = rateLimitHit(rateLimitKey, { limit: config.RESIDENT_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 });
  return {
    residentId,
    cte: sql`session_hit as (${hit.statement}),`,
    columns: sql`, (select hits from session_hit) as session_hits,
      (select jsonb_build_object('id', r.id, 'lineUserId', r.line_user_id, 'displayName', r.display_name, 'locale', r.locale)
         from ${residents} r where r.id = ${residentId}::uuid) as session_resident`,
    confirm: (row) => {
      if (!hit.result(row?.session_hits as number | undefined).allowed) throw new ResidentRefusal(429, { code: "rate_limited" });
      const found = row?.session_resident as { id: string; lineUserId: string; displayName: string | null; locale: string | null } | null | undefined;
      if (!found) throw new ResidentRefusal(401, { code: "unauthenticated" });
      const resident: ResidentActor = { id: found.id, lineUserId: found.lineUserId, displayName: found.displayName, locale: found.locale };
      return { resident, audit: { actor: { type: "resident", id: resident.id, label: resident.displayName }, requestId, action } };
    },
  };
}

/** Runs a resident operation as this request's resident, after the rate limit. */
export async function runAsCurrentResident<S extends z.ZodType, T>(
  spec: ResidentOperation<S, T>,
  input: unknown,
): Promise<GuardResult<T> | { ok: false; status: 429; error: string; resident: ResidentError }> {
  const scope = `resident:${spec.action}`;
  if ("runSessionStatements" in spec) {
    const [token, requestHeaders] = await Promise.all([cookies(), headers()]);
    const sessionId = await readResidentSessionToken(token.get(residentCookieName())?.value);
    // A valid token: the check rides in the operation's first statement. Input is parsed first, so a malformed
    // request costs no database work (and no rate-limit hit); anything else is counted and checked as usual.
    if (sessionId && UUID.test(sessionId)) {
      const parsed = spec.schema.safeParse(input);
      if (!parsed.success) return { ...residentFailure(400, { code: "invalid" }), fieldErrors: zodFieldErrors(parsed.error) };
      const requestId = requestHeaders.get("x-request-id") ?? randomUUID();
      const key = `${scope}:${clientAddress(requestHeaders, getConfig().TRUSTED_PROXY_HOPS)}`;
      ensureInProcessRateLimitPruning();
      return runSessionStatements(spec, {
        data: parsed.data as z.infer<S>,
        session: deferredSession(sessionId, key, spec.action, requestId),
        context: { actor: { type: "resident", id: sessionId, label: null }, requestId, action: spec.action },
      });
    }
  }
  const { allowed, resident } = await rateLimitAndResident(scope);
  if (!allowed) return residentFailure(429, { code: "rate_limited" });
  return runResidentGuarded({ resident, requestId: await requestIdFromHeaders() }, spec, input);
}
