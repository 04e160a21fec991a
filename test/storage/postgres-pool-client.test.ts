import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CellPoolClient } from "../../src/storage/postgres-pool.js";

/**
 * The pool's client answers a transaction's BEGIN at once and sends the first statement right
 * behind it (one round trip for both); that statement's result waits for the BEGIN's answer and
 * fails with it, so that nothing is taken for a transaction's answer that ran outside one. The
 * server is stood in for at pg.Client's own query, to order the answers as a test needs.
 */
describe("the PostgreSQL pool's client (postgres-pool.ts)", () => {
  afterEach(() => vi.restoreAllMocks());

  const deferred = () => {
    let resolve!: (value: unknown) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  function serverAnswering(answers: Record<string, Promise<unknown>>) {
    const sent: string[] = [];
    vi.spyOn(pg.Client.prototype, "query").mockImplementation(((config: string | { text: string }) => {
      const text = typeof config === "string" ? config : config.text;
      sent.push(text);
      return answers[text] ?? Promise.resolve({ rows: [{ answered: text }] });
    }) as never);
    return sent;
  }

  it("answers BEGIN at once, sends the next statement at once, and gives its result after the BEGIN's answer", async () => {
    const begin = deferred();
    const sent = serverAnswering({ BEGIN: begin.promise });
    const client = new CellPoolClient({ pipeline: true });
    await expect(client.query({ text: "BEGIN" } as never)).resolves.toMatchObject({ command: "BEGIN" });
    let settled = false;
    const first = (client.query({ text: "SELECT 1" } as never) as Promise<unknown>).then((r) => ((settled = true), r));
    expect(sent).toEqual(["BEGIN", "SELECT 1"]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    begin.resolve({ command: "BEGIN" });
    await expect(first).resolves.toEqual({ rows: [{ answered: "SELECT 1" }] });
    // Only the first statement waits: the next ones are answered as pg answers them.
    await expect(client.query({ text: "SELECT 2" } as never)).resolves.toEqual({ rows: [{ answered: "SELECT 2" }] });
  });

  it("fails the statement after a BEGIN that failed, though the statement itself was answered", async () => {
    const begin = deferred();
    serverAnswering({ BEGIN: begin.promise });
    const client = new CellPoolClient({ pipeline: true });
    await client.query({ text: "BEGIN" } as never);
    const first = client.query({ text: "INSERT INTO t VALUES (1)" } as never) as Promise<unknown>;
    begin.reject(new Error("the server refused BEGIN"));
    await expect(first).rejects.toThrow("the server refused BEGIN");
  });

  it("drops a connection whose ROLLBACK failed from the pool, and takes the transaction as rolled back (the server ends it with the session)", async () => {
    serverAnswering({ ROLLBACK: Promise.reject(new Error("Connection terminated unexpectedly")) });
    const client = new CellPoolClient({ pipeline: true });
    const releases: unknown[] = [];
    Object.assign(client, { release: (error?: unknown) => releases.push(error) });
    await expect(client.query({ text: "ROLLBACK" } as never)).resolves.toMatchObject({ command: "ROLLBACK" });
    expect(releases).toHaveLength(1);
    expect(String(releases[0])).toContain("Connection terminated unexpectedly");
    // Prisma releases the connection after a ROLLBACK: the pool has it already.
    (client as unknown as { release: () => void }).release();
    expect(releases).toHaveLength(1);
  });

  it("drops a connection whose COMMIT failed from the pool, and says the COMMIT failed", async () => {
    serverAnswering({ COMMIT: Promise.reject(new Error("Connection terminated unexpectedly")) });
    const client = new CellPoolClient({ pipeline: true });
    const releases: unknown[] = [];
    Object.assign(client, { release: (error?: unknown) => releases.push(error) });
    await expect(client.query({ text: "COMMIT" } as never)).rejects.toThrow("Connection terminated unexpectedly");
    expect(releases).toHaveLength(1);
  });

  it("waits for BEGIN as pg does when the connection does not pipeline", async () => {
    const begin = deferred();
    serverAnswering({ BEGIN: begin.promise });
    const client = new CellPoolClient({});
    let settled = false;
    const started = (client.query({ text: "BEGIN" } as never) as Promise<unknown>).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    begin.resolve({ command: "BEGIN" });
    await started;
  });
});
