import { StoreUnavailableError, type Transaction } from "../core/ports.js";

/**
 * Runs one attempt of a transaction so that its caller hears back by `deadline` (ms since the
 * epoch), whatever the database does, and nothing is committed after the caller was told it was
 * not:
 * - the work refuses to start once the deadline passed (it waited for a connection, or behind
 *   other transactions on SQLite), and to finish past it, so the transaction rolls back;
 * - at the deadline the caller gets a StoreUnavailableError while the attempt winds down on its
 *   own (the database's time limits end it); its late outcome goes nowhere.
 * Only when the deadline passes while the database is committing is the outcome unknown: the
 * error then says so (`inDoubt`).
 *
 * `run` starts the transaction; `timeoutMs` is what it may take (the database-side limit), and
 * `limitMs` the limit the caller set, which a message of an overrun names.
 */
export function runWithin<T>(
  run: (work: (tx: Transaction) => Promise<T>, timeoutMs: number, limitMs: number) => Promise<T>,
  work: (tx: Transaction) => Promise<T>,
  deadline: number,
  limitMs: number,
): Promise<T> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new StoreUnavailableError(`no time left of the transaction's ${limitMs} ms`));
  let expired = false;
  let committing = false;
  const late = () => expired || Date.now() >= deadline;
  const guarded = async (tx: Transaction) => {
    if (late()) throw new StoreUnavailableError(`the transaction could not start within ${limitMs} ms`);
    const result = await work(tx);
    if (late()) throw new StoreUnavailableError(`the transaction took longer than ${limitMs} ms`);
    committing = true;
    return result;
  };
  const attempt = run(guarded, remaining, limitMs);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      expired = true;
      reject(
        committing
          ? new StoreUnavailableError(`the commit was not confirmed within ${limitMs} ms`, true)
          : new StoreUnavailableError(`no answer within ${limitMs} ms`),
      );
    }, remaining);
    attempt.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
