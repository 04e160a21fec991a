/**
 * One set of a transaction's repositories per pooled PostgreSQL connection, bound in turn to each
 * transaction on it, as SQLite's one set serves every transaction (prisma-store.ts).
 *
 * Why: built anew for each transaction, a set (some fifty closures and their objects) lived
 * through the young collections that followed and was promoted, to be collected by a full one.
 * Empty transactions through the store promoted 3.2 MB at each collection; with one set per
 * connection, hot queries included, 0.87 MB. Those collections set the p99 of a look-up on
 * PostgreSQL (bench/MEASUREMENTS.md).
 *
 * A set reads the transaction it serves through views: Prisma's client of the transaction and its
 * slot (which ends its queries once Prisma ended it). It serves one transaction at a time. Should
 * a transaction's work still run after Prisma ended it (its time ran out, and the connection
 * already serves the next), the next transaction on that connection gets a set of its own, so
 * that late work never reaches another transaction: its views still read its own, ended one.
 */
export interface Bound<Tx, Slot> {
  tx: Tx;
  slot: Slot;
}

interface ConnectionSet<B, S, R> {
  current?: B;
  busy: boolean;
  state: S;
  repositories: R;
}

/**
 * `newState`: what a set keeps from one transaction to the next (the nonce book, emptied by each).
 * `build`: the repositories over a transaction and that state.
 */
export function perConnection<C extends object, Tx extends object, Slot extends object, S, R>(newState: () => S, build: (bound: Bound<Tx, Slot>, state: S, connection: C) => R) {
  type B = Bound<Tx, Slot>;
  const sets = new WeakMap<C, ConnectionSet<B, S, R>>();
  const setFor = (connection: C): ConnectionSet<B, S, R> => {
    const known = sets.get(connection);
    if (known) return known;
    const set = { busy: false, state: newState() } as ConnectionSet<B, S, R>;
    const now = (): B => {
      if (!set.current) throw new Error("Transaction already closed: these repositories serve no transaction now");
      return set.current;
    };
    set.repositories = build({ tx: viewOf(() => now().tx, true), slot: viewOf(() => now().slot, false) }, set.state, connection);
    sets.set(connection, set);
    return set;
  };
  /** `work` on the connection's set, bound to this transaction for as long as the work runs (or on a set of its own while that one is busy). */
  return async function run<T>(connection: C, transaction: B, work: (repositories: R) => Promise<T>): Promise<T> {
    const set = setFor(connection);
    if (set.busy) return work(build(transaction, newState(), connection));
    set.busy = true;
    set.current = transaction;
    try {
      return await work(set.repositories);
    } finally {
      set.current = undefined;
      set.busy = false;
    }
  };
}

/**
 * An object whose every property is read, when it is read, from what `current` gives. `bind`:
 * functions come bound to it (Prisma's client methods read their own fields).
 */
function viewOf<T extends object>(current: () => T, bind: boolean): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      const value: unknown = Reflect.get(target, key);
      return bind && typeof value === "function" ? value.bind(target) : value;
    },
  });
}
