import { and, count, eq, inArray, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { lineOutbox } from "@/db/schema/line";
import { residents } from "@/db/schema/residents";
import { uniqueSuffix } from "@/lib/testing/factories";
import { enqueueMulticast, enqueuePush } from "./outbox";
import type { LineSimulator } from "./simulator";
import { lineUserId, messengerFor, startTestSimulator } from "./test-helpers";
import { OutboxWorker } from "./worker";

let sim: LineSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});
// Test files share one database on PostgreSQL: every case queues and reads under its own cause prefix.
let scope = "";
beforeEach(() => {
  sim.reset();
  scope = `outbox-test:${uniqueSuffix()}`;
});
const mine = () => like(lineOutbox.cause, `${scope}%`);

const worker = (options: ConstructorParameters<typeof OutboxWorker>[0] = {}) =>
  new OutboxWorker({ messenger: messengerFor(sim), backoffBaseMs: 5, backoffMaxMs: 200, webhookEvents: false, concurrency: 25, requestsPerSecond: 2000, scope, ...options });

function textsDelivered(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const delivery of sim.deliveries) {
    for (const message of delivery.messages as { text: string }[]) {
      for (const to of delivery.to) counts.set(`${to}|${message.text}`, (counts.get(`${to}|${message.text}`) ?? 0) + 1);
    }
  }
  return counts;
}

describe("enqueue", () => {
  it("writes nothing when the causing transaction rolls back", async () => {
    const db = await getDb();
    const tag = uniqueSuffix();
    await expect(
      db.transaction(async (tx) => {
        await enqueuePush(tx, { to: lineUserId(1), messages: [{ type: "text", text: "x" }], cause: `test:${tag}` });
        throw new Error("state change failed");
      }),
    ).rejects.toThrow("state change failed");
    const [row] = await db.select({ n: count() }).from(lineOutbox).where(eq(lineOutbox.cause, `test:${tag}`));
    expect(row!.n).toBe(0);
  });

  it("splits a multicast into rows of at most 500, skips blocked residents and ignores a repeated dedupe key", async () => {
    const db = await getDb();
    const base = 10_000 + Math.floor(Math.random() * 1_000_000) * 2000;
    const ids = Array.from({ length: 1201 }, (_, i) => lineUserId(base + i));
    await db.insert(residents).values({ lineUserId: ids[0]!, blockedAt: sql`now()` });
    const key = `test:${uniqueSuffix()}`;
    const rowIds = await enqueueMulticast(db, { to: ids, messages: [{ type: "text", text: "お知らせ" }], cause: scope, dedupeKey: key });
    const rows = await db.select().from(lineOutbox).where(inArray(lineOutbox.id, rowIds));
    expect(rows.map((r) => r.recipients.length).sort((a, b) => a - b)).toEqual([200, 500, 500]);
    expect(rows.flatMap((r) => r.recipients)).not.toContain(ids[0]);
    expect(new Set(rows.map((r) => r.retryKey)).size).toBe(3);
    expect(await enqueueMulticast(db, { to: ids, messages: [{ type: "text", text: "お知らせ" }], cause: scope, dedupeKey: key })).toEqual([]);
    await expect(enqueuePush(db, { to: ids[0]!, messages: [{ type: "text", text: "x" }], cause: scope })).resolves.toBeNull();
  });

  it("refuses more than five messages in one request", async () => {
    const messages = Array.from({ length: 6 }, () => ({ type: "text" as const, text: "x" }));
    await expect(enqueuePush(await getDb(), { to: lineUserId(2), messages, cause: scope })).rejects.toThrow(/1\.\.5/);
  });
});

describe("outbox worker", () => {
  it("delivers 1,000 pushes exactly once while the simulator fails 20% of calls (5xx, 429, and accepted-but-lost)", async () => {
    const db = await getDb();
    const run = uniqueSuffix();
    for (let i = 0; i < 1000; i += 250) {
      await db.transaction(async (tx) => {
        for (let j = i; j < i + 250; j++) {
          await enqueuePush(tx, { to: lineUserId(j), messages: [{ type: "text", text: `${run}-${j}` }], cause: scope });
        }
      });
    }
    sim.setFailures({ rate: 0.2, statuses: [500, 502, 503, 429], acceptedThenLost: 0.3, retryAfterSeconds: 0, seed: 7 });
    // Two workers compete for the same rows: SKIP LOCKED must keep them apart.
    const a = worker();
    const b = worker();
    await Promise.all([a.drain(), b.drain()]);

    const statuses = await db.select({ status: lineOutbox.status, n: count() }).from(lineOutbox).where(mine()).groupBy(lineOutbox.status);
    expect(statuses).toEqual([{ status: "sent", n: 1000 }]);
    const delivered = textsDelivered();
    expect(delivered.size).toBe(1000);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    expect(sim.stats.duplicateDeliveries).toBe(0);
    expect(sim.stats.injectedFailures).toBeGreaterThan(100);
    expect(sim.stats.retryKeyConflicts).toBeGreaterThan(0);
    expect(a.stats.retried + b.stats.retried).toBeGreaterThan(100);
    expect(a.stats.sent + a.stats.alreadyAccepted + b.stats.sent + b.stats.alreadyAccepted).toBe(1000);
    const [audited] = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, "line.message.sent"), like(sql`${auditLog.after}->>'cause'`, `${scope}%`)));
    expect(audited!.n).toBe(1000);
  });

  it("a worker that dies after LINE accepted but before recording it: the next one resends with the same key and nothing doubles", async () => {
    const db = await getDb();
    await enqueueMulticast(db, { to: [lineUserId(1), lineUserId(2), lineUserId(3)], messages: [{ type: "text", text: "crash" }], cause: scope });
    const dying = worker({ leaseSeconds: 1 });
    const [row] = await dying.claim(10);
    // The crash: the request reached LINE, the process died before settle().
    const result = await messengerFor(sim).multicast(row!.recipients, row!.messages, row!.retryKey);
    expect(result.ok).toBe(true);
    const successor = worker();
    expect(await successor.runOnce()).toBe(0); // still leased to the dead worker
    await db.update(lineOutbox).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(lineOutbox.id, row!.id));
    await successor.drain();
    const [after] = await db.select().from(lineOutbox).where(eq(lineOutbox.id, row!.id));
    expect(after).toMatchObject({ status: "sent", attempts: 2, lastHttpStatus: 409 });
    expect(sim.deliveries).toHaveLength(1);
    expect(sim.stats.duplicateDeliveries).toBe(0);
  });

  it("treats a time-out as unknown: the resend with the same retry key is answered 409, not delivered twice", async () => {
    const db = await getDb();
    await enqueuePush(db, { to: lineUserId(5), messages: [{ type: "text", text: "slow" }], cause: scope });
    sim.setFailures({ latencyMs: 300 });
    const impatient = worker({ messenger: messengerFor(sim, 100) });
    await impatient.runOnce();
    const [pending] = await db.select().from(lineOutbox).where(mine());
    expect(pending).toMatchObject({ status: "pending", lastHttpStatus: null });
    expect(pending!.lastError).toMatch(/did not answer/);
    await new Promise((resolve) => setTimeout(resolve, 400)); // let the slow request land at the simulator
    sim.setFailures({});
    await worker().drain();
    const [done] = await db.select().from(lineOutbox).where(mine());
    expect(done).toMatchObject({ status: "sent", lastHttpStatus: 409 });
    expect(sim.deliveries).toHaveLength(1);
  });

  it("records a final failure for a request LINE rejects (4xx) and after the last allowed attempt", async () => {
    const db = await getDb();
    const [bad] = await db.insert(lineOutbox).values({ kind: "push", recipients: ["not-a-user"], messages: [], cause: scope }).returning();
    await enqueuePush(db, { to: lineUserId(6), messages: [{ type: "text", text: "down" }], cause: scope });
    sim.setFailures({ rate: 1, statuses: [503] });
    await worker({ maxAttempts: 3 }).drain();
    const rows = await db.select().from(lineOutbox).where(mine());
    expect(rows.find((r) => r.id === bad!.id)).toMatchObject({ status: "failed", attempts: 1, lastHttpStatus: 400 });
    expect(rows.find((r) => r.id !== bad!.id)).toMatchObject({ status: "failed", attempts: 3, lastHttpStatus: 503 });
    expect(sim.deliveries).toHaveLength(0);
    // Each final status is in the audit log once, without the recipients.
    const audits = await db.select().from(auditLog).where(inArray(auditLog.entityId, rows.map((r) => r.id)));
    expect(audits.map((a) => a.action)).toEqual(["line.message.failed", "line.message.failed"]);
    expect(JSON.stringify(audits)).not.toContain(lineUserId(6));
  });
});
