import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { rowsOf } from "@/db/rows";
import type { BroadcastFilters } from "@/db/schema/segments";

export type Audience = { topicIds: string[]; emergency: boolean; filters: BroadcastFilters };

/**
 * The one definition of who receives a broadcast: following, not blocked, and (unless emergency) subscribed to
 * any of the topics — their own choice, else the topic's default — and matching every filter. Residents are
 * rows, so a resident in several chosen topics is one recipient.
 */
export function audienceWhere(audience: Audience): SQL {
  const parts: SQL[] = [sql`r.following and r.blocked_at is null`];
  if (!audience.emergency) {
    const ids = sql`array[${sql.join(audience.topicIds.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;
    parts.push(sql`exists (
      select 1 from topics t
      left join topic_subscriptions s on s.topic_id = t.id and s.resident_id = r.id
      where t.id = any(${audience.topicIds.length > 0 ? ids : sql`'{}'::uuid[]`}) and t.active and coalesce(s.subscribed, t.default_on))`);
  }
  const { ageMin, ageMax, programId, filingStatus } = audience.filters;
  if (ageMin != null || ageMax != null) {
    // The age of the most recent verified identity (JPKI 基本4情報), on today's date in Japan.
    parts.push(sql`exists (
      select 1 from (
        select v.birthdate from jpki_verifications v where v.resident_id = r.id and v.birthdate ~ '^\\d{4}-\\d{2}-\\d{2}$'
        order by v.verified_at desc limit 1) latest
      where date_part('year', age((now() at time zone 'Asia/Tokyo')::date, latest.birthdate::date))
            between ${ageMin ?? 0} and ${ageMax ?? 200})`);
  }
  if (programId) {
    parts.push(
      filingStatus
        ? sql`exists (select 1 from filings f where f.resident_id = r.id and f.program_id = ${programId} and f.status = ${filingStatus})`
        : sql`exists (select 1 from filings f where f.resident_id = r.id and f.program_id = ${programId})`,
    );
  }
  return sql.join(parts, sql` and `);
}

export async function countAudience(db: Executor, audience: Audience): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from residents r where ${audienceWhere(audience)}`));
  return Number(row?.n ?? 0);
}

/** Each recipient's LINE user ID and language, for tests and previews. */
export async function listAudience(db: Executor, audience: Audience): Promise<{ residentId: string; lineUserId: string; locale: string }[]> {
  const rows = rowsOf<{ id: string; line_user_id: string; locale: string | null }>(
    await db.execute(sql`select r.id, r.line_user_id, r.locale from residents r where ${audienceWhere(audience)} order by r.id`),
  );
  return rows.map((row) => ({ residentId: row.id, lineUserId: row.line_user_id, locale: row.locale ?? "ja" }));
}
