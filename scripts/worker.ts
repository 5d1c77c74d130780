import "./load-env";
import { closeDatabase } from "@/db";
import { ConfigError, getConfig } from "@/lib/config/env";
import { OutboxWorker } from "@/lib/line/worker";
import { startFormJobs } from "@/lib/forms/draft-reminders";
import { startReservationJobs } from "@/lib/reservations/jobs";
import "@/lib/services/line-webhook";
import { startPaymentJobs } from "@/lib/payments/jobs";
import { PAYMENT_HANDLERS } from "@/app/api/payments/handlers";
import { startRateLimitPruning } from "@/lib/rate-limit";
import { startDuplicateWatch } from "@/lib/filings/duplicate-watch";

// Production runs the LINE outbox and webhook-event worker as its own process: `npm run worker`.
try {
  const config = getConfig();
  // --scope=PREFIX limits the worker to outbox rows whose cause starts with PREFIX (tests share a database).
  const scope = process.argv.find((arg) => arg.startsWith("--scope="))?.slice("--scope=".length);
  const webhookEvents = !process.argv.includes("--no-webhook-events");
  const worker = new OutboxWorker({ log: (line) => console.log(line), scope, webhookEvents });
  worker.start();
  // Reservation reminders and waitlist offer expiry run beside the outbox (not in a scoped or --no-reservations worker).
  const reservationJobs = scope || process.argv.includes("--no-reservations") ? null : startReservationJobs({ log: (line) => console.log(line) });
  // Draft expiry reminders (electronic forms) likewise; --no-form-jobs leaves them to another worker.
  const formJobs = scope || process.argv.includes("--no-form-jobs") ? null : startFormJobs({ log: (line) => console.log(line) });
  // The daily payment reconciliation (re-check of pending payments with the provider), once per JST day.
  const paymentJobs = scope || process.argv.includes("--no-payments") ? null : startPaymentJobs(PAYMENT_HANDLERS, { log: (line) => console.log(line) });
  // Old rate-limit windows, hourly (any number of workers may run it: the delete is idempotent).
  const rateLimitPruning = scope ? null : startRateLimitPruning({ log: (line) => console.log(line) });
  // Duplicate flags of programs open for filing, every 30 s, so the 重複の確認 screen never scans a whole program.
  const duplicateWatch = scope || process.argv.includes("--no-duplicate-watch") ? null : startDuplicateWatch({ log: (line) => console.log(line) });
  console.log(`[worker] ${worker.id} delivering to ${config.LINE_API_BASE_URL} at ≤${config.LINE_PUSH_REQUESTS_PER_SECOND} requests/s`);
  const shutdown = async (signal: string) => {
    console.log(`[worker] ${signal}: finishing in-flight deliveries`);
    await worker.stop();
    await reservationJobs?.stop();
    await formJobs?.stop();
    await paymentJobs?.stop();
    await rateLimitPruning?.stop();
    await duplicateWatch?.stop();
    await closeDatabase();
    console.log(`[worker] stopped ${JSON.stringify(worker.stats)}`);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
