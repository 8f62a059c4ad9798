/** A background job run at start and then every `intervalMs` (the change-log pruner, the email sender). */
export interface PeriodicJob<T> {
  /** one run now, or the one already in flight: runs never overlap */
  runOnce(): Promise<T>;
  /** no more runs; waits for the one in flight */
  stop(): Promise<void>;
}

/**
 * Runs `run` at once and then on a timer that never keeps the process alive. A failed run goes to `onError` and is
 * retried at the next tick; it never stops the server.
 */
export function startPeriodicJob<T>(run: () => Promise<T>, opts: { intervalMs: number; onResult?: (result: T) => void; onError: (err: unknown) => void }): PeriodicJob<T> {
  let running: Promise<T> | null = null;
  let stopped = false;
  const runOnce = (): Promise<T> => {
    running ??= run()
      .then((result) => {
        opts.onResult?.(result);
        return result;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    runOnce().catch(opts.onError);
  };
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  tick();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
