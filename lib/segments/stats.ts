import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { rowsOf } from "@/db/rows";

/** Following, unblocked residents who have each topic on (their own choice, else the topic's default). */
export async function getTopicSubscriberCounts(db: Executor): Promise<Map<string, number>> {
  const rows = rowsOf<{ id: string; n: number }>(
    await db.execute(sql`
      select t.id, count(r.id)::int as n
        from topics t
        cross join residents r
        left join topic_subscriptions s on s.topic_id = t.id and s.resident_id = r.id
       where r.following and r.blocked_at is null and coalesce(s.subscribed, t.default_on)
       group by t.id`),
  );
  return new Map(rows.map((row) => [row.id, Number(row.n)]));
}

/** The effective-subscription events a follow (on) or unfollow (off) implies, for the history over time. */
export async function recordFollowSubscriptions(db: Executor, { residentId, kind }: { residentId: string; kind: "subscribe" | "unsubscribe" }): Promise<void> {
  await db.execute(sql`
    insert into segment_events (kind, resident_id, topic_id)
    select ${kind}, ${residentId}, t.id from topics t
      left join topic_subscriptions s on s.topic_id = t.id and s.resident_id = ${residentId}
     where t.active and coalesce(s.subscribed, t.default_on)`);
}

export type DayPoint = { day: string; follows: number; unfollows: number; followers: number };

/**
 * Per day (Asia/Tokyo) for the last `days` days: new follows, unfollows (blocks), and followers at the end of
 * the day — today's count minus the net follows recorded after that day.
 */
export async function getFollowerSeries(db: Executor, { days }: { days: number }): Promise<DayPoint[]> {
  const rows = rowsOf<{ day: string; follows: number; unfollows: number; followers: number }>(
    await db.execute(sql`
      with d as (
        select generate_series((now() at time zone 'Asia/Tokyo')::date - ${days - 1}::int, (now() at time zone 'Asia/Tokyo')::date, interval '1 day')::date as day),
      e as (select (at at time zone 'Asia/Tokyo')::date as day, kind from segment_events where kind in ('follow', 'unfollow')),
      current as (select count(*)::int as n from residents where following and blocked_at is null)
      select to_char(d.day, 'YYYY-MM-DD') as day,
             (select count(*) from e where e.day = d.day and kind = 'follow')::int as follows,
             (select count(*) from e where e.day = d.day and kind = 'unfollow')::int as unfollows,
             ((select n from current)
               - (select count(*) from e where e.day > d.day and kind = 'follow')
               + (select count(*) from e where e.day > d.day and kind = 'unfollow'))::int as followers
        from d order by d.day`),
  );
  return rows.map((row) => ({ day: row.day, follows: Number(row.follows), unfollows: Number(row.unfollows), followers: Number(row.followers) }));
}

/** Subscribers of each topic at the end of each day: today's count minus the net changes recorded after it. */
export async function getTopicSeries(db: Executor, { days }: { days: number }): Promise<{ topicId: string; name: string; points: { day: string; subscribers: number }[] }[]> {
  const current = await getTopicSubscriberCounts(db);
  const rows = rowsOf<{ topic_id: string; name: string; day: string; later: number }>(
    await db.execute(sql`
      with d as (
        select generate_series((now() at time zone 'Asia/Tokyo')::date - ${days - 1}::int, (now() at time zone 'Asia/Tokyo')::date, interval '1 day')::date as day)
      select t.id as topic_id, t.name, to_char(d.day, 'YYYY-MM-DD') as day,
             coalesce((select sum(case when e.kind = 'subscribe' then 1 else -1 end) from segment_events e
                        where e.topic_id = t.id and (e.at at time zone 'Asia/Tokyo')::date > d.day), 0)::int as later
        from topics t cross join d
       where t.active
       order by t.sort_order, t.name, d.day`),
  );
  const byTopic = new Map<string, { topicId: string; name: string; points: { day: string; subscribers: number }[] }>();
  for (const row of rows) {
    const entry = byTopic.get(row.topic_id) ?? { topicId: row.topic_id, name: row.name, points: [] };
    entry.points.push({ day: row.day, subscribers: Math.max(0, (current.get(row.topic_id) ?? 0) - Number(row.later)) });
    byTopic.set(row.topic_id, entry);
  }
  return [...byTopic.values()];
}

/** The statistics as CSV rows: one line per day, followers, follows, unfollows, then each topic's subscribers. */
export function statsCsvRows(series: DayPoint[], topics: Awaited<ReturnType<typeof getTopicSeries>>): (string | number)[][] {
  const header = ["日付", "友だち数", "友だち追加", "ブロック", ...topics.map((t) => `受信中: ${t.name}`)];
  return [header, ...series.map((point, i) => [point.day, point.followers, point.follows, point.unfollows, ...topics.map((t) => t.points[i]?.subscribers ?? 0)])];
}
