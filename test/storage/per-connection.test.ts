import { describe, expect, it } from "vitest";
import { perConnection } from "../../src/storage/per-connection.js";

// On PostgreSQL a connection's repositories serve each transaction on it in turn
// (src/storage/per-connection.ts). What a transaction does must reach its own transaction only:
// late work of one whose time ran out never the next one's (Art 7.2 rests on what is committed).
interface Tx {
  name: string;
  say(): string;
}
interface Slot {
  label: string;
}
const txNamed = (name: string): Tx => ({
  name,
  say() {
    return `tx ${this.name}`;
  },
});
const made = () => {
  let builds = 0;
  const run = perConnection<object, Tx, Slot, string[], { tx: Tx; slot: Slot; kept: string[]; builds: number }>(
    () => [],
    (bound, kept) => ({ ...bound, kept, builds: ++builds }),
  );
  const on = (name: string) => ({ tx: txNamed(name), slot: { label: `slot ${name}` } });
  return { run, on };
};

describe("repositories per connection", () => {
  it("are built once for a connection and read the transaction they serve at the time", async () => {
    const { run, on } = made();
    const connection = {};
    const first = await run(connection, on("A"), async (r) => ({ r, tx: r.tx.say(), slot: r.slot.label, builds: r.builds }));
    const second = await run(connection, on("B"), async (r) => ({ r, tx: r.tx.say(), slot: r.slot.label, builds: r.builds }));
    expect(first).toMatchObject({ tx: "tx A", slot: "slot A", builds: 1 });
    expect(second).toMatchObject({ tx: "tx B", slot: "slot B", builds: 1 });
    expect(second.r).toBe(first.r);
    // Another connection has its own.
    expect(await run({}, on("C"), async (r) => r.builds)).toBe(2);
  });

  it("serve no transaction once its work is done: a late call is refused as on a closed transaction", async () => {
    const { run, on } = made();
    const kept = await run({}, on("A"), async (r) => r);
    expect(() => kept.tx.say()).toThrow(/Transaction already closed/);
    expect(() => kept.slot.label).toThrow(/Transaction already closed/);
  });

  it("are not lent to the next transaction while the last one's work still runs: that work keeps reading its own", async () => {
    const { run, on } = made();
    const connection = {};
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const late = run(connection, on("A"), async (r) => {
      await held;
      return [r.tx.say(), r.slot.label];
    });
    // Prisma ended A (its time ran out) and the connection serves B meanwhile, on a set of its own.
    const meanwhile = await run(connection, on("B"), async (r) => [r.tx.say(), r.slot.label, r.builds]);
    expect(meanwhile).toEqual(["tx B", "slot B", 2]);
    release();
    expect(await late).toEqual(["tx A", "slot A"]);
    // Once A's work is done, the connection's set serves again.
    expect(await run(connection, on("C"), async (r) => [r.tx.say(), r.builds])).toEqual(["tx C", 1]);
  });

  it("keep their state from one transaction to the next", async () => {
    const { run, on } = made();
    const connection = {};
    await run(connection, on("A"), async (r) => void r.kept.push("from A"));
    expect(await run(connection, on("B"), async (r) => [...r.kept])).toEqual(["from A"]);
  });

  it("are let go of when the work fails, and serve the next transaction", async () => {
    const { run, on } = made();
    const connection = {};
    await expect(run(connection, on("A"), async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    expect(await run(connection, on("B"), async (r) => [r.tx.say(), r.builds])).toEqual(["tx B", 1]);
  });
});
