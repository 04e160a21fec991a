import type { IncomingMessage } from "node:http";

/**
 * How far (seconds) a request's `x-slack-request-timestamp` may lie from this machine's clock,
 * either way. Slack's own rule is five minutes, and it sends each request at once.
 */
export const SLACK_TIMESTAMP_TOLERANCE_S = 5 * 60;

/**
 * Whether a Slack request is dated more than five minutes in the future.
 *
 * Bolt 5.1 (`verifySlackRequest`) checks the signature and refuses a request dated more than
 * five minutes in the past, but takes any date in the future. A request signed with a future
 * timestamp (by someone who once held the signing secret, or captured from a machine with a
 * wrong clock) could then be replayed until that date: the five-minute window would not hold.
 * This check runs in front of Bolt's, which still checks the signature and the past.
 *
 * The header is read as Bolt reads it (`Number(header)`), so that both judge the same number;
 * a missing or non-numeric one is left to Bolt, which refuses it ("Infinity" is in the future).
 *
 * @param header the header as received (seconds since the epoch)
 * @param nowMs this machine's wall-clock time in milliseconds; Slack signs with real time, so
 *   this is never the covenant's clock (which tests move by days)
 */
export function datedInTheFuture(header: IncomingMessage["headers"][string], nowMs: number): boolean {
  if (typeof header !== "string") return false;
  const seconds = Number(header);
  return !Number.isNaN(seconds) && seconds > Math.floor(nowMs / 1000) + SLACK_TIMESTAMP_TOLERANCE_S;
}
