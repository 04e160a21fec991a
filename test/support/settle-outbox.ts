import type { RunningBot } from "../../src/app.js";
import { systemClock, type Clock } from "../../src/core/ports.js";

/** ms a test waits at most for the outbox to have nothing due: well inside the test's own time limit. */
const SETTLE_WITHIN_MS = 8_000;
/** ms between rounds while a message is still due (an attempt under way, a lane's next message). */
const PAUSE_MS = 25;

/**
 * Sends what the outbox holds until nothing is due at the bot's `clock`: messages, then what their
 * sending queued, then what waited behind them in their lane. A fixed number of rounds is not
 * enough on a loaded machine: a round stops claiming after ROUND_MS and leaves its attempts under
 * way, so the test would look before the last message went out. Messages whose next attempt lies
 * ahead (back-off, a rate limit, an update waiting for its post on a clock the test holds still)
 * are not waited for, as before. Returns after SETTLE_WITHIN_MS at most; the test's assertions
 * then say what is missing.
 */
export async function settleOutbox(bot: Pick<RunningBot, "store" | "dispatchOutbox">, clock: Clock = systemClock): Promise<void> {
  const end = Date.now() + SETTLE_WITHIN_MS;
  await bot.dispatchOutbox();
  await bot.dispatchOutbox();
  while (Date.now() < end && (await bot.store.outbox.oldestPending(clock.now())) !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    await bot.dispatchOutbox();
  }
}
