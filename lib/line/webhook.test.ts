import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, count, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The webhook route and the worker register the services (topics act on follow); so does this test.
import "@/lib/services/line-webhook";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { lineOutbox, lineWebhookEvents } from "@/db/schema/line";
import { residents } from "@/db/schema/residents";
import { getConfig, resetConfigCache } from "@/lib/config/env";
import { uniqueSuffix } from "@/lib/testing/factories";
import type { LineSimulator } from "./simulator";
import { startTestSimulator } from "./test-helpers";
import { acceptWebhook, processPendingWebhookEvents } from "./webhook";

// A bare HTTP server doing what the route does before its after() hook, so the simulator's signed deliveries go
// through real HTTP exactly as LINE's would.
let app: Server;
let sim: LineSimulator;
beforeAll(async () => {
  app = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const result = await acceptWebhook(Buffer.concat(chunks).toString("utf8"), (req.headers["x-line-signature"] as string | undefined) ?? null);
    res.writeHead(result.status, { "content-type": "application/json" }).end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  sim = await startTestSimulator({ webhookUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/line/webhook` });
  process.env.LINE_API_BASE_URL = sim.url;
  resetConfigCache();
});
afterAll(async () => {
  delete process.env.LINE_API_BASE_URL;
  resetConfigCache();
  await sim.close();
  await new Promise((resolve) => app.close(resolve));
});

const newUserId = () => `U${uniqueSuffix()}${"f".repeat(24)}`;
const eventId = () => `01TEST${uniqueSuffix().toUpperCase()}${uniqueSuffix().toUpperCase()}`;

function sign(body: string, secret = getConfig().LINE_CHANNEL_SECRET): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

async function storedEvents(ids: string[]) {
  return (await getDb()).select().from(lineWebhookEvents).where(inArray(lineWebhookEvents.webhookEventId, ids));
}

async function drainEvents(): Promise<void> {
  while ((await processPendingWebhookEvents()) > 0);
}

describe("webhook signature", () => {
  it.each([
    ["forged", "forged" as const],
    ["missing", "missing" as const],
  ])("a %s signature gets 401 and nothing is stored", async (_label, signature) => {
    const userId = newUserId();
    const id = eventId();
    const result = await sim.sendWebhookEvent({ type: "follow", userId, webhookEventId: id, signature });
    expect(result.status).toBe(401);
    expect(await storedEvents([id])).toEqual([]);
    expect(await (await getDb()).select().from(residents).where(eq(residents.lineUserId, userId))).toEqual([]);
  });

  it("a signature of a different body (tampered after signing) gets 401", async () => {
    const body = JSON.stringify({ events: [{ type: "follow", webhookEventId: eventId(), timestamp: 1, source: { type: "user", userId: newUserId() } }] });
    const signature = sign(body);
    expect(await acceptWebhook(body.replace("follow", "unfollow"), signature)).toMatchObject({ status: 401, stored: 0 });
    expect(await acceptWebhook(body, "")).toMatchObject({ status: 401 });
    expect(await acceptWebhook(body, "@@not-base64@@")).toMatchObject({ status: 401 });
  });

  it("answers LINE's empty verification request and refuses bodies that are not a delivery", async () => {
    const empty = JSON.stringify({ destination: "Uxxx", events: [] });
    expect(await acceptWebhook(empty, sign(empty))).toMatchObject({ status: 200, stored: 0 });
    for (const bad of ['{"events":', JSON.stringify({ events: "none" }), JSON.stringify([])]) {
      expect(await acceptWebhook(bad, sign(bad))).toMatchObject({ status: 400, stored: 0 });
    }
  });
});

describe("webhook: each event on its own", () => {
  it("a malformed event (NUL, lone surrogate, no id) is recorded as rejected with its reason; the others are stored and handled; 200", async () => {
    const userId = newUserId();
    const [good, withNul, withSurrogate] = [eventId(), eventId(), eventId()];
    const source = { type: "user", userId };
    const body = JSON.stringify({
      destination: "Uxxx",
      events: [
        { type: "message", webhookEventId: withNul, timestamp: 1, source, message: { type: "text", text: "a\u0000b" } },
        { type: "follow", webhookEventId: good, timestamp: 1, source },
        { type: "postback", webhookEventId: withSurrogate, timestamp: 1, source, postback: { data: "open=/topics\uD800" } },
        { type: "follow", timestamp: 1, source },
      ],
    });
    expect(body).toContain("\\u0000");
    const result = await acceptWebhook(body, sign(body));
    expect(result).toEqual({ status: 200, stored: 1, duplicates: 0, rejected: 3 });
    const rows = await storedEvents([good, withNul, withSurrogate]);
    const byId = Object.fromEntries(rows.map((row) => [row.webhookEventId, row]));
    expect(byId[good]).toMatchObject({ status: "received", type: "follow" });
    expect(byId[withNul]).toMatchObject({ status: "rejected", type: "message", lastError: expect.stringMatching(/制御文字/) });
    expect(JSON.stringify(byId[withNul]!.payload)).not.toContain("a\ufffdb");
    expect(byId[withSurrogate]).toMatchObject({ status: "rejected", type: "postback", lastError: expect.stringMatching(/サロゲート/) });
    const [noId] = await (await getDb()).select().from(lineWebhookEvents).where(like(lineWebhookEvents.webhookEventId, "rejected:%")).limit(1);
    expect(noId).toMatchObject({ status: "rejected", type: "follow", lastError: expect.stringMatching(/webhookEventId/) });
    // LINE redelivers the same delivery: nothing is stored twice, the rejected ones stay rejected.
    expect(await acceptWebhook(body, sign(body))).toEqual({ status: 200, stored: 0, duplicates: 4, rejected: 0 });
    await drainEvents();
    expect((await storedEvents([good]))[0]).toMatchObject({ status: "processed" });
    expect((await storedEvents([withNul, withSurrogate])).map((row) => row.status)).toEqual(["rejected", "rejected"]);
    const [resident] = await (await getDb()).select().from(residents).where(eq(residents.lineUserId, userId));
    expect(resident).toMatchObject({ following: true });
  });
});

describe("webhook events", () => {
  it("follow: creates the resident with LINE's display name, marks them following, queues one welcome message, audits", async () => {
    const userId = newUserId();
    sim.users.set(userId, { userId, displayName: "ともだち" });
    const id = eventId();
    expect((await sim.sendWebhookEvent({ type: "follow", userId, webhookEventId: id })).status).toBe(200);
    expect(await storedEvents([id])).toMatchObject([{ status: "received", type: "follow", lineUserId: userId }]);
    await drainEvents();
    const db = await getDb();
    const [resident] = await db.select().from(residents).where(eq(residents.lineUserId, userId));
    expect(resident).toMatchObject({ following: true, blockedAt: null, displayName: "ともだち" });
    const queued = await db.select().from(lineOutbox).where(like(lineOutbox.cause, `webhook:${id}:%`));
    expect(queued).toHaveLength(1);
    expect(queued[0]!.recipients).toEqual([userId]);
    expect((queued[0]!.messages as { text: string }[])[0]!.text).toContain("/liff/settings");
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, resident!.id), eq(auditLog.action, "resident.follow")));
    expect(audits).toMatchObject([{ actorType: "system", requestId: id }]);
    expect(await storedEvents([id])).toMatchObject([{ status: "processed" }]);
  });

  it("a redelivered event (same webhookEventId) is stored and processed once", async () => {
    const userId = newUserId();
    const id = eventId();
    expect((await sim.sendWebhookEvent({ type: "follow", userId, webhookEventId: id })).status).toBe(200);
    await drainEvents();
    const redelivered = await sim.sendWebhookEvent({ type: "follow", userId, webhookEventId: id, isRedelivery: true });
    expect(redelivered.status).toBe(200);
    expect(JSON.parse(redelivered.body)).toMatchObject({ stored: 0, duplicates: 1 });
    await drainEvents();
    const db = await getDb();
    const [queued] = await db.select({ n: count() }).from(lineOutbox).where(like(lineOutbox.cause, `webhook:${id}:%`));
    expect(queued!.n).toBe(1);
    const [resident] = await db.select().from(residents).where(eq(residents.lineUserId, userId));
    const [audits] = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityId, resident!.id), eq(auditLog.action, "resident.follow")));
    expect(audits!.n).toBe(1);
  });

  it("unfollow marks the resident blocked, and nothing more is queued for them until they follow again", async () => {
    const userId = newUserId();
    await sim.sendWebhookEvent({ type: "follow", userId });
    await drainEvents();
    await sim.sendWebhookEvent({ type: "unfollow", userId });
    await drainEvents();
    const db = await getDb();
    const [resident] = await db.select().from(residents).where(eq(residents.lineUserId, userId));
    expect(resident).toMatchObject({ following: false });
    expect(resident!.blockedAt).not.toBeNull();
    const messageId = eventId();
    await sim.sendWebhookEvent({ type: "message", userId, text: "こんにちは", webhookEventId: messageId });
    await drainEvents();
    expect(await db.select().from(lineOutbox).where(like(lineOutbox.cause, `webhook:${messageId}:%`))).toEqual([]);
    // The text of a message is not kept once handled.
    const [stored] = await storedEvents([messageId]);
    expect(JSON.stringify(stored!.payload)).not.toContain("こんにちは");
  });

  it("postback opening a page queues a link to that LIFF page; message events get the guidance reply", async () => {
    const userId = newUserId();
    const postbackId = eventId();
    const messageId = eventId();
    await sim.sendWebhookEvent({ type: "postback", userId, data: "action=open&open=/topics", webhookEventId: postbackId });
    await sim.sendWebhookEvent({ type: "message", userId, text: "申請したい", webhookEventId: messageId });
    await drainEvents();
    const db = await getDb();
    const [link] = await db.select().from(lineOutbox).where(like(lineOutbox.cause, `webhook:${postbackId}:%`));
    expect((link!.messages as { text: string }[])[0]!.text).toMatch(/\/liff\/topics$/);
    const [reply] = await db.select().from(lineOutbox).where(like(lineOutbox.cause, `webhook:${messageId}:%`));
    expect(reply!.recipients).toEqual([userId]);
  });
});
