import "server-only";
import { getConfig } from "@/lib/config/env";
import type { PaymentHandlers } from "./apply";
import { startPaymentJobs } from "./jobs";

const globalForJobs = globalThis as unknown as { yakubaPaymentJobs?: ReturnType<typeof startPaymentJobs> };

/**
 * Runs the daily payment re-check inside this server process where the LINE worker runs in process (development,
 * the e2e build: PGlite allows one process); production runs `npm run worker`, which starts it.
 */
export function ensureInProcessPaymentJobs(handlers: PaymentHandlers): void {
  if (!getConfig().RUN_WORKER_IN_PROCESS || globalForJobs.yakubaPaymentJobs) return;
  globalForJobs.yakubaPaymentJobs = startPaymentJobs(handlers, { log: (line) => console.warn(line) });
}
