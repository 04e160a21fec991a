import { describe, expect, it } from "vitest";
import { chainEvents, GENESIS_HASH } from "../../src/core/audit/chain.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { databasesBefore } from "../support/migration-test.js";
import { rawSql } from "../support/raw-sql.js";
import { auditEntries } from "../support/test-store.js";

/**
 * A database written before texts were sealed (issue 17), brought over at the first start of the
 * version that seals, on both real databases: its items get their keys, its stored texts are
 * sealed under them (and read as before), and the audit entries that hold values, which the chain
 * forbids to change, are listed as what a later removal cannot destroy.
 */
const before = databasesBefore("20261208100000_cell_keys");
const VALUE = "198.51.100.91";

describe.each(DATABASE_KINDS)("a database from before sealing, on %s", (kind) => {
  it("seals what it holds when its keys are made, reads it back the same, lists the audit entries in clear, and destroys on a later removal", async () => {
    const { url, db } = await before(kind, async (db) => {
      await db.run(`DROP TABLE "Keyring"`);
      await db.run(`ALTER TABLE "Item" DROP COLUMN "keyNonce"`);
      // Written before the items' rows were sealed too (the migration after this one).
      await db.run(`ALTER TABLE "Item" DROP COLUMN "sealed"`);
      await db.run(`DELETE FROM "_ciic_migrations" WHERE "name" = ?`, "20261210100000_sealed_items");
      // And before the address keys' second scheme, whose mark is on the keyring.
      await db.run(`DELETE FROM "_ciic_migrations" WHERE "name" = ?`, "20261211100000_address_keys_v2");
    });
    const at = new Date("2026-11-02T10:00:00Z");
    const date = kind === "sqlite" ? at.toISOString().replace("Z", "+00:00") : at;
    await db.run(
      `INSERT INTO "Item" ("id", "type", "value", "party", "memberId", "memberName", "submittedAt", "legalBasis", "reliability", "tlp", "via") VALUES (1, 'ipv4', ?, 'AIVD', 'slack:U1', 'Anna', ?, 'Wiv 2017', 'F6', 'AMBER', 'slack:/ciic submit')`,
      VALUE, date,
    );
    const reply = JSON.stringify({ blocks: [{ kind: "paragraph", content: [`Stored I-1 ipv4 ${VALUE}`] }] });
    await db.run(`INSERT INTO "CommandReceipt" ("key", "at", "response") VALUES ('slack:command:T1', ?, ?)`, date, reply);
    const [entry] = chainEvents({ seq: 0, hash: GENESIS_HASH }, [{ action: "indicators.submitted", actor: "slack:U1", details: { values: [VALUE] } }], at);
    await db.run(`INSERT INTO "AuditEntry" ("seq", "at", "actor", "action", "subject", "details", "prevHash", "hash") VALUES (1, ?, ?, ?, NULL, ?, ?, ?)`, date, entry.actor, entry.action, entry.details, entry.prevHash, entry.hash);
    await db.run(`UPDATE "AuditHead" SET "seq" = 1, "hash" = ? WHERE "id" = 1`, entry.hash);
    await db.end();

    let told: unknown;
    const store = await openStore(url, { onKeys: (opened) => (told = opened.sealedExisting) });
    try {
      expect(told).toEqual({ sealed: { Item: 1, CommandReceipt: 1 }, auditInClear: [1] });
      const raw = await rawSql(kind, url);
      try {
        const [row] = await raw.all<{ response: string }>(`SELECT "response" FROM "CommandReceipt"`);
        expect(row.response).not.toContain(VALUE);
        expect(row.response).toContain("ciic:sealed:1:1:");
        // The item's own row keeps its value's token and its sealed texts.
        const [item] = await raw.all<Record<string, unknown>>(`SELECT * FROM "Item"`);
        expect(JSON.stringify(item)).not.toContain(VALUE);
        expect(item.sealed).toEqual(expect.any(String));
      } finally {
        await raw.end();
      }
      expect(await store.receipts.find("slack:command:T1")).toBe(reply);
      const entries = await auditEntries(store);
      expect(entries.map((e) => e.action)).toEqual(["indicators.submitted", "keys.sealed_existing"]);
      expect(JSON.parse(entries[1].readable)).toEqual({ sealed: { Item: 1, CommandReceipt: 1 }, auditInClear: 1, entries: [1] });
      expect((await store.items.byId(1))?.value).toBe(VALUE);
      expect((await store.items.byValue("ipv4", VALUE)).map((i) => i.id)).toEqual([1]);
      expect(await verifyAuditLog(store)).toMatchObject({ ok: true });

      // Let go: the sealed reply is destroyed; the entry from before is the known limit.
      expect(await store.transaction((tx) => tx.retention.removeItem(1, new Date("2027-06-01T10:00:00Z")))).toBe(true);
      expect(await store.receipts.find("slack:command:T1")).not.toContain(VALUE);
      expect(await store.receipts.find("slack:command:T1")).toContain("[destroyed]");
      expect(await verifyAuditLog(store)).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });
});
