import { describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { databasesBefore } from "../support/migration-test.js";

/**
 * The migration that split the consent ask's WITHDRAWN into REVOKED (its party took its consent
 * back) and CLOSED (someone else ended the request), on both real databases. Rows are written as
 * the code before it wrote them; then the migration runs through the bot's own migrator, as it
 * does at a deployment's next start.
 */
const before = databasesBefore("20261130100000_consent_revoked_closed");

describe.each(DATABASE_KINDS)("consent asks that were WITHDRAWN, on %s", (kind) => {
  it("become REVOKED where their party revoked (a decider, or consent.withdrawn in the audit log) and CLOSED where someone else ended the request", async () => {
    // The deployment ran the code before this migration: it has not been applied yet.
    const { url, db } = await before(kind);

    const at = new Date("2026-11-02T10:00:00Z");
    const date = kind === "sqlite" ? at.toISOString().replace("Z", "+00:00") : at;
    for (const [id, state] of [[1, "DENIED"], [2, "WITHDRAWN"], [3, "DENIED"]] as const) {
      await db.run(
        `INSERT INTO "DisclosureRequest" ("id", "requesterId", "requesterName", "createdAt", "recipientId", "recipientName", "recipientKind", "deliverPlatform", "deliverChannel", "purpose", "legalBasis", "tlp", "deadline", "state", "closedAt") VALUES (?, 'slack:U0POLAN1', 'Pim', ?, 'ncsc-ops', 'NCSC operations', 'party', 'slack', 'C0NCSCOPS', 'warn', 'Wiv 2017', 'AMBER', ?, ?, ?)`,
        id, date, date, state, date,
      );
    }
    const ask = (id: number, requestId: number, party: string, state: string, decidedById: string | null, reason: string | null) =>
      db.run(
        `INSERT INTO "ConsentAsk" ("id", "requestId", "party", "state", "decidedById", "decidedByName", "decidedAt", "reason") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        id, requestId, party, state, decidedById, decidedById ? "Eva Jansen" : null, date, reason,
      );
    // AIVD revoked (as /ciic revoke wrote it), which closed MIVD's open ask.
    await ask(1, 1, "AIVD", "WITHDRAWN", "slack:U0AIVDLI2", "consent withdrawn");
    await ask(2, 1, "MIVD", "WITHDRAWN", null, null);
    // the requester withdrew it; AIVD had approved (the decider was cleared), MIVD had not answered.
    await ask(3, 2, "AIVD", "WITHDRAWN", null, null);
    await ask(4, 2, "MIVD", "WITHDRAWN", null, null);
    // NCSC's revoke is known from the audit log alone; AIVD denied with words of its own.
    await ask(5, 3, "NCSC", "WITHDRAWN", null, "consent withdrawn");
    await ask(6, 3, "AIVD", "DENIED", "slack:U0AIVDLI1", "consent withdrawn");
    await db.run(
      `INSERT INTO "AuditEntry" ("seq", "at", "actor", "action", "subject", "details", "prevHash", "hash") VALUES (9001, ?, 'slack:U0NCSCLI1', 'consent.withdrawn', 'ask:5', '{}', 'x', 'y')`,
      date,
    );
    // An audit entry about another subject must not count: "ask:50" is no entry for ask 5.
    await db.run(
      `INSERT INTO "AuditEntry" ("seq", "at", "actor", "action", "subject", "details", "prevHash", "hash") VALUES (9002, ?, 'slack:U0NCSCLI1', 'consent.withdrawn', 'ask:40', '{}', 'x', 'y')`,
      date,
    );
    await db.end();

    const store = await openStore(url);
    try {
      const states = async (requestId: number) => (await store.disclosures.asksOf(requestId)).map((a) => [a.id, a.party, a.state, a.decidedById, a.reason]);
      expect(await states(1)).toEqual([
        [1, "AIVD", "REVOKED", "slack:U0AIVDLI2", null],
        [2, "MIVD", "CLOSED", null, null],
      ]);
      expect(await states(2)).toEqual([
        [3, "AIVD", "CLOSED", null, null],
        [4, "MIVD", "CLOSED", null, null],
      ]);
      expect(await states(3)).toEqual([
        [6, "AIVD", "DENIED", "slack:U0AIVDLI1", "consent withdrawn"],
        [5, "NCSC", "REVOKED", null, null],
      ]);
      // The request states are untouched: R-2 stays WITHDRAWN, by its requester.
      expect((await store.disclosures.byId(2))!.state).toBe("WITHDRAWN");
    } finally {
      await store.close();
    }
  });
});
