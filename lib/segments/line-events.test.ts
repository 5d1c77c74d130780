import { and, asc, eq, inArray, isNull, like, or } from "drizzle-orm";
import { describe, expect, it } from "vitest";
// The webhook route and the worker register the services; so does this test.
import "@/lib/services/line-webhook";
import { getDb } from "@/db";
import { lineOutbox, lineWebhookEvents } from "@/db/schema/line";
import { residents } from "@/db/schema/residents";
import { segmentEvents } from "@/db/schema/segments";
import { processPendingWebhookEvents } from "@/lib/line/webhook";
import { createDepartment, uniqueSuffix } from "@/lib/testing/factories";
import { createTopicRow } from "./testing";

const userId = () => `U${uniqueSuffix()}${"a".repeat(24)}`;

async function deliver(type: string, lineUserId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = `01SEG${uniqueSuffix()}${uniqueSuffix()}`.toUpperCase();
  const payload = { type, webhookEventId: id, timestamp: Date.now(), source: { type: "user", userId: lineUserId }, ...extra };
  await (await getDb()).insert(lineWebhookEvents).values({ webhookEventId: id, type, lineUserId, payload });
  while ((await processPendingWebhookEvents()) > 0);
  return id;
}

async function pushedText(eventId: string): Promise<string> {
  const [row] = await (await getDb()).select().from(lineOutbox).where(like(lineOutbox.cause, `webhook:${eventId}:%`));
  return (row!.messages as { text: string }[])[0]!.text;
}

describe("LINE events in the segments domain", () => {
  it("a follow gets a welcome linking to the settings page and counts as a follow; an unfollow as a block", async () => {
    const db = await getDb();
    // Our own topics: other test files' topics (some default-on) get their own subscribe events, which we ignore.
    const department = await createDepartment();
    const on = await createTopicRow(department.id, { defaultOn: true });
    const off = await createTopicRow(department.id, { defaultOn: false });
    const inactive = await createTopicRow(department.id, { defaultOn: true, active: false });
    const id = userId();
    const followed = await deliver("follow", id);
    expect(await pushedText(followed)).toMatch(/受信設定で選べます。\nhttp:\/\/[^\n]+\/liff\/settings\n[\s\S]*Choose the topics/);
    const [resident] = await db.select().from(residents).where(eq(residents.lineUserId, id));
    expect(resident).toMatchObject({ following: true, blockedAt: null });
    await deliver("unfollow", id);
    const events = await db
      .select({ kind: segmentEvents.kind, topicId: segmentEvents.topicId })
      .from(segmentEvents)
      .where(and(eq(segmentEvents.residentId, resident!.id), or(isNull(segmentEvents.topicId), inArray(segmentEvents.topicId, [on.id, off.id, inactive.id]))))
      .orderBy(asc(segmentEvents.at), asc(segmentEvents.kind));
    // The follow also subscribes to each active default-on topic, and the unfollow unsubscribes from it.
    expect(events).toEqual([
      { kind: "follow", topicId: null },
      { kind: "subscribe", topicId: on.id },
      { kind: "unfollow", topicId: null },
      { kind: "unsubscribe", topicId: on.id },
    ]);
    const [after] = await db.select().from(residents).where(eq(residents.lineUserId, id));
    expect(after).toMatchObject({ following: false });
    expect(after!.blockedAt).not.toBeNull();
  });

  it("the rich menu's settings postback answers with the link, in the resident's language", async () => {
    const db = await getDb();
    const id = userId();
    await deliver("follow", id);
    await db.update(residents).set({ locale: "en" }).where(eq(residents.lineUserId, id));
    const postback = await deliver("postback", id, { postback: { data: "action=settings" } });
    expect(await pushedText(postback)).toMatch(/^Open your message settings here:\nhttp:\/\/[^\n]+\/liff\/settings$/);
    const safe = await deliver("postback", id, { postback: { data: "action=safety_check" } });
    expect(await pushedText(safe)).toMatch(/^We have noted that you are safe/);
    // Other postbacks keep the webhook's own handling.
    const other = await deliver("postback", id, { postback: { data: "action=open&open=/benefit" } });
    expect(await pushedText(other)).toContain("/liff/benefit");
  });
});
