/**
 * LIFF filing throughput on a production build against PostgreSQL: CONCURRENCY residents at once, each with a
 * verified JPKI identity and a session, POST their household's filing through the same route the LIFF page uses.
 * In the same run, the framework's floor: the same server answering GET /api/health (one query) at the same
 * concurrency, warmed, then measured before and after the filings (health_per_s is both together); beside it the
 * floor for a POST shaped like the filing (post_floor_per_s, /api/dev/post-floor). The server counts its PostgreSQL round trips on the wire (DB_COUNT_ROUNDTRIPS, read with SIGUSR2).
 * Last line: filings_per_s=N p50_ms=N p99_ms=N health_per_s=N floor_ratio=N roundtrips_per_filing=N
 * cpu_ms_per_filing=N accepted_duplicates=0 (CPU: app server + PostgreSQL per accepted filing).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { PRODUCTION_SERVER_NODE_ARGS } from "../scripts/server-node-args";
import { cpuBusyMs, freshDatabase, ownCpuMs, percentile, postgresCpuMs, round } from "./lib";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 6000);
const WARMUP = 200;
const PORT = process.env.BENCH_PORT ?? "3200";
// The usual PostgreSQL sizing, about two connections per core: more backends than cores only add context switches
// (on this 2-core machine 20 connections cost 3.5 ms of CPU per filing, 4 cost 2.8 ms). BENCH_POOL_MAX overrides.
const POOL_MAX = Number(process.env.BENCH_POOL_MAX ?? Math.max(2, Math.ceil((2 * os.availableParallelism()) / Number(process.env.BENCH_SERVERS ?? 1))));
// BENCH_SERVERS=N runs N app processes on consecutive ports (as N instances behind a load balancer would).
const SERVERS = Number(process.env.BENCH_SERVERS ?? 1);
const baseOf = (index: number) => `http://127.0.0.1:${Number(PORT) + (index % SERVERS)}`;

const secret = randomBytes(30).toString("base64url");
// The bench mints session cookies the way the server checks them: same secret, same code.
process.env.AUTH_SECRET = secret;
(process.env as Record<string, string>).NODE_ENV = "production";
process.env.E2E_PRODUCTION_BUILD = "true";
process.env.APP_URL = `http://localhost:${PORT}`;
process.env.USE_SIMULATORS = "true";

async function seed(sql: postgres.Sql): Promise<{ programId: string; residents: { id: string; household: number }[] }> {
  const [department] = await sql`insert into departments (code, name) values ('bench', 'ベンチ課') returning id`;
  const [program] = await sql`
    insert into benefit_programs (department_id, code, name, points_per_person, reference_date, filing_opens_at, filing_closes_at, templates, status)
    values (${department!.id}, 'BF', 'ベンチ給付', 10000, '2026-10-01', now() - interval '1 day', now() + interval '30 days',
      ${sql.json({ received: "{事業名} 受付 {受付番号}", approved: "承認", rejected: "却下 {理由}", returned: "差戻 {理由}", granted: "付与" })}, 'open')
    returning id`;
  const programId = program!.id as string;
  await sql`
    insert into households (program_id, household_code, address, address_key, reference_code, member_count, points)
    select ${programId}, 'H' || g, '当麻町' || (g % 30 + 1) || '条東1丁目' || g || '番1号', (g % 30 + 1) || '条東1-' || g || '-1', 'R' || g, 2, 20000
    from generate_series(1, ${HOUSEHOLDS}) g`;
  await sql`
    insert into household_members (household_id, name, name_kana, name_key, kana_key, birth_date, sex, is_head, position)
    select h.id, '当麻 太郎' || substr(h.household_code, 2), 'トウマ タロウ', '当麻太郎' || substr(h.household_code, 2), 'とおまたろお',
           date '1950-01-01' + (substr(h.household_code, 2)::int % 9000), 'male', p = 0, p
    from households h cross join generate_series(0, 1) p where h.program_id = ${programId}`;
  const residents = await sql`
    insert into residents (line_user_id, following)
    select 'U' || md5(household_code), true from households where program_id = ${programId}
    returning id, line_user_id`;
  await sql`
    with heads as (
      select r.id as resident_id, h.address, m.name, m.name_key, m.birth_date
      from households h
      join household_members m on m.household_id = h.id and m.is_head
      join residents r on r.line_user_id = 'U' || md5(h.household_code)
      where h.program_id = ${programId}
    ), requests as (
      insert into jpki_requests (resident_id, purpose, state_hash, nonce, code_verifier, return_to, status, expires_at)
      select resident_id, 'filing:' || ${programId}, md5(resident_id::text), 'n', 'v', '/liff', 'verified', now() + interval '1 hour' from heads
      returning id, resident_id
    )
    insert into jpki_verifications (resident_id, request_id, purpose, issuer, subject_hash, name, address, birthdate, gender, name_key, expires_at)
    select heads.resident_id, requests.id, 'filing:' || ${programId}, 'https://jpki.bench', md5(heads.resident_id::text), heads.name,
           '北海道上川郡' || heads.address, heads.birth_date::text, 'male', heads.name_key, now() + interval '1 hour'
    from heads join requests on requests.resident_id = heads.resident_id`;
  // Statistics for what the seed loaded, as autovacuum gathers them after a roster import. The filing tables stay
  // never analyzed, as on a freshly migrated database: an ANALYZE of them while empty would make every connection
  // cache plans (foreign-key checks among them) that scan the table as it grows, until autovacuum's next analyze.
  await sql`analyze departments, benefit_programs, households, household_members, residents, jpki_requests, jpki_verifications`;
  return { programId, residents: residents.map((r, household) => ({ id: r.id as string, household })) };
}

function startServer(databaseUrl: string, port: string): ChildProcess {
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  return spawn(process.execPath, [...PRODUCTION_SERVER_NODE_ARGS, ...nodeArgs, nextBin, "start", "--port", port], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: String(POOL_MAX),
      RUN_WORKER_IN_PROCESS: "false",
      RESIDENT_RATE_LIMIT_PER_MINUTE: "10000",
      // The load generator stands in for the town's proxy: its X-Forwarded-For gives each resident an address.
      TRUSTED_PROXY_HOPS: "1",
      DB_COUNT_ROUNDTRIPS: "true",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** The server's PostgreSQL round trips so far: SIGUSR2 makes it print `db_roundtrips=N` (db/index.ts). */
function serverRoundTrips(server: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error("the server did not report its round trips")), 10_000);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const match = /db_roundtrips=(\d+)/u.exec(buffered);
      if (!match) return;
      clearTimeout(timer);
      server.stdout!.off("data", onData);
      resolve(Number(match[1]));
    };
    server.stdout!.on("data", onData);
    server.kill("SIGUSR2");
  });
}

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("server did not become healthy");
}

async function main() {
  const { createResidentSessionToken, residentCookieName } = await import("@/lib/residents/session");
  const { openDatabase } = await import("@/db");
  const database = await freshDatabase("yakuba_bench_filing");
  const migrated = await openDatabase({ databaseUrl: database.url, poolMax: 2 });
  await migrated.close();
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  const servers: ChildProcess[] = [];
  try {
    const { programId, residents } = await seed(sql);
    console.log(`seeded ${residents.length} households with verified heads; ${SERVERS} app server(s), ${POOL_MAX} database connections each`);
    if (process.env.BENCH_SKIP_BUILD !== "1") {
      const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
      if (build.status !== 0) throw new Error("next build failed");
    }
    for (let i = 0; i < SERVERS; i++) {
      const server = startServer(database.url, String(Number(PORT) + i));
      // Drained so the pipe never fills; round-trip reports are read from it on demand.
      server.stdout!.on("data", () => {});
      servers.push(server);
    }
    const allRoundTrips = async () => (await Promise.all(servers.map(serverRoundTrips))).reduce((a, b) => a + b, 0);
    for (let i = 0; i < SERVERS; i++) await waitForHealth(baseOf(i));
    const serversCpuMs = () => servers.reduce((sum, server) => sum + cpuBusyMs(server.pid!), 0);

    const cookies = await Promise.all(
      residents.map(async (r) => `${residentCookieName()}=${(await createResidentSessionToken(r.id)).token}`),
    );
    // node:http with keep-alive: the load generator shares the cores, so it should cost as little as it can.
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const body = JSON.stringify({ programId, confirmed: true });
    /** A LIFF-shaped POST (session cookie, JSON body) of household `index`: the filing, or the POST floor. */
    const post = (path: string, index: number): Promise<{ status: number; ms: number }> =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const request = http.request(
          `${baseOf(index)}${path}`,
          {
            method: "POST",
            agent,
            headers: {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
              "accept-encoding": "gzip, deflate, br",
              cookie: cookies[index]!,
              "x-forwarded-for": `10.9.${index >> 8}.${index & 255}`,
            },
          },
          (response) => {
            response.resume();
            response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
          },
        );
        request.on("error", reject);
        request.end(body);
      });
    const file = (index: number) => post("/api/liff/benefit/filings", index);

    // The floor on this machine: the same server answering GET /api/health (one `select 1`) at the same
    // concurrency. Beside it, the floor for a POST shaped like the filing (cookie, JSON body, one `select 1`, the same
    // answer headers; /api/dev/post-floor, a dev route): what Next.js spends on any such request before our work.
    const health = (index: number): Promise<void> =>
      new Promise((resolve, reject) => {
        http.get(`${baseOf(index)}/api/health`, { agent }, (response) => response.resume().on("end", resolve)).on("error", reject);
      });
    const FLOOR_REQUESTS = 3000;
    /** Seconds for FLOOR_REQUESTS of `request` at CONCURRENCY. */
    const timeFloor = async (request: (index: number) => Promise<unknown>): Promise<number> => {
      let floorNext = 0;
      const floorStarted = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (floorNext < FLOOR_REQUESTS) await request(floorNext++);
      }));
      return (performance.now() - floorStarted) / 1000;
    };
    const postFloor = (index: number) => post("/api/dev/post-floor", index % residents.length);
    // Warmed first, as the filings are: a cold server answers its first thousands of requests at half the speed
    // (JIT, lazily loaded route code). A floor measured cold flattered the ratio: 0.55–0.7 cold, about 0.3 warm.
    for (let pass = 0; pass < 3; pass++) await Promise.all([timeFloor(health), timeFloor(postFloor)]);
    // Measured before and after the filings, so a machine whose speed drifts during the run (a shared host) is
    // judged against its floors over the same span.
    const healthBefore = await timeFloor(health);
    const postBefore = await timeFloor(postFloor);
    console.log(`framework floors before the filings: GET /api/health ${round(FLOOR_REQUESTS / healthBefore)} requests/s, POST /api/dev/post-floor ${round(FLOOR_REQUESTS / postBefore)} requests/s`);

    // Warm-up: compile paths, fill pools; not measured.
    for (let i = 0; i < WARMUP; i += CONCURRENCY) await Promise.all(Array.from({ length: CONCURRENCY }, (_, j) => file(i + j)));

    // Diagnostic, off by default: statistics of every table as autovacuum would have them a minute into a launch.
    if (process.env.BENCH_ANALYZE_AFTER_WARMUP === "1") await sql`analyze`;

    let next = WARMUP;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const roundTripsBefore = await allRoundTrips();
    // Other work may share this PostgreSQL server: count only the backends serving the app's pool (kept open by
    // the warm-up) plus WAL writing, which all databases share and is counted whole (an over-estimate).
    const backends = (await sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`).map((row) => Number(row.pid));
    const shared = (await sql`select pid from pg_stat_activity where backend_type in ('walwriter', 'checkpointer', 'background writer')`).map((row) => Number(row.pid));
    const ourPostgresCpuMs = () => postgresCpuMs([...backends, ...shared]);
    const [machineCpuBefore, serverCpuBefore, postgresCpuBefore, generatorCpuBefore] = [cpuBusyMs(), serversCpuMs(), ourPostgresCpuMs(), ownCpuMs()];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let index = next++; index < residents.length; index = next++) {
          const result = await file(index);
          latencies.push(result.ms);
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const measured = residents.length - WARMUP;
    const machineCpuMs = (cpuBusyMs() - machineCpuBefore) / measured;
    const serverCpuMs = (serversCpuMs() - serverCpuBefore) / measured;
    const postgresCpu = (ourPostgresCpuMs() - postgresCpuBefore) / measured;
    const generatorCpuMs = (ownCpuMs() - generatorCpuBefore) / measured;
    const roundTripsPerFiling = ((await allRoundTrips()) - roundTripsBefore) / measured;
    // The floors' own cost, measured like the filing's: what one request costs the app server and PostgreSQL.
    const floorCost = async (request: (index: number) => Promise<unknown>) => {
      const [serverBefore, postgresBefore] = [serversCpuMs(), ourPostgresCpuMs()];
      const seconds = await timeFloor(request);
      return { seconds, serverMs: (serversCpuMs() - serverBefore) / FLOOR_REQUESTS, postgresMs: (ourPostgresCpuMs() - postgresBefore) / FLOOR_REQUESTS };
    };
    const healthAfter = await floorCost(health);
    const postAfter = await floorCost(postFloor);
    const healthPerSecond = (2 * FLOOR_REQUESTS) / (healthBefore + healthAfter.seconds);
    const postFloorPerSecond = (2 * FLOOR_REQUESTS) / (postBefore + postAfter.seconds);
    console.log(
      `framework floors after the filings: GET ${round(FLOOR_REQUESTS / healthAfter.seconds)} requests/s (CPU: app server ${round(healthAfter.serverMs, 2)} ms, PostgreSQL ${round(healthAfter.postgresMs, 2)} ms), ` +
        `POST ${round(FLOOR_REQUESTS / postAfter.seconds)} requests/s (CPU: app server ${round(postAfter.serverMs, 2)} ms, PostgreSQL ${round(postAfter.postgresMs, 2)} ms)`,
    );
    console.log(
      `CPU per filing: app server${SERVERS > 1 ? `s (${SERVERS})` : ""} ${round(serverCpuMs, 2)} ms, PostgreSQL (${backends.length} backends of this database + WAL/checkpoint) ${round(postgresCpu, 2)} ms, load generator ${round(generatorCpuMs, 2)} ms, ` +
        `whole machine ${round(machineCpuMs, 2)} ms; ${os.availableParallelism()} cores → at most ${round((os.availableParallelism() * 1000) / machineCpuMs)} filings/s at this cost`,
    );
    // Every household's head also tries a second time: all must be refused.
    const retries = await Promise.all(Array.from({ length: 200 }, (_, i) => file(WARMUP + i)));
    const [dup] = await sql`select count(*)::int as n from (select household_id from filings group by household_id having count(*) > 1) d`;
    const accepted = statuses.get(201) ?? 0;
    console.log(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}; repeat attempts refused: ${retries.filter((r) => r.status === 409).length}/200`);
    const sorted = latencies.sort((a, b) => a - b);
    const filingsPerSecond = accepted / seconds;
    console.log(`p95_ms=${round(percentile(sorted, 95))}; PostgreSQL round trips counted on the app server's connections`);
    console.log(`post_floor_per_s=${round(postFloorPerSecond)} filing_to_post_floor_ratio=${round(filingsPerSecond / postFloorPerSecond, 3)} (floors: before and after the filings together)`);
    console.log(
      `filings_per_s=${round(filingsPerSecond)} p50_ms=${round(percentile(sorted, 50))} p99_ms=${round(percentile(sorted, 99))} health_per_s=${round(healthPerSecond)} ` +
        `floor_ratio=${round(filingsPerSecond / healthPerSecond, 3)} roundtrips_per_filing=${round(roundTripsPerFiling, 2)} ` +
        `cpu_ms_per_filing=${round(serverCpuMs + postgresCpu, 2)} accepted_duplicates=${dup!.n}`,
    );
  } finally {
    for (const server of servers) server.kill("SIGTERM");
    await sql.end();
    // BENCH_KEEP_DATABASE=1 keeps the filled database for a look at its statements (psql, EXPLAIN).
    if (process.env.BENCH_KEEP_DATABASE === "1") {
      console.log(`kept database: ${database.url}`);
      await database.keep();
    } else await database.drop();
  }
}

await main();
