import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import { topicSubscriptions } from "@/db/schema/segments";
import { runGuarded } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config/env";
import type { LineSimulator } from "@/lib/line/simulator";
import { startTestSimulator } from "@/lib/line/test-helpers";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { sql } from "drizzle-orm";
import { composeBroadcast, sendBroadcast } from "./operations";
import { createFollowers, createTopicRow } from "./testing";

// Two worker processes need one database: PGlite is in-process only, so this runs on PostgreSQL.
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

function startWorker(scope: string): ChildProcess {
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/worker.ts", `--scope=${scope}`, "--no-webhook-events"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", DATABASE_URL: databaseUrl!, LINE_API_BASE_URL: sim.url, LINE_CHANNEL_ACCESS_TOKEN: getConfig().LINE_CHANNEL_ACCESS_TOKEN, LINE_PUSH_REQUESTS_PER_SECOND: "20", LINE_OUTBOX_LEASE_SECONDS: "2" },
    stdio: ["ignore", "ignore", "pipe"],
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

describe.runIf(databaseUrl)("a broadcast whose worker is killed mid-send (PostgreSQL)", () => {
  it("reaches every recipient exactly once after a SIGKILL and a restart, and no blocked resident", async () => {
    const db = await getDb();
    const department = await createDepartment();
    const admin = await createActor([{ departmentId: department.id, role: "dept_admin" }]);
    const topic = await createTopicRow(department.id);
    const residents = await createFollowers(12_000);
    const blocked = await createFollowers(50, { blocked: true });
    const values = [...residents, ...blocked].map((r) => ({ residentId: r.id, topicId: topic.id, subscribed: true }));
    for (let i = 0; i < values.length; i += 5000) await db.insert(topicSubscriptions).values(values.slice(i, i + 5000));
    const drafted = await runGuarded({ actor: admin, requestId: null }, composeBroadcast, { title: "再起動", text: `避難所を開設しました ${department.id}`, departmentId: department.id, topicIds: [topic.id] });
    const broadcastId = (drafted as { data: { broadcast: { id: string } } }).data.broadcast.id;
    expect(await runGuarded({ actor: admin, requestId: null }, sendBroadcast, { broadcastId })).toMatchObject({ ok: true, data: { recipients: 12_000 } });
    sim.setFailures({ rate: 0.2, statuses: [500, 503, 429], acceptedThenLost: 0.5, retryAfterSeconds: 1, seed: 5 });

    const scope = `broadcast:${broadcastId}`;
    const first = startWorker(scope);
    await waitFor(() => sim.stats.accepted >= 6, 90_000, "the first worker to deliver some batches");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    expect(sim.stats.accepted).toBeLessThan(24);

    startWorker(scope);
    const open = async () => {
      const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from line_outbox where cause like ${`${scope}:%`} and status in ('pending', 'sending')`));
      return Number(row!.n) === 0;
    };
    await waitFor(open, 180_000, "the broadcast to drain");

    const perUser = new Map<string, number>();
    for (const delivery of sim.deliveries) {
      if ((delivery.messages[0] as { text: string }).text !== `避難所を開設しました ${department.id}`) continue;
      for (const id of delivery.to) perUser.set(id, (perUser.get(id) ?? 0) + 1);
    }
    expect(perUser.size).toBe(12_000);
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
    for (const r of residents) expect(perUser.has(r.lineUserId)).toBe(true);
    for (const r of blocked) expect(perUser.has(r.lineUserId)).toBe(false);
    expect(sim.stats.retryKeyConflicts).toBeGreaterThan(0);
  }, 300_000);
});
