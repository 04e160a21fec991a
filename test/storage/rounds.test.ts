import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService } from "../../src/core/command-service.js";
import { parseCommandText, type Command } from "../../src/core/commands/command.js";
import type { Store } from "../../src/core/ports.js";
import { runRoundDeadlines } from "../../src/core/rounds/round-deadlines.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import type { Reply } from "../../src/core/views/message.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { refusalCode } from "../support/reply-text.js";
import { testClock } from "../support/test-clock.js";
import { asChecked } from "../../src/core/guard/checked-text.js";

/**
 * The agreement rounds (Art 10, 13) on real SQLite and PostgreSQL: the repository's conditional
 * updates make each answer, each clearance and each expiry happen once, also when two bot
 * instances act at the same moment. On PostgreSQL the two instances are two stores with their own
 * connection pools; SQLite serves one instance, whose concurrent transactions race instead.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const BRAM = "UAIVDLI01"; // AIVD liaison
const DAAN = "UMIVDLI01"; // MIVD liaison
const PIETER = "UPOLLI001"; // Politie liaison
const LOTTE = "UNCSCLI01"; // NCSC liaison
const IRIS = "UOMLI0001"; // OM liaison
const JORIS = "UNCTVCO01"; // NCTV liaison and coordinator

describe.each(DATABASE_KINDS)("agreement rounds on %s (real database)", (kind) => {
  const clock = testClock("2026-11-30T09:00:00Z");
  let stores: Store[] = [];
  let drop: () => Promise<void>;
  let serial = 0;
  const services = () => stores.map((store) => createCommandService({ store, clock }));
  const as = (instance: number, user: string, command: Command) =>
    services()[instance].handle({ platform: "slack", userId: user, requestKey: `slack:${kind}:${++serial}`, command, text: command.name });
  const say = (user: string, text: string) => as(0, user, parseCommandText(text));
  const agree = (instance: number, user: string, askId: number): Promise<Reply> => as(instance, user, { name: "agree", askId, answer: { event: "agree" } });
  const askOf = async (roundId: number, party: string, role = "party") => {
    const round = (await stores[0].rounds.byId(roundId))!;
    return (await stores[0].rounds.asksOf(roundId, round.version)).find((a) => a.party === party && a.role === role)!;
  };
  const count = async (action: string) => (await stores[0].audit.latest(1000)).filter((e) => e.action === action).length;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(kind);
    drop = fresh.drop;
    const first = await openStore(fresh.url);
    stores = kind === "postgres" ? [first, await openStore(fresh.url)] : [first, first];
    const loaded = await loadDirectory({ store: first, clock }, { text: readFileSync("test/fixtures/directory.yml", "utf8"), source: "directory.yml", actor: "cli:admin" });
    expect(loaded).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    for (const store of new Set(stores)) await store.close();
    await drop();
  });

  it("stores a round with its asks in order, and moves them only from their source states", async () => {
    const reply = await say(ANNA, "comms The CIIC partners confirm a joint assessment of the phishing wave.");
    expect(refusalCode(reply)).toBeUndefined();
    const round = (await stores[0].rounds.byId(1))!;
    expect(round).toMatchObject({ kind: "comms", version: 1, state: "OPEN", authorId: "slack:UAIVDAN01", authorParty: "AIVD", nctvCoordinates: null, closedAt: null });
    const asks = await stores[0].rounds.asksOf(1);
    expect(asks.map((a) => `${a.party}/${a.role}/${a.state}`)).toEqual([
      "AIVD/party/AGREED",
      "MIVD/party/PENDING",
      "NCSC/party/PENDING",
      "NCTV/party/PENDING",
      "OM/party/PENDING",
      "Politie/party/PENDING",
      "NCTV/coordination/PENDING",
    ]);
    expect((await stores[0].rounds.openAsks(50, ["NCTV"])).map((a) => a.role)).toEqual(["party", "coordination"]);
    const coordination = await askOf(1, "NCTV", "coordination");
    const at = clock.now();
    await stores[0].transaction(async (tx) => {
      expect(await tx.rounds.transition(coordination.id, "agree", { at })).toBe(false); // first: does the NCTV coordinate?
      expect(await tx.rounds.transition(coordination.id, "coordinate", { at, byId: "slack:UNCTVCO01", byName: "Joris van Dijk" })).toBe(true);
      expect(await tx.rounds.transition(coordination.id, "coordinate", { at })).toBe(false);
      expect(await tx.rounds.move(1, "adopt", at)).toBe(false); // a communication is never adopted
      expect(await tx.rounds.revise(1, 7, { text: asChecked("x"), startedAt: at, deadline: at }, [])).toBeUndefined();
    });
    expect((await askOf(1, "NCTV", "coordination")).state).toBe("COORDINATING");
  });

  it("clears a round once when the last two parties agree at the same moment on two instances", async () => {
    await say(BRAM, "amend Article 9: the steering group meets at least six times a year.");
    const id = (await stores[0].rounds.byAuthor("slack:UAIVDLI01", 1))[0].id;
    for (const [user, party] of [[PIETER, "Politie"], [LOTTE, "NCSC"], [IRIS, "OM"]] as const) await agree(0, user, (await askOf(id, party)).id);
    const [mivd, nctv] = [await askOf(id, "MIVD"), await askOf(id, "NCTV")];
    const replies = await Promise.all([agree(0, DAAN, mivd.id), agree(1, JORIS, nctv.id), agree(1, DAAN, mivd.id)]);
    expect(replies.map(refusalCode).sort()).toEqual([undefined, undefined, "round.already_decided"].sort());
    expect((await stores[0].rounds.byId(id))!.state).toBe("ADOPTED");
    expect(await count("amendment.adopted")).toBe(1);
  });

  it("expires a round once when two schedulers run at the same moment", async () => {
    await say(ANNA, "comms A second press line about the joint assessment of the wave.");
    const id = (await stores[0].rounds.byAuthor("slack:UAIVDAN01", 1))[0].id;
    const late = testClock((await stores[0].rounds.byId(id))!.deadline);
    const results = await Promise.all(stores.map((store) => runRoundDeadlines({ store, clock: late })));
    expect((await stores[0].rounds.byId(id))!.state).toBe("EXPIRED");
    expect(await count("comms.expired")).toBe(2);
    expect(results.reduce((n, r) => n + r.expired, 0)).toBe(2); // with CM-1 of the first test, expired once each
    expect((await verifyAuditLog(stores[0])).ok).toBe(true);
  });
});
