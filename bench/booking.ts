/**
 * Booking throughput on a production build against PostgreSQL: BENCH_CONCURRENCY (200) requests at once across
 * 50 slots of capacity 20, through the route the LIFF page uses. More residents than seats, and a share of them
 * sending the same booking twice at once, so the run also proves the invariants under load: afterwards the
 * database is counted directly (live bookings per slot against capacity, live bookings per resident and slot).
 * Last line: bookings_per_s=N p99_ms=N overbooked_slots=N double_booked_residents=N
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { cpuBusyMs, freshDatabase, percentile, postgresCpuMs, round } from "./lib";
import { PRODUCTION_SERVER_NODE_ARGS } from "../scripts/server-node-args";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const SLOTS = 50;
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 20);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 3000);
/** Every n-th resident sends its booking twice at the same time (a double tap, a retry). */
const DOUBLE_EVERY = 10;
const PORT = process.env.BENCH_PORT ?? "3264";

const secret = randomBytes(30).toString("base64url");
process.env.AUTH_SECRET = secret;
(process.env as Record<string, string>).NODE_ENV = "production";
process.env.E2E_PRODUCTION_BUILD = "true";
process.env.APP_URL = `http://localhost:${PORT}`;
process.env.USE_SIMULATORS = "true";

/** 50 hourly slots: every day 9:00–19:00 (10 slots) for five days from the day after tomorrow (JST). */
async function seed(sql: postgres.Sql): Promise<{ calendarId: string; slotStarts: string[]; residents: string[] }> {
  const [department] = await sql`insert into departments (code, name) values ('bench', 'ベンチ課') returning id`;
  const [calendar] = await sql`
    insert into reservation_calendars (department_id, name, kind, location, weekdays, day_start_minute, day_end_minute, slot_minutes, capacity,
      skip_holidays, opens_days_before, closes_hours_before, cancel_hours_before, per_resident_limit)
    values (${department!.id}, 'ベンチ健診', 'checkup', '保健センター', '{0,1,2,3,4,5,6}', 540, 1140, 60, ${CAPACITY}, false, 400, 0, 0, 3)
    returning id`;
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const slotStarts: string[] = [];
  for (let day = 2; slotStarts.length < SLOTS; day++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
    for (let hour = 9; hour < 19 && slotStarts.length < SLOTS; hour++) slotStarts.push(new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+09:00`).toISOString());
  }
  const residents = await sql`
    insert into residents (line_user_id, following) select 'U' || md5('bench-booking-' || g), true from generate_series(1, ${RESIDENTS}) g returning id`;
  await sql`analyze`;
  return { calendarId: calendar!.id as string, slotStarts, residents: residents.map((r) => r.id as string) };
}

function startServer(databaseUrl: string): ChildProcess {
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  return spawn(process.execPath, [...PRODUCTION_SERVER_NODE_ARGS, nextBin, "start", "--port", PORT], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: "20", RUN_WORKER_IN_PROCESS: "false", RESIDENT_RATE_LIMIT_PER_MINUTE: "10000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("server did not become healthy");
}

async function main() {
  const { createResidentSessionToken, residentCookieName } = await import("@/lib/residents/session");
  const { openDatabase } = await import("@/db");
  const database = await freshDatabase("yakuba_bench_booking");
  const migrated = await openDatabase({ databaseUrl: database.url, poolMax: 2 });
  await migrated.close();
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  let server: ChildProcess | null = null;
  try {
    const { calendarId, slotStarts, residents } = await seed(sql);
    console.log(`seeded ${SLOTS} slots × ${CAPACITY} seats and ${residents.length} residents`);
    if (process.env.BENCH_SKIP_BUILD !== "1") {
      const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
      if (build.status !== 0) throw new Error("next build failed");
    }
    server = startServer(database.url);
    const base = `http://127.0.0.1:${PORT}`;
    await waitForHealth(base);
    const cookies = await Promise.all(residents.map(async (id) => `${residentCookieName()}=${(await createResidentSessionToken(id)).token}`));
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

    // Resident i wants slot i mod 50; every tenth also sends the same booking a second time, at once.
    const jobs: { resident: number; slot: number }[] = [];
    for (let i = 0; i < residents.length; i++) {
      jobs.push({ resident: i, slot: i % SLOTS });
      if (i % DOUBLE_EVERY === 0) jobs.push({ resident: i, slot: i % SLOTS });
    }
    const book = (job: { resident: number; slot: number }): Promise<{ status: number; code: string | null; ms: number }> =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify({ action: "book", calendarId, startsAt: slotStarts[job.slot] });
        const started = performance.now();
        const request = http.request(
          `${base}/api/liff/reservations`,
          {
            method: "POST",
            agent,
            headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie: cookies[job.resident]!, "x-forwarded-for": `10.8.${job.resident >> 8}.${job.resident & 255}` },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => {
              const text = Buffer.concat(chunks).toString("utf8");
              const code = response.statusCode === 200 ? null : ((JSON.parse(text || "{}") as { code?: string }).code ?? "other");
              resolve({ status: response.statusCode ?? 0, code, ms: performance.now() - started });
            });
          },
        );
        request.on("error", reject);
        request.end(body);
      });

    // Warm-up on other residents' sessions would change the counts: one request compiles the route instead.
    await fetch(`${base}/api/liff/reservations`, { method: "POST", body: "{}" });

    let next = 0;
    const latencies: number[] = [];
    const outcomes = new Map<string, number>();
    const [serverCpuBefore, postgresCpuBefore] = [cpuBusyMs(server.pid!), postgresCpuMs()];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let index = next++; index < jobs.length; index = next++) {
          const result = await book(jobs[index]!);
          latencies.push(result.ms);
          const key = result.status === 200 ? "booked" : `${result.status} ${result.code}`;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    const [{ overbooked }] = (await sql`
      select count(*)::int as overbooked from (
        select s.id from reservation_slots s join reservation_bookings b on b.slot_id = s.id and b.status <> 'cancelled'
        group by s.id having count(*) > max(s.capacity)) o`) as unknown as [{ overbooked: number }];
    const [{ doubled }] = (await sql`
      select count(*)::int as doubled from (
        select slot_id, resident_id from reservation_bookings where status <> 'cancelled' and resident_id is not null
        group by slot_id, resident_id having count(*) > 1) d`) as unknown as [{ doubled: number }];
    const [{ live, counter }] = (await sql`
      select (select count(*)::int from reservation_bookings where status <> 'cancelled') as live,
             (select coalesce(sum(booked), 0)::int from reservation_slots) as counter`) as unknown as [{ live: number; counter: number }];

    console.log(`requests=${jobs.length} concurrency=${CONCURRENCY} seats=${SLOTS * CAPACITY} elapsed_s=${round(seconds, 2)}`);
    console.log(`outcomes: ${[...outcomes].map(([k, v]) => `${k}=${v}`).join(" ")}`);
    console.log(`latency_ms: p50=${round(percentile(latencies, 50))} p95=${round(percentile(latencies, 95))} p99=${round(percentile(latencies, 99))} max=${round(latencies.at(-1)!)}`);
    console.log(`accepted_per_s=${round((outcomes.get("booked") ?? 0) / seconds)} live_bookings=${live} slot_counters=${counter}`);
    console.log(`cpu_ms_per_request: server=${round((cpuBusyMs(server.pid!) - serverCpuBefore) / jobs.length, 2)} postgres=${round((postgresCpuMs() - postgresCpuBefore) / jobs.length, 2)}`);
    console.log(`bookings_per_s=${round(jobs.length / seconds)} p99_ms=${round(percentile(latencies, 99))} overbooked_slots=${overbooked} double_booked_residents=${doubled}`);
  } finally {
    server?.kill("SIGTERM");
    await sql.end();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
