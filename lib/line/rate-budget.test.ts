import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb, openDatabase, type DatabaseHandle } from "@/db";
import { uniqueSuffix } from "@/lib/testing/factories";
import { enqueuePush } from "./outbox";
import type { LineSimulator } from "./simulator";
import { lineUserId, messengerFor, startTestSimulator } from "./test-helpers";
import { OutboxWorker } from "./worker";

// Workers in separate processes share only the database: this runs on PostgreSQL, each worker with its own pool.
const databaseUrl = inject("testDatabaseUrl");

/**
 * LINE's limit as the simulator enforces it (429 above it), and the budget the workers share, below it: the margin
 * absorbs timer and network jitter, which can bunch a few requests that were reserved evenly.
 */
const LINE_LIMIT_PER_SECOND = 30;
const BUDGET_PER_SECOND = 20;
const MESSAGES = 100;

let sim: LineSimulator;
const handles: DatabaseHandle[] = [];
beforeAll(async () => {
  sim = await startTestSimulator({ messageRateLimitPerSecond: LINE_LIMIT_PER_SECOND });
});
afterAll(async () => {
  await Promise.all(handles.map((handle) => handle.close()));
  await sim?.close();
});

/** The most requests the simulator received in any one-second window (sliding, not only whole seconds). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe.runIf(databaseUrl)("one LINE rate budget shared by every worker (PostgreSQL)", () => {
  it(`three workers, each given the whole budget of ${BUDGET_PER_SECOND}/s, together stay under LINE's ${LINE_LIMIT_PER_SECOND}/s`, async () => {
    const scope = `rate-budget:${uniqueSuffix()}`;
    const db = await getDb();
    await db.transaction(async (tx) => {
      for (let i = 0; i < MESSAGES; i++) {
        await enqueuePush(tx, { to: lineUserId(700_000 + i), messages: [{ type: "text", text: `お知らせ ${i}` }], cause: `${scope}:${i}` });
      }
    });
    sim.reset();
    const budgetName = `test:${randomUUID()}`;
    const workers = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const handle = await openDatabase({ databaseUrl: databaseUrl!, poolMax: 4 });
        handles.push(handle);
        // Small claims, so all three take part rather than one claiming everything at once.
        return new OutboxWorker({ db: handle.db, messenger: messengerFor(sim), workerId: `w${n}`, requestsPerSecond: BUDGET_PER_SECOND, budgetName, concurrency: 5, webhookEvents: false, scope });
      }),
    );
    const started = Date.now();
    await Promise.all(workers.map((worker) => worker.drain({ timeoutMs: 60_000 })));
    const elapsedSeconds = (Date.now() - started) / 1000;

    const sends = sim.calls.filter((call) => call.path === "/v2/bot/message/push").map((call) => call.at);
    expect(sends).toHaveLength(MESSAGES);
    expect(sim.stats.rateLimited).toBe(0);
    expect(busiestSecond(sends)).toBeLessThanOrEqual(LINE_LIMIT_PER_SECOND);
    // Each on its own budget, the three would have sent at 60/s together and finished in under 2 s instead of 5.
    expect(elapsedSeconds).toBeGreaterThanOrEqual((MESSAGES - 1) / BUDGET_PER_SECOND - 0.2);
    for (const worker of workers) expect(worker.stats.requests).toBeGreaterThan(0);
    expect(workers.reduce((sum, worker) => sum + worker.stats.sent, 0)).toBe(MESSAGES);
  });
});
