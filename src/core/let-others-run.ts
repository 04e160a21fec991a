import { setImmediate as immediate } from "node:timers/promises";

/**
 * Lets the rest of the process run once before long work goes on: its timers, the requests
 * waiting on its sockets (Slack's commands and clicks, /healthz), the outbox's rounds. Long work
 * on SQLite never waits on anything (its driver answers at once), so without this a report or an
 * import held the event loop until it ended.
 *
 * Two immediates, not one: called from an I/O callback, one immediate runs in the same turn of
 * the loop, before the timers and sockets have had their go; the second runs in the next turn.
 */
export async function letOthersRun(): Promise<void> {
  await immediate();
  await immediate();
}
