import type pg from "pg";
import { StoreUnavailableError } from "../core/ports.js";
import type { TransactionSlot } from "./postgres-native.js";

/**
 * Transactions on PostgreSQL, run on a pooled connection itself: BEGIN, the work, COMMIT, as on
 * SQLite (sqlite-native.ts), instead of through Prisma's interactive transactions. Measured on
 * this machine, 3,000 transactions of one statement each: through Prisma, p50 0.46 ms and p99
 * 4.2 ms of the process's time; on the connection, 0.13 and 0.23 ms. Prisma's tail was most of a
 * look-up's p99 (issue 15), and its overhead a share of every command.
 *
 * Most commands run only the store's own statements (postgres-native.ts), which go to the
 * connection. For work that uses Prisma's client as well, a Prisma transaction is started when
 * the work first asks for it (lazyPrisma), on the same connection: Prisma's adapter is told to
 * take the connection as is (startTransaction answers with a transaction that sends neither
 * BEGIN nor COMMIT, postgres-native.ts phantomOn), so its queries are part of this transaction.
 */

/** The transaction's time limit, as Prisma's: past it, the transaction is rolled back and its work's later statements refused. */
export const ranOutOfTime = (timeoutMs: number) => `Transaction already closed: the transaction took longer than ${timeoutMs} ms and was rolled back`;

export interface NativeTransactionOptions {
  /** What this attempt may take. */
  timeoutMs: number;
  /** The transaction's time limit, which the message of an overrun names (default: timeoutMs). */
  limitMs?: number;
  /** The sessions' statement_timeout, if the pool sets one: a transaction allowed longer raises it for itself. */
  statementMs?: number;
  /** The longest one statement may run however long the transaction may take. */
  longestStatementMs: number;
}

export function nativePostgresTransactions(pool: pg.Pool) {
  return async function inTransaction<T>(work: (slot: TransactionSlot) => Promise<T>, options: NativeTransactionOptions): Promise<T> {
    const { timeoutMs } = options;
    // Waiting for a connection is bounded by the pool's own limit (postgresPoolConfig).
    const connection = await pool.connect();
    const slot: TransactionSlot = { connection };
    // The connection's own failure (the server gone, a read time-out) while it is checked out: it
    // would otherwise be an unhandled 'error' event, which ends the process. The statement under
    // way fails with it; the connection is dropped from the pool when let go.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken ??= error;
    };
    connection.on("error", onError);
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      const dropped = error ?? broken;
      // A connection dropped keeps the listener: a late event of its end must not end the process.
      if (!dropped) connection.removeListener("error", onError);
      connection.release(dropped);
    };
    // A failed ROLLBACK drops the connection from the pool (CellPoolClient); either way it is let go.
    const rollBack = () => connection.query("ROLLBACK").then(() => release(), (error: Error) => release(error));
    let committing = false;
    let timedOut: Promise<void> | undefined;
    // Past its time the transaction is rolled back while its work may still run, as Prisma does,
    // so that its locks (the audit head's) are not held for another instance longer than that.
    const timer = setTimeout(() => {
      if (committing || slot.ended) return;
      slot.ended = true;
      timedOut = rollBack();
    }, timeoutMs);
    try {
      // Not waited for: it goes out with the first statement (CellPoolClient).
      await connection.query("BEGIN");
      if (options.statementMs && timeoutMs > options.statementMs) {
        await connection.query(`SET LOCAL statement_timeout = ${Math.round(Math.min(timeoutMs, options.longestStatementMs))}`);
      }
      const result = await work(slot);
      if (slot.ended) throw new Error(ranOutOfTime(options.limitMs ?? timeoutMs));
      committing = true;
      // A failed COMMIT drops the connection from the pool (CellPoolClient): release is then spent.
      await connection.query("COMMIT").catch((error: unknown) => {
        throw commitFailed(error);
      });
      release();
      return result;
    } catch (error) {
      if (!slot.ended) {
        slot.ended = true;
        if (!committing) await rollBack();
      }
      // The connection goes back only once the time limit's ROLLBACK has its answer.
      await timedOut;
      release();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** What the store's work gets of Prisma inside a native transaction: a client, and how to end its Prisma transaction. */
export interface LazyPrisma<Tx> {
  tx: Tx;
  /** Ends the Prisma transaction, if the work started one: its outcome is the native transaction's. */
  settle(ok: boolean): Promise<void>;
}

interface TransactionStarter<Tx> {
  $transaction<R>(work: (tx: Tx) => Promise<R>, options: { maxWait: number; timeout: number }): Promise<R>;
}

/**
 * A stand-in for Prisma's transaction client that starts a Prisma transaction (on the native
 * transaction's connection, see phantomOn) only when the work first calls it, and hands each call
 * on to it: `tx.item.findMany(…)`, `tx.$executeRawUnsafe(…)`. `startIn` runs the start where the
 * adapter knows it as this transaction's (postgresAdapterWithConnections).
 */
export function lazyPrisma<Tx extends object>(client: TransactionStarter<Tx>, timeoutMs: number, startIn: <R>(start: () => R) => R): LazyPrisma<Tx> {
  let started: Promise<Tx> | undefined;
  let ended: Promise<unknown> | undefined;
  let finish!: { resolve: () => void; reject: (error: Error) => void };
  const begin = () =>
    (started ??= new Promise<Tx>((resolve, reject) => {
      const done = new Promise<void>((res, rej) => (finish = { resolve: res, reject: rej }));
      // Prisma's own limit is the native transaction's, which ends first; Prisma's waits it out.
      ended = startIn(() =>
        client.$transaction(
          (tx) => {
            resolve(tx);
            return done;
          },
          { maxWait: timeoutMs, timeout: timeoutMs + 1000 },
        ),
      );
      ended.catch(reject);
    }));
  const call =
    (path: readonly string[]) =>
    async (...args: unknown[]) => {
      const tx = (await begin()) as Record<string, unknown>;
      const owner = (path.length === 2 ? tx[path[0]] : tx) as Record<string, (...a: unknown[]) => unknown>;
      return owner[path[path.length - 1]](...args);
    };
  const models = new Map<string, object>();
  const tx = new Proxy({} as Tx, {
    get(_, key) {
      if (typeof key !== "string") return undefined;
      // `$executeRawUnsafe`, `$queryRaw`…: the client's own; anything else is a model's delegate.
      if (key.startsWith("$")) return call([key]);
      let model = models.get(key);
      if (!model) models.set(key, (model = new Proxy({}, { get: (__, method) => (typeof method === "string" ? call([key, method]) : undefined) })));
      return model;
    },
  });
  return {
    tx,
    async settle(ok) {
      if (!started) return;
      if (ok) finish.resolve();
      else finish.reject(new Error("the work failed"));
      // Prisma's transaction ends without a statement (phantomOn): a failure here is its own
      // (its time ran out), which undoes the native transaction too.
      const failed = await ended!.then(
        () => undefined,
        (error: unknown) => error,
      );
      if (ok && failed !== undefined) throw failed;
    },
  };
}

// The classes of SQLSTATE with which the server refuses a COMMIT and rolls the transaction back:
// a serialization failure or deadlock (40), a deferred constraint (23), a transaction already
// failed (25). Any other failure, a connection lost above all, may have come after the server
// committed: only its answer was lost.
const ROLLED_BACK_AT_COMMIT = /^(?:40|23|25)[0-9A-Z]{3}$/;

/**
 * What a failed COMMIT means for the caller: rolled back, where the server said so; otherwise in
 * doubt. A member told "nothing was changed" about work that was committed types it again, and
 * a second analysis or disclosure request is made (Exactly once).
 */
export function commitFailed(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && ROLLED_BACK_AT_COMMIT.test(code)) return error;
  const what = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`the commit's answer was lost (${what.slice(0, 200)})`, true, { cause: error });
}
