import "server-only";
import { ensureInProcessJob } from "@/lib/jobs/in-process";
import { startReservationJobs } from "./jobs";

/** The reminder and offer-expiry jobs inside this server process (development, e2e); production: `npm run worker`. */
export function ensureInProcessReservationJobs(): void {
  ensureInProcessJob("reservations", () => startReservationJobs({ log: (line) => console.warn(line) }));
}
