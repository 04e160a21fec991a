import { readFileSync } from "node:fs";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService, refusalCode } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import { StoreUnavailableError, type Store } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { openStore } from "../../src/storage/database.js";
import { commitFailed } from "../../src/storage/postgres-transactions.js";
import { freshPostgresUrl } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * Exactly once: PostgreSQL commits a command's work, and the network goes before its answer
 * reaches the bot. Whether the work landed is then unknown to the bot, and the member must be told
 * so ("check before you try again"), not "nothing was changed": typed again, a committed
 * analysis or disclosure request would be made twice.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const ANALYST = "UAIVDAN01";

/** A TCP proxy to the server that, once told, cuts both sides a moment after passing on a COMMIT. */
async function proxyTo(target: URL) {
  let cutNextCommit = false;
  const server = createServer((client: Socket) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    let cut = false;
    const end = () => (client.destroy(), upstream.destroy());
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      if (cutNextCommit && chunk.includes("COMMIT")) {
        cutNextCommit = false;
        cut = true;
        // The server has the COMMIT and commits; its answer is not passed on, and the line goes.
        setTimeout(() => (client.resetAndDestroy(), upstream.destroy()), 200);
      }
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!cut) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cutNextCommit: () => void (cutNextCommit = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("a COMMIT whose answer is lost", () => {
  let db: { url: string; drop: () => Promise<void> };
  let proxy: Awaited<ReturnType<typeof proxyTo>>;
  let store: Store;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await freshPostgresUrl();
    proxy = await proxyTo(new URL(db.url));
    const viaProxy = new URL(db.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    store = await openStore(viaProxy.toString(), { limits: { statementMs: 2500 } });
    expect(await loadDirectory({ store, clock: testClock("2026-12-01T08:00:00Z") }, { text: DIRECTORY, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await store?.close().catch(() => undefined);
    await proxy?.close();
    await db?.drop();
  });

  it("tells the member the work may have been done, and it was", async () => {
    const service = createCommandService({ store, clock: testClock("2026-12-01T09:00:00Z"), limits: { commandMs: 2500 } });
    let n = 0;
    const send = (text: string) => service.handle({ platform: "slack", userId: ANALYST, requestKey: `slack:command:T${++n}`, command: parseCommandText(text), text });
    await send("submit 192.0.2.1");
    const analyses = async () => Number((await admin.query('SELECT count(*) AS n FROM "Analysis"')).rows[0].n);
    const before = await analyses();

    proxy.cutNextCommit();
    const reply = await send('analysis title:"Scan wave" I-1 text: a scan wave from 192.0.2.1');

    expect(await analyses()).toBe(before + 1);
    expect(refusalCode(reply)).toBe("store.unconfirmed");
    // The store goes on working on its other connections.
    expect(refusalCode(await send("lookup 192.0.2.1"))).toBeUndefined();
  });

  it("passes on a COMMIT the server refused, which rolled the transaction back", () => {
    const serialization = Object.assign(new Error("could not serialize access due to concurrent update"), { code: "40001" });
    expect(commitFailed(serialization)).toBe(serialization);
    const lost = commitFailed(Object.assign(new Error("Connection terminated unexpectedly")));
    expect(lost).toBeInstanceOf(StoreUnavailableError);
    expect((lost as StoreUnavailableError).inDoubt).toBe(true);
  });
});
