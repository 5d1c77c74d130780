import { sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { rateLimitWindows } from "@/db/schema/residents";

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Fixed-window counter in the database, so every app instance shares one budget per key
 * (e.g. "liff-session:ip:203.0.113.5"). One upsert per request; old windows are pruned now and then.
 */
export async function hitRateLimit(key: string, options: { limit: number; windowSeconds: number; db?: Database }): Promise<RateLimitResult> {
  const db = options.db ?? (await getDb());
  const windowMs = options.windowSeconds * 1000;
  const start = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ key, windowStart: start, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { hits: sql`${rateLimitWindows.hits} + 1` } })
    .returning({ hits: rateLimitWindows.hits });
  if (Math.random() < 0.01) {
    await db.delete(rateLimitWindows).where(sql`${rateLimitWindows.windowStart} < now() - interval '1 day'`);
  }
  const hits = row?.hits ?? 1;
  const retryAfterSeconds = Math.max(1, Math.ceil((start.getTime() + windowMs - Date.now()) / 1000));
  return { allowed: hits <= options.limit, remaining: Math.max(0, options.limit - hits), retryAfterSeconds };
}

/**
 * The client address as our own reverse proxy appended it (the last X-Forwarded-For entry: earlier entries are
 * whatever the client sent); falls back to a constant so limits still apply.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
