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
    const topic = await createTopicRow(department.id, { defaultOn: true, name: "防災テスト" });
    const [a, b, c] = await createFollowers(3);
    const daysAgo = (n: number) => sql`now() - make_interval(days => ${n})`;
    // Two days ago a and b followed (subscribing to the default-on topic); yesterday c followed and b blocked… then b came back today.
    await db.insert(segmentEvents).values([
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
    const series = await getFollowerSeries(db, { days: 4 });
    expect(series.map((p) => [p.follows, p.unfollows, p.followers])).toEqual([[0, 0, 0], [2, 0, 2], [1, 1, 2], [1, 0, 3]]);
    const [topicSeries] = (await getTopicSeries(db, { days: 4 })).filter((t) => t.topicId === topic.id);
    expect(topicSeries!.points.map((p) => p.subscribers)).toEqual([0, 2, 2, 3]);
    const rows = statsCsvRows(series, [topicSeries!]);
    expect(rows[0]).toEqual(["日付", "友だち数", "友だち追加", "ブロック", "受信中: 防災テスト"]);
    expect(rows.at(-1)!.slice(1)).toEqual([3, 1, 0, 3]);
  });
});
