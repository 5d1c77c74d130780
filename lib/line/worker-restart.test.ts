import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, count, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/db";
import { lineOutbox } from "@/db/schema/line";
import { getConfig } from "@/lib/config/env";
import { uniqueSuffix } from "@/lib/testing/factories";
import { enqueuePush } from "./outbox";
import type { LineSimulator } from "./simulator";
import { lineUserId, startTestSimulator } from "./test-helpers";

// Two processes need one database: PGlite is in-process only, so this runs on PostgreSQL (TEST_DATABASE_URL).
const databaseUrl = inject("testDatabaseUrl");

let sim: LineSimulator;
const children: ChildProcess[] = [];
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await sim?.close();
});

function startWorkerProcess(scope: string): ChildProcess {
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/worker.ts", `--scope=${scope}`, "--no-webhook-events"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl!,
      LINE_API_BASE_URL: sim.url,
      LINE_CHANNEL_ACCESS_TOKEN: getConfig().LINE_CHANNEL_ACCESS_TOKEN,
      LINE_PUSH_REQUESTS_PER_SECOND: "150",
      LINE_OUTBOX_LEASE_SECONDS: "2",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  children.push(child);
  return child;
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.runIf(databaseUrl)("outbox worker process killed mid-run (PostgreSQL)", () => {
  it("a SIGKILLed worker and its restarted successor deliver 1,000 pushes with nothing lost and nothing doubled", async () => {
    const db = await getDb();
    const run = uniqueSuffix();
    const ids: string[] = [];
    await db.transaction(async (tx) => {
      for (let i = 0; i < 1000; i++) {
        const id = await enqueuePush(tx, { to: lineUserId(900_000 + i), messages: [{ type: "text", text: `${run}-${i}` }], cause: `restart:${run}` });
        ids.push(id!);
      }
    });
    sim.setFailures({ rate: 0.2, statuses: [500, 503, 429], acceptedThenLost: 0.3, retryAfterSeconds: 1, seed: 11 });

    const first = startWorkerProcess(`restart:${run}`);
    await waitFor(() => sim.stats.accepted >= 300, 90_000, "the first worker to deliver 300 messages");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const acceptedAtKill = sim.stats.accepted;
    expect(acceptedAtKill).toBeLessThan(1000);

    startWorkerProcess(`restart:${run}`);
    const open = async () => {
      const [row] = await db.select({ n: count() }).from(lineOutbox).where(inArray(lineOutbox.id, ids.slice(0, 1000)));
      const [pending] = await db
        .select({ n: count() })
        .from(lineOutbox)
        .where(and(inArray(lineOutbox.id, ids), inArray(lineOutbox.status, ["pending", "sending"])));
      return row!.n === 1000 && pending!.n === 0;
    };
    await waitFor(open, 120_000, "the outbox to drain");

    const rows = await db.select({ status: lineOutbox.status, n: count() }).from(lineOutbox).where(inArray(lineOutbox.id, ids)).groupBy(lineOutbox.status);
    expect(rows).toEqual([{ status: "sent", n: 1000 }]);
    const perText = new Map<string, number>();
    for (const delivery of sim.deliveries) {
      const text = (delivery.messages[0] as { text: string }).text;
      if (text.startsWith(run)) perText.set(text, (perText.get(text) ?? 0) + 1);
    }
    expect(perText.size).toBe(1000);
    expect([...perText.values()].every((n) => n === 1)).toBe(true);
    expect(sim.stats.duplicateDeliveries).toBe(0);
  }, 240_000);
});
