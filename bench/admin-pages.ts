/**
 * Server time of the admin pages on a running production build with the demo data: signs nothing in itself, but
 * reuses a browser session (a Playwright storage state, e.g. e2e/.auth/reviewer.json from the browser suite)
 * and GETs each page BENCH_PAGE_RUNS times, timing the whole response on loopback.
 *   BENCH_BASE_URL=http://localhost:3240 BENCH_STATE=e2e/.auth/reviewer.json npx tsx bench/admin-pages.ts
 * Last line: pages=N p95_max_ms=N slowest=<path>
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { percentile, round } from "./lib";

const BASE = process.env.BENCH_BASE_URL ?? "http://localhost:3100";
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 20);
const state = JSON.parse(readFileSync(process.env.BENCH_STATE ?? "e2e/.auth/reviewer.json", "utf8")) as { cookies: { name: string; value: string }[] };
const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");

async function get(path: string): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

const programs = await get("/admin/programs");
const programId = /\/admin\/programs\/([0-9a-f-]{36})/.exec(programs.body)?.[1];
if (!programId) throw new Error(`no program on /admin/programs (status ${programs.status}); is the session valid?`);
const queue = await get(`/admin/programs/${programId}/filings`);
const filingId = /\/filings\/([0-9a-f-]{36})/.exec(queue.body)?.[1];
const paths = [
  "/admin",
  "/admin/programs",
  `/admin/programs/${programId}`,
  `/admin/programs/${programId}/filings`,
  `/admin/programs/${programId}/filings?status=all&q=${encodeURIComponent("たかはし")}`,
  ...(filingId ? [`/admin/programs/${programId}/filings/${filingId}?status=submitted`] : []),
  `/admin/programs/${programId}/duplicates`,
  `/admin/programs/${programId}/report`,
  "/admin/counter",
  "/admin/permissions",
  "/admin/audit",
  "/admin/staff",
  "/admin/departments",
];
let worst = { path: "", p95: 0 };
let measured = 0;
for (const path of paths) {
  const first = await get(path);
  if (first.status !== 200) {
    console.log(`  ${path}: ${first.status} (not this role's page, skipped)`);
    continue;
  }
  const timings: number[] = [];
  for (let i = 0; i < RUNS; i++) timings.push((await get(path)).ms);
  timings.sort((a, b) => a - b);
  const p95 = percentile(timings, 95);
  measured++;
  if (p95 > worst.p95) worst = { path, p95 };
  console.log(`  ${path}: p50 ${round(percentile(timings, 50))} ms, p95 ${round(p95)} ms${p95 > 300 ? "  (over the 300 ms target)" : ""}`);
}
console.log(`pages=${measured} p95_max_ms=${round(worst.p95)} slowest=${worst.path}`);
