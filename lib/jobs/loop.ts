/**
 * A scheduled job loop (reminders, expiries): runs `round` now and every `intervalMs` (default a minute), never
 * two rounds at once in one process; stop() waits for the round in flight. Rounds must be safe to run in several
 * processes at once (they claim their rows), since production and the in-process worker may overlap.
 */
export function startJobLoop<T>(options: {
  name: string;
  round: () => Promise<T>;
  /** A log line for a round that did something, or null to stay quiet. */
  describe: (result: T) => string | null;
  intervalMs?: number;
  log?: (line: string) => void;
}): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (stopped || running) return;
    running = options
      .round()
      .then((result) => {
        const line = options.describe(result);
        if (line) options.log?.(`[${options.name}] ${line}`);
      })
      .catch((error: unknown) => options.log?.(`[${options.name}] round failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref?.();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
