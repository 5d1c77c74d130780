import { eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { lineOutbox } from "@/db/schema/line";
import { residents } from "@/db/schema/residents";
import { broadcastRecipients, broadcasts, topicSubscriptions } from "@/db/schema/segments";
import { runGuarded } from "@/lib/auth/guard";
import type { StaffActor } from "@/lib/auth/permissions";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { getBroadcastDelivery } from "./queries";
import { cancelBroadcast, composeBroadcast, createTopic, sendBroadcast, submitBroadcast, updateTopic } from "./operations";
import { createFollowers, createTopicRow } from "./testing";

let own: { id: string };
let other: { id: string };
let systemAdmin: StaffActor;
let deptAdmin: StaffActor;
let reviewer: StaffActor;

beforeAll(async () => {
  own = await createDepartment();
  other = await createDepartment();
  const home = await createDepartment();
  systemAdmin = await createActor([{ departmentId: home.id, role: "system_admin" }]);
  deptAdmin = await createActor([{ departmentId: own.id, role: "dept_admin" }]);
  reviewer = await createActor([{ departmentId: own.id, role: "reviewer" }]);
});

const as = (actor: StaffActor) => (spec: Parameters<typeof runGuarded>[1], input: unknown) => runGuarded({ actor, requestId: null }, spec, input);
const topicInput = (departmentId: string, name: string) => ({ departmentId, name, description: "お知らせ", icon: "📢", defaultOn: false, sortOrder: 1 });

describe("topics", () => {
  it("a department admin manages their own department's topics only; a system admin any; a reviewer none", async () => {
    const created = await as(deptAdmin)(createTopic, topicInput(own.id, "子育てテスト"));
    expect(created).toMatchObject({ ok: true, data: { name: "子育てテスト", departmentId: own.id } });
    expect(await as(deptAdmin)(createTopic, topicInput(other.id, "防災テスト"))).toMatchObject({ ok: false, status: 403 });
    expect(await as(reviewer)(createTopic, topicInput(own.id, "健康テスト"))).toMatchObject({ ok: false, status: 403 });
    expect(await as(systemAdmin)(createTopic, topicInput(other.id, "防災テスト"))).toMatchObject({ ok: true });
    expect(await as(deptAdmin)(createTopic, topicInput(own.id, "子育てテスト"))).toMatchObject({ ok: false, status: 409, fieldErrors: { name: [expect.any(String)] } });
    const id = (created as { data: { id: string } }).data.id;
    const updated = await as(deptAdmin)(updateTopic, { ...topicInput(own.id, "子育て・教育"), topicId: id, active: false, nameEn: "Child care" });
    expect(updated).toMatchObject({ ok: true, data: { name: "子育て・教育", nameEn: "Child care", active: false } });
    const db = await getDb();
    const entries = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(entries.map((e) => e.action).sort()).toEqual(["segment.topic.create", "segment.topic.update"]);
  });
});

describe("broadcasts", () => {
  const message = { title: "テスト配信", text: "大雨に注意してください。詳しくは https://example.lg.jp/bousai をご覧ください。", textEn: "Heavy rain warning: https://example.lg.jp/bousai" };

  it("a department admin cannot send under another department's topics; a reviewer composes and asks, the admin sends", async () => {
    const foreign = await createTopicRow(other.id);
    const mine = await createTopicRow(own.id);
    expect(await as(deptAdmin)(composeBroadcast, { ...message, departmentId: own.id, topicIds: [foreign.id] })).toMatchObject({ ok: false, status: 403 });
    expect(await as(deptAdmin)(composeBroadcast, { ...message, departmentId: other.id, topicIds: [foreign.id] })).toMatchObject({ ok: false, status: 403 });
    // Even a system admin cannot mix departments: the broadcast belongs to one department.
    expect(await as(systemAdmin)(composeBroadcast, { ...message, departmentId: own.id, topicIds: [mine.id, foreign.id] })).toMatchObject({ ok: false, status: 403 });
    expect(await as(reviewer)(composeBroadcast, { ...message, departmentId: own.id, topicIds: [], emergency: true })).toMatchObject({ ok: false, status: 403 });

    const drafted = await as(reviewer)(composeBroadcast, { ...message, departmentId: own.id, topicIds: [mine.id] });
    expect(drafted).toMatchObject({ ok: true });
    const broadcastId = (drafted as { data: { broadcast: { id: string } } }).data.broadcast.id;
    expect(await as(reviewer)(sendBroadcast, { broadcastId })).toMatchObject({ ok: false, status: 403 });
    expect(await as(reviewer)(submitBroadcast, { broadcastId })).toMatchObject({ ok: true, data: { status: "pending_approval" } });
    expect(await as(deptAdmin)(sendBroadcast, { broadcastId })).toMatchObject({ ok: true, data: { status: "sent" } });
    expect(await as(deptAdmin)(sendBroadcast, { broadcastId })).toMatchObject({ ok: false, status: 409 });
    // The database refuses it too, whoever writes the row.
    const db = await getDb();
    await expect(db.update(broadcasts).set({ topicIds: [foreign.id] }).where(eq(broadcasts.id, broadcastId))).rejects.toThrow();
  });

  it("sends once per resident across topics, skips blocked and unsubscribed residents, in each resident's language, in batches of ≤ 500", async () => {
    const db = await getDb();
    const a = await createTopicRow(own.id);
    const b = await createTopicRow(own.id, { defaultOn: true });
    const both = await createFollowers(520, { locale: null });
    const english = await createFollowers(30, { locale: "en" });
    const easy = await createFollowers(5, { locale: "ja-easy" });
    const blocked = await createFollowers(10, { blocked: true });
    const optedOut = await createFollowers(7);
    await db.insert(topicSubscriptions).values([...both, ...english, ...easy, ...blocked].map((r) => ({ residentId: r.id, topicId: a.id, subscribed: true })));
    await db.insert(topicSubscriptions).values(optedOut.map((r) => ({ residentId: r.id, topicId: b.id, subscribed: false })));

    const drafted = await as(deptAdmin)(composeBroadcast, { ...message, departmentId: own.id, topicIds: [a.id, b.id] });
    const broadcastId = (drafted as { data: { broadcast: { id: string } } }).data.broadcast.id;
    const sent = await as(deptAdmin)(sendBroadcast, { broadcastId });
    expect(sent).toMatchObject({ ok: true, data: { status: "sent" } });

    const rows = await db.select().from(lineOutbox).where(like(lineOutbox.cause, `broadcast:${broadcastId}:%`));
    const recipients = rows.flatMap((row) => row.recipients);
    const mineIds = new Set([...both, ...english, ...easy].map((r) => r.lineUserId));
    // Residents of other test files follow default-on topic b too; ours are each there exactly once.
    expect(recipients.filter((id) => mineIds.has(id)).sort()).toEqual([...mineIds].sort());
    expect(new Set(recipients).size).toBe(recipients.length);
    for (const r of [...blocked, ...optedOut]) expect(recipients).not.toContain(r.lineUserId);
    expect(rows.every((row) => row.recipients.length <= 500 && row.kind === "multicast")).toBe(true);
    // やさしい日本語 was not written: only the Japanese and English versions go out, and ja-easy residents get Japanese.
    expect(rows.every((row) => row.cause.endsWith(":ja") || row.cause.endsWith(":en"))).toBe(true);
    const ours = (version: string) => rows.filter((row) => row.cause.endsWith(`:${version}`)).flatMap((row) => row.recipients.filter((id) => mineIds.has(id)));
    expect(ours("en").sort()).toEqual(english.map((r) => r.lineUserId).sort());
    expect(ours("ja").sort()).toEqual([...both, ...easy].map((r) => r.lineUserId).sort());
    const en = rows.filter((row) => row.cause.endsWith(":en"));
    const enText = (en[0]!.messages as { text: string }[])[0]!.text;
    expect(enText).toMatch(/^Heavy rain warning: http:\/\/[^/]+\/r\/[0-9a-f-]{36}$/);

    // Every recipient (ours or not) is recorded once, and got the version of the language recorded at sending.
    const recorded = await db
      .select({ lineUserId: residents.lineUserId, locale: broadcastRecipients.locale })
      .from(broadcastRecipients)
      .innerJoin(residents, eq(residents.id, broadcastRecipients.residentId))
      .where(eq(broadcastRecipients.broadcastId, broadcastId));
    expect(recorded.map((r) => r.lineUserId).sort()).toEqual([...recipients].sort());
    const versionOf = new Map(rows.flatMap((row) => row.recipients.map((id) => [id, row.cause.slice(row.cause.lastIndexOf(":") + 1)] as const)));
    expect(recorded.every((r) => versionOf.get(r.lineUserId) === (r.locale === "en" ? "en" : "ja"))).toBe(true);
    expect(await getBroadcastDelivery(db, { broadcastId })).toMatchObject({ recipients: recipients.length, delivered: 0, failed: 0, pending: recipients.length });
  });

  it("a scheduled broadcast waits in the outbox until its time and can be cancelled before it starts", async () => {
    const db = await getDb();
    const topic = await createTopicRow(own.id);
    const followers = await createFollowers(3);
    await db.insert(topicSubscriptions).values(followers.map((r) => ({ residentId: r.id, topicId: topic.id, subscribed: true })));
    const at = new Date(Date.now() + 3600_000).toISOString();
    const drafted = await as(deptAdmin)(composeBroadcast, { ...message, departmentId: own.id, topicIds: [topic.id], scheduledAt: at });
    const broadcastId = (drafted as { data: { broadcast: { id: string } } }).data.broadcast.id;
    expect(await as(deptAdmin)(sendBroadcast, { broadcastId })).toMatchObject({ ok: true, data: { status: "scheduled", recipients: 3 } });
    const rows = await db.select().from(lineOutbox).where(like(lineOutbox.cause, `broadcast:${broadcastId}:%`));
    expect(rows.every((row) => row.nextAttemptAt.getTime() === new Date(at).getTime())).toBe(true);
    expect(await as(deptAdmin)(cancelBroadcast, { broadcastId })).toMatchObject({ ok: true, data: { status: "cancelled" } });
    expect(await db.select().from(lineOutbox).where(like(lineOutbox.cause, `broadcast:${broadcastId}:%`))).toEqual([]);
  });
});

describe("links", () => {
  it("a click through our redirect is counted per link and leads to the original address", async () => {
    const { countLinkClick } = await import("./links");
    const { getBroadcastLinks } = await import("./queries");
    const topic = await createTopicRow(own.id);
    const drafted = await as(deptAdmin)(composeBroadcast, { title: "リンク", text: "https://a.example.jp/x と https://b.example.jp/y", textEn: "https://a.example.jp/x", departmentId: own.id, topicIds: [topic.id] });
    const broadcastId = (drafted as { data: { broadcast: { id: string } } }).data.broadcast.id;
    const db = await getDb();
    const links = await getBroadcastLinks(db, { broadcastId });
    expect(links.map((l) => l.url)).toEqual(["https://a.example.jp/x", "https://b.example.jp/y"]);
    expect(await countLinkClick(db, { linkId: links[0]!.id })).toBe("https://a.example.jp/x");
    expect(await countLinkClick(db, { linkId: links[0]!.id })).toBe("https://a.example.jp/x");
    expect(await countLinkClick(db, { linkId: "not-a-uuid" })).toBeNull();
    expect((await getBroadcastLinks(db, { broadcastId })).map((l) => l.clicks)).toEqual([2, 0]);
  });
});
