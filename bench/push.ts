import "../scripts/load-env";
import { openDatabase } from "@/db";
import { getConfig } from "@/lib/config/env";
import { createLineMessenger } from "@/lib/line/client";
import { enqueueMulticast } from "@/lib/line/outbox";
import { startLineSimulator } from "@/lib/line/simulator";
import { OutboxWorker } from "@/lib/line/worker";

// `npm run bench:push [-- --recipients=100000 --fail-rate=0.05 --rps=2000]`
// One multicast to N residents through the outbox → worker → LINE simulator (which enforces LINE's 2,000
// requests/s and can fail a share of calls with 5xx/429). Uses a fresh in-memory PGlite, or BENCH_DATABASE_URL.
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const recipients = arg("recipients", 100_000);
const failRate = arg("fail-rate", 0.05);
const config = getConfig();
const rps = arg("rps", config.LINE_PUSH_REQUESTS_PER_SECOND);

const handle = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, pgliteDataDir: "memory://" });
const sim = await startLineSimulator({
  channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN,
  channelSecret: config.LINE_CHANNEL_SECRET,
  loginChannelId: config.LINE_LOGIN_CHANNEL_ID,
  messageRateLimitPerSecond: 2000,
});
sim.setFailures({ rate: failRate, statuses: [500, 503, 429], acceptedThenLost: 0.3, retryAfterSeconds: 1, seed: 42 });

const ids = Array.from({ length: recipients }, (_, i) => `U${(0xbe0000000 + i).toString(16).padStart(32, "0")}`);
const scope = `bench:${Date.now()}`;
const enqueueStart = performance.now();
const rows = await handle.db.transaction((tx) => enqueueMulticast(tx, { to: ids, messages: [{ type: "text", text: "【お知らせ】物価高騰支援の申請受付を開始しました。" }], cause: scope }));
const enqueueSeconds = (performance.now() - enqueueStart) / 1000;

const worker = new OutboxWorker({
  db: handle.db,
  messenger: createLineMessenger({ baseUrl: sim.url, channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN, timeoutMs: config.LINE_REQUEST_TIMEOUT_MS }),
  requestsPerSecond: rps,
  concurrency: 50,
  backoffBaseMs: 200,
  webhookEvents: false,
  scope,
});
const start = performance.now();
await worker.drain({ timeoutMs: 600_000 });
const elapsed = (performance.now() - start) / 1000;

const delivered = sim.stats.recipientsDelivered;
console.log(`outbox rows (≤500 recipients each): ${rows.length}, enqueued in ${enqueueSeconds.toFixed(2)} s (${handle.driver})`);
console.log(`worker: ${rps} requests/s budget, simulator failing ${(failRate * 100).toFixed(0)}% (5xx/429, 30% of 5xx after accepting)`);
console.log(`simulator: ${sim.stats.messageRequests} message requests, ${sim.stats.injectedFailures} injected failures, ${sim.stats.rateLimited} rate-limited, ${sim.stats.retryKeyConflicts} answered 409 (retry key already accepted)`);
console.log(`delivered to ${delivered} of ${recipients} recipients; worker stats ${JSON.stringify(worker.stats)}`);
if (delivered !== recipients) console.error(`MISSING: ${recipients - delivered} recipients not delivered`);
console.log(`recipients=${recipients} requests=${worker.stats.requests} retries=${worker.stats.retried} duplicates=${sim.stats.duplicateDeliveries} elapsed_s=${elapsed.toFixed(2)}`);
await sim.close();
await handle.close();
if (delivered !== recipients || sim.stats.duplicateDeliveries !== 0) process.exit(1);
