/**
 * Admin-side benchmark on PostgreSQL with 1,000,000 filings: review-queue page latency, the full fuzzy
 * duplicate scan, a 500,000-row vendor export (time and the exporting process's peak RSS), and the server
 * work of the pages a reviewer opens most, each through the guard as the page runs it (audit entry included).
 * BENCH_FILINGS (default 1,000,000) sets the size; BENCH_EXPORT_ROWS=0 leaves the export out.
 * Last line: queue_p95_ms=N dup_scan_s=N export_s=N export_rss_mb=N pages_p95_max_ms=N
 */
import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { databaseRoundTrips, openDatabase, setDatabaseHandleForTests, type Database } from "@/db";
import { getStaffActorById } from "@/lib/auth/actor";
import { runGuarded } from "@/lib/auth/guard";
import { searchAuditLog } from "@/lib/audit-viewer/operations";
import { findDuplicateGroups, getLastDuplicateScan, refreshDuplicateFlags } from "@/lib/filings/duplicates";
import { listFilingQueue, viewDuplicateGroups, viewFiling } from "@/lib/filings/views";
import { countGrantable, listBatches, listBatchItemsPage } from "@/lib/grants/batch-queries";
import { viewProgramReport } from "@/lib/programs/report";
import { getFilingQueuePage, type QueueParams } from "@/lib/filings/queries";
import { DEFAULT_MAPPING } from "@/lib/grants/export/format";
import { writeBatchFile } from "@/lib/grants/export/batch-writer";
import { batchExportRows } from "@/lib/grants/batch-queries";
import { shiftJisExportProblem } from "@/lib/grants/export-check";
import { freshDatabase, percentile, round } from "./lib";

const FILINGS = Number(process.env.BENCH_FILINGS ?? 1_000_000);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 500_000);
const QUEUE_QUERIES = 300;

/** postgres.js returns rows as an array; the benchmark runs on PostgreSQL only. */
async function returningId(db: Database, query: ReturnType<typeof sql>): Promise<string> {
  const rows = (await db.execute(query)) as unknown as { id: string }[];
  return rows[0]!.id;
}

async function seed(db: Database): Promise<{ programId: string; batchId: string }> {
  const departmentId = await returningId(db, sql`insert into departments (code, name) values ('bench', 'ベンチ課') returning id`);
  const programId = await returningId(db, sql`
    insert into benefit_programs (department_id, code, name, points_per_person, reference_date, filing_opens_at, filing_closes_at, templates, status)
    values (${departmentId}, 'BENCH', 'ベンチ給付', 10000, '2026-10-01', now() - interval '30 days', now() + interval '30 days', '{}'::jsonb, 'open')
    returning id`);
  // 2% of households share an address with the previous one, with a similar head: the duplicate scan's work.
  await db.execute(sql`
    insert into households (program_id, household_code, address, address_key, reference_code, member_count, points)
    select ${programId}, 'H' || g, '当麻町' || (b % 40 + 1) || '条東' || (b % 9 + 1) || '丁目' || b || '番1号',
           (b % 40 + 1) || '条東' || (b % 9 + 1) || '-' || b || '-1', 'R' || g, 2, 20000
    from (select g, case when g % 50 = 0 then g - 1 else g end as b from generate_series(1, ${FILINGS}) g) numbered`);
  await db.execute(sql`
    insert into household_members (household_id, name, name_kana, name_key, kana_key, birth_date, sex, is_head, position)
    select h.id, '当麻 太郎', 'トウマ タロウ', '当麻太郎',
           'とおまたろお', date '1940-01-01' + (substr(h.household_code, 2)::int % 25000), 'male', true, 0
    from households h where h.program_id = ${programId}`);
  await db.execute(sql`
    insert into filings (program_id, household_id, representative_member_id, receipt_number, channel, status, points, submitted_at, decided_at, granted_at)
    select ${programId}, h.id, m.id, 'BENCH-' || lpad(substr(h.household_code, 2), 7, '0'),
           case when substr(h.household_code, 2)::int % 3 = 0 then 'line' else 'counter' end,
           case when substr(h.household_code, 2)::int % 4 = 0 then 'granted' when substr(h.household_code, 2)::int % 2 = 0 then 'approved' else 'submitted' end,
           20000, now() - (substr(h.household_code, 2)::int || ' seconds')::interval, now(),
           case when substr(h.household_code, 2)::int % 4 = 0 then now() - (substr(h.household_code, 2)::int || ' seconds')::interval + (substr(h.household_code, 2)::int % 97 || ' hours')::interval end
    from households h join household_members m on m.household_id = h.id where h.program_id = ${programId}`);
  await db.execute(sql`update filings set duplicate_suspected = true where receipt_number like '%00'`);
  const batchId = await returningId(db, sql`
    insert into grant_batches (program_id, batch_number, item_count, total_points, status)
    values (${programId}, 'BENCH-B1', ${EXPORT_ROWS}, ${EXPORT_ROWS * 20000}, 'open') returning id`);
  await db.execute(sql`
    insert into grant_batch_items (batch_id, filing_id, points)
    select ${batchId}, id, points from filings where program_id = ${programId} and status = 'approved' limit ${EXPORT_ROWS}`);
  // As autovacuum leaves a table after a bulk load: statistics and the visibility map (index-only scans) are current.
  await db.execute(sql`vacuum analyze`);
  return { programId, batchId };
}

async function queueP95(db: Database, programId: string): Promise<number> {
  const base: QueueParams = { programId, dir: "asc", limit: 50 };
  const variants: QueueParams[] = [
    base,
    { ...base, dir: "desc" },
    { ...base, status: "submitted" },
    { ...base, status: "approved", dir: "desc" },
    { ...base, channel: "line" },
    { ...base, duplicate: true },
    { ...base, status: "submitted", channel: "counter" },
    { ...base, q: "BENCH-0500000" },
  ];
  // Deep pages: follow cursors from a few starting points.
  const timings: number[] = [];
  const byVariant = new Map<number, number[]>();
  for (let i = 0; i < QUEUE_QUERIES; i++) {
    const params = { ...variants[i % variants.length]! };
    if (i % 5 === 4) params.cursor = { submittedAt: new Date(Date.now() - ((i * 3331) % FILINGS) * 1000), id: "00000000-0000-0000-0000-000000000000", direction: i % 10 === 9 ? "before" : "after" };
    const started = performance.now();
    await getFilingQueuePage(db, params);
    const elapsed = performance.now() - started;
    timings.push(elapsed);
    byVariant.set(i % variants.length, [...(byVariant.get(i % variants.length) ?? []), elapsed]);
  }
  for (const [index, list] of byVariant) {
    const { programId: _p, ...filters } = variants[index]!;
    console.log(`  queue ${JSON.stringify(filters)}: p95 ${round(percentile(list.sort((a, b) => a - b), 95))} ms`);
  }
  return percentile(timings.sort((a, b) => a - b), 95);
}

const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 20);

/**
 * The data work of each admin page a reviewer opens most, run as the page runs it: through runGuarded with a
 * reviewer of the program's department (session → role → department → query → audit entry), PAGE_RUNS times.
 * Rendering is not included; on this machine it adds a few ms per page (the e2e run's production build).
 */
async function reviewerPages(db: Database, programId: string, departmentId: string, batchId: string): Promise<number> {
  const staffId = await returningId(db, sql`insert into staff (login_id, display_name) values ('bench-reviewer@yakuba.example', 'ベンチ 審査') returning id`);
  await db.execute(sql`insert into staff_memberships (staff_id, department_id, role) values (${staffId}, ${departmentId}, 'reviewer')`);
  const systemId = await returningId(db, sql`insert into staff (login_id, display_name) values ('bench-system@yakuba.example', 'ベンチ 情報') returning id`);
  await db.execute(sql`insert into staff_memberships (staff_id, department_id, role) values (${systemId}, ${departmentId}, 'system_admin')`);
  const reviewer = { actor: (await getStaffActorById(db, { staffId }))!, requestId: "bench" };
  const system = { actor: (await getStaffActorById(db, { staffId: systemId }))!, requestId: "bench" };
  const sample = (await db.execute(sql`select id from filings where program_id = ${programId} and status = 'submitted' order by submitted_at limit 1 offset ${Math.floor(FILINGS / 3)}`)) as unknown as { id: string }[];
  const filingId = sample[0]!.id;
  // A deep page of 審査待ち: the keyset cursor of a filing two thirds down the queue.
  const deep = (await db.execute(sql`select id, submitted_at as "submittedAt" from filings where program_id = ${programId} and status = 'submitted' order by submitted_at, id limit 1 offset ${Math.floor(FILINGS / 3)}`)) as unknown as { id: string; submittedAt: string }[];
  const deepCursor = { id: deep[0]!.id, submittedAt: new Date(deep[0]!.submittedAt), direction: "after" as const };
  const ok = async <T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: string }>) => {
    const result = await promise;
    if (!result.ok) throw new Error(result.error);
    return result.data;
  };
  // The first open of the duplicates screen scans everything (once per program); later opens only what changed.
  let started = performance.now();
  await ok(runGuarded(reviewer, refreshDuplicateFlags, { programId }));
  console.log(`  duplicates screen, first open (full scan): ${round(performance.now() - started)} ms`);
  const pages: [string, () => Promise<unknown>][] = [
    ["申請の審査 (queue, 審査待ち)", () => ok(runGuarded(reviewer, listFilingQueue, { programId, status: "submitted", dir: "asc", limit: 50 }))],
    ["申請の審査 (queue, 審査待ち, deep keyset page)", () => ok(runGuarded(reviewer, listFilingQueue, { programId, status: "submitted", dir: "asc", limit: 50, cursor: deepCursor }))],
    ["申請の審査 (queue, search by name)", () => ok(runGuarded(reviewer, listFilingQueue, { programId, q: "とうま", dir: "asc", limit: 50 }))],
    ["申請の内容 (detail + 次の申請へ)", () => ok(runGuarded(reviewer, viewFiling, { filingId, queue: { programId, status: "submitted", dir: "asc" } }))],
    [
      "重複の確認 (refresh + groups + last scan)",
      async () => {
        await ok(runGuarded(reviewer, refreshDuplicateFlags, { programId }));
        await ok(runGuarded(reviewer, viewDuplicateGroups, { programId }));
        await getLastDuplicateScan(db, { programId });
      },
    ],
    ["集計 (report)", () => ok(runGuarded(reviewer, viewProgramReport, { programId }))],
    ["給付バッチ (list + waiting)", () => Promise.all([listBatches(db, { programId }), countGrantable(db, { programId })])],
    ["給付バッチの詳細 (last page of items)", () => listBatchItemsPage(db, { batchId, page: Math.max(1, Math.floor(EXPORT_ROWS / 50)) })],
    ["監査ログ (first page)", () => ok(runGuarded(system, searchAuditLog, {}))],
  ];
  let worst = 0;
  for (const [name, run] of pages) {
    const timings: number[] = [];
    const tripsBefore = databaseRoundTrips();
    for (let i = 0; i < PAGE_RUNS; i++) {
      started = performance.now();
      await run();
      timings.push(performance.now() - started);
    }
    // Protocol round trips per view (each query, and the guard's begin/commit and audit insert).
    const trips = round((databaseRoundTrips() - tripsBefore) / PAGE_RUNS);
    timings.sort((a, b) => a - b);
    const p95 = percentile(timings, 95);
    worst = Math.max(worst, p95);
    console.log(`  page ${name}: p50 ${round(percentile(timings, 50))} ms, p95 ${round(p95)} ms, ${trips} round trips${p95 > 1000 ? "  (over the 1 s target)" : ""}`);
  }
  return worst;
}

async function exportPhase(url: string, batchId: string): Promise<void> {
  const handle = await openDatabase({ databaseUrl: url, poolMax: 2 });
  const started = performance.now();
  let bytes = 0;
  const mapping = { ...DEFAULT_MAPPING, encoding: "shift_jis" as const };
  // As the download route does: the Shift_JIS check runs before the first byte is sent.
  const problem = await shiftJisExportProblem(handle.db, { batchId, batchNumber: "BENCH", mapping });
  if (problem) throw new Error(problem);
  const checkedSeconds = (performance.now() - started) / 1000;
  const { stream, totals } = writeBatchFile(batchExportRows(handle.db, { batchId }), { batchId, mapping });
  await pipeline(stream, new Writable({ write(chunk: Buffer, _enc, done) { bytes += chunk.length; done(); } }));
  const result = await totals;
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ seconds, checkedSeconds, rows: result.count, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  await handle.close();
}

async function main() {
  if (process.argv[2] === "--export") {
    await exportPhase(process.argv[3]!, process.argv[4]!);
    return;
  }
  const database = await freshDatabase("yakuba_bench_admin");
  const handle = await openDatabase({ databaseUrl: database.url, poolMax: 4, countRoundTrips: true });
  setDatabaseHandleForTests(handle);
  try {
    let started = performance.now();
    const { programId, batchId } = await seed(handle.db);
    console.log(`seeded ${FILINGS} filings in ${round((performance.now() - started) / 1000)} s`);

    const p95 = await queueP95(handle.db, programId);
    const [program] = (await handle.db.execute(sql`select department_id as "departmentId" from benefit_programs where id = ${programId}`)) as unknown as { departmentId: string }[];
    const pagesWorst = await reviewerPages(handle.db, programId, program!.departmentId, batchId);
    console.log(`reviewer pages: worst p95 ${round(pagesWorst)} ms over ${PAGE_RUNS} runs each`);
    console.log(`queue page: p95 ${round(p95)} ms over ${QUEUE_QUERIES} queries (filters, both directions, deep cursors, receipt search)`);

    started = performance.now();
    const groups = await findDuplicateGroups(handle.db, { programId, threshold: 0.8 });
    const scanSeconds = (performance.now() - started) / 1000;
    console.log(`duplicate scan: ${groups.length} groups in ${round(scanSeconds)} s`);

    if (EXPORT_ROWS === 0) {
      console.log(`queue_p95_ms=${round(p95)} dup_scan_s=${round(scanSeconds)} pages_p95_max_ms=${round(pagesWorst)}`);
      return;
    }
    // A separate process, so its peak RSS is the export's alone.
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--export", database.url, batchId], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`export phase failed: ${child.stderr}`);
    const exported = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { seconds: number; checkedSeconds: number; rows: number; bytes: number; maxRssMb: number };
    console.log(
      `export: ${exported.rows} rows, ${round(exported.bytes / 1e6)} MB Shift_JIS in ${round(exported.seconds)} s (of which the Shift_JIS pre-check ${round(exported.checkedSeconds)} s), peak RSS ${round(exported.maxRssMb)} MB`,
    );
    console.log(`queue_p95_ms=${round(p95)} dup_scan_s=${round(scanSeconds)} export_s=${round(exported.seconds)} export_rss_mb=${round(exported.maxRssMb)} pages_p95_max_ms=${round(pagesWorst)}`);
  } finally {
    await handle.close();
    // BENCH_KEEP_DATABASE=1 leaves the data for EXPLAIN sessions.
    if (process.env.BENCH_KEEP_DATABASE === "1") console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

await main();
// Timers of the modules the guard loads (e.g. the rate limiter's) would keep the process alive after the run.
process.exit(0);
