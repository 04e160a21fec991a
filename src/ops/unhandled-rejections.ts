import type { Logger } from "../logger.js";
import { unavailableReason } from "../storage/unavailable.js";

/**
 * What the process does with a rejected promise no one handled. Prisma's interactive
 * transactions end a transaction that overran its time, and close those still open when the bot
 * stops, on their own (a timer, `$disconnect`), and leave the failure of that ROLLBACK to no one:
 * when the connection under it is cut — a partition given up on, the pool closed at a stop — the
 * failure surfaces here, and by Node's default would end the process with code 1 (seen in the
 * fault suite: a SIGTERM during a database hang ended with code 1, not 0). The transaction is
 * over either way: PostgreSQL rolls back a transaction whose connection is gone. Such a failure
 * is logged as a warning and the bot goes on. Anything else is a bug and still ends the process,
 * as Node's default does: it is thrown again, as an uncaught exception.
 */
export function onUnhandledRejection(logger: Logger): (reason: unknown) => void {
  return (reason) => {
    const lost = unavailableReason(reason);
    if (lost === undefined) throw reason;
    logger.warn({ err: reason, reason: lost }, "a database call no one waited for failed (its transaction rolls back); the bot goes on");
  };
}
