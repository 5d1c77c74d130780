import "../scripts/load-env";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db";
import { rowsOf } from "@/db/rows";
import { departments } from "@/db/schema/departments";
import { broadcasts, topics } from "@/db/schema/segments";
import { getConfig } from "@/lib/config/env";
import { startLineSimulator } from "@/lib/line/simulator";
import { queueBroadcast } from "@/lib/segments/send";
import { freshDatabase } from "./lib";

// `npm run bench:broadcast [-- --followers=100000 --fail-rate=0.05 --workers=2]`
// 100,000 followers spread over six topics (own choices and defaults, some blocked), one broadcast to three
// topics in three languages, queued by the same code the send operation runs, delivered by two `npm run worker`
// processes sharing LINE's 2,000 requests/s through the LINE simulator, which fails 5% of calls with 5xx/429.
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const followers = arg("followers", 100_000);
const failRate = arg("fail-rate", 0.05);
const workerCount = arg("workers", 2);
const config = getConfig();

const fresh = await freshDatabase("yakuba_bench_broadcast");
const handle = await openDatabase({ databaseUrl: fresh.url, poolMax: 4 });
const db = handle.db;
const sim = await startLineSimulator({
  port: 0,
  channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN,
  channelSecret: config.LINE_CHANNEL_SECRET,
  loginChannelId: config.LINE_LOGIN_CHANNEL_ID,
  messageRateLimitPerSecond: 2000,
});
sim.setFailures({ rate: failRate, statuses: [500, 503, 429], acceptedThenLost: 0.3, retryAfterSeconds: 1, seed: 7 });
const children: ChildProcess[] = [];

try {
  const setupStart = performance.now();
  const [department] = await db.insert(departments).values({ code: "bench", name: "ベンチ課" }).returning();
  const topicRows = await db
    .insert(topics)
    .values(["子育て", "健康・検診", "防災・防犯", "イベント", "ごみ・環境", "給付・支援"].map((name, i) => ({ departmentId: department!.id, name, description: name, defaultOn: i === 2 || i === 5, sortOrder: i })))
    .returning();
  // 2% blocked; one in ten English, one in ten やさしい日本語.
  await db.execute(sql`
    insert into residents (line_user_id, following, followed_at, blocked_at, locale)
    select 'U' || lpad(to_hex(i), 32, '0'), i % 50 <> 0, now(), case when i % 50 = 0 then now() end,
           case i % 10 when 0 then 'en' when 1 then 'ja-easy' else null end
      from generate_series(1, ${followers}) i`);
  // About 30% choose each topic; about 20% turn a default-on topic off.
  await db.execute(sql`
    insert into topic_subscriptions (resident_id, topic_id, subscribed)
    select r.id, t.id, not t.default_on from residents r cross join topics t
     where abs(hashtext(r.id::text || t.id::text)) % 10 < (case when t.default_on then 2 else 3 end)`);
  const setupSeconds = (performance.now() - setupStart) / 1000;

  const chosen = [topicRows[0]!, topicRows[2]!, topicRows[3]!];
  const [broadcast] = await db
    .insert(broadcasts)
    .values({ departmentId: department!.id, title: "bench", text: "【防災】避難所を開設しました。https://example.lg.jp/hinan", textEasy: "【さいがい】にげる 場所を あけました。", textEn: "[Disaster] Shelters are open.", topicIds: chosen.map((t) => t.id) })
    .returning();

  // The workers run beside the app as in production, idle until the broadcast's rows arrive.
  const root = path.resolve(import.meta.dirname, "..");
  for (let i = 0; i < workerCount; i++) {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/worker.ts", `--scope=broadcast:${broadcast!.id}`, "--no-webhook-events"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "development",
        DATABASE_URL: fresh.url,
        LINE_API_BASE_URL: sim.url,
        // Each worker paces itself to its share of LINE's 2,000 requests/s.
        LINE_PUSH_REQUESTS_PER_SECOND: String(Math.floor(2000 / workerCount)),
        LINE_OUTBOX_LEASE_SECONDS: "30",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
  }
  // Each worker says "[worker] … delivering" once it is polling.
  await Promise.all(children.map((child) => new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("[worker]") && resolve()))));
  const start = performance.now();
  const queued = await db.transaction((tx) => queueBroadcast(tx, broadcast!, { approvedBy: null }));
  const queueSeconds = (performance.now() - start) / 1000;

  const deadline = Date.now() + 300_000;
  for (;;) {
    const [open] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from line_outbox where cause like ${`broadcast:${broadcast!.id}:%`} and status in ('pending', 'sending')`));
    if (Number(open!.n) === 0) break;
    if (Date.now() > deadline) throw new Error(`not drained: ${open!.n} rows open`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const elapsed = (performance.now() - start) / 1000;

  const fixed = new Set(rowsOf<{ line_user_id: string }>(await db.execute(sql`select r.line_user_id from broadcast_recipients b join residents r on r.id = b.resident_id where b.broadcast_id = ${broadcast!.id}`)).map((r) => r.line_user_id));
  const perUser = new Map<string, number>();
  let requests = 0;
  for (const delivery of sim.deliveries) {
    const text = (delivery.messages[0] as { text?: string }).text ?? "";
    if (!/避難所|にげる 場所|Shelters/.test(text)) continue;
    for (const id of delivery.to) perUser.set(id, (perUser.get(id) ?? 0) + 1);
  }
  requests = sim.stats.messageRequests;
  const duplicates = [...perUser.values()].reduce((sum, n) => sum + (n - 1), 0);
  const lost = [...fixed].filter((id) => !perUser.has(id)).length;
  const strays = [...perUser.keys()].filter((id) => !fixed.has(id)).length;
  const blocked = rowsOf<{ line_user_id: string }>(await db.execute(sql`select line_user_id from residents where blocked_at is not null`));
  const blockedReached = blocked.filter((row) => perUser.has(row.line_user_id)).length;
  const [failed] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from line_outbox where cause like ${`broadcast:${broadcast!.id}:%`} and status = 'failed'`));

  console.log(`setup: ${followers} followers, 6 topics, subscriptions in ${setupSeconds.toFixed(1)} s (PostgreSQL)`);
  console.log(`queued: ${queued.recipients} recipients in ${queued.outboxRows} outbox rows (≤500 each) in ${queueSeconds.toFixed(2)} s`);
  console.log(`workers: ${workerCount} processes at ${Math.floor(2000 / workerCount)} requests/s each; simulator failing ${(failRate * 100).toFixed(0)}% (5xx/429, 30% of 5xx after accepting)`);
  console.log(`simulator: ${sim.stats.messageRequests} message requests, ${sim.stats.injectedFailures} injected failures, ${sim.stats.rateLimited} rate-limited, ${sim.stats.retryKeyConflicts} answered 409`);
  console.log(`delivered to ${perUser.size} residents; outside the audience ${strays}; blocked reached ${blockedReached} of ${blocked.length}; rows failed for good ${failed!.n}`);
  console.log(`broadcast_recipients=${queued.recipients} requests=${requests} duplicates=${duplicates} lost=${lost} elapsed_s=${elapsed.toFixed(2)}`);
  if (duplicates !== 0 || lost !== 0 || strays !== 0 || blockedReached !== 0) process.exitCode = 1;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)));
  await sim.close();
  await handle.close();
  await fresh.drop();
}
