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

/**
 * A pg client that goes back to the pool, and is dropped from it, when a transaction's COMMIT or
 * ROLLBACK fails. Prisma 6.19's transaction manager releases a connection only after its COMMIT or
 * ROLLBACK succeeded; on a connection the server ended (pg_terminate_backend, a restart, a
 * read time-out) the ROLLBACK fails, the connection is never released, and the pool shrinks by
 * one for good: after `max` such faults every command waited for a connection that never came.
 * Nothing else releases these connections, so this cannot release one twice.
 */
class ReleasedOnFailedEnd extends pg.Client {
  // pg's query has many overloads; Prisma's adapter uses the promise form with a config object.
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args) as unknown;
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : first?.text;
    if ((text === "COMMIT" || text === "ROLLBACK") && result instanceof Promise) {
      return result.catch((error: unknown) => {
        const release = (this as unknown as { release?: (error?: unknown) => void }).release;
        try {
          release?.(error instanceof Error ? error : new Error(String(error)));
        } catch {
          // Released already (pg-pool refuses a second release): then it is out of the pool.
        }
        throw error;
      }) as never;
    }
    return result as never;
  }
}

/** The pool configuration handed to @prisma/adapter-pg (which makes the pool from it). */
export function postgresPoolConfig(url: string, limits: PostgresLimits): pg.PoolConfig {
  return {
    connectionString: url,
    Client: ReleasedOnFailedEnd as unknown as pg.PoolConfig["Client"],
    connectionTimeoutMillis: limits.connectMs,
    query_timeout: QUERY_READ_TIMEOUT_MS,
    ...(limits.statementMs ? { statement_timeout: limits.statementMs } : {}),
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    // The kernel notices a server that vanished without a reset on an idle connection.
    keepAlive: true,
    // No JIT compilation: the bot's statements are short look-ups, and the planner's estimate for
    // a join over a JSON list (the Art 7.2 guard's one query) crossed jit_above_cost, so that a
    // 0.1 ms query spent 15–50 ms compiling itself.
    options: "-c jit=off",
  };
}
