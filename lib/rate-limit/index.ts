import { sql, type SQL } from "drizzle-orm";
import { cachedStatement, type PlaceholderOf } from "@/db/cached-statement";
import { getDb, type Database } from "@/db";
import { rowsOf } from "@/db/rows";
import { rateLimitWindows } from "@/db/schema/residents";
import { ensureInProcessJob } from "@/lib/jobs/in-process";
import { startJobLoop } from "@/lib/jobs/loop";

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export type RateLimitName = "rateLimitKey" | "rateLimitWindowStart";

/** One hit's upsert, written with placeholders (a statement built once, or a CTE of a caller's statement). */
export function rateLimitHitSql(p: PlaceholderOf<RateLimitName>): SQL {
  return sql`insert into ${rateLimitWindows} (key, window_start, hits) values (${p("rateLimitKey")}::text, ${p("rateLimitWindowStart")}::timestamptz, 1)
      on conflict (key, window_start) do update set hits = ${rateLimitWindows}.hits + 1 returning hits`;
}

const rateLimitHitStatement = cachedStatement<RateLimitName>(rateLimitHitSql);

/**
 * One hit on a fixed window: the values for rateLimitHitSql's upsert (a statement of its own, or a CTE of a caller's
 * statement that reads more in the same round trip) and how to read its `hits`.
 */
export function rateLimitHit(key: string, options: { limit: number; windowSeconds: number }) {
  const windowMs = options.windowSeconds * 1000;
  const start = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  return {
    values: { rateLimitKey: key, rateLimitWindowStart: start.toISOString() } satisfies Record<RateLimitName, string>,
    result(hits: number | null | undefined): RateLimitResult {
      const count = hits ?? 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((start.getTime() + windowMs - Date.now()) / 1000));
      return { allowed: count <= options.limit, remaining: Math.max(0, options.limit - count), retryAfterSeconds };
    },
  };
}

/** Windows older than a day: no limit reads them any more. */
export async function pruneRateLimitWindows(db: Database): Promise<number> {
  const removed = await db
    .delete(rateLimitWindows)
    .where(sql`${rateLimitWindows.windowStart} < now() - interval '1 day'`)
    .returning({ key: rateLimitWindows.key });
  return removed.length;
}

/** The pruning as a job loop, hourly: in the worker process, never on a request's path (which stays at its round trips). */
export function startRateLimitPruning(options: { log?: (line: string) => void; intervalMs?: number } = {}): { stop: () => Promise<void> } {
  return startJobLoop({
    name: "rate-limit",
    round: async () => pruneRateLimitWindows(await getDb()),
    describe: (removed) => (removed > 0 ? `pruned ${removed} old windows` : null),
    intervalMs: options.intervalMs ?? 3_600_000,
    log: options.log,
  });
}

/** Development and the e2e build: the pruning inside this server process (production: `npm run worker`). */
export function ensureInProcessRateLimitPruning(): void {
  ensureInProcessJob("rate-limit", () => startRateLimitPruning({ log: (line) => console.warn(line) }));
}

/**
 * Fixed-window counter in the database, so every app instance shares one budget per key
 * (e.g. "liff-session:ip:203.0.113.5"). One upsert per request.
 */
export async function hitRateLimit(key: string, options: { limit: number; windowSeconds: number; db?: Database }): Promise<RateLimitResult> {
  const db = options.db ?? (await getDb());
  const hit = rateLimitHit(key, options);
  const [row] = rowsOf<{ hits: number }>(await rateLimitHitStatement(db, hit.values));
  ensureInProcessRateLimitPruning();
  return hit.result(row?.hits);
}

/**
 * The client address for rate limits: the X-Forwarded-For entry `trustedHops` from the right, which the outermost
 * trusted proxy appended (entries left of it are whatever the client sent). With 0 hops (reached directly) the key
 * would be the socket address, but Next.js gives route handlers and server actions none (`next start` copies it
 * into X-Forwarded-For only when the request carries no such header, so the header is the client's choice): every
 * direct request shares the key "direct", which is why production must run behind a proxy (TRUSTED_PROXY_HOPS ≥ 1).
 * A request with fewer entries than trusted proxies did not pass through them all and shares one key too.
 */
export function clientAddress(headers: Headers, trustedHops: number): string {
  if (trustedHops === 0) return "direct";
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries.length >= trustedHops ? entries[entries.length - trustedHops]! : "unproxied";
}
