import "server-only";
import { getConfig } from "@/lib/config/env";
import { startReservationJobs } from "./jobs";

const globalForJobs = globalThis as unknown as { yakubaReservationJobs?: ReturnType<typeof startReservationJobs> };

/**
 * Runs the reminder and offer-expiry jobs inside this server process where the LINE worker runs in process
 * (development, the e2e build: PGlite allows one process); production runs `npm run worker`, which starts them.
 */
export function ensureInProcessReservationJobs(): void {
  if (!getConfig().RUN_WORKER_IN_PROCESS || globalForJobs.yakubaReservationJobs) return;
  globalForJobs.yakubaReservationJobs = startReservationJobs({ log: (line) => console.warn(line) });
}
