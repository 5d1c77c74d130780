import { getConfig } from "@/lib/config/env";
import { OutboxWorker } from "./worker";

// One worker per server process, kept on globalThis so dev hot reloads never start a second loop.
const globalForWorker = globalThis as unknown as { yakubaLineWorker?: OutboxWorker };

/**
 * Starts the LINE outbox/webhook worker inside this server process when RUN_WORKER_IN_PROCESS is on
 * (development and the e2e production build). Called lazily by every LINE/LIFF/JPKI route and after each
 * enqueue, since the app has no instrumentation hook; production runs `npm run worker` instead.
 */
export function ensureInProcessWorker(): void {
  if (!getConfig().RUN_WORKER_IN_PROCESS) return;
  if (!globalForWorker.yakubaLineWorker) {
    globalForWorker.yakubaLineWorker = new OutboxWorker({ log: (line) => console.warn(line) });
    globalForWorker.yakubaLineWorker.start();
  }
  globalForWorker.yakubaLineWorker.poke();
}
