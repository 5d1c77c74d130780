import { and, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseRoundTrips, getDatabaseHandle, getDb, openDatabase, setDatabaseHandleForTests } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { lineOutbox } from "@/db/schema/line";
import { uniqueSuffix } from "@/lib/testing/factories";
import { enqueuePush } from "./outbox";
import type { LineSimulator } from "./simulator";
import { lineUserId, messengerFor, startTestSimulator } from "./test-helpers";
import { OutboxWorker } from "./worker";

// Counted on the PostgreSQL wire; PGlite has no wire (and no round trips to save).
const databaseUrl = inject("testDatabaseUrl");

let sim: LineSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
  if (!databaseUrl) return;
  // One connection, so every statement is prepared once and the count does not depend on which connection ran it.
  await (await getDatabaseHandle()).close();
  setDatabaseHandleForTests(await openDatabase({ databaseUrl, poolMax: 1, countRoundTrips: true }));
});
afterAll(async () => {
  await sim.close();
});

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; roundTrips: number }> {
  const before = databaseRoundTrips();
  const result = await work();
  return { result, roundTrips: databaseRoundTrips() - before };
}

async function enqueue(scope: string, n: number): Promise<string[]> {
  const db = await getDb();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await enqueuePush(db, { to: lineUserId(9_000_000 + i), messages: [{ type: "text", text: `${scope} ${i}` }], cause: `${scope}:${i}` }))!);
  return ids;
}

describe.runIf(databaseUrl)("the outbox worker's round trips (PostgreSQL, counted on the wire)", () => {
  it("a pass costs two round trips however many rows it claims: the claim, and every outcome with its audit entry in one statement", async () => {
    const scope = `worker-roundtrips:${uniqueSuffix()}`;
    // Warm-up: each statement is prepared on the connection once (a Describe first).
    await enqueue(`${scope}-warm`, 1);
    await new OutboxWorker({ messenger: messengerFor(sim), webhookEvents: false, scope: `${scope}-warm` }).drain();

    const small = await enqueue(`${scope}-small`, 3);
    const smallPass = await counted(() => new OutboxWorker({ messenger: messengerFor(sim), webhookEvents: false, concurrency: 25, requestsPerSecond: 2000, scope: `${scope}-small` }).runOnce());
    expect(smallPass.result).toBe(3);

    // 25 rows, a third failing with 500: sent, retried and (on the second attempt) failed for good, all in one pass's statement.
    const ids = await enqueue(`${scope}-large`, 25);
    sim.setFailures({ rate: 0.35, statuses: [500], seed: 7 });
    const large = new OutboxWorker({ messenger: messengerFor(sim), webhookEvents: false, concurrency: 25, requestsPerSecond: 2000, backoffBaseMs: 5, backoffMaxMs: 10, maxAttempts: 2, scope: `${scope}-large` });
    const first = await counted(() => large.runOnce());
    expect(first.result).toBe(25);
    expect(large.stats.sent).toBeGreaterThan(0);
    expect(large.stats.retried).toBeGreaterThan(0);
    expect(first.roundTrips).toBe(smallPass.roundTrips);
    expect(first.roundTrips).toBeLessThanOrEqual(2);

    await new Promise((resolve) => setTimeout(resolve, 30)); // the retries' backoff
    const second = await counted(() => large.runOnce());
    expect(second.result).toBe(large.stats.retried);
    expect(second.roundTrips).toBeLessThanOrEqual(2);
    sim.reset();

    // What the one statement recorded: every row final, an audit entry per final outcome, none for a retry.
    const db = await getDb();
    const rows = await db.select().from(lineOutbox).where(inArray(lineOutbox.id, ids));
    const sent = rows.filter((r) => r.status === "sent");
    const failed = rows.filter((r) => r.status === "failed");
    expect(sent.length + failed.length).toBe(25);
    expect(sent.length).toBe(large.stats.sent);
    expect(failed.length).toBe(large.stats.failed);
    for (const row of sent) expect(row).toMatchObject({ lastHttpStatus: 200, lockedBy: null, lockedUntil: null });
    for (const row of failed) expect(row).toMatchObject({ lastHttpStatus: 500, attempts: 2, lockedBy: null });
    for (const row of failed) expect(row.lastError).toBeTruthy();
    expect(rows.every((r) => r.finishedAt !== null)).toBe(true);
    const entries = await db
      .select({ action: auditLog.action, entityId: auditLog.entityId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "line_outbox"), inArray(auditLog.entityId, ids)));
    expect(entries.filter((e) => e.action === "line.message.sent")).toHaveLength(sent.length);
    expect(entries.filter((e) => e.action === "line.message.failed")).toHaveLength(failed.length);
    expect(entries.find((e) => e.action === "line.message.failed")?.after).toMatchObject({ status: "failed", kind: "push", recipients: 1, attempts: 2, httpStatus: 500 });
    expect(await db.select().from(lineOutbox).where(like(lineOutbox.cause, `${scope}-small%`))).toSatisfy((r: { status: string }[]) => r.every((x) => x.status === "sent"));
    expect(small).toHaveLength(3);
  });
});
