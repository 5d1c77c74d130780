import "./load-env";
import { closeDatabase } from "@/db";
import { ConfigError, getConfig } from "@/lib/config/env";
import { runReservationJobsOnce, startReservationJobs } from "@/lib/reservations/jobs";

// Reservation reminders (the day before) and waitlist offer expiry: `npm run reservations:jobs` (a loop, also
// started by `npm run worker`), or `--once` for one round, e.g. from cron.
try {
  getConfig();
  if (process.argv.includes("--once")) {
    const result = await runReservationJobsOnce();
    console.log(`[reservations] reminders=${result.reminders} expired_offers=${result.expiredOffers}`);
    await closeDatabase();
  } else {
    const jobs = startReservationJobs({ log: (line) => console.log(line) });
    console.log("[reservations] reminder and waitlist jobs running every minute");
    const shutdown = async () => {
      await jobs.stop();
      await closeDatabase();
      process.exit(0);
    };
    process.on("SIGINT", () => void shutdown());
    process.on("SIGTERM", () => void shutdown());
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
