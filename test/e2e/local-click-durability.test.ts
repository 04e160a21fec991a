import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { sqlitePath } from "../../src/storage/database.js";
import { freshSqliteUrl } from "../support/databases.js";
import { buttons, deliveredItems, openedForm, shown, startLocalBot, type LocalBot } from "../support/local-workspace.js";

/**
 * No lost click (issue 12) in the local workspace: a click or a form sent while the database does
 * not answer is answered within three seconds that nothing was decided, nothing of it lands, and
 * sent again once the database is back it counts once. The workspace runs on SQLite only; another
 * connection holds its write lock, as the CLI or a stuck process would.
 */
const ANALYST = "aivd-analyst";
const AIVD_LIAISON = "aivd-liaison";
const WITHIN_MS = 3000;

let t: LocalBot | undefined;
let lock: Database.Database | undefined;
afterEach(async () => {
  release();
  await t?.stop();
  t = undefined;
});

async function start(options: { realDirectory?: boolean } = {}) {
  const url = freshSqliteUrl();
  t = await startLocalBot({ databaseUrl: url, ...options });
  return { t, url };
}

/** Another connection takes the database's write lock and keeps it until released. */
function holdWriteLock(url: string) {
  lock = new Database(sqlitePath(url));
  lock.exec("BEGIN IMMEDIATE");
}
function release() {
  if (lock?.inTransaction) lock.exec("ROLLBACK");
  lock?.close();
  lock = undefined;
}

const count = (url: string, action: string) => {
  const db = new Database(sqlitePath(url), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "AuditEntry" WHERE action = ?`).get(action) as { n: number }).n;
  } finally {
    db.close();
  }
};

/** The AIVD analyst asks to disclose one AIVD item; the AIVD liaison's question and its buttons. */
async function oneAsk(bot: LocalBot) {
  expect(shown((await bot.command(ANALYST, "submit 198.51.100.70")).html)).toMatch(/Stored\s*1/);
  expect(shown((await bot.command(ANALYST, "disclose 198.51.100.70 to ncsc-ops purpose warn the sector")).html)).toContain("R-1");
  await bot.settle();
  const ask = deliveredItems(await bot.messages({ user: AIVD_LIAISON })).find((m) => shown(m).includes("Consent asked: R-1"))!;
  return Object.fromEntries(buttons(ask).map((b) => [b.label, b]));
}

/** What an answer says, whether the workspace refused at its door (an error) or answered (HTML). */
const said = (answer: { html?: string; error?: string }) => answer.error ?? shown(answer.html ?? "");

describe("a click in the local workspace while the database does not answer", () => {
  for (const realDirectory of [false, true]) {
    // Without the setting the workspace first checks which directory is in force, and that read
    // meets the hung database; with it, the click itself does.
    it(`is answered within three seconds that nothing was decided, and counts once when clicked again${realDirectory ? " (no directory check at the door)" : ""}`, async () => {
      const { t, url } = await start({ realDirectory });
      const button = await oneAsk(t);
      holdWriteLock(url);
      const started = Date.now();
      const refused = await t.post("/api/action", { user: AIVD_LIAISON, key: "click-while-hung", action: button.Approve.action, value: button.Approve.value });
      expect(Date.now() - started).toBeLessThan(WITHIN_MS);
      expect(said(refused.json)).toMatch(/Nothing was decided: the cell's database did not answer in time/);
      expect(said(refused.json)).toContain("click the button again");

      release();
      expect(count(url, "consent.approved")).toBe(0);
      const again = await t.action(AIVD_LIAISON, button.Approve.action, button.Approve.value);
      expect(shown(again.html)).toContain("You approved AIVD's consent to R-1");
      expect(count(url, "consent.approved")).toBe(1);
      expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
    });
  }

  it("keeps the Deny form open with 'nothing was recorded', and records the same submission once when sent again", async () => {
    const { t, url } = await start();
    const button = await oneAsk(t);
    const form = openedForm(await t.action(AIVD_LIAISON, button.Deny.action, button.Deny.value));
    holdWriteLock(url);
    const started = Date.now();
    const refused = await t.post("/api/form", { user: AIVD_LIAISON, key: "deny-while-hung", formId: form.formId, metadata: form.metadata, values: { reason: "source must stay protected" } });
    expect(Date.now() - started).toBeLessThan(WITHIN_MS);
    expect(said(refused.json)).toMatch(/Nothing was recorded: the cell's database did not answer in time/);
    expect(said(refused.json)).toContain("submit the form again");

    release();
    expect(count(url, "consent.denied")).toBe(0);
    const [first, second] = await Promise.all([
      t.form(AIVD_LIAISON, form, { reason: "source must stay protected" }, "deny-again"),
      t.form(AIVD_LIAISON, form, { reason: "source must stay protected" }, "deny-again"),
    ]);
    expect(first.kind).toBe("message");
    expect(second.html).toBe(first.html);
    expect(count(url, "consent.denied")).toBe(1);
  });
});
