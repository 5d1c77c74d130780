import "server-only";
import { getConfig } from "@/lib/config/env";

// One loop per job and server process, kept on globalThis so dev hot reloads never start a second one.
const globalForJobs = globalThis as unknown as { yakubaJobLoops?: Map<string, { stop: () => Promise<void> }> };

/**
 * Runs a job loop inside this server process where the LINE worker runs in process (development, the e2e build:
 * PGlite allows one process); production runs `npm run worker`, which starts the same loops.
 */
export function ensureInProcessJob(name: string, start: () => { stop: () => Promise<void> }): void {
  if (!getConfig().RUN_WORKER_IN_PROCESS) return;
  globalForJobs.yakubaJobLoops ??= new Map();
  if (!globalForJobs.yakubaJobLoops.has(name)) globalForJobs.yakubaJobLoops.set(name, start());
}
