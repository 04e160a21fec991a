import { StoreUnavailableError } from "./core/ports.js";
import type { Logger } from "./logger.js";

/**
 * Runs `work` every `intervalMs`, never twice at once, and at once when woken. A failure is
 * logged and the next round tries again: the work it did not finish is still in the database.
 */
export function periodic(name: string, intervalMs: number, work: () => Promise<unknown>, logger: Logger) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const round = (): Promise<void> => {
    // Woken after stop (a command answered during shutdown): nothing new starts.
    if (stopped) return running ?? Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await work();
        } catch (error) {
          // A database that does not answer is an outage the operator already sees (/readyz, the
          // commands' warnings), not a fault of this task: a warning without a stack, then retry.
          if (error instanceof StoreUnavailableError) logger.warn({ task: name, reason: error.message }, "periodic task waits for the database; it runs again next round");
          else logger.error({ err: error, task: name }, "periodic task failed; it runs again next round");
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  return {
    /** Runs a round now (or right after the one in progress); resolves when it is done. */
    wake: round,
    /**
     * No more rounds; waits for the one under way for up to `withinMs` (ms; default: as long as
     * it takes). Resolves false when that round is still running, left to the database's and the
     * platforms' own time-outs (and the outbox's leases) to end.
     */
    async stop(withinMs = Number.POSITIVE_INFINITY): Promise<boolean> {
      stopped = true;
      clearInterval(timer);
      if (!running) return true;
      if (!Number.isFinite(withinMs)) {
        await running;
        return true;
      }
      let wait: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => (wait = setTimeout(resolve, withinMs, false)));
      try {
        return await Promise.race([running.then(() => true as const), late]);
      } finally {
        clearTimeout(wait);
      }
    },

  };
}
