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
import { cookieValue } from "@/lib/http/cookies";
import { clientAddress, hitRateLimit, ensureInProcessRateLimitPruning, rateLimitHit, rateLimitHitSql, type RateLimitName } from "@/lib/rate-limit";
import { cachedStatement, placeholder } from "@/db/cached-statement";
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

/** This request's session (the resident id a valid token names, else null) and its rate-limit key for `scope`. */
async function requestSession(scope: string, request?: Request): Promise<{ residentId: string | null; rateLimitKey: string; requestId: string }> {
  // The Cookie header read directly: a route handler's cookies() builds a mutable store for setting cookies. A route
  // handler passes its own Request, whose headers need no trip through next/headers' request store.
  const requestHeaders = request?.headers ?? (await headers());
  const sessionId = await readResidentSessionToken(cookieValue(requestHeaders.get("cookie"), residentCookieName()) ?? undefined);
  return {
    residentId: sessionId && UUID.test(sessionId) ? sessionId : null,
    rateLimitKey: `${scope}:${clientAddress(requestHeaders, getConfig().TRUSTED_PROXY_HOPS)}`,
    requestId: requestHeaders.get("x-request-id") ?? randomUUID(),
  };
}

type SessionCheckName = RateLimitName | "sessionResidentId";

/** The session's check as SQL to put in a statement, built once: the rate-limit hit and the session's resident row. */
const SESSION_CHECK_SQL = {
  key: "resident-session",
  cte: sql`session_hit as (${rateLimitHitSql(placeholder)}),`,
  columns: sql`, (select hits from session_hit) as session_hits,
      (select jsonb_build_object('id', r.id, 'lineUserId', r.line_user_id, 'displayName', r.display_name, 'locale', r.locale)
         from ${residents} r where r.id = ${placeholder<SessionCheckName>("sessionResidentId")}::uuid) as session_resident`,
};

/**
 * The session's check for one request (the rate-limit hit, recorded whether or not the session is valid, and
 * the session's resident row): SESSION_CHECK_SQL with its values; `read` takes the statement's row.
 */
function sessionCheck(residentId: string | null, rateLimitKey: string) {
  const hit = rateLimitHit(rateLimitKey, { limit: getConfig().RESIDENT_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 });
  ensureInProcessRateLimitPruning();
  return {
    ...SESSION_CHECK_SQL,
    values: { ...hit.values, sessionResidentId: residentId } satisfies Record<SessionCheckName, unknown>,
    read(row: Record<string, unknown> | undefined): { allowed: boolean; resident: ResidentActor | null } {
      const found = row?.session_resident as { id: string; lineUserId: string; displayName: string | null; locale: string | null } | null | undefined;
      return {
        allowed: hit.result(row?.session_hits as number | undefined).allowed,
        resident: found ? { id: found.id, lineUserId: found.lineUserId, displayName: found.displayName, locale: found.locale } : null,
      };
    },
  };
}

const sessionCheckStatement = cachedStatement<SessionCheckName>(() => sql`with ${SESSION_CHECK_SQL.cte} checked as (select 1) select 1 as checked ${SESSION_CHECK_SQL.columns}`);

/** The session's check as a statement of its own (one round trip), for operations that do not carry it. */
async function rateLimitAndResident(scope: string, httpRequest?: Request): Promise<{ allowed: boolean; resident: ResidentActor | null; requestId: string }> {
  const request = await requestSession(scope, httpRequest);
  const check = sessionCheck(request.residentId, request.rateLimitKey);
  const [row] = rowsOf<Record<string, unknown>>(await sessionCheckStatement(await getDb(), check.values));
  return { ...check.read(row), requestId: request.requestId };
}

/**
 * The session's check deferred into the operation's first statement: the rate-limit hit and the resident's row
 * ride along with the operation's own read, and `confirm` refuses before anything is written.
 */
function deferredSession(residentId: string, rateLimitKey: string, action: string, requestId: string): ResidentSession {
  const check = sessionCheck(residentId, rateLimitKey);
  return {
    residentId,
    check: { ...SESSION_CHECK_SQL, values: check.values },
    confirm: (row) => {
      const { allowed, resident } = check.read(row);
      if (!allowed) throw new ResidentRefusal(429, { code: "rate_limited" });
      if (!resident) throw new ResidentRefusal(401, { code: "unauthenticated" });
      return { resident, audit: { actor: { type: "resident", id: resident.id, label: resident.displayName }, requestId, action } };
    },
  };
}

/** Runs a resident operation as this request's resident, after the rate limit. */
export async function runAsCurrentResident<S extends z.ZodType, T>(
  spec: ResidentOperation<S, T>,
  input: unknown,
  /** A route handler's own request (its cookie and addresses); pages and server actions read next/headers. */
  httpRequest?: Request,
): Promise<GuardResult<T> | { ok: false; status: 429; error: string; resident: ResidentError }> {
  const scope = `resident:${spec.action}`;
  if ("runSessionStatements" in spec) {
    const request = await requestSession(scope, httpRequest);
    // A valid token: the check rides in the operation's first statement. Input is parsed first, so a malformed
    // request costs no database work (and no rate-limit hit); anything else is counted and checked as usual.
    if (request.residentId) {
      const parsed = spec.schema.safeParse(input);
      if (!parsed.success) return { ...residentFailure(400, { code: "invalid" }), fieldErrors: zodFieldErrors(parsed.error) };
      return runSessionStatements(spec, {
        data: parsed.data as z.infer<S>,
        session: deferredSession(request.residentId, request.rateLimitKey, spec.action, request.requestId),
        context: { actor: { type: "resident", id: request.residentId, label: null }, requestId: request.requestId, action: spec.action },
      });
    }
  }
  const { allowed, resident, requestId } = await rateLimitAndResident(scope, httpRequest);
  if (!allowed) return residentFailure(429, { code: "rate_limited" });
  return runResidentGuarded({ resident, requestId }, spec, input);
}
