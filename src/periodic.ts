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
          logger.error({ err: error, task: name }, "periodic task failed; it runs again next round");
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
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
