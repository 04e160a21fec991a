import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { testClock, type TestClock } from "../support/test-clock.js";
import { details, entriesWith, line, refusalCode, textOf, view } from "../support/reply-text.js";
import { verifyChain, type AuditEntry } from "../../src/core/audit/chain.js";
import { createCommandService, receiptKey, type CommandService } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import { ConflictError, type NewItem } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import type { Reply } from "../../src/core/views/message.js";
import { auditEntries, testStores, type TestStore } from "../support/test-store.js";
import * as roster from "../support/roster.js";
import { newItem } from "../support/new-item.js";

/** Real stores (SQLite), each closed after its test. */
const newStore = testStores();

/**
 * The command service on a real store (SQLite, test-store.ts): one member's command in, a neutral reply and
 * audit entries out. Screenings are valid five years (the default), so everyone below is
 * screened validly at START except Nina (never screened); Otto's screening ends on 2026-01-10.
 */
const PARTIES = { NCSC: { legalBasis: "Wbni art 3 (as the directory says)" } };
const MEMBERS: roster.Person[] = [
  roster.ANNA,
  // A member id set in the directory, which records and the audit log name her by instead of her chat account.
  { ...roster.GRETA, id: "ncsc-greta" },
  roster.DAAN,
  roster.OTTO,
  roster.JORIS,
  roster.NINA,
  roster.KARIN,
  roster.HUGO,
];
const directory = (members: roster.Person[]) => roster.directoryYaml({ parties: PARTIES, language: "en", members });
const DIRECTORY = directory(MEMBERS);
/** The directory with one member's fields changed, as an administrator's reload changes them. */
const changed = (person: roster.Person, fields: Partial<roster.Person>) => directory(MEMBERS.map((m) => (m === person ? { ...m, ...fields } : m)));

const ANNA = roster.ANNA.slack; // AIVD analyst
const GRETA = roster.GRETA.slack; // NCSC analyst, with the member id "ncsc-greta" set in the directory
const DAAN = roster.DAAN.slack; // MIVD liaison
const OTTO = roster.OTTO.slack; // Politie analyst, screened 2021-01-10
const JORIS = roster.JORIS.slack; // NCTV coordinator and liaison
const NINA = roster.NINA.slack; // AIVD analyst, not screened
const KARIN = roster.KARIN.slack; // CTIVD auditor
const HUGO = roster.HUGO.slack; // NCSC steering group
const STRANGER = roster.STRANGER;

const START = "2025-11-03T10:00:00.000Z";


interface World {
  store: TestStore;
  clock: TestClock;
  service: CommandService;
  ask(userId: string, text: string, options?: { key?: string; retry?: number }): Promise<Reply>;
  load(text: string): ReturnType<typeof loadDirectory>;
}

const worlds: World[] = [];
let requestSerial = 0;

async function world(options: { directory?: string | null } = {}): Promise<World> {
  const store = await newStore();
  const clock = testClock(START);
  const service = createCommandService({ store, clock });
  const w: World = {
    store,
    clock,
    service,
    ask: (userId, text, { key, retry } = {}) =>
      service.handle({
        platform: "slack",
        userId,
        requestKey: key ?? `slack:command:T${++requestSerial}`,
        command: parseCommandText(text),
        text,
        retry,
      }),
    load: (text) => loadDirectory({ store, clock }, { text, source: "directory.yml", actor: "cli:admin" }),
  };
  const directory = options.directory === undefined ? DIRECTORY : options.directory;
  if (directory !== null) expect(await w.load(directory)).toMatchObject({ ok: true });
  worlds.push(w);
  return w;
}

// Whatever a test did, the audit chain it left behind must verify.
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    const verdict = await verifyChain(await auditEntries(w.store), await w.store.audit.head());
    expect(verdict).toMatchObject({ ok: true });
  }
});

// ---- reading replies and the audit log ----

/** The lines of the lists in a reply. */
const listLines = (reply: Reply): string[] =>
  view(reply).blocks.flatMap((b) => (b.kind === "list" ? b.items.map(line) : []));


/** The entries a call appended, in order. */
async function appendedBy<T>(store: TestStore, run: () => Promise<T>): Promise<{ result: T; entries: AuditEntry[] }> {
  const before = (await store.audit.head()).seq;
  const result = await run();
  const entries = [];
  for await (const entry of store.audit.entries(before + 1)) entries.push(entry);
  return { result, entries };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// ---------------------------------------------------------------------------------------------

describe("CommandService: before a directory is loaded", () => {
  it("refuses every command with directory.missing, and audits the command and the refusal", async () => {
    const { store, ask } = await world({ directory: null });
    for (const text of ["help", "submit 198.51.100.7", "lookup 198.51.100.7"]) {
      const { result: reply, entries } = await appendedBy(store, () => ask(ANNA, text));
      expect(refusalCode(reply)).toBe("directory.missing");
      expect(view(reply).summary).toContain("ciic directory load");
      expect(entries.map((e) => [e.action, e.actor])).toEqual([
        ["command.received", `slack:${ANNA}`],
        ["access.refused", `slack:${ANNA}`],
      ]);
      expect(details(entries[1])).toEqual({ code: "directory.missing" });
    }
    expect(await store.items.byValue("ipv4", "198.51.100.7")).toEqual([]);
  });
});

describe("CommandService: submit (Art 5.1, 5.3)", () => {
  it("stores each indicator with its full provenance: party, member, time, basis, reliability, TLP, source, note, channel (Art 5.3)", async () => {
    const { store, ask, clock } = await world();
    clock.set("2025-11-04T08:15:30.000Z");
    const reply = await ask(ANNA, 'submit 198.51.100[.]7 hxxps://evil[.]example/login tlp:red rel:B2 src:"case 2026-17" note: seen in the phishing wave');
    expect(view(reply).summary).toBe("Stored 2, already known 0, refused 0.");

    const [ip] = await store.items.byValue("ipv4", "198.51.100.7");
    expect(ip).toEqual({
      id: ip.id,
      type: "ipv4",
      value: "198.51.100.7",
      party: "AIVD",
      memberId: `slack:${ANNA}`,
      memberName: "Anna de Vries",
      submittedAt: new Date("2025-11-04T08:15:30.000Z"),
      legalBasis: "Wiv 2017",
      reliability: "B2",
      tlp: "RED",
      sourceRef: "case 2026-17",
      note: "seen in the phishing wave",
      via: "slack:/ciic submit",
      supersedesId: null,
      correctedById: null,
      // Not let go (retention): the store says so for every item it reads back.
      removedAt: null,
    });
    const [url] = await store.items.byValue("url", "https://evil.example/login");
    expect(url).toMatchObject({ party: "AIVD", tlp: "RED", reliability: "B2", sourceRef: "case 2026-17" });
    expect(listLines(reply)).toEqual([`I-${ip.id} ipv4 198.51.100.7`, `I-${url.id} url https://evil.example/login`]);

    const [submitted] = await entriesWith(store, "indicators.submitted");
    expect(submitted).toMatchObject({ actor: `slack:${ANNA}`, subject: "party:AIVD", at: new Date("2025-11-04T08:15:30.000Z") });
    expect(details(submitted)).toMatchObject({
      via: "slack:/ciic submit",
      tlp: "RED",
      reliability: "B2",
      legalBasis: "Wiv 2017",
      sourceRef: "case 2026-17",
      note: "seen in the phishing wave",
      stored: [
        { id: ip.id, type: "ipv4", value: "198.51.100.7" },
        { id: url.id, type: "url", value: "https://evil.example/login" },
      ],
      alreadyKnown: [],
      refused: [],
    });
  });

  it("labels by default TLP:AMBER and reliability F6, with the party's legal basis from the covenant or the directory (Art 5.1)", async () => {
    const { store, ask } = await world();
    await ask(ANNA, "submit 198.51.100.7");
    await ask(GRETA, "submit 198.51.100.7");
    const [aivd, ncsc] = await store.items.byValue("ipv4", "198.51.100.7");
    expect(aivd).toMatchObject({ party: "AIVD", tlp: "AMBER", reliability: "F6", legalBasis: "Wiv 2017", sourceRef: null, note: null });
    expect(ncsc).toMatchObject({ party: "NCSC", tlp: "AMBER", reliability: "F6", legalBasis: "Wbni art 3 (as the directory says)" });
  });

  it("records the legal basis a member names with basis: instead of the party's default (Art 5.1)", async () => {
    const { store, ask } = await world();
    const reply = await ask(ANNA, 'submit 198.51.100.7 basis:"Wiv 2017 art 62"');
    expect(textOf(reply)).toContain("basis Wiv 2017 art 62");
    expect((await store.items.byValue("ipv4", "198.51.100.7"))[0].legalBasis).toBe("Wiv 2017 art 62");
  });

  it("tells a party that supplies an indicator again that it is already known, and stores nothing twice", async () => {
    const { store, ask, clock } = await world();
    await ask(ANNA, "submit 198.51.100.7");
    clock.set("2025-12-01T09:00:00.000Z");
    const again = await ask(ANNA, "submit 198.51.100.7 203.0.113.9 tlp:red");
    expect(view(again).summary).toBe("Stored 1, already known 1, refused 0.");
    expect(textOf(again)).toContain("198.51.100.7 since 2025-11-03");
    const items = await store.items.byValue("ipv4", "198.51.100.7");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ tlp: "AMBER", submittedAt: new Date(START) });
    const [, second] = await entriesWith(store, "indicators.submitted");
    expect(details(second)).toMatchObject({ alreadyKnown: [items[0].id], stored: [{ value: "203.0.113.9" }] });
  });

  it("stores another party's copy separately and tells the analyst who else supplied it (Art 6.1)", async () => {
    const { store, ask } = await world();
    await ask(ANNA, "submit 198.51.100.7");
    const reply = await ask(GRETA, "submit 198.51.100.7 203.0.113.9");
    expect(view(reply).summary).toBe("Stored 2, already known 0, refused 0.");
    const [aivd, ncsc] = await store.items.byValue("ipv4", "198.51.100.7");
    expect([aivd.party, ncsc.party]).toEqual(["AIVD", "NCSC"]);
    expect(ncsc).toMatchObject({ memberId: "ncsc-greta", memberName: "Greta de Boer" });
    expect(listLines(reply)).toContain(`I-${ncsc.id} ipv4 198.51.100.7 — also supplied by AIVD`);
    expect(textOf(reply)).toContain("1 of these indicators was also supplied by another party (covenant Art 6.1)");
    const [, submitted] = await entriesWith(store, "indicators.submitted");
    expect(details(submitted)).toMatchObject({ overlapsShown: 1 });
  });

  it("matches a URL by its normal form and keeps each party's as supplied, for the look-up and exports (issue 16)", async () => {
    const { store, ask } = await world();
    // (Chat text loses a quote at a token's end, as punctuation: this one sits inside.)
    await ask(ANNA, "submit http://odd.example/a\\b?y=\"2\"&z=1");
    const reply = await ask(GRETA, "submit http://odd.example/a/b?y=%222%22&z=1");
    // The same indicator: matched, and the analyst told.
    expect(textOf(reply)).toContain("1 of these indicators was also supplied by another party");
    const [aivd, ncsc] = await store.items.byValue("url", "http://odd.example/a/b?y=%222%22&z=1");
    expect(aivd.supplied).toBe('http://odd.example/a\\b?y="2"&z=1');
    expect(ncsc.supplied).toBeUndefined();
    const lookup = textOf(await ask(ANNA, "lookup http://odd.example/a/b?y=%222%22&z=1"));
    expect(lookup).toContain('supplied as http://odd.example/a\\b?y="2"&z=1');
  });

  it("does not tell a liaison, who is no cell staff, which other parties supplied the same indicator (Art 6.1, 7.2)", async () => {
    const { store, ask } = await world();
    await ask(ANNA, "submit 198.51.100.7");
    const reply = await ask(DAAN, "submit 198.51.100.7");
    expect(view(reply).summary).toBe("Stored 1, already known 0, refused 0.");
    expect(textOf(reply)).not.toMatch(/also supplied|AIVD|Art 6\.1/);
    expect((await store.items.byValue("ipv4", "198.51.100.7")).map((i) => i.party)).toEqual(["AIVD", "MIVD"]);
    const [, submitted] = await entriesWith(store, "indicators.submitted");
    expect(details(submitted)).toMatchObject({ overlapsShown: 0 });
  });

  it("refuses a whole submission with a bad option and stores nothing", async () => {
    const { store, ask } = await world();
    const reply = await ask(ANNA, "submit 198.51.100.7 tlp:purple");
    expect(refusalCode(reply)).toBe("submission.invalid");
    expect(view(reply).summary).toContain("`purple` is not a TLP 2.0 label");
    expect(await store.items.byValue("ipv4", "198.51.100.7")).toEqual([]);
    expect(await entriesWith(store, "submission.refused")).toHaveLength(1);
  });

  it("opens the form when submit comes without indicators", async () => {
    const { ask } = await world();
    const reply = await ask(ANNA, "submit");
    expect(reply.kind).toBe("form");
  });
});

describe("CommandService: access (Art 4.1, 4.6, 5.1)", () => {
  it("admits a member screened 2021-01-10 on 2026-01-09 and refuses access.screening_expired from 2026-01-10 (Art 4.6, default validity 5 years)", async () => {
    const { store, ask, clock } = await world();
    clock.set("2026-01-09T23:59:59.999Z");
    expect(view(await ask(OTTO, "submit 198.51.100.7")).summary).toBe("Stored 1, already known 0, refused 0.");

    clock.set("2026-01-10T00:00:00.000Z");
    const refused = await ask(OTTO, "submit 203.0.113.9");
    expect(refusalCode(refused)).toBe("access.screening_expired");
    expect(view(refused).summary).toContain("expired on 2026-01-10");
    expect(view(refused).summary).toContain("Art 4.6");
    expect(await store.items.byValue("ipv4", "203.0.113.9")).toEqual([]);
    expect(refusalCode(await ask(OTTO, "lookup 198.51.100.7"))).toBe("access.screening_expired");
  });

  it("refuses the NCTV's submissions: it supplies no data (access.party_does_not_supply, Art 5.1)", async () => {
    const { store, ask } = await world();
    const reply = await ask(JORIS, "submit 198.51.100.7");
    expect(refusalCode(reply)).toBe("access.party_does_not_supply");
    expect(view(reply).summary).toContain("Art 5.1");
    expect(refusalCode(await ask(JORIS, "correct I-1 tlp:red"))).toBe("access.party_does_not_supply");
    expect(await store.items.byValue("ipv4", "198.51.100.7")).toEqual([]);
  });

  it("refuses someone who is not in the directory (access.unknown_user, Art 4.1), under their chat id", async () => {
    const { store, ask } = await world();
    const { result: reply, entries } = await appendedBy(store, () => ask(STRANGER, "help"));
    expect(refusalCode(reply)).toBe("access.unknown_user");
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ["command.received", `slack:${STRANGER}`],
      ["access.refused", `slack:${STRANGER}`],
    ]);
  });

  it("refuses a member whose roles do not allow the command (access.role_missing)", async () => {
    const { ask } = await world();
    const steering = await ask(HUGO, "submit 198.51.100.7");
    expect(refusalCode(steering)).toBe("access.role_missing");
    expect(view(steering).summary).toContain("is for analyst or liaison (covenant Art 5.1)");
    const liaison = await ask(DAAN, "lookup 198.51.100.7");
    expect(refusalCode(liaison)).toBe("access.role_missing");
    expect(view(liaison).summary).toContain("is for analyst or auditor (covenant Art 6.1)");
    expect(refusalCode(await ask(KARIN, "submit 198.51.100.7"))).toBe("access.role_missing");
  });

  it("refuses an unscreened member every command but help (access.not_screened, Art 4.6)", async () => {
    const { ask } = await world();
    for (const text of ["submit 198.51.100.7", "lookup 198.51.100.7", "correct I-1 tlp:red"]) {
      expect(refusalCode(await ask(NINA, text))).toBe("access.not_screened");
    }
    expect(refusalCode(await ask(NINA, "help"))).toBeUndefined();
  });

  it("audits every refusal as access.refused with its code, after the command.received of its command", async () => {
    const { store, ask, clock } = await world();
    const cases: [string, string, string][] = [
      [STRANGER, "help", "access.unknown_user"],
      [NINA, "submit 198.51.100.7", "access.not_screened"],
      [JORIS, "submit 198.51.100.7", "access.party_does_not_supply"],
      [HUGO, "lookup 198.51.100.7", "access.role_missing"],
    ];
    for (const [user, text, code] of cases) {
      const { result, entries } = await appendedBy(store, () => ask(user, text));
      expect(refusalCode(result)).toBe(code);
      expect(entries.map((e) => e.action)).toEqual(["command.received", "access.refused"]);
      expect(entries[1]).toMatchObject({ actor: entries[0].actor, subject: `command:${text.split(" ")[0]}` });
      expect(details(entries[1])).toEqual({ code });
    }
    clock.set("2026-02-01T00:00:00.000Z");
    await ask(OTTO, "lookup 198.51.100.7");
    const refusals = await entriesWith(store, "access.refused");
    expect(refusals.map((e) => details(e).code)).toEqual([...cases.map((c) => c[2]), "access.screening_expired"]);
    expect(refusals.at(-1)!.at).toEqual(new Date("2026-02-01T00:00:00.000Z"));
  });
});

describe("CommandService: the audit log of commands", () => {
  it("records every command as command.received with who, the text and its length", async () => {
    const { store, ask } = await world();
    const text = "submit 198.51.100.7 tlp:green";
    await ask(ANNA, text, { key: "slack:command:T-audit" });
    const [received] = await entriesWith(store, "command.received");
    expect(received).toMatchObject({ actor: `slack:${ANNA}`, subject: "command:submit", at: new Date(START) });
    expect(details(received)).toEqual({
      platform: "slack",
      userId: ANNA,
      requestKey: "slack:command:T-audit",
      retry: null,
      text,
      textLength: text.length,
    });
  });

  it("cuts a text over 4,000 characters in the audit entry, but hashes the full text", async () => {
    const { store, ask } = await world();
    const text = `help ${"x".repeat(4_500)}`;
    await ask(ANNA, text, { retry: 1 });
    const [received] = await entriesWith(store, "command.received");
    const d = details(received);
    expect(d.text).toBe(text.slice(0, 4_000));
    expect(d.textLength).toBe(4_505);
    expect(d.textSha256).toBe(sha256(text));
    expect(d.textSha256).not.toBe(sha256(text.slice(0, 4_000)));
    expect(d.retry).toBe(1);
  });

  it("keeps no more than the first 4,000 characters of a command's text in any audit entry", async () => {
    const { store, ask } = await world();
    for (const text of [`lookup ${"a".repeat(5_000)}`, `disclose${"x".repeat(5_000)}`, `correct I-${"1".repeat(5_000)} tlp:red`]) {
      const { entries } = await appendedBy(store, () => ask(ANNA, text));
      expect(entries.length).toBeGreaterThanOrEqual(2);
      for (const entry of entries) {
        expect((entry.subject ?? "").length + entry.readable.length, entry.action).toBeLessThan(4_000 + 500);
      }
    }
  });

  it("answers an unknown command word with command.unknown, and audits it", async () => {
    const { store, ask } = await world();
    const reply = await ask(ANNA, "publish I-1");
    expect(refusalCode(reply)).toBe("command.unknown");
    expect(view(reply).summary).toContain("`publish` is not a command");
    expect(details((await entriesWith(store, "command.unknown"))[0])).toEqual({ word: "publish" });
  });
});

describe("CommandService: repeated deliveries of one request", () => {
  it("answers the same requestKey a second time with the first answer, audits command.repeated, and stores nothing twice", async () => {
    const { store, ask, clock } = await world();
    const first = await ask(ANNA, "submit 198.51.100.7", { key: "slack:command:T-retry" });
    clock.advance(2_000);
    const { result: second, entries } = await appendedBy(store, () => ask(ANNA, "submit 198.51.100.7", { key: "slack:command:T-retry", retry: 1 }));
    expect(second).toEqual(first);
    expect(view(second).summary).toBe("Stored 1, already known 0, refused 0.");
    expect(entries.map((e) => e.action)).toEqual(["command.repeated"]);
    expect(details(entries[0])).toEqual({ requestKey: "slack:command:T-retry", retry: 1 });
    expect(await store.items.byValue("ipv4", "198.51.100.7")).toHaveLength(1);
    expect(await entriesWith(store, "command.received")).toHaveLength(1);
    expect(await entriesWith(store, "indicators.submitted")).toHaveLength(1);
  });

  it("answers a request refused at the door anew when it comes again: a renewed screening then admits it", async () => {
    const { store, ask, load, clock } = await world();
    clock.set(new Date("2026-02-01T09:00:00Z")); // Otto's screening of 2021-01-10 has run out
    const key = `mattermost:action:post1:consent.approve:7:${OTTO}`;
    expect(refusalCode(await ask(OTTO, "submit 198.51.100.8", { key }))).toBe("access.screening_expired");
    expect(refusalCode(await ask(OTTO, "submit 198.51.100.8", { key }))).toBe("access.screening_expired");
    expect(await entriesWith(store, "command.repeated")).toHaveLength(0);
    expect(await load(changed(roster.OTTO, { screening: "2026-01-20" }))).toMatchObject({ ok: true });
    const admitted = await ask(OTTO, "submit 198.51.100.8", { key });
    expect(view(admitted).summary).toBe("Stored 1, already known 0, refused 0.");
    // Once admitted, the answer is remembered as for any request.
    expect(await ask(OTTO, "submit 198.51.100.8", { key })).toEqual(admitted);
    expect(await entriesWith(store, "indicators.submitted")).toHaveLength(1);
  });

  it("reads a refusal saved before views said they refuse as a refusal, with its code", async () => {
    const { store, ask } = await world();
    const key = "slack:command:T-legacy";
    // What a receipt held then: the refusal's code only in its first block, an error notice.
    const saved = { kind: "message", view: { summary: "No.", blocks: [{ kind: "notice", tone: "error", content: ["No."], code: "disclosure.not_found" }] } };
    await store.transaction((tx) => tx.receipts.save(receiptKey({ platform: "slack", userId: ANNA, requestKey: key }), JSON.stringify(saved), new Date(START)));
    const replayed = await ask(ANNA, "requests R-99", { key, retry: 1 });
    expect(refusalCode(replayed)).toBe("disclosure.not_found");
    expect(view(replayed).refused).toBe("disclosure.not_found");
    // A refusal of today carries its outcome itself.
    expect(view(await ask(ANNA, "requests R-98")).refused).toBe("disclosure.not_found");
  });

  it("serves a saved answer to its own sender only: another member presenting the same key is answered anew", async () => {
    const { store, ask } = await world();
    const anna = await ask(ANNA, "submit 198.51.100.7", { key: "slack:command:T-shared" });
    const greta = await ask(GRETA, "submit 203.0.113.9", { key: "slack:command:T-shared" });
    expect(textOf(greta)).toContain("203.0.113.9");
    expect(textOf(greta)).not.toContain("198.51.100.7");
    expect(await entriesWith(store, "indicators.submitted")).toHaveLength(2);
    expect(await entriesWith(store, "command.repeated")).toHaveLength(0);
    // Each one's retry still gets their own first answer back.
    expect(await ask(ANNA, "submit 198.51.100.7", { key: "slack:command:T-shared", retry: 1 })).toEqual(anna);
    expect(await ask(GRETA, "submit 203.0.113.9", { key: "slack:command:T-shared", retry: 1 })).toEqual(greta);
    expect(await entriesWith(store, "command.repeated")).toHaveLength(2);
  });

  it("names the member by the member id in command.repeated, as in command.received", async () => {
    const { store, ask } = await world();
    await ask(GRETA, "help", { key: "slack:command:T-who" });
    await ask(GRETA, "help", { key: "slack:command:T-who", retry: 1 });
    const [received] = await entriesWith(store, "command.received");
    const [repeated] = await entriesWith(store, "command.repeated");
    expect(received.actor).toBe("ncsc-greta");
    // AuditEvent.actor is the member id; "<platform>:<user id>" only for someone not in the directory.
    expect(repeated.actor).toBe("ncsc-greta");
  });

  it("carries out two simultaneous deliveries of one request once", async () => {
    const { store, ask } = await world();
    const [a, b] = await Promise.all([
      ask(ANNA, "submit 198.51.100.7", { key: "slack:command:T-race" }),
      ask(ANNA, "submit 198.51.100.7", { key: "slack:command:T-race", retry: 1 }),
    ]);
    expect(b).toEqual(a);
    expect(await store.items.byValue("ipv4", "198.51.100.7")).toHaveLength(1);
    expect((await auditEntries(store)).map((e) => e.action)).toEqual([
      "directory.loaded",
      "command.received",
      "indicators.submitted",
      "command.repeated",
    ]);
  });

  it("stores an indicator once when one party submits it twice at the same moment", async () => {
    const { store, ask } = await world();
    const replies = await Promise.all([ask(ANNA, "submit 198.51.100.7"), ask(ANNA, "submit 198.51.100.7")]);
    expect(replies.map((r) => view(r).summary).sort()).toEqual([
      "Stored 0, already known 1, refused 0.",
      "Stored 1, already known 0, refused 0.",
    ]);
    expect(await store.items.byValue("ipv4", "198.51.100.7")).toHaveLength(1);
  });
});

describe("CommandService: one transaction per command", () => {
  it("rolls back everything of a command whose use case throws: no command.received, nothing stored, no receipt", async () => {
    const { store, ask } = await world();
    const headBefore = await store.audit.head();
    store.hooks.beforeInsert = () => {
      store.hooks.beforeInsert = undefined;
      throw new Error("disk on fire");
    };
    await expect(ask(ANNA, "submit 198.51.100.7", { key: "slack:command:T-boom" })).rejects.toThrow("disk on fire");
    expect(await store.audit.head()).toEqual(headBefore);
    expect(await entriesWith(store, "command.received")).toEqual([]);
    expect(await store.items.byValue("ipv4", "198.51.100.7")).toEqual([]);
    expect(await store.receipts.find(receiptKey({ platform: "slack", userId: ANNA, requestKey: "slack:command:T-boom" }))).toBeUndefined();

    // Slack's retry of the failed request is then carried out as new.
    const retried = await ask(ANNA, "submit 198.51.100.7", { key: "slack:command:T-boom", retry: 1 });
    expect(view(retried).summary).toBe("Stored 1, already known 0, refused 0.");
    expect(await entriesWith(store, "command.repeated")).toEqual([]);
  });

  it("runs a command that lost a race (ConflictError) again from the start and records it once", async () => {
    const { store, ask } = await world();
    let calls = 0;
    store.hooks.beforeInsert = () => {
      if (++calls === 1) throw new ConflictError("another writer stored one of these indicators first");
    };
    const reply = await ask(ANNA, "submit 198.51.100.7", { key: "slack:command:T-conflict" });
    expect(calls).toBe(2);
    expect(view(reply).summary).toBe("Stored 1, already known 0, refused 0.");
    expect(await entriesWith(store, "command.received")).toHaveLength(1);
    expect(await entriesWith(store, "indicators.submitted")).toHaveLength(1);
    expect(JSON.parse((await store.receipts.find(receiptKey({ platform: "slack", userId: ANNA, requestKey: "slack:command:T-conflict" })))!)).toEqual(reply);
  });

  it("gives up after five attempts that all conflict, and leaves nothing behind", async () => {
    const { store, ask } = await world();
    let calls = 0;
    store.hooks.beforeInsert = () => {
      calls++;
      throw new ConflictError("always too late");
    };
    const headBefore = await store.audit.head();
    await expect(ask(ANNA, "submit 198.51.100.7")).rejects.toBeInstanceOf(ConflictError);
    expect(calls).toBe(5);
    expect(await store.audit.head()).toEqual(headBefore);
  });
});

describe("CommandService: correct (Art 5.3, 7.2)", () => {
  it("records a correction as a new version pointing at the old one, which stays on record (Art 5.3)", async () => {
    const { store, ask, clock } = await world();
    await ask(ANNA, 'submit 198.51.100.7 rel:B2 src:"case 1"');
    const [old] = await store.items.byValue("ipv4", "198.51.100.7");
    clock.set("2025-11-05T12:00:00.000Z");
    const reply = await ask(ANNA, `correct I-${old.id} tlp:red`);
    const [, fresh] = await store.items.byValue("ipv4", "198.51.100.7");
    expect(view(reply).summary).toBe(`I-${fresh.id} corrects I-${old.id}.`);
    expect(fresh).toMatchObject({
      supersedesId: old.id,
      correctedById: null,
      party: "AIVD",
      memberId: `slack:${ANNA}`,
      submittedAt: new Date("2025-11-05T12:00:00.000Z"),
      tlp: "RED",
      reliability: "B2",
      sourceRef: "case 1",
      legalBasis: "Wiv 2017",
      via: "slack:/ciic correct",
    });
    expect(await store.items.byId(old.id)).toEqual({ ...old, correctedById: fresh.id });
    expect((await store.items.currentOf("AIVD", [{ type: "ipv4", value: "198.51.100.7" }])).map((i) => i.id)).toEqual([fresh.id]);
    const [corrected] = await entriesWith(store, "item.corrected");
    expect(corrected).toMatchObject({ actor: `slack:${ANNA}`, subject: `item:${fresh.id}` });
    expect(details(corrected)).toEqual({ supersedes: old.id, type: "ipv4", value: "198.51.100.7", tlp: "RED", reliability: "B2" });
  });

  it("corrects a value: the new value becomes the party's current record, the old value none", async () => {
    const { store, ask } = await world();
    await ask(ANNA, "submit 198.51.100.7");
    const reply = await ask(ANNA, "correct I-1 value:198.51.100[.]8");
    expect(view(reply).summary).toBe("I-2 corrects I-1.");
    expect(await store.items.byId(2)).toMatchObject({ type: "ipv4", value: "198.51.100.8", supersedesId: 1 });
    expect(await store.items.currentOf("AIVD", [{ type: "ipv4", value: "198.51.100.7" }])).toEqual([]);
    // The old value may now be supplied again as a new record.
    expect(view(await ask(ANNA, "submit 198.51.100.7")).summary).toBe("Stored 1, already known 0, refused 0.");
  });

  it("answers a correction of another party's item exactly as one of a missing item (correction.not_found, Art 7.2)", async () => {
    const withItem = await world();
    await withItem.ask(ANNA, "submit 198.51.100.7");
    expect((await withItem.store.items.byId(1))?.party).toBe("AIVD");
    const withoutItem = await world();

    const { result: other, entries: otherEntries } = await appendedBy(withItem.store, () => withItem.ask(GRETA, "correct I-1 tlp:red", { key: "slack:command:T-7.2" }));
    const { result: missing, entries: missingEntries } = await appendedBy(withoutItem.store, () => withoutItem.ask(GRETA, "correct I-1 tlp:red", { key: "slack:command:T-7.2" }));
    expect(refusalCode(other)).toBe("correction.not_found");
    expect(other).toEqual(missing);
    expect(textOf(other)).not.toContain("AIVD");
    expect(otherEntries.map((e) => [e.action, e.actor, e.subject, e.readable])).toEqual(
      missingEntries.map((e) => [e.action, e.actor, e.subject, e.readable]),
    );
    expect((await withItem.store.items.byId(1))?.correctedById).toBeNull();
  });

  it("corrects a version once; a second correction of it is refused and points at the newer one (correction.superseded)", async () => {
    const { store, ask } = await world();
    await ask(ANNA, "submit 198.51.100.7");
    expect(view(await ask(ANNA, "correct I-1 tlp:red")).summary).toBe("I-2 corrects I-1.");
    const twice = await ask(ANNA, "correct I-1 tlp:green");
    expect(refusalCode(twice)).toBe("correction.superseded");
    expect(view(twice).summary).toContain("I-1 was already corrected by I-2");
    expect(await store.items.byValue("ipv4", "198.51.100.7")).toHaveLength(2);
    expect(view(await ask(ANNA, "correct I-2 tlp:green")).summary).toBe("I-3 corrects I-2.");
  });

  it("refuses a correction that changes nothing (correction.unchanged)", async () => {
    const { store, ask } = await world();
    await ask(ANNA, "submit 198.51.100.7 rel:B2");
    for (const text of ["correct I-1", "correct I-1 tlp:amber rel:b2", "correct I-1 value:198.51.100[.]7"]) {
      expect(refusalCode(await ask(ANNA, text))).toBe("correction.unchanged");
    }
    expect(await store.items.byValue("ipv4", "198.51.100.7")).toHaveLength(1);
    expect((await entriesWith(store, "correction.refused")).map((e) => details(e).code)).toEqual([
      "correction.unchanged",
      "correction.unchanged",
      "correction.unchanged",
    ]);
  });

  it("refuses an unrecognised corrected value with the classifier's reason, written once", async () => {
    const { store, ask } = await world();
    await ask(ANNA, "submit 198.51.100.7");
    const reply = await ask(ANNA, "correct I-1 value:not-an-indicator!");
    expect(refusalCode(reply)).toBe("correction.invalid");
    expect(view(reply).summary).toContain("Nothing was changed: This is not a kind of indicator the bot recognises");
    expect(view(reply).summary).not.toMatch(/\.\.$/);
    expect(await store.items.byId(1)).toMatchObject({ correctedById: null });
  });

  it("refuses a corrected value the party already supplied (correction.duplicate)", async () => {
    const { store, ask } = await world();
    await ask(ANNA, "submit 198.51.100.7 198.51.100.8");
    expect(refusalCode(await ask(ANNA, "correct I-1 value:198.51.100.8"))).toBe("correction.duplicate");
    expect(await store.items.byId(1)).toMatchObject({ correctedById: null });
  });
});

describe("CommandService: lookup (Art 6.1)", () => {
  it("lists every version and every party's record of an indicator, oldest first, and audits what it showed", async () => {
    const { store, ask, clock } = await world();
    await ask(ANNA, 'submit 198.51.100.7 src:"case 7"');
    clock.advance(60_000);
    await ask(GRETA, "submit 198.51.100.7 tlp:green");
    clock.advance(60_000);
    await ask(ANNA, "correct I-1 rel:B2");
    const reply = await ask(KARIN, "lookup 198.51.100[.]7");
    expect(view(reply).summary).toBe("198.51.100.7: 3 records from AIVD, NCSC.");
    const lines = listLines(reply);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^I-1 AIVD · 2025-11-03 11:00 CET · TLP:AMBER · reliability F6 · basis Wiv 2017 · by Anna de Vries · source case 7 · superseded by I-3$/);
    expect(lines[1]).toBe("I-2 NCSC · 2025-11-03 11:01 CET · TLP:GREEN · reliability F6 · basis Wbni art 3 (as the directory says) · by Greta de Boer");
    expect(lines[2]).toContain("I-3 AIVD · 2025-11-03 11:02 CET · TLP:AMBER · reliability B2");
    expect(lines[2]).toContain("corrects I-1");
    const [looked] = await entriesWith(store, "indicator.looked_up");
    expect(looked).toMatchObject({ actor: `slack:${KARIN}`, subject: "indicator:ipv4" });
    expect(details(looked)).toEqual({ type: "ipv4", value: "198.51.100.7", records: [1, 2, 3] });
  });

  it("shows a record by its id with its value at the head, and every party's record of that value below, as a look-up by value does", async () => {
    const { store, ask } = await world();
    await ask(ANNA, "submit https://phish.example/login");
    await ask(GRETA, "submit https://phish.example/login");
    const shown = textOf(await ask(KARIN, "lookup I-1"));
    expect(shown.split("\n")).toContain("I-1 url https://phish.example/login");
    expect(shown).toContain("I-1 AIVD");
    expect(shown).toContain("I-2 NCSC");
    const [looked] = await entriesWith(store, "item.looked_up");
    expect(details(looked)).toEqual({ item: 1, found: true, records: [1, 2] });
  });

  it("shows records stored before file names were refused as domains, and refuses such a name on record nowhere", async () => {
    const { store, ask } = await world();
    await store.transaction((tx) => tx.items.insert([newItem("domain", "payload.exe", "AIVD")]));
    const shown = await ask(KARIN, "lookup payload.exe");
    expect(view(shown).summary).toBe("payload.exe: 1 record from AIVD.");
    const nowhere = await ask(KARIN, "lookup other.exe");
    expect(refusalCode(nowhere)).toBe("indicator.invalid_domain");
    expect(view(nowhere).summary).toContain("no top-level domain");
  });

  it("says when no party supplied an indicator, and audits the look-up", async () => {
    const { store, ask } = await world();
    const reply = await ask(ANNA, "lookup evil.example");
    expect(view(reply).summary).toBe("No party has supplied evil.example to the cell.");
    expect(details((await entriesWith(store, "indicator.looked_up"))[0])).toMatchObject({ records: [] });
  });

  it("refuses a value it does not recognise, with the reason, and audits the refusal", async () => {
    const { store, ask } = await world();
    const { result: reply, entries } = await appendedBy(store, () => ask(ANNA, "lookup not-an-indicator!"));
    expect(refusalCode(reply)).toBe("indicator.unrecognised");
    expect(view(reply).summary).toContain("Nothing was looked up: This is not a kind of indicator the bot recognises");
    expect(entries.map((e) => e.action)).toEqual(["command.received", "lookup.refused"]);
    expect(details(entries[1])).toEqual({ reason: "indicator.unrecognised" });

    const two = await ask(ANNA, "lookup 198.51.100.7 203.0.113.9");
    expect(refusalCode(two)).toBe("lookup.invalid");
    expect(view(two).summary).toContain("look up one value at a time");
  });
});

describe("CommandService: help", () => {
  // Typed commands are listed by their usage; the consent buttons by what they are.
  const commandsIn = (reply: Reply) => listLines(reply).map((l) => (l.startsWith("/ciic ") ? l.split(" ")[1] : l.startsWith("Agree / Object") ? "agree" : "decide"));

  it("lists only the commands the member's roles and party allow", async () => {
    const { store, ask } = await world();
    const expected: [string, string[]][] = [
      [ANNA, ["help", "submit", "import", "export", "correct", "lookup", "analysis", "disclose", "requests", "withdraw", "consult", "covenant", "comms"]],
      [DAAN, ["help", "submit", "import", "export", "correct", "requests", "revoke", "decide", "review", "consult", "covenant", "notice", "comms", "amend", "agree"]],
      [KARIN, ["help", "lookup", "covenant", "report", "oversight"]],
      [HUGO, ["help", "covenant", "notice", "comms", "report", "meeting"]],
      [JORIS, ["help", "requests", "revoke", "decide", "consult", "covenant", "notice", "comms", "amend", "agree"]],
    ];
    for (const [user, commands] of expected) {
      const reply = await ask(user, "help");
      expect(commandsIn(reply)).toEqual(commands);
      expect(view(reply).summary).toMatch(new RegExp(`: ${commands.join(", ")}$`));
      expect(view(reply).blocks.some((b) => b.kind === "notice")).toBe(false);
    }
    expect(view(await ask(ANNA, "help")).summary).toBe("Commands for Anna de Vries (AIVD): help, submit, import, export, correct, lookup, analysis, disclose, requests, withdraw, consult, covenant, comms");
    expect((await entriesWith(store, "help.shown")).map((e) => details(e).commands)).toEqual([...expected.map((e) => e[1]), expected[0][1]]);
  });

  it("works without a screening and warns an unscreened member what is missing (Art 4.6)", async () => {
    const { ask } = await world();
    const reply = await ask(NINA, "help");
    expect(commandsIn(reply)).toEqual(["help"]);
    const notice = view(reply).blocks.find((b) => b.kind === "notice");
    expect(notice).toMatchObject({ tone: "warning", code: "access.not_screened" });
    expect(textOf(reply)).toContain("Art 4.6");
  });

  it("warns a member whose screening expired", async () => {
    const { ask, clock } = await world();
    clock.set("2026-01-10T00:00:00.000Z");
    const reply = await ask(OTTO, "help");
    expect(commandsIn(reply)).toEqual(["help"]);
    expect(view(reply).blocks.find((b) => b.kind === "notice")).toMatchObject({ tone: "warning", code: "access.screening_expired" });
  });
});

describe("CommandService: directory reloads", () => {
  const DAAN_AS_ANALYST = changed(roster.DAAN, { roles: ["analyst"], designation: "AIVD-MIVD cooperation (Art 4.4)" });

  it("applies a reload that changes a member's roles from the next command on", async () => {
    const { store, ask, load } = await world();
    expect(DAAN_AS_ANALYST).not.toBe(DIRECTORY);
    expect(refusalCode(await ask(DAAN, "lookup 198.51.100.7"))).toBe("access.role_missing");
    expect(await load(DAAN_AS_ANALYST)).toEqual({ ok: true, version: 2, members: 8, unchanged: false });
    expect(view(await ask(DAAN, "lookup 198.51.100.7")).summary).toBe("No party has supplied 198.51.100.7 to the cell.");
    const loaded = await entriesWith(store, "directory.loaded");
    expect(loaded.map((e) => e.subject)).toEqual(["directory:1", "directory:2"]);
    expect(details(loaded[1])).toMatchObject({ previousVersion: 1 });
  });

  it("keeps the previous directory in force when a reload is refused", async () => {
    const { store, ask, load } = await world();
    await load(DAAN_AS_ANALYST);
    // The file as an administrator might mistype it: Hugo, members[7], with a role there is no such thing as.
    const broken = DAAN_AS_ANALYST.replace("roles: [steering]", "roles: [steering, wizard]");
    expect(broken).not.toBe(DAAN_AS_ANALYST);
    const outcome = await load(broken);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems.join("\n")).toMatch(/^directory\.yml:\d+: members\[7\]\.roles\[1\]: must be one of analyst/);
    expect(await store.directory.currentVersion()).toBe(2);
    expect((await entriesWith(store, "directory.refused")).length).toBe(1);
    // Daan keeps the analyst role of version 2, Hugo keeps only steering.
    expect(refusalCode(await ask(DAAN, "lookup 198.51.100.7"))).toBeUndefined();
    expect(listLines(await ask(HUGO, "help")).map((l) => l.split(" ")[1])).toEqual(["help", "covenant", "notice", "comms", "report", "meeting"]);
  });

  it("records an identical reload as unchanged, without a new version", async () => {
    const { store, load } = await world();
    expect(await load(DIRECTORY)).toEqual({ ok: true, version: 1, members: 8, unchanged: true });
    expect(await store.directory.currentVersion()).toBe(1);
    expect(await entriesWith(store, "directory.unchanged")).toHaveLength(1);
  });
});

describe("CommandService: the audit chain", () => {
  it("verifies after a session of every kind of command, and names an entry altered afterwards", async () => {
    const { store, ask, clock } = await world();
    await ask(ANNA, "submit 198.51.100.7 evil.example tlp:amber+strict");
    await ask(GRETA, "submit 198.51.100.7");
    await ask(DAAN, "submit evil.example");
    await ask(ANNA, "correct I-1 tlp:red");
    await ask(ANNA, "correct I-1 tlp:red");
    await ask(KARIN, "lookup 198.51.100.7");
    await ask(ANNA, "lookup ???");
    await ask(STRANGER, "help");
    await ask(JORIS, "submit 203.0.113.9");
    await ask(NINA, "help");
    await ask(ANNA, "submit 203.0.113.9", { key: "slack:command:T-chain" });
    await ask(ANNA, "submit 203.0.113.9", { key: "slack:command:T-chain", retry: 1 });
    clock.set("2026-06-01T00:00:00.000Z");
    await ask(OTTO, "submit 203.0.113.10");

    const entries = await auditEntries(store);
    const head = await store.audit.head();
    expect(head.seq).toBe(entries.length);
    const verdict = await verifyChain(entries, head);
    expect(verdict).toEqual({ ok: true, entries: entries.length, headHash: entries.at(-1)!.hash });

    // Someone rewrites what Anna's first submission stored, behind the bot's back: its values
    // are stored sealed (storage/sealing), so a byte of the sealed text is changed.
    const victim = entries.find((e) => e.action === "indicators.submitted")!;
    expect(victim.readable).toContain("198.51.100.7");
    const flipped = (text: string) => text.replace(/(ciic:sealed:1:[\d.-]+:)(.)/, (_m, prefix: string, c: string) => prefix + (c === "A" ? "B" : "A"));
    const tampered = entries.map((e) => (e === victim ? { ...e, details: flipped(e.details) } : e));
    expect(tampered.find((e) => e.seq === victim.seq)!.details).not.toBe(victim.details);
    expect(await verifyChain(tampered, head)).toMatchObject({ ok: false, seq: victim.seq, problem: "altered" });
  });
});

describe("the store: the semantics that the tests above rely on", () => {
  const item = (value: string, extra: Partial<NewItem> = {}): NewItem => ({
    type: "ipv4",
    value,
    party: "AIVD",
    memberId: "slack:U1",
    memberName: "Member",
    submittedAt: new Date(START),
    legalBasis: "Wiv 2017",
    reliability: "F6",
    tlp: "AMBER",
    sourceRef: null,
    note: null,
    via: "test",
    supersedesId: null,
    ...extra,
  });

  it("refuses a second current record of one indicator from one party with a ConflictError, and rolls back", async () => {
    const store = await newStore();
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.append([{ action: "test.vanishes", actor: null, details: {} }], new Date(START));
        await tx.items.insert([item("192.0.2.1")]);
        await tx.items.insert([item("192.0.2.1")]);
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await store.items.byValue("ipv4", "192.0.2.1")).toEqual([]);
    expect(await auditEntries(store)).toEqual([]);
    expect((await store.audit.head()).seq).toBe(0);
  });

  it("allows one correction per version, and conflicts on a duplicate receipt key", async () => {
    const store = await newStore();
    const [first] = await store.transaction((tx) => tx.items.insert([item("192.0.2.1")]));
    const [second] = await store.transaction((tx) => tx.items.insert([item("192.0.2.1", { tlp: "RED", supersedesId: first.id })]));
    expect(await store.items.byId(first.id)).toMatchObject({ correctedById: second.id });
    expect(await store.items.suppliersOf([{ type: "ipv4", value: "192.0.2.1" }])).toEqual([{ type: "ipv4", value: "192.0.2.1", party: "AIVD" }]);
    await expect(
      store.transaction((tx) => tx.items.insert([item("192.0.2.2", { supersedesId: first.id })])),
    ).rejects.toBeInstanceOf(ConflictError);
    await store.transaction((tx) => tx.receipts.save("k", "{}", new Date(START)));
    await expect(store.transaction((tx) => tx.receipts.save("k", "{}", new Date(START)))).rejects.toBeInstanceOf(ConflictError);
    expect(await store.receipts.find("k")).toBe("{}");
  });
});
