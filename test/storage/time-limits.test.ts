import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCommandService, refusalCode, type CommandOutcome } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import { StoreUnavailableError, type Store } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import type { Reply } from "../../src/core/views/message.js";
import { openStore, sqlitePath } from "../../src/storage/database.js";
import { freshPostgresUrl, freshSqliteUrl } from "../support/databases.js";
import { startTcpProxy, throughProxy, type TcpProxy } from "../support/tcp-proxy.js";
import { testClock } from "../support/test-clock.js";

/**
 * Database time limits (issue 12): a command answers within Slack's three seconds even when the
 * database stops answering — "nothing was changed … try again", code store.unavailable — the
 * process keeps going, nothing lands late, and the next command after recovery works. On real
 * PostgreSQL behind a proxy that freezes or hangs, with a table lock held by another session, and
 * with the bot's sessions terminated; on SQLite with another process holding the write lock.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const ANALYST = "UAIVDAN01";
/** The bot's limit for one command (CIIC_DB_COMMAND_TIMEOUT_MS's default). */
const COMMAND_MS = 2500;
/** What Slack waits; the refusal must come before it. */
const SLACK_MS = 3000;

let n = 0;
function commands(store: Store) {
  const outcomes: CommandOutcome[] = [];
  const service = createCommandService({ store, clock: testClock("2026-12-01T09:00:00Z"), limits: { commandMs: COMMAND_MS }, observe: (o) => outcomes.push(o) });
  const send = async (text: string): Promise<{ reply: Reply; ms: number }> => {
    const started = Date.now();
    const reply = await service.handle({ platform: "slack", userId: ANALYST, requestKey: `slack:command:T${++n}`, command: parseCommandText(text), text });
    return { reply, ms: Date.now() - started };
  };
  return { send, outcomes };
}

const summary = (reply: Reply) => (reply.kind === "message" ? reply.view.summary : reply.kind);

function expectRefusedInTime(result: { reply: Reply; ms: number }) {
  expect(refusalCode(result.reply), summary(result.reply)).toBe("store.unavailable");
  expect(summary(result.reply)).toBe("Nothing was changed: the database did not answer in time. Please try again in a moment.");
  expect(result.ms).toBeLessThan(SLACK_MS);
}

describe("time limits on PostgreSQL", () => {
  let db: { url: string; drop: () => Promise<void> };
  let proxy: TcpProxy;
  let store: Store;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await freshPostgresUrl();
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    store = await openStore(throughProxy(db.url, proxy), { limits: { statementMs: COMMAND_MS } });
    expect(await loadDirectory({ store, clock: testClock("2026-12-01T08:00:00Z") }, { text: DIRECTORY, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterEach(() => proxy.restore());
  afterAll(async () => {
    await admin.end();
    await store.close();
    await proxy.close();
    await db.drop();
  });

  it("refuses in time while the network to the database is frozen, stores nothing late, and works once it thaws", async () => {
    const { send, outcomes } = commands(store);
    expect(summary((await send("submit 192.0.2.1")).reply)).toContain("Stored 1");
    proxy.freeze();
    // Several at once: each takes a connection the partition holds (or waits for one).
    const refused = await Promise.all(["submit 192.0.2.2", "submit 192.0.2.3", "lookup 192.0.2.1"].map(send));
    for (const result of refused) expectRefusedInTime(result);
    expect(outcomes.filter((o) => o.outcome === "unavailable").map((o) => o.command).sort()).toEqual(["lookup", "submit", "submit"]);
    proxy.thaw();
    // What the partition held back reaches the server now, and is rolled back there.
    const after = await send("submit 192.0.2.4");
    expect(summary(after.reply)).toContain("Stored 1");
    expect(await store.items.byValue("ipv4", "192.0.2.2")).toEqual([]);
    expect(await store.items.byValue("ipv4", "192.0.2.3")).toEqual([]);
    // A while later still nothing of the refused commands has landed.
    await new Promise((resolve) => setTimeout(resolve, COMMAND_MS));
    expect(await store.items.byValue("ipv4", "192.0.2.2")).toEqual([]);
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });

  it("refuses in time when the server accepts connections and never answers, and works once it answers again", async () => {
    const { send } = commands(store);
    proxy.hang();
    expectRefusedInTime(await send("submit 192.0.2.10"));
    expectRefusedInTime(await send("lookup 192.0.2.1"));
    proxy.restore();
    expect(summary((await send("submit 192.0.2.11")).reply)).toContain("Stored 1");
    expect(await store.items.byValue("ipv4", "192.0.2.10")).toEqual([]);
  });

  it("refuses in time while another session holds a lock the command needs, and works once it is let go", async () => {
    const { send } = commands(store);
    await admin.query("BEGIN");
    await admin.query(`LOCK TABLE "AuditHead" IN ACCESS EXCLUSIVE MODE`);
    try {
      expectRefusedInTime(await send("submit 192.0.2.20"));
    } finally {
      await admin.query("COMMIT");
    }
    expect(summary((await send("submit 192.0.2.21")).reply)).toContain("Stored 1");
    expect(await store.items.byValue("ipv4", "192.0.2.20")).toEqual([]);
  });

  it("keeps its connections when the server ends them mid-command, more times than the pool holds", async () => {
    const { send } = commands(store);
    // pg's pool holds 10 connections; a connection ended under a transaction used to be lost to it.
    let terminated = 0;
    const watcher = new pg.Client({ connectionString: db.url });
    await watcher.connect();
    const lockerPid = ((await admin.query("SELECT pg_backend_pid() AS pid")).rows[0] as { pid: number }).pid;
    for (let round = 0; round < 12; round++) {
      await admin.query("BEGIN");
      await admin.query(`LOCK TABLE "AuditHead" IN ACCESS EXCLUSIVE MODE`);
      const pending = send(`submit 192.0.2.${100 + round}`);
      // Once the command waits for the lock, end its session, as an operator or a restart would.
      for (let tries = 0; tries < 100; tries++) {
        // Read outside the lock's transaction: inside one, pg_stat_activity stays as first read.
        const { rows } = await watcher.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1 AND wait_event_type = 'Lock'`,
          [lockerPid],
        );
        if (rows.length > 0) {
          await watcher.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1::int[])`, [rows.map((r: { pid: number }) => r.pid)]);
          terminated += rows.length;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const result = await pending;
      await admin.query("COMMIT");
      expectRefusedInTime(result);
    }
    await watcher.end();
    expect(terminated).toBe(12);
    const after = await send("submit 192.0.2.99");
    expect(summary(after.reply)).toContain("Stored 1");
    expect(after.ms).toBeLessThan(SLACK_MS);
  });

  it("migrates at start-up without the commands' statement limit: waits out another instance's migration", async () => {
    const fresh = await freshPostgresUrl();
    const other = new pg.Client({ connectionString: fresh.url });
    await other.connect();
    try {
      // Another instance migrating (migrate.ts's lock) for longer than a statement may take.
      await other.query("SELECT pg_advisory_lock(7270736901)");
      const opening = openStore(fresh.url, { limits: { statementMs: 300 } });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await other.query("SELECT pg_advisory_unlock(7270736901)");
      const opened = await opening;
      expect(await opened.directory.current()).toBeUndefined();
      await opened.close();
    } finally {
      await other.end();
      await fresh.drop();
    }
  });

  it("never commits a transaction after its time ran out", async () => {
    const head = await store.audit.head();
    const started = Date.now();
    await expect(
      store.transaction(
        async (tx) => {
          await tx.audit.append([{ action: "test.late", actor: "test", details: {} }], new Date());
          await new Promise((resolve) => setTimeout(resolve, 600));
        },
        { timeoutMs: 300 },
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(550);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await store.audit.head()).toEqual(head);
  });
});

describe("a transaction whose time ran out, on PostgreSQL", () => {
  let db: { url: string; drop: () => Promise<void> };
  let store: Store;
  beforeAll(async () => {
    db = await freshPostgresUrl();
    store = await openStore(db.url, { limits: { statementMs: COMMAND_MS } });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  // Each pooled connection's repositories serve one transaction at a time (per-connection.ts);
  // the pool hands the connection a timed-out transaction gave back to the next one at once.
  it("reaches no other transaction with its late work, while the next one runs on its connection", async () => {
    const late: unknown[] = [];
    for (let round = 0; round < 3; round++) {
      const timedOut = store.transaction(
        async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 500));
          try {
            await tx.audit.append([{ action: "test.late-elsewhere", actor: "test", details: { round } }], new Date());
            await tx.items.byValue("domain", "evil.example");
            late.push("ran");
          } catch (error) {
            late.push(error);
          }
        },
        { timeoutMs: 300 },
      );
      await expect(timedOut).rejects.toBeInstanceOf(StoreUnavailableError);
      // Prisma's rollback gives the connection back to the pool, which lends the latest first.
      await new Promise((resolve) => setTimeout(resolve, 80));
      const next = await store.transaction(
        async (tx) => {
          // The late work above runs meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 400));
          await tx.audit.append([{ action: "test.next", actor: "test", details: { round } }], new Date());
          return "committed";
        },
        { timeoutMs: 3_000 },
      );
      expect(next).toBe("committed");
    }
    expect(late).toHaveLength(3);
    for (const outcome of late) expect(String(outcome)).toMatch(/Transaction already closed/);
    const [mine, lateOnes] = await store.transaction(async (tx) => [await tx.audit.withAction("test.next"), await tx.audit.withAction("test.late-elsewhere")]);
    expect(mine.map((e) => JSON.parse(e.details))).toEqual([{ round: 0 }, { round: 1 }, { round: 2 }]);
    expect(lateOnes).toEqual([]);
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });
});

describe("time limits on SQLite", () => {
  let url: string;
  let store: Store;

  beforeAll(async () => {
    url = freshSqliteUrl();
    store = await openStore(url, { limits: { statementMs: COMMAND_MS } });
    expect(await loadDirectory({ store, clock: testClock("2026-12-01T08:00:00Z") }, { text: DIRECTORY, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
  });
  afterAll(() => store.close());

  it("refuses in time while another process holds the write lock, keeps the event loop free, and works once it is let go", async () => {
    const { send } = commands(store);
    const other = new Database(sqlitePath(url));
    other.exec("BEGIN IMMEDIATE");
    // The longest the event loop was blocked meanwhile: better-sqlite3 waits for a lock synchronously.
    let last = Date.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      longestStall = Math.max(longestStall, Date.now() - last);
      last = Date.now();
    }, 5);
    try {
      expectRefusedInTime(await send("submit 192.0.2.30"));
    } finally {
      clearInterval(ticker);
      other.exec("ROLLBACK");
      other.close();
    }
    expect(longestStall).toBeLessThan(400);
    expect(summary((await send("submit 192.0.2.31")).reply)).toContain("Stored 1");
    expect(await store.items.byValue("ipv4", "192.0.2.30")).toEqual([]);
  });

  it("never commits a transaction after its time ran out", async () => {
    const head = await store.audit.head();
    await expect(
      store.transaction(
        async (tx) => {
          await tx.audit.append([{ action: "test.late", actor: "test", details: {} }], new Date());
          await new Promise((resolve) => setTimeout(resolve, 600));
        },
        { timeoutMs: 300 },
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await store.audit.head()).toEqual(head);
  });

  it("ends long work at its next statement once its time ran out, so that the next transaction need not wait for it", async () => {
    // A report in chat over a large period, page after page: told "nothing was changed" at its
    // limit, it must not go on holding the cell's one writer for its whole length (ten million
    // items: nine minutes).
    let pages = 0;
    let stoppedBy: unknown;
    const long = store.transaction(
      async (tx) => {
        try {
          for (const started = Date.now(); Date.now() - started < 5000; pages++) {
            await tx.items.byValue("ipv4", `192.0.2.${pages % 250}`);
            await new Promise((resolve) => setImmediate(resolve));
          }
        } catch (error) {
          stoppedBy = error;
          throw error;
        }
      },
      { timeoutMs: 300 },
    );
    await expect(long).rejects.toBeInstanceOf(StoreUnavailableError);
    const told = Date.now();
    // The next transaction gets in at once, not after the five seconds the work would have run.
    await store.transaction((tx) => tx.audit.append([{ action: "test.after_late", actor: "test", details: {} }], new Date()));
    expect(Date.now() - told).toBeLessThan(1000);
    expect(String(stoppedBy)).toContain("the transaction took longer than 300 ms and was rolled back");
    const at = pages;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pages).toBe(at);
  });
});
