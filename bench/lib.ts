import { readdirSync, readFileSync } from "node:fs";
import postgres from "postgres";

/** A fresh PostgreSQL database for one benchmark run, dropped afterwards. */
export async function freshDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void>; keep: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `${prefix}_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
    keep: () => admin.end(),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Busy CPU time in ms: of the whole machine (all cores, from /proc/stat), or of one process (/proc/<pid>/stat). */
export function cpuBusyMs(pid?: number): number {
  const ticksPerSecond = 100;
  if (pid === undefined) {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/u).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
    const busy = fields.reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
    return (busy * 1000) / ticksPerSecond;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 and 15 (utime, stime), counted from the state field at index 0 here as field 3.
  return ((Number(after[11]) + Number(after[12])) * 1000) / ticksPerSecond;
}

/**
 * Busy CPU ms of PostgreSQL server processes on this machine (backends, WAL writer, checkpointer…), or only of
 * the given backends (e.g. one database's connections, when other work shares the server).
 */
export function postgresCpuMs(pids?: number[]): number {
  let total = 0;
  for (const entry of pids?.map(String) ?? readdirSync("/proc")) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
      total += cpuBusyMs(Number(entry));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

/** Busy CPU ms of this process (the load generator). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
