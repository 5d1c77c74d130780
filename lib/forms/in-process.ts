import "server-only";
import { ensureInProcessJob } from "@/lib/jobs/in-process";
import { startFormJobs } from "./draft-reminders";

/** The draft expiry reminders inside this server process (development, e2e); production: `npm run worker`. */
export function ensureInProcessFormJobs(): void {
  ensureInProcessJob("forms", () => startFormJobs({ log: (line) => console.warn(line) }));
}
