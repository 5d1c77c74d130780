import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { segmentEvents } from "@/db/schema/segments";
import { createDepartment } from "@/lib/testing/factories";
import { getFollowerSeries, getTopicSeries, statsCsvRows } from "./stats";
import { createFollowers, createTopicRow } from "./testing";

describe("follower statistics", () => {
  it("rebuilds each day's followers and topic subscribers from today's counts and the events after that day", async () => {
    const db = await getDb();
    const department = await createDepartment();
    // The statistics count the whole town, and on PostgreSQL other test files add residents and events at the same
    // time: one repeatable-read snapshot hides their commits, so the baseline plus our changes is exact.
    await db.transaction(
      async (tx) => {
        const topic = await createTopicRow(department.id, { defaultOn: true, name: "防災テスト", db: tx });
        const baseline = await getFollowerSeries(tx, { days: 4 });
        // Everyone already following has the new default-on topic on, with no events for it.
        const [baseTopic] = (await getTopicSeries(tx, { days: 4 })).filter((t) => t.topicId === topic.id);
        const [a, b, c] = await createFollowers(3, { db: tx });
        const daysAgo = (n: number) => sql`now() - make_interval(days => ${n})`;
        // Two days ago a and b followed (subscribing to the default-on topic); yesterday c followed and b blocked… then b came back today.
        await tx.insert(segmentEvents).values([
          { kind: "follow", residentId: a!.id, at: daysAgo(2) as never },
          { kind: "subscribe", residentId: a!.id, topicId: topic.id, at: daysAgo(2) as never },
          { kind: "follow", residentId: b!.id, at: daysAgo(2) as never },
          { kind: "subscribe", residentId: b!.id, topicId: topic.id, at: daysAgo(2) as never },
          { kind: "follow", residentId: c!.id, at: daysAgo(1) as never },
          { kind: "subscribe", residentId: c!.id, topicId: topic.id, at: daysAgo(1) as never },
          { kind: "unfollow", residentId: b!.id, at: daysAgo(1) as never },
          { kind: "unsubscribe", residentId: b!.id, topicId: topic.id, at: daysAgo(1) as never },
          { kind: "follow", residentId: b!.id },
          { kind: "subscribe", residentId: b!.id, topicId: topic.id },
        ]);
        const series = await getFollowerSeries(tx, { days: 4 });
        expect(series.map((p) => p.day)).toEqual(baseline.map((p) => p.day));
        const ours = series.map((p, i) => [p.follows - baseline[i]!.follows, p.unfollows - baseline[i]!.unfollows, p.followers - baseline[i]!.followers]);
        expect(ours).toEqual([[0, 0, 0], [2, 0, 2], [1, 1, 2], [1, 0, 3]]);
        const [topicSeries] = (await getTopicSeries(tx, { days: 4 })).filter((t) => t.topicId === topic.id);
        const base = baseTopic!.points.map((p) => p.subscribers);
        expect(base.every((n) => n === baseline.at(-1)!.followers)).toBe(true);
        expect(topicSeries!.points.map((p, i) => p.subscribers - base[i]!)).toEqual([0, 2, 2, 3]);
        const rows = statsCsvRows(series, [topicSeries!]);
        expect(rows[0]).toEqual(["日付", "友だち数", "友だち追加", "ブロック", "受信中: 防災テスト"]);
        const last = baseline.at(-1)!;
        expect(rows.at(-1)!).toEqual([last.day, last.followers + 3, last.follows + 1, last.unfollows, base.at(-1)! + 3]);
      },
      { isolationLevel: "repeatable read" },
    );
  });
});
