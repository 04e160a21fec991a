import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCommandService, refusalCode } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import type { Store } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { openStore } from "../../src/storage/database.js";
import { freshPostgresUrl } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * Two instances on one PostgreSQL database: one loads a directory that removes a liaison while
 * the other is taking that liaison's Approve. The click waits for the log's head, which the load
 * holds; once the load has committed, the click is judged by the directory now in force, not by
 * the one it read before it waited: the removed liaison's consent does not count.
 */
const V1 = readFileSync("test/fixtures/directory.yml", "utf8");
const LIAISON_ENTRY = /  - slack: UAIVDLI01\n(?:    .*\n)+?(?=  - |\S|$)/;
const V2 = V1.replace(LIAISON_ENTRY, "");
const ANALYST = "UAIVDAN01";
const LIAISON = "UAIVDLI01";

let db: { url: string; drop: () => Promise<void> };
let a: Store;
let b: Store;
beforeAll(async () => {
  db = await freshPostgresUrl();
  a = await openStore(db.url);
  b = await openStore(db.url);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
});

it("does not count the consent of a liaison whom a directory load removed while the click waited", async () => {
  expect(V2).not.toBe(V1);
  expect(V2).not.toContain("UAIVDLI01");
  const clock = testClock("2026-12-01T09:00:00Z");
  expect(await loadDirectory({ store: a, clock }, { text: V1, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
  const service = createCommandService({ store: a, clock, limits: { commandMs: 5000 } });
  let n = 0;
  const send = (userId: string, text: string) => service.handle({ platform: "slack", userId, requestKey: `slack:T${++n}`, command: parseCommandText(text), text });
  await send(ANALYST, "submit 192.0.2.1");
  await send(ANALYST, "disclose I-1 to ncsc-ops purpose warn the sector");
  const ask = (await a.disclosures.asksOf(1)).find((x) => x.party === "AIVD")!;
  expect(ask.state).toBe("PENDING");

  // The other instance's load holds the log's head a moment before it commits.
  const slowly: Store = { ...b, transaction: (work, options) => b.transaction(async (tx) => { const done = await work(tx); await new Promise((resolve) => setTimeout(resolve, 800)); return done; }, options) };
  const loading = loadDirectory({ store: slowly, clock }, { text: V2, source: "directory.yml", actor: "cli:admin" });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const reply = await service.handle({ platform: "slack", userId: LIAISON, requestKey: "slack:click", command: { name: "decide", askId: ask.id, choice: { decision: "approve" } }, text: `approve ask ${ask.id}` });
  expect(await loading).toMatchObject({ ok: true, version: 2 });

  expect(refusalCode(reply)).toBeDefined();
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT "state" FROM "ConsentAsk" WHERE "id" = $1`, [ask.id]);
    expect(rows[0].state).toBe("PENDING");
    const approvals = await admin.query(`SELECT count(*)::int AS n FROM "AuditEntry" WHERE "action" = 'consent.approved'`);
    expect(approvals.rows[0].n).toBe(0);
  } finally {
    await admin.end();
  }
}, 30_000);
