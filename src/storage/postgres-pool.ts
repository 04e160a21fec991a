import pg from "pg";

/**
 * Time limits on the PostgreSQL connections, so that a database that stops answering (a network
 * partition, a server that accepts and hangs, a lock held elsewhere) costs a command a refusal
 * within its time, never a wait as long as the outage.
 */
export interface PostgresLimits {
  /** ms to get a connection: a free one from the pool, or a new one made (TCP and start-up). */
  connectMs: number;
  /**
   * ms the server runs one statement (lock waits included) before it cancels it
   * (`statement_timeout`); undefined: no limit. A transaction allowed longer raises it for itself
   * (see prisma-store.ts).
   */
  statementMs?: number;
}

/**
 * ms the client waits for any answer to a query before it gives up on it: longer than the longest
 * statement any transaction allows, so that the server's own cancel normally comes first. It ends
 * queries to a server that is gone without a word (no cancel, no reset), which would otherwise
 * hold their connection until TCP gives up, some fifteen minutes on Linux.
 */
export const QUERY_READ_TIMEOUT_MS = 65_000;
/** The longest one statement of a long transaction (an import, a report) may run. */
export const LONGEST_STATEMENT_MS = 60_000;
/**
 * The server ends a session left idle inside a transaction this long (ms), so that a bot instance
 * that hangs (stopped, swapping) while it holds the audit head's lock does not stall the others.
 */
const IDLE_IN_TRANSACTION_MS = 60_000;

/** What pg answers a BEGIN with, given to the caller before the server's answer (see query). */
const BEGUN = Object.freeze({ command: "BEGIN", rowCount: null, oid: null, fields: [], rows: [] });
/** A ROLLBACK's answer, for one whose connection failed (see CellPoolClient). */
const ROLLED_BACK = Object.freeze({ command: "ROLLBACK", rowCount: null, oid: null, fields: [], rows: [] });

/**
 * The pool's pg client, changed in two ways for the store's transactions (postgres-transactions.ts)
 * and the few Prisma still starts on its own.
 *
 * A BEGIN is not waited for: its answer comes back with the transaction's first statement, which
 * goes out right behind it (the connection pipelines, see postgresPoolConfig), so a transaction
 * costs one round trip less. That statement's result is given only once the BEGIN has succeeded,
 * and fails with it if it did not.
 *
 * It goes back to the pool, and is dropped from it, when a transaction's COMMIT or ROLLBACK
 * fails, whoever sent it (a later release is then a no-op). Prisma 6.19's transaction manager,
 * which ran every transaction before, releases a connection only after its COMMIT or ROLLBACK
 * succeeded; on a connection the server ended (pg_terminate_backend, a restart, a
 * read time-out) the ROLLBACK fails, the connection is never released, and the pool shrinks by
 * one for good: after `max` such faults every command waited for a connection that never came.
 * A ROLLBACK that failed is then taken as done: the server rolls back the transaction of a
 * session that ends, and the connection is dropped. Prisma sends the ROLLBACK of a transaction
 * whose time ran out from a timer, where a failure was an unhandled rejection: with the BEGIN
 * not waited for, a transaction starts on a server that has stopped answering, and ends so.
 */
export class CellPoolClient extends pg.Client {
  /** A BEGIN sent whose answer the next statement waits for. */
  private begun: Promise<unknown> | undefined;

  // pg's query has many overloads; Prisma's adapter uses the promise form with a config object.
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args) as unknown;
    if (!(result instanceof Promise)) return result as never;
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : first?.text;
    if (text === "BEGIN" && this.pipeline) {
      // Its failure is the next statement's to report (below).
      result.catch(() => undefined);
      this.begun = result;
      return Promise.resolve(BEGUN) as never;
    }
    const begun = this.begun;
    this.begun = undefined;
    const answered = begun ? Promise.all([begun, result]).then(([, r]) => r) : result;
    if (text === "COMMIT" || text === "ROLLBACK") {
      return answered.catch((error: unknown) => {
        this.dropFromPool(error);
        if (text === "COMMIT") throw error;
        return ROLLED_BACK;
      }) as never;
    }
    return answered as never;
  }

  /** Back to the pool with the error, which drops it; a later release (Prisma's, after a ROLLBACK) does nothing. */
  private dropFromPool(error: unknown) {
    const client = this as unknown as { release?: (error?: unknown) => void };
    try {
      client.release?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // Released already (pg-pool refuses a second release): then it is out of the pool.
    }
    // pg-pool gives each checkout a release of its own: this one's is spent.
    if (client.release) client.release = () => undefined;
  }
}

/** The pool configuration handed to @prisma/adapter-pg (which makes the pool from it). */
export function postgresPoolConfig(url: string, limits: PostgresLimits): pg.PoolConfig {
  return {
    connectionString: url,
    Client: CellPoolClient as unknown as pg.PoolConfig["Client"],
    connectionTimeoutMillis: limits.connectMs,
    query_timeout: QUERY_READ_TIMEOUT_MS,
    ...(limits.statementMs ? { statement_timeout: limits.statementMs } : {}),
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    // The kernel notices a server that vanished without a reset on an idle connection.
    keepAlive: true,
    // Queries asked for together (Promise.all) go out together and cost one round trip, not one
    // each: a look-up's identical and related records are read at once. A transaction's
    // statements still run in the order they were asked for; an error in one fails those sent
    // with it ("current transaction is aborted"), as it would have failed them sent one by one.
    pipeline: true,
    // No JIT compilation: the bot's statements are short look-ups, and the planner's estimate for
    // a join over a JSON list (the Art 7.2 guard's one query) crossed jit_above_cost, so that a
    // 0.1 ms query spent 15–50 ms compiling itself.
    options: "-c jit=off",
  };
}
