/**
 * A background job loop for the worker process (and in-process in development): runs `round` now and then every
 * `intervalMs`; a failed round is logged and the next one still runs; stop() waits for the round in flight.
 */
export function startJobLoop<T>(options: { name: string; intervalMs: number; round: () => Promise<T>; report?: (result: T) => string | null; log?: (line: string) => void }) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = options
      .round()
      .then((result) => {
        const line = options.report?.(result);
        if (line) options.log?.(`[${options.name}] ${line}`);
      })
      .catch((error: unknown) => options.log?.(`[${options.name}] round failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  tick();
  const timer = setInterval(() => !stopped && tick(), options.intervalMs);
  timer.unref?.();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
