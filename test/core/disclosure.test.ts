import { rowView } from "../../src/core/outbox/payload.js";
import { afterEach, describe, expect, it } from "vitest";
import { testClock, type TestClock } from "../support/test-clock.js";
import { details, entriesWith, refusalCode, textOf, textOfView, view } from "../support/reply-text.js";
import { verifyChain } from "../../src/core/audit/chain.js";
import { createCommandService } from "../../src/core/command-service.js";
import { parseCommandText, type Command } from "../../src/core/commands/command.js";
import { PARTY_CODES, type PartyCode } from "../../src/core/covenant/parties.js";
import { ASK_STATES, ASK_TRANSITIONS, type AskEvent } from "../../src/core/disclosure/consent-state.js";
import type { Decision } from "../../src/core/disclosure/decide-consent.js";
import { runDeadlines } from "../../src/core/deadlines/run-deadlines.js";
import type { NewRequest } from "../../src/core/disclosure/types.js";
import { workingCalendar } from "../../src/core/time/holidays.js";
import { addWorkingDays } from "../../src/core/time/working-time.js";
import { backoffMs, createOutboxDispatcher, MAX_ATTEMPTS } from "../../src/core/outbox/dispatch-outbox.js";
import { outboxKey, type ChatPort, type Destination, type OutboundMessage, type SendResult } from "../../src/core/outbox/outbound.js";
import type { Clock } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import type { MessageView, Reply } from "../../src/core/views/message.js";
import { auditEntries, testStores, type OutboxRow, type TestStore } from "../support/test-store.js";
import * as roster from "../support/roster.js";
import { asChecked } from "../../src/core/guard/checked-text.js";

/** Real stores (SQLite), each closed after its test. */
const newStore = testStores();

/**
 * The consent gate of covenant Art 7.2 through the command service, the deadline scheduler and
 * the outbox dispatcher, on a real store (SQLite), with a clock the tests move and a fake chat
 * platform that records what is sent and fails when told to.
 *
 * Cast: AIVD and MIVD supply the data; Pim (Politie) asks to disclose it, so that neither
 * supplying party's code appears in a consent message for a reason of its own.
 */
const SETTINGS: Omit<roster.DirectoryParts, "members"> = {
  recipients: [
    { id: "ncsc-ops", name: "NCSC operations", kind: "party", party: "NCSC", slack: "C0NCSCOPS" },
    { id: "water-utility", name: "Waterbedrijf Oost", kind: "external", party: "NCSC", slack: "C0WATER01" },
  ],
  consent: { deadlineWorkingDays: 5, remindHoursBefore: 24, escalateAfterHours: 8 },
  language: "en",
};
const MEMBERS = [
  roster.ANNA,
  roster.BRAM,
  roster.EVA,
  roster.DIRK,
  roster.MAARTEN,
  roster.DAAN,
  roster.MILA,
  roster.GRETA,
  roster.NOOR,
  roster.PIM,
  roster.LOTTE,
  roster.RUBEN,
];
const directory = (members: readonly roster.Person[]) => roster.directoryYaml({ ...SETTINGS, members });
const DIRECTORY = directory(MEMBERS);

const ANNA = roster.ANNA.slack; // AIVD analyst
const BRAM = roster.BRAM.slack; // AIVD liaison
const EVA = roster.EVA.slack; // AIVD analyst and liaison
const DIRK = roster.DIRK.slack; // AIVD deputy
const MAARTEN = roster.MAARTEN.slack; // MIVD analyst
const DAAN = roster.DAAN.slack; // MIVD liaison
const MILA = roster.MILA.slack; // MIVD deputy
const GRETA = roster.GRETA.slack; // NCSC analyst
const NOOR = roster.NOOR.slack; // NCSC liaison
const PIM = roster.PIM.slack; // Politie analyst: the requester
const LOTTE = roster.LOTTE.slack; // Politie liaison
const RUBEN = roster.RUBEN.slack; // Politie deputy
const member = (slackId: string) => `slack:${slackId}`;

/** Monday. Five working days later is Monday 2025-11-10, 10:00 UTC (11:00 CET in Amsterdam). */
const START = "2025-11-03T10:00:00.000Z";
const DEADLINE = "2025-11-10T10:00:00.000Z";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// ---- the world: store, clock, command service, scheduler, outbox and a fake chat platform ----


type Failure = Extract<SendResult, { ok: false }>;
interface Call {
  kind: "post" | "update";
  to?: Destination;
  ref?: string;
  view: MessageView;
  at: Date;
}

/** A chat platform that records every call and fails the calls it was told to fail. */
function fakeChat(clock: Clock, prefix = "slack") {
  const posts: (Call & { to: Destination; ref: string })[] = [];
  const updates: (Call & { ref: string })[] = [];
  const failed: (Call & { result: Failure })[] = [];
  const script: { result: Failure | (() => never); times: number; when: (call: Call) => boolean }[] = [];
  let serial = 0;

  function scripted(call: Call): SendResult | undefined {
    const rule = script.find((r) => r.times > 0 && r.when(call));
    if (!rule) return undefined;
    rule.times--;
    if (typeof rule.result === "function") rule.result();
    failed.push({ ...call, result: rule.result as Failure });
    return rule.result as Failure;
  }

  const port: ChatPort = {
    async post(to, view) {
      const call: Call = { kind: "post", to, view, at: clock.now() };
      const failure = scripted(call);
      if (failure) return failure;
      const ref = `${prefix}:${to.id}:${++serial}`;
      posts.push({ ...call, to, ref });
      return { ok: true, ref };
    },
    async update(ref, view) {
      const call: Call = { kind: "update", ref, view, at: clock.now() };
      const failure = scripted(call);
      if (failure) return failure;
      updates.push({ ...call, ref });
      return { ok: true, ref };
    },
    async upload(to, file, view) {
      const call: Call = { kind: "post", to, view, at: clock.now() };
      const failure = scripted(call);
      if (failure) return failure;
      const ref = `${prefix}:${to.id}:${++serial}`;
      posts.push({ ...call, to, ref, file } as never);
      return { ok: true, ref };
    },
  };
  return {
    port,
    posts,
    updates,
    failed,
    /** Fails the next `times` calls that `when` picks (every call by default). */
    fail(result: Failure | (() => never), times = 1, when: (call: Call) => boolean = () => true) {
      script.push({ result, times, when });
    },
  };
}

interface World {
  store: TestStore;
  clock: TestClock;
  chat: ReturnType<typeof fakeChat>;
  dispatcher: ReturnType<typeof createOutboxDispatcher>;
  /** A typed command, as `/ciic <text>`. */
  as(userId: string, text: string, options?: { key?: string }): Promise<Reply>;
  /** A click on a consent question's button. */
  decide(userId: string, askId: number, choice: Decision, options?: { key?: string }): Promise<Reply>;
  deadlines(): Promise<Awaited<ReturnType<typeof runDeadlines>>["disclosures"]>;
}

const worlds: World[] = [];
let requestSerial = 0;

async function world(options: { directory?: string; ports?: (chat: ReturnType<typeof fakeChat>, clock: Clock) => Parameters<typeof createOutboxDispatcher>[0]["ports"] } = {}): Promise<World> {
  const store = await newStore();
  const clock = testClock(START);
  const service = createCommandService({ store, clock });
  const chat = fakeChat(clock);
  const dispatcher = createOutboxDispatcher({ store, clock, ports: options.ports ? options.ports(chat, clock) : { slack: chat.port } });
  const run = (userId: string, command: Command, text: string, key?: string) =>
    service.handle({ platform: "slack", userId, requestKey: key ?? `slack:command:T${++requestSerial}`, command, text });
  const w: World = {
    store,
    clock,
    chat,
    dispatcher,
    as: (userId, text, { key } = {}) => run(userId, parseCommandText(text), text, key),
    decide: (userId, askId, choice, { key } = {}) =>
      run(userId, { name: "decide", askId, choice }, `[button] ${choice.decision} ask ${askId}`, key),
    // The disclosures' part of a scheduler run: what these tests count.
    deadlines: async () => (await runDeadlines({ store, clock })).disclosures,
  };
  const loaded = await loadDirectory({ store, clock }, { text: options.directory ?? DIRECTORY, source: "directory.yml", actor: "cli:admin" });
  expect(loaded).toMatchObject({ ok: true });
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

// ---- reading replies, messages and the audit log ----

const hasButtons = (v: MessageView) => v.blocks.some((b) => b.kind === "actions");

type Message = Omit<OutboxRow, "payload"> & { view: MessageView };
const outbox = (store: TestStore): Message[] => store.tables().outbox.map(({ payload, ...row }) => ({ ...row, view: rowView(row.kind, payload) }));
const postsTo = (store: TestStore, target: string) => outbox(store).filter((m) => m.kind === "post" && m.target === target);
const dmsTo = (store: TestStore, slackId: string) => postsTo(store, `user:${slackId}`);
// An update follows its topic's posts to whatever platform they went to.
const updatesOf = (store: TestStore, topic: string) => outbox(store).filter((m) => m.kind === "update" && m.topic === topic);

async function enqueue(w: World, messages: OutboundMessage[]) {
  await w.store.transaction((tx) => tx.outbox.enqueue(messages, w.clock.now()));
}
const note = (summary: string): MessageView => ({ summary, blocks: [{ kind: "paragraph", content: [summary] }] });
const dm = (slackId: string, summary: string, topic?: string): OutboundMessage => ({
  kind: "post",
  to: { platform: "slack", kind: "user", id: slackId },
  view: note(summary),
  ...(topic ? { topic } : {}),
});

/**
 * Runs the dispatcher as a scheduler would, moving the clock to each next due message, until
 * nothing is pending or the next attempt lies after `until`.
 */
async function drain(w: World, until: number) {
  for (let round = 0; round < 1000; round++) {
    await w.dispatcher.dispatchOnce(100);
    const pending = w.store.tables().outbox.filter((r) => r.state === "PENDING");
    if (pending.length === 0) return;
    // A round sends whatever it can claim; a message still due after it waits behind another of
    // its lane (or its topic's posts), so only a time still to come can change anything.
    const later = pending.map((r) => Math.max(r.nextAttemptAt.getTime(), (r.lockedUntil?.getTime() ?? -1) + 1)).filter((t) => t > w.clock.now().getTime());
    if (later.length === 0) return;
    const next = Math.min(...later);
    if (next > until) return;
    w.clock.set(next);
  }
  throw new Error("the outbox did not settle");
}

// ---- Art 7.2: what each party's liaison may see ----

interface Supplied {
  party: PartyCode;
  itemIds: number[];
  values: string[];
  /** Who supplied them: also not to be named to another party. */
  names: string[];
}

const AIVD_DATA: Supplied = { party: "AIVD", itemIds: [1, 2], values: ["198.51.100.7", "evil.example"], names: ["Anna de Vries"] };
const MIVD_DATA: Supplied = { party: "MIVD", itemIds: [3, 4], values: ["203.0.113.9", "c2.example.net"], names: ["Maarten Mol"] };
/** The analysis text names both parties' data; no consent message may show it. */
const ANALYSIS_BODY = "AIVD's 198.51.100.7 and MIVD's 203.0.113.9 resolve to one staging host.";

/** The whole of a message — every text, field, list line and button — shows nothing of `others`. */
function expectNothingOf(v: MessageView, others: Supplied[], label: string) {
  const whole = JSON.stringify(v);
  for (const other of others) {
    expect(whole, `${label}: party code ${other.party}`).not.toMatch(new RegExp(`\\b${other.party}\\b`));
    for (const value of other.values) expect(whole, `${label}: value ${value}`).not.toContain(value);
    for (const id of other.itemIds) expect(whole, `${label}: item I-${id}`).not.toMatch(new RegExp(`\\bI-${id}\\b`));
    for (const name of other.names) expect(whole, `${label}: supplier ${name}`).not.toContain(name);
  }
  expect(whole, `${label}: analysis text`).not.toContain("resolve to one");
}

/** No party code other than `own` anywhere in the message (the recipient's name aside, when it holds one). */
function expectOnlyPartyCode(v: MessageView, own: PartyCode, label: string, recipientName?: string) {
  const whole = recipientName ? JSON.stringify(v).replaceAll(recipientName, "") : JSON.stringify(v);
  for (const code of PARTY_CODES.filter((c) => c !== own)) expect(whole, `${label}: ${code}`).not.toMatch(new RegExp(`\\b${code}\\b`));
}

/**
 * AIVD supplies I-1 and I-2, MIVD I-3 and I-4; Pim writes analysis A-1 on I-1 and I-3 and asks
 * to disclose I-2, I-4 and A-1 — so all four items — to `recipient`: request R-1, with ask 1
 * for AIVD and ask 2 for MIVD.
 */
async function twoPartyRequest(w: World, recipient = "ncsc-ops"): Promise<Reply> {
  await w.as(ANNA, "submit 198.51.100.7 evil.example");
  await w.as(MAARTEN, "submit 203.0.113.9 c2.example.net");
  const analysis = await w.as(PIM, `analysis title:"Shared staging host" I-1 I-3 text: ${ANALYSIS_BODY}`);
  expect(view(analysis).summary).toBe("A-1 recorded; it builds on data of AIVD, MIVD.");
  return w.as(PIM, `disclose I-2 I-4 A-1 to ${recipient} purpose warn the sector conditions:"not to be passed on" tlp:amber`);
}

const APPROVE: Decision = { decision: "approve" };
const deny = (reason: string): Decision => ({ decision: "deny", reason });

// ---------------------------------------------------------------------------------------------

describe("disclosure request: one consent question per originating party (Art 7.1, 7.2)", () => {
  it("asks each originating party once and records exactly what would be released", async () => {
    const w = await world();
    const reply = await twoPartyRequest(w);
    expect(view(reply).summary).toBe("R-1 made: consent asked of AIVD and MIVD.");
    expect(textOf(reply)).toContain("Deadline 2025-11-10 11:00 CET");

    const request = await w.store.disclosures.byId(1);
    expect(request).toMatchObject({
      requesterId: member(PIM),
      requesterName: "Pim Peters",
      recipientId: "ncsc-ops",
      recipientKind: "party",
      viaParty: null,
      deliverTo: { platform: "slack", channel: "C0NCSCOPS" },
      purpose: "warn the sector",
      legalBasis: "Wiv 2017, covenant Art 7",
      conditions: "not to be passed on",
      tlp: "AMBER",
      analysisId: 1,
      state: "PENDING",
      closedAt: null,
      deadline: addWorkingDays(new Date(START), 5, workingCalendar()),
      items: [
        { itemId: 1, party: "AIVD" },
        { itemId: 2, party: "AIVD" },
        { itemId: 3, party: "MIVD" },
        { itemId: 4, party: "MIVD" },
      ],
    });
    expect(request!.deadline).toEqual(new Date(DEADLINE));
    const asks = await w.store.disclosures.asksOf(1);
    expect(asks.map((a) => [a.id, a.party, a.state])).toEqual([
      [1, "AIVD", "PENDING"],
      [2, "MIVD", "PENDING"],
    ]);

    const asked = await entriesWith(w.store, "consent.asked");
    expect(asked.map((e) => [e.subject, details(e)])).toEqual([
      ["ask:1", { request: 1, party: "AIVD", asked: [member(BRAM), member(EVA)] }],
      ["ask:2", { request: 1, party: "MIVD", asked: [member(DAAN)] }],
    ]);
    expect(await entriesWith(w.store, "disclosure.requested")).toHaveLength(1);
    expect(await entriesWith(w.store, "disclosure.released")).toEqual([]);
  });

  it("sends the consent question to each party's liaisons only: no deputy, analyst, requester or other party (Art 7.2)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    const posts = outbox(w.store).filter((m) => m.kind === "post");
    expect(posts.map((m) => [m.target, m.topic]).sort()).toEqual([
      [`user:${BRAM}`, "ask:1"],
      [`user:${EVA}`, "ask:1"],
      [`user:${DAAN}`, "ask:2"],
    ]);
    for (const nobody of [ANNA, DIRK, MAARTEN, MILA, GRETA, NOOR, PIM, LOTTE, RUBEN]) expect(dmsTo(w.store, nobody)).toEqual([]);
  });

  it("does not send a consent question, with its party's data, to a liaison without a valid screening (Art 4.6)", async () => {
    // Two more AIVD liaisons, listed before the others.
    const w = await world({ directory: directory([roster.SARA, roster.TOM, ...MEMBERS]) });
    // Neither may give any cell command: Sara's screening expired in 2024, Tom has none.
    expect(refusalCode(await w.as(roster.SARA.slack, "requests"))).toBe("access.screening_expired");
    expect(refusalCode(await w.as(roster.TOM.slack, "requests"))).toBe("access.not_screened");
    await twoPartyRequest(w);
    expect(dmsTo(w.store, BRAM)).toHaveLength(1);
    expect(dmsTo(w.store, roster.SARA.slack).map((m) => m.view.summary), "consent question to Sara (screening expired)").toEqual([]);
    expect(dmsTo(w.store, roster.TOM.slack).map((m) => m.view.summary), "consent question to Tom (not screened)").toEqual([]);
  });

  it("shows each liaison only their own party's items, never another party's code, values, item ids or the analysis text (Art 7.2)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    const toAivd = [...dmsTo(w.store, BRAM), ...dmsTo(w.store, EVA)];
    const toMivd = dmsTo(w.store, DAAN);
    expect(toAivd).toHaveLength(2);
    expect(toMivd).toHaveLength(1);
    for (const m of toAivd) {
      expectNothingOf(m.view, [MIVD_DATA], `to AIVD ${m.target}`);
      const text = textOfView(m.view);
      for (const value of AIVD_DATA.values) expect(text).toContain(value);
      for (const id of AIVD_DATA.itemIds) expect(text).toMatch(new RegExp(`\\bI-${id}\\b`));
      expect(text).toContain("AIVD's data in this request (2)");
      expect(text).toContain("“Shared staging host”"); // the analysis by its title only
      expect(text).toContain("TLP:AMBER");
      expect(text).toContain("not to be passed on");
      expect(m.view.blocks.find((b) => b.kind === "actions")).toEqual({
        kind: "actions",
        actions: [
          { action: "consent.approve", label: "Approve", value: "1", style: "primary" },
          { action: "consent.deny", label: "Deny", value: "1", style: "danger" },
        ],
      });
    }
    for (const m of toMivd) {
      expectNothingOf(m.view, [AIVD_DATA], `to MIVD ${m.target}`);
      const text = textOfView(m.view);
      for (const value of MIVD_DATA.values) expect(text).toContain(value);
      expect(text).toContain("MIVD's data in this request (2)");
      expect(m.view.summary).toBe("Consent asked for R-1: disclose 2 items of MIVD to NCSC operations");
    }

    // What goes out on the platform is what the outbox holds.
    expect(await w.dispatcher.dispatchOnce()).toBe(3);
    expect(w.chat.posts.map((p) => p.to.id).sort()).toEqual([BRAM, DAAN, EVA].sort());
    for (const p of w.chat.posts) expectNothingOf(p.view, p.to.id === DAAN ? [AIVD_DATA] : [MIVD_DATA], `sent to ${p.to.id}`);
  });

  it("lists to a liaison only their own party's open questions (Art 7.2)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    const bram = view(await w.as(BRAM, "requests"));
    expect(bram.summary).toBe("1 consent question waits for your party");
    expectNothingOf(bram, [MIVD_DATA], "Bram's overview");
    expect(textOfView(bram)).toContain("198.51.100.7");
    const daan = view(await w.as(DAAN, "requests"));
    expectNothingOf(daan, [AIVD_DATA], "Daan's overview");
    expect(textOf(await w.as(NOOR, "requests"))).toContain("Waiting for your party's decision (0)");
    // The requester, cell staff, sees where every party stands.
    expect(textOf(await w.as(PIM, "requests"))).toContain("R-1 pending · to NCSC operations (a party, for its own task) · AIVD pending, MIVD pending");
  });

  it("refuses a request without a known recipient or a purpose, and stores nothing (Art 7.1)", async () => {
    const w = await world();
    await w.as(ANNA, "submit 198.51.100.7");
    const unknown = await w.as(PIM, "disclose I-1 to the-press purpose tell everyone");
    expect(refusalCode(unknown)).toBe("disclosure.invalid");
    expect(view(unknown).summary).toContain("`the-press` is not a recipient in the directory; known: ncsc-ops, water-utility");
    const noPurpose = await w.as(PIM, "disclose I-1 to ncsc-ops");
    expect(view(noPurpose).summary).toContain("the purpose must say in at least 5 characters what the data are for (Art 7.1");
    expect(await w.store.disclosures.byId(1)).toBeUndefined();
    expect(outbox(w.store)).toEqual([]);
    expect(await entriesWith(w.store, "disclosure.refused")).toHaveLength(2);
  });
});

describe("consent decisions: released only with every party's express consent (Art 7.1, 7.2)", () => {
  async function bothApprove(w: World) {
    await twoPartyRequest(w);
    w.clock.advance(5 * MINUTE);
    const first = await w.decide(BRAM, 1, APPROVE);
    w.clock.advance(5 * MINUTE);
    const second = await w.decide(DAAN, 2, APPROVE);
    return { first, second };
  }

  it("does not release on one party's approval and tells the requester who is still awaited", async () => {
    const w = await world();
    await twoPartyRequest(w);
    w.clock.advance(5 * MINUTE);
    const reply = await w.decide(BRAM, 1, APPROVE);
    expect(view(reply).summary).toBe("You approved AIVD's consent to R-1.");
    expect(textOf(reply)).not.toContain("released");
    expect((await w.store.disclosures.byId(1))!.state).toBe("PENDING");
    expect(await w.store.disclosures.provisionOf(1)).toBeUndefined();
    expect(postsTo(w.store, "channel:C0NCSCOPS")).toEqual([]);
    expect(dmsTo(w.store, PIM).map((m) => m.view.summary)).toEqual(["R-1: Waiting for MIVD."]);
  });

  it("releases exactly once when both parties approve: state, provision record, delivery with TLP and conditions, audit", async () => {
    const w = await world();
    const { second } = await bothApprove(w);
    const firstAt = new Date(Date.parse(START) + 5 * MINUTE);
    const releasedAt = new Date(Date.parse(START) + 10 * MINUTE);
    // The approver is not told that theirs was the last consent: that would tell of other parties (Art 7.2).
    expect(textOf(second)).toContain("You approved MIVD's consent to R-1 for NCSC operations.");
    expect(textOf(second)).not.toContain("released");
    expect(await w.store.disclosures.byId(1)).toMatchObject({ state: "RELEASED", closedAt: releasedAt });

    // The provision record (Wiv 2017 "aantekening", Art 7.1): recipient, items, basis, conditions, consents.
    const record = JSON.parse((await w.store.disclosures.provisionOf(1))!);
    expect(record).toEqual({
      request: 1,
      recipient: { id: "ncsc-ops", name: "NCSC operations", kind: "party", via: null, deliverTo: { platform: "slack", channel: "C0NCSCOPS" } },
      items: [
        { id: 1, type: "ipv4", value: "198.51.100.7", party: "AIVD" },
        { id: 2, type: "domain", value: "evil.example", party: "AIVD" },
        { id: 3, type: "ipv4", value: "203.0.113.9", party: "MIVD" },
        { id: 4, type: "domain", value: "c2.example.net", party: "MIVD" },
      ],
      analysis: 1,
      purpose: "warn the sector",
      legalBasis: "Wiv 2017, covenant Art 7",
      conditions: "not to be passed on",
      tlp: "AMBER",
      requestedBy: member(PIM),
      consents: [
        { party: "AIVD", by: member(BRAM), at: firstAt.toISOString() },
        { party: "MIVD", by: member(DAAN), at: releasedAt.toISOString() },
      ],
      releasedAt: releasedAt.toISOString(),
    });
    expect(w.store.tables().provisions).toEqual([{ id: 1, requestId: 1, releasedAt, record: JSON.stringify(record) }]);

    // One delivery, to the recipient's channel, marked with TLP and conditions.
    const deliveries = postsTo(w.store, "channel:C0NCSCOPS");
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].topic).toBe("delivery:1");
    expect(deliveries[0].releaseOf).toBe(1); // its send is audited as R-1's delivery
    const delivered = textOfView(deliveries[0].view);
    expect(deliveries[0].view.summary).toBe("TLP:AMBER disclosure R-1 from the CIIC");
    expect(delivered).toContain("TLP:AMBER. Conditions: not to be passed on. Purpose: warn the sector.");
    for (const value of [...AIVD_DATA.values, ...MIVD_DATA.values]) expect(delivered).toContain(value);
    expect(delivered).toContain(ANALYSIS_BODY);
    expect(outbox(w.store).filter((m) => m.target.startsWith("channel:"))).toHaveLength(1);

    // The audit log: asked twice, approved twice, released once.
    const actions = (await auditEntries(w.store)).map((e) => e.action).filter((a) => a.startsWith("consent.") || a.startsWith("disclosure."));
    expect(actions).toEqual(["disclosure.requested", "consent.asked", "consent.asked", "consent.approved", "consent.approved", "disclosure.released"]);
    const approved = await entriesWith(w.store, "consent.approved");
    expect(approved.map((e) => [e.actor, e.subject, e.at])).toEqual([
      [member(BRAM), "ask:1", firstAt],
      [member(DAAN), "ask:2", releasedAt],
    ]);
    const [released] = await entriesWith(w.store, "disclosure.released");
    expect(released).toMatchObject({ actor: member(DAAN), subject: "request:1", at: releasedAt });
    expect(details(released)).toEqual(record);
    expect(dmsTo(w.store, PIM).at(-1)!.view.summary).toBe("R-1: Released to NCSC operations: every party consented. The provision is recorded.");
  });

  it("retires the buttons of every consent message once its ask is decided (update of topic ask:<id>)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.dispatcher.dispatchOnce(); // the three consent questions go out
    w.clock.advance(5 * MINUTE);
    await w.decide(BRAM, 1, APPROVE);
    w.clock.advance(5 * MINUTE);
    await w.decide(DAAN, 2, APPROVE);

    for (const [topic, party] of [["ask:1", "AIVD"], ["ask:2", "MIVD"]] as const) {
      const [update] = updatesOf(w.store, topic);
      expect(hasButtons(update.view)).toBe(false);
      expect(update.view.summary).toMatch(new RegExp(`^R-1 for NCSC operations: ${party}'s consent approved by .+ at 2025-11-03 11:(05|10) CET\\.$`));
      expectOnlyPartyCode(update.view, party, topic, "NCSC operations");
    }

    await w.dispatcher.dispatchOnce();
    const questions = w.chat.posts.filter((p) => hasButtons(p.view));
    expect(questions).toHaveLength(3);
    for (const question of questions) {
      const replaced = w.chat.updates.filter((u) => u.ref === question.ref);
      expect(replaced, `update of ${question.ref}`).toHaveLength(1);
      expect(hasButtons(replaced[0].view)).toBe(false);
    }
    // The delivery went out once, and its delivery is audited (Art 7.1).
    expect(w.chat.posts.filter((p) => p.to.kind === "channel").map((p) => p.to.id)).toEqual(["C0NCSCOPS"]);
    const [delivered] = await entriesWith(w.store, "disclosure.delivered");
    expect(delivered).toMatchObject({ subject: "request:1" });
    expect(details(delivered)).toEqual({ ref: w.chat.posts.find((p) => p.to.id === "C0NCSCOPS")!.ref });
  });

  it("blocks the request on one denial, tells the requester who denied and why, and closes the other party's question without naming anyone (Art 7.2)", async () => {
    const w = await world();
    await twoPartyRequest(w, "water-utility");
    w.clock.advance(5 * MINUTE);
    const reply = await w.decide(BRAM, 1, deny("  source protection: the operation is still running  "));
    expect(view(reply).summary).toBe("You denied AIVD's consent to R-1.");

    expect(await w.store.disclosures.byId(1)).toMatchObject({ state: "DENIED", closedAt: w.clock.now() });
    const asks = await w.store.disclosures.asksOf(1);
    expect(asks.map((a) => [a.party, a.state, a.decidedById, a.reason])).toEqual([
      ["AIVD", "DENIED", member(BRAM), "source protection: the operation is still running"],
      ["MIVD", "CLOSED", null, null],
    ]);
    expect(await w.store.disclosures.provisionOf(1)).toBeUndefined();
    expect(postsTo(w.store, "channel:C0WATER01")).toEqual([]);

    // The requester learns which party denied, and why; MIVD, which did nothing, is "closed",
    // never "withdrawn" (a word that would say MIVD took something back).
    const told = dmsTo(w.store, PIM);
    expect(told.map((m) => m.view.summary)).toEqual([
      "R-1: Not disclosed: AIVD (“source protection: the operation is still running”) did not consent. You may make a narrower request without AIVD's data.",
    ]);
    expect(textOfView(told[0].view)).toContain("MIVD: closed at ");
    expect(textOfView(told[0].view)).not.toMatch(/withdr|revoked/i);

    // MIVD's open question is closed; its new text says nothing of AIVD or of why.
    const [closed] = updatesOf(w.store, "ask:2");
    expect(hasButtons(closed.view)).toBe(false);
    expect(closed.view.summary).toMatch(/^R-1 for Waterbedrijf Oost: MIVD's consent no longer needed: the request was closed at .+ CET\.$/);
    expect(textOfView(closed.view)).toContain("This request is closed; no decision of yours is needed any more.");
    expect(textOfView(closed.view)).not.toMatch(/withdr|revoked/i);
    expectOnlyPartyCode(closed.view, "MIVD", "MIVD's closed question");
    expectNothingOf(closed.view, [AIVD_DATA], "MIVD's closed question");
    expect(JSON.stringify(closed.view)).not.toMatch(/den(y|ied)|source protection/i);
    const [denied] = updatesOf(w.store, "ask:1");
    expectOnlyPartyCode(denied.view, "AIVD", "AIVD's decided question");

    expect((await entriesWith(w.store, "consent.denied")).map((e) => details(e))).toEqual([
      { request: 1, party: "AIVD", reason: "source protection: the operation is still running" },
    ]);
    expect((await entriesWith(w.store, "disclosure.blocked")).map((e) => details(e))).toEqual([{ by: ["AIVD"] }]);
    expect(await entriesWith(w.store, "disclosure.released")).toEqual([]);

    // MIVD's liaison clicks the stale button anyway: nothing happens, nothing is revealed.
    const late = await w.decide(DAAN, 2, APPROVE);
    expect(refusalCode(late)).toBe("consent.already_decided");
    expect(view(late).summary).toMatch(/^Already decided: R-1 was closed at .+ CET; no decision of MIVD is needed any more\.$/);
    expectOnlyPartyCode(view(late), "MIVD", "Daan's late click");
    expect(await w.store.disclosures.provisionOf(1)).toBeUndefined();
  });

  it("refuses a denial without a reason (Art 7.2: the requester must learn why)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    for (const reason of ["", "   "]) {
      const reply = await w.decide(BRAM, 1, deny(reason));
      expect(refusalCode(reply)).toBe("consent.reason_missing");
    }
    expect(await w.store.disclosures.ask(1)).toMatchObject({ state: "PENDING", decidedAt: null });
    expect((await entriesWith(w.store, "consent.refused")).map((e) => details(e).code)).toEqual(["consent.reason_missing", "consent.reason_missing"]);
    expect(await entriesWith(w.store, "consent.denied")).toEqual([]);
  });

  it("does not let the requester decide on their own request, even as a liaison; another liaison is asked (Art 7.2)", async () => {
    const w = await world();
    await w.as(ANNA, "submit 198.51.100.7");
    expect(view(await w.as(EVA, "disclose I-1 to ncsc-ops purpose warn the sector")).summary).toBe("R-1 made: consent asked of AIVD.");
    expect(dmsTo(w.store, EVA)).toEqual([]);
    expect(dmsTo(w.store, BRAM)).toHaveLength(1);

    const own = await w.decide(EVA, 1, APPROVE);
    expect(refusalCode(own)).toBe("consent.own_request");
    expect(await w.store.disclosures.ask(1)).toMatchObject({ state: "PENDING" });
    expect((await entriesWith(w.store, "consent.refused")).map((e) => details(e))).toEqual([{ code: "consent.own_request", reason: expect.stringContaining("You made this request yourself") }]);

    expect(textOf(await w.decide(BRAM, 1, APPROVE))).toContain("You approved AIVD's consent to R-1");
    expect(details((await entriesWith(w.store, "disclosure.released"))[0])).toMatchObject({ consents: [{ party: "AIVD", by: member(BRAM) }] });
  });

  it("asks the deputies when the requester is their party's only liaison (Art 7.2)", async () => {
    const withoutBram = directory(MEMBERS.filter((m) => m !== roster.BRAM));
    expect(withoutBram).not.toContain("Bram");
    const w = await world({ directory: withoutBram });
    await w.as(ANNA, "submit 198.51.100.7");
    await w.as(EVA, "disclose I-1 to ncsc-ops purpose warn the sector");
    expect(outbox(w.store).filter((m) => m.kind === "post").map((m) => m.target)).toEqual([`user:${DIRK}`]);
    expect(textOf(await w.decide(DIRK, 1, APPROVE))).toContain("You approved AIVD's consent to R-1");
  });

  it("answers a liaison of another party exactly as for an ask that does not exist (Art 7.2)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    const missing = await w.decide(DAAN, 999, APPROVE);
    expect(refusalCode(missing)).toBe("consent.not_yours");
    for (const [user, askId] of [[DAAN, 1], [NOOR, 1], [LOTTE, 2], [RUBEN, 2], [MILA, 1]] as const) {
      for (const choice of [APPROVE, deny("no")]) {
        const reply = await w.decide(user, askId, choice);
        expect(reply, `${user} on ask ${askId}`).toEqual(missing);
      }
    }
    expect(view(missing).summary).not.toMatch(/AIVD|MIVD/);
    expect((await w.store.disclosures.asksOf(1)).map((a) => a.state)).toEqual(["PENDING", "PENDING"]);
    const refused = await entriesWith(w.store, "consent.refused");
    expect(refused).toHaveLength(11);
    expect(new Set(refused.map((e) => details(e).code))).toEqual(new Set(["consent.not_yours"]));
  });

  it("refuses the decision to members without a liaison or deputy role (Art 7.2)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    for (const user of [ANNA, PIM, MAARTEN]) expect(refusalCode(await w.decide(user, 1, APPROVE))).toBe("access.role_missing");
    expect((await w.store.disclosures.asksOf(1)).map((a) => a.state)).toEqual(["PENDING", "PENDING"]);
  });

  it("lets a deputy decide for their party (Art 7.2)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    w.clock.advance(MINUTE);
    expect(view(await w.decide(DIRK, 1, APPROVE)).summary).toBe("You approved AIVD's consent to R-1.");
    expect(view(await w.decide(MILA, 2, APPROVE)).summary).toBe("You approved MIVD's consent to R-1.");
    expect(await w.store.disclosures.asksOf(1)).toMatchObject([
      { party: "AIVD", state: "APPROVED", decidedById: member(DIRK), decidedByName: "Dirk Visser" },
      { party: "MIVD", state: "APPROVED", decidedById: member(MILA), decidedByName: "Mila Meijer" },
    ]);
    expect((await w.store.disclosures.byId(1))!.state).toBe("RELEASED");
  });

  it("decides once on a double click, a second liaison's click and a click after release: one approval each, one release", async () => {
    const w = await world();
    await twoPartyRequest(w);
    w.clock.advance(5 * MINUTE);
    await w.decide(BRAM, 1, APPROVE);
    w.clock.advance(MINUTE);
    for (const user of [BRAM, EVA, DIRK]) {
      const again = await w.decide(user, 1, APPROVE);
      expect(refusalCode(again)).toBe("consent.already_decided");
      expect(view(again).summary).toBe("Already decided: AIVD's consent is approved by Bram Bakker at 2025-11-03 11:05 CET.");
    }
    expect(refusalCode(await w.decide(EVA, 1, deny("too late")))).toBe("consent.already_decided");
    await w.decide(DAAN, 2, APPROVE);
    expect(view(await w.decide(DAAN, 2, APPROVE)).summary).toBe("Already decided: MIVD's consent is approved by Daan Smit at 2025-11-03 11:06 CET.");

    expect(await entriesWith(w.store, "consent.approved")).toHaveLength(2);
    expect(await entriesWith(w.store, "consent.already_decided")).toHaveLength(5);
    expect(await entriesWith(w.store, "disclosure.released")).toHaveLength(1);
    expect(w.store.tables().provisions).toHaveLength(1);
    expect(postsTo(w.store, "channel:C0NCSCOPS")).toHaveLength(1);
    expect(await w.store.disclosures.ask(1)).toMatchObject({ state: "APPROVED", decidedById: member(BRAM) });
  });

  it("releases once when two clicks on the last ask arrive at the same moment", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(BRAM, 1, APPROVE);
    const replies = await Promise.all([w.decide(DAAN, 2, APPROVE), w.decide(MILA, 2, APPROVE), w.decide(DAAN, 2, APPROVE)]);
    expect(replies.map(refusalCode)).toEqual([undefined, "consent.already_decided", "consent.already_decided"]);
    expect(await entriesWith(w.store, "disclosure.released")).toHaveLength(1);
    expect(postsTo(w.store, "channel:C0NCSCOPS")).toHaveLength(1);
  });

  it("answers a retried delivery of a click with the first answer, without deciding twice", async () => {
    const w = await world();
    await twoPartyRequest(w);
    const first = await w.decide(BRAM, 1, APPROVE, { key: "slack:action:T-click" });
    const retried = await w.decide(BRAM, 1, APPROVE, { key: "slack:action:T-click" });
    expect(retried).toEqual(first);
    expect(await entriesWith(w.store, "consent.approved")).toHaveLength(1);
    expect(await entriesWith(w.store, "consent.already_decided")).toEqual([]);
  });
});

describe("withdraw and revoke (Art 7.2)", () => {
  it("lets the requester withdraw a waiting request: every question closes and nothing is disclosed", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(BRAM, 1, APPROVE);
    w.clock.advance(MINUTE);
    const reply = await w.as(PIM, "withdraw R-1");
    expect(view(reply).summary).toBe("R-1 is withdrawn.");
    expect(await w.store.disclosures.byId(1)).toMatchObject({ state: "WITHDRAWN", closedAt: w.clock.now() });
    // The request is WITHDRAWN (its requester did that); the open ask is CLOSED, and the approved
    // one stays APPROVED, as when another party's denial closes a request: a liaison who approved
    // cannot tell the two apart (Art 7.2).
    expect((await w.store.disclosures.asksOf(1)).map((a) => a.state)).toEqual(["APPROVED", "CLOSED"]);
    expect(updatesOf(w.store, "ask:1").map((u) => textOfView(u.view)).join("\n")).not.toContain("closed");
    for (const topic of ["ask:2"]) {
      const last = updatesOf(w.store, topic).at(-1)!;
      expect(hasButtons(last.view)).toBe(false);
      // The note a denial's close writes too: told apart, a liaison would learn that another
      // party's data was in the request, and that party said no (Art 7.2).
      expect(textOfView(last.view)).toContain("This request is closed; no decision of yours is needed any more.");
      expect(textOfView(last.view)).not.toContain("withdrew");
    }
    expectOnlyPartyCode(updatesOf(w.store, "ask:2").at(-1)!.view, "MIVD", "MIVD's withdrawn question", "NCSC operations");
    expect(await entriesWith(w.store, "disclosure.withdrawn")).toHaveLength(1);

    expect(refusalCode(await w.decide(DAAN, 2, APPROVE))).toBe("consent.already_decided");
    expect(await w.store.disclosures.provisionOf(1)).toBeUndefined();
    expect(await entriesWith(w.store, "disclosure.released")).toEqual([]);

    const again = await w.as(PIM, "withdraw R-1");
    expect(refusalCode(again)).toBe("disclosure.closed");
    expect(view(again).summary).toBe("Nothing was changed: R-1 is already withdrawn.");
  });

  it("takes a reason written after the id, keeps it in the audit log only, and says so; in the revocation too", async () => {
    const w = await world();
    await twoPartyRequest(w);
    const reply = await w.as(PIM, "withdraw R-1 reason: sent twice by mistake");
    expect(view(reply).summary).toBe("R-1 is withdrawn.");
    expect(textOf(reply)).toContain("R-1 is withdrawn; nothing was disclosed. Your reason is kept with it in the audit log; nobody else is shown it.");
    expect((await w.store.disclosures.byId(1))!.state).toBe("WITHDRAWN");
    expect((await entriesWith(w.store, "disclosure.withdrawn")).map(details)).toEqual([{ reason: "sent twice by mistake" }]);
    for (const topic of ["ask:1", "ask:2"]) expect(textOfView(updatesOf(w.store, topic).at(-1)!.view)).not.toContain("by mistake");

    const other = await world();
    await twoPartyRequest(other, "water-utility");
    await other.decide(BRAM, 1, APPROVE);
    const revoked = await other.as(EVA, "revoke R-1 bron trekt de melding in");
    expect(view(revoked).summary).toBe("AIVD's consent to R-1 is revoked.");
    expect((await entriesWith(other.store, "consent.revoked")).map(details)).toEqual([{ request: 1, party: "AIVD", reason: "bron trekt de melding in" }]);
    expect(textOfView(dmsTo(other.store, PIM).at(-1)!.view)).not.toContain("melding");
  });

  it("shows a request asked for with words after its id, and says those were left aside", async () => {
    const w = await world();
    await twoPartyRequest(w);
    const plain = await w.as(PIM, "requests R-1");
    const reply = await w.as(PIM, "requests R-1 please");
    expect(refusalCode(reply)).toBeUndefined();
    expect(view(reply).summary).toBe(view(plain).summary);
    expect(textOf(reply)).toContain("Only R-1 was read, as the request to show; what you wrote after it was left aside.");
    expect(textOf(plain)).not.toContain("left aside");
    // Another id after it is not shown, and not said back.
    expect(textOf(await w.as(PIM, "requests R-1 R-7"))).not.toContain("R-7");
  });

  it("refuses a withdrawal by anyone but the requester, as if the request did not exist", async () => {
    const w = await world();
    await twoPartyRequest(w);
    const notMine = await w.as(ANNA, "withdraw R-1");
    expect(refusalCode(notMine)).toBe("disclosure.not_found");
    expect(notMine).toEqual(await w.as(ANNA, "withdraw R-1")); // same words every time
    expect(view(await w.as(ANNA, "withdraw R-77")).summary).toBe("Nothing was changed: you have no request R-77.");
    expect(view(notMine).summary).toBe("Nothing was changed: you have no request R-1.");
    expect((await w.store.disclosures.byId(1))!.state).toBe("PENDING");
    expect(refusalCode(await w.as(BRAM, "withdraw R-1"))).toBe("access.role_missing");
  });

  it("lets a liaison revoke their party's consent before release, which blocks the request", async () => {
    const w = await world();
    await twoPartyRequest(w, "water-utility");
    await w.decide(BRAM, 1, APPROVE);
    w.clock.advance(HOUR);
    const reply = await w.as(EVA, "revoke R-1");
    expect(view(reply).summary).toBe("AIVD's consent to R-1 is revoked.");
    expect(await w.store.disclosures.byId(1)).toMatchObject({ state: "DENIED" });
    // AIVD revoked; MIVD did nothing, its question was closed. No reason is made up for AIVD.
    expect(await w.store.disclosures.asksOf(1)).toMatchObject([
      { party: "AIVD", state: "REVOKED", decidedById: member(EVA), reason: null },
      { party: "MIVD", state: "CLOSED", decidedById: null },
    ]);
    const told = dmsTo(w.store, PIM).at(-1)!.view;
    expect(told.summary).toBe("R-1: Not disclosed: AIVD (consent revoked) did not consent. You may make a narrower request without AIVD's data.");
    expect(textOfView(told)).toContain("AIVD: revoked by Eva Jansen at ");
    expect(textOfView(told)).toContain("MIVD: closed at ");
    expect(textOfView(told)).not.toMatch(/withdr/i);
    expect(updatesOf(w.store, "ask:1").at(-1)!.view.summary).toMatch(/^R-1 for Waterbedrijf Oost: AIVD's consent revoked by Eva Jansen at .+ CET\.$/);
    const closed = updatesOf(w.store, "ask:2").at(-1)!;
    expectOnlyPartyCode(closed.view, "MIVD", "MIVD's closed question");
    expect(hasButtons(closed.view)).toBe(false);
    expect(closed.view.summary).toMatch(/^R-1 for Waterbedrijf Oost: MIVD's consent no longer needed: the request was closed at .+ CET\.$/);
    expect(textOfView(closed.view)).not.toMatch(/withdr|revoked|AIVD/i);
    expect(await entriesWith(w.store, "consent.revoked")).toHaveLength(1);
    expect((await entriesWith(w.store, "disclosure.blocked")).map(details)).toEqual([{ by: ["AIVD"] }]);

    // MIVD's approval can no longer release anything.
    expect(refusalCode(await w.decide(DAAN, 2, APPROVE))).toBe("consent.already_decided");
    expect(await w.store.disclosures.provisionOf(1)).toBeUndefined();
  });

  it("refuses to revoke a consent that was not given, or a request that does not ask the member's party", async () => {
    const w = await world();
    await twoPartyRequest(w);
    const pending = await w.as(BRAM, "revoke R-1");
    expect(refusalCode(pending)).toBe("consent.not_revocable");
    expect(view(pending).summary).toBe("Nothing was changed: your party has not given its consent.");
    const other = await w.as(NOOR, "revoke R-1");
    expect(refusalCode(other)).toBe("consent.not_found");
    // The same answer as for a request that does not exist: nothing tells NCSC that R-1 exists.
    const missing = await w.as(NOOR, "revoke R-2");
    expect(JSON.stringify(other).replaceAll("R-1", "R-2")).toBe(JSON.stringify(missing));
    expect(view(other).summary).toBe("Nothing was changed: there is no request R-1 that asks your party's consent.");
    expect((await w.store.disclosures.byId(1))!.state).toBe("PENDING");
  });

  it("refuses to revoke after release: a release cannot be undone", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(BRAM, 1, APPROVE);
    await w.decide(DAAN, 2, APPROVE);
    const reply = await w.as(BRAM, "revoke R-1");
    expect(refusalCode(reply)).toBe("consent.not_revocable");
    expect(view(reply).summary).toBe("Nothing was changed: it was already released; a release cannot be undone.");
    expect(await w.store.disclosures.byId(1)).toMatchObject({ state: "RELEASED" });
    expect(await w.store.disclosures.ask(1)).toMatchObject({ state: "APPROVED" });
    expect(await entriesWith(w.store, "consent.revoked")).toEqual([]);
  });
});

describe("deadlines: reminders, escalation and expiry on the clock (Art 7.2: silence is never consent)", () => {
  const at = (iso: string) => Date.parse(iso);
  const ESCALATE = at(START) + 8 * HOUR; // escalateAfterHours: 8
  // remindHoursBefore: 24 working hours. Saturday and Sunday do not count, so before Monday 10:00 UTC that is Friday 10:00 UTC.
  const REMIND = at(DEADLINE) - 72 * HOUR;

  it("escalates to the deputies once, escalateAfterHours after the ask, showing each only their party's data", async () => {
    const w = await world();
    await twoPartyRequest(w);
    w.clock.set(ESCALATE - 1);
    expect(await w.deadlines()).toEqual({ expired: 0, reminded: 0, escalated: 0 });
    w.clock.set(ESCALATE);
    expect(await w.deadlines()).toEqual({ expired: 0, reminded: 0, escalated: 2 });
    expect(await w.deadlines()).toEqual({ expired: 0, reminded: 0, escalated: 0 });

    const [toDirk] = dmsTo(w.store, DIRK);
    const [toMila] = dmsTo(w.store, MILA);
    expect([toDirk.topic, toMila.topic]).toEqual(["ask:1", "ask:2"]);
    expect(textOfView(toDirk.view)).toContain("Your party's liaison has not answered, so you are asked as deputy.");
    expectNothingOf(toDirk.view, [MIVD_DATA], "escalation to Dirk");
    expectNothingOf(toMila.view, [AIVD_DATA], "escalation to Mila");
    expect(hasButtons(toDirk.view)).toBe(true);
    expect(dmsTo(w.store, RUBEN)).toEqual([]);
    expect((await entriesWith(w.store, "consent.escalated")).map((e) => [e.subject, details(e)])).toEqual([
      ["ask:1", { request: 1, party: "AIVD", notified: [member(DIRK)] }],
      ["ask:2", { request: 1, party: "MIVD", notified: [member(MILA)] }],
    ]);
    expect((await w.store.disclosures.ask(1))!.escalatedAt).toEqual(new Date(ESCALATE));
  });

  it("reminds the liaisons once, remindHoursBefore the deadline, with only their party's data", async () => {
    const w = await world();
    await twoPartyRequest(w);
    w.clock.set(ESCALATE);
    await w.deadlines();
    const before = outbox(w.store).length;
    w.clock.set(REMIND - 1);
    expect(await w.deadlines()).toEqual({ expired: 0, reminded: 0, escalated: 0 });
    w.clock.set(REMIND);
    expect(await w.deadlines()).toEqual({ expired: 0, reminded: 2, escalated: 0 });
    w.clock.set(REMIND + HOUR);
    expect(await w.deadlines()).toEqual({ expired: 0, reminded: 0, escalated: 0 });

    const reminders = outbox(w.store).slice(before);
    expect(reminders.map((m) => [m.target, m.topic])).toEqual([
      [`user:${BRAM}`, "ask:1"],
      [`user:${EVA}`, "ask:1"],
      [`user:${DAAN}`, "ask:2"],
    ]);
    for (const m of reminders) {
      expect(m.view.summary).toMatch(/^Reminder: Consent asked for R-1/);
      expect(textOfView(m.view)).toContain("Reminder: R-1 expires 2025-11-10 11:00 CET.");
      expectNothingOf(m.view, m.target === `user:${DAAN}` ? [AIVD_DATA] : [MIVD_DATA], `reminder to ${m.target}`);
    }
    expect(await entriesWith(w.store, "consent.reminded")).toHaveLength(2);
    expect((await w.store.disclosures.ask(2))!.remindedAt).toEqual(new Date(REMIND));
  });

  it("neither reminds nor escalates a party that already decided", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(BRAM, 1, APPROVE);
    w.clock.set(REMIND);
    expect(await w.deadlines()).toEqual({ expired: 0, reminded: 1, escalated: 1 });
    expect(dmsTo(w.store, DIRK)).toEqual([]);
    expect(dmsTo(w.store, BRAM)).toHaveLength(1); // only the original question
    expect(dmsTo(w.store, MILA)).toHaveLength(1);
  });

  it("expires the request at its deadline: nothing released, the requester told, and a second run changes nothing", async () => {
    const w = await world();
    await twoPartyRequest(w);
    w.clock.set(at(DEADLINE) - 1);
    expect((await w.deadlines()).expired).toBe(0);
    expect((await w.store.disclosures.byId(1))!.state).toBe("PENDING");
    w.clock.set(DEADLINE);
    expect((await w.deadlines()).expired).toBe(1);

    expect(await w.store.disclosures.byId(1)).toMatchObject({ state: "EXPIRED", closedAt: new Date(DEADLINE) });
    expect((await w.store.disclosures.asksOf(1)).map((a) => [a.party, a.state])).toEqual([
      ["AIVD", "EXPIRED"],
      ["MIVD", "EXPIRED"],
    ]);
    expect(await w.store.disclosures.provisionOf(1)).toBeUndefined();
    expect(outbox(w.store).filter((m) => m.target.startsWith("channel:"))).toEqual([]);
    expect(dmsTo(w.store, PIM).map((m) => m.view.summary)).toEqual([
      "R-1: Expired at its deadline without every party's consent: nothing was disclosed (silence is never consent).",
    ]);
    const [expired] = await entriesWith(w.store, "disclosure.expired");
    expect(expired).toMatchObject({ actor: null, subject: "request:1", at: new Date(DEADLINE) });

    const head = await w.store.audit.head();
    const messages = outbox(w.store).length;
    w.clock.advance(HOUR);
    expect(await w.deadlines()).toEqual({ expired: 0, reminded: 0, escalated: 0 });
    expect(await w.deadlines()).toEqual({ expired: 0, reminded: 0, escalated: 0 });
    expect(await w.store.audit.head()).toEqual(head);
    expect(outbox(w.store)).toHaveLength(messages);
    expect(refusalCode(await w.decide(BRAM, 1, APPROVE))).toBe("consent.already_decided");
    expect(await w.store.disclosures.provisionOf(1)).toBeUndefined();
  });

  it("expires a request that one party approved and the other left unanswered: one consent is not enough", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(DAAN, 2, APPROVE);
    w.clock.set(DEADLINE);
    expect((await w.deadlines()).expired).toBe(1);
    expect((await w.store.disclosures.asksOf(1)).map((a) => a.state)).toEqual(["EXPIRED", "APPROVED"]);
    expect(await w.store.disclosures.byId(1)).toMatchObject({ state: "EXPIRED" });
    expect(await entriesWith(w.store, "disclosure.released")).toEqual([]);
  });

  it("retires the consent buttons of the silent party at expiry (update of topic ask:<id>)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(DAAN, 2, APPROVE);
    w.clock.set(DEADLINE);
    await w.deadlines();
    // AIVD never answered: its liaisons' questions must lose their buttons, like every settled ask's.
    const retired = updatesOf(w.store, "ask:1");
    expect(retired.map((m) => m.createdAt), "updates of topic ask:1 queued at expiry").toEqual([new Date(DEADLINE)]);
    expect(hasButtons(retired[0].view)).toBe(false);
    expect(textOfView(retired[0].view)).toContain("AIVD's consent expired without an answer");
  });

  it("names the parties that stayed silent in disclosure.expired", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(DAAN, 2, APPROVE);
    w.clock.set(DEADLINE);
    await w.deadlines();
    const [expired] = await entriesWith(w.store, "disclosure.expired");
    expect(details(expired)).toEqual({ waitingFor: ["AIVD"] });
  });

  it("releases nothing on consents given after the deadline, even before the scheduler has run (Art 7.2)", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(BRAM, 1, APPROVE);
    w.clock.set(at(DEADLINE) + MINUTE); // the deadline passed; runDeadlines has not run yet
    await w.decide(DAAN, 2, APPROVE);
    expect((await w.store.disclosures.byId(1))!.state).not.toBe("RELEASED");
    expect(await w.store.disclosures.provisionOf(1)).toBeUndefined();
    expect(postsTo(w.store, "channel:C0NCSCOPS")).toEqual([]);
  });
});

describe("outbox dispatcher: sending what the transactions queued", () => {
  it("sends posts in order and marks each sent with the platform's reference", async () => {
    const w = await world();
    await enqueue(w, [dm("U1", "one"), dm("U2", "two"), { kind: "post", to: { platform: "slack", kind: "channel", id: "C3" }, view: note("three") }]);
    expect(await w.store.outbox.pendingCount()).toBe(3);
    expect(await w.dispatcher.dispatchOnce()).toBe(3);
    expect(w.chat.posts.map((p) => [p.to.kind, p.to.id, p.view.summary])).toEqual([
      ["user", "U1", "one"],
      ["user", "U2", "two"],
      ["channel", "C3", "three"],
    ]);
    expect(w.store.tables().outbox.map((r) => ({ state: r.state, sentRef: r.sentRef, sentAt: r.sentAt, attempts: r.attempts, lockedUntil: r.lockedUntil }))).toEqual(
      // attempts counts failed attempts: none here.
      w.chat.posts.map((p) => ({ state: "SENT", sentRef: p.ref, sentAt: new Date(START), attempts: 0, lockedUntil: null })),
    );
    expect(await w.store.outbox.pendingCount()).toBe(0);
    expect(await w.dispatcher.dispatchOnce()).toBe(0);
    expect(w.chat.posts).toHaveLength(3);
  });

  it("waits as long as a 429 says (retryAfterMs) before the next attempt", async () => {
    const w = await world();
    await enqueue(w, [dm("U1", "one"), dm("U2", "two")]);
    w.chat.fail({ ok: false, error: "ratelimited", retryAfterMs: 30_000 });
    expect(await w.dispatcher.dispatchOnce()).toBe(1);
    const [first] = w.store.tables().outbox;
    expect(first).toMatchObject({ state: "PENDING", attempts: 1, lastError: "ratelimited", lockedUntil: null, nextAttemptAt: new Date(Date.parse(START) + 30_000) });
    w.clock.advance(29_999);
    expect(await w.dispatcher.dispatchOnce()).toBe(0);
    w.clock.advance(1);
    expect(await w.dispatcher.dispatchOnce()).toBe(1);
    expect(w.store.tables().outbox[0]).toMatchObject({ state: "SENT", attempts: 1, lastError: null });
    expect(w.chat.posts.map((p) => p.to.id)).toEqual(["U2", "U1"]);
    expect(await entriesWith(w.store, "message.failed")).toEqual([]);
  });

  it("backs off exponentially on a 500 or a thrown error: 1 s, 2 s, 4 s", async () => {
    const w = await world();
    await enqueue(w, [dm("U1", "one")]);
    w.chat.fail({ ok: false, error: "internal_error" }, 2);
    w.chat.fail(() => {
      throw new Error("socket hang up");
    });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await w.dispatcher.dispatchOnce()).toBe(0);
      const row = w.store.tables().outbox[0];
      expect(row).toMatchObject({ state: "PENDING", attempts: attempt });
      delays.push(row.nextAttemptAt.getTime() - w.clock.now().getTime());
      w.clock.set(row.nextAttemptAt.getTime());
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(delays).toEqual([1, 2, 3].map(backoffMs));
    expect(w.store.tables().outbox[0].lastError).toBe("socket hang up");
    expect(await w.dispatcher.dispatchOnce()).toBe(1);
    expect(w.store.tables().outbox[0]).toMatchObject({ state: "SENT", attempts: 3 });
  });

  it(`gives up after MAX_ATTEMPTS (${MAX_ATTEMPTS}) failures and audits message.failed once`, async () => {
    const w = await world();
    await enqueue(w, [dm("U1", "one")]);
    w.chat.fail({ ok: false, error: "internal_error" }, 100);
    await drain(w, Date.parse(START) + 24 * HOUR);
    expect(w.chat.failed).toHaveLength(MAX_ATTEMPTS);
    expect(w.store.tables().outbox[0]).toMatchObject({ state: "FAILED", attempts: MAX_ATTEMPTS, lastError: "internal_error", lockedUntil: null });
    const failed = await entriesWith(w.store, "message.failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ actor: null, subject: "outbox:1" });
    expect(details(failed[0])).toEqual({ error: "internal_error", attempt: MAX_ATTEMPTS, finalAttempt: true, nextAttemptAt: null });
    expect(await w.store.outbox.pendingCount()).toBe(0);
    w.clock.advance(HOUR);
    expect(await w.dispatcher.dispatchOnce()).toBe(0);
    expect(w.chat.failed).toHaveLength(MAX_ATTEMPTS);
  });

  it("gives up at once on a permanent error", async () => {
    const w = await world();
    await enqueue(w, [dm("U1", "one")]);
    w.chat.fail({ ok: false, error: "user_not_found", permanent: true });
    await w.dispatcher.dispatchOnce();
    expect(w.store.tables().outbox[0]).toMatchObject({ state: "FAILED", attempts: 1, lastError: "user_not_found" });
    expect(details((await entriesWith(w.store, "message.failed"))[0])).toEqual({ error: "user_not_found", attempt: 1, finalAttempt: true, nextAttemptAt: null });
  });

  it("audits every failed delivery of a disclosure and its final success (Art 7.1)", async () => {
    const w = await world();
    const delivery: OutboundMessage = { kind: "post", to: { platform: "slack", kind: "channel", id: "C0NCSCOPS" }, view: note("TLP:AMBER"), topic: "delivery:7", releaseOf: 7 };
    await enqueue(w, [delivery]);
    w.chat.fail({ ok: false, error: "internal_error" });
    await w.dispatcher.dispatchOnce();
    w.clock.advance(1000);
    await w.dispatcher.dispatchOnce();
    const failed = await entriesWith(w.store, "disclosure.delivery_failed");
    expect(failed.map((e) => [e.subject, details(e)])).toEqual([
      ["request:7", { error: "internal_error", attempt: 1, finalAttempt: false, nextAttemptAt: new Date(Date.parse(START) + 1000).toISOString() }],
    ]);
    const delivered = await entriesWith(w.store, "disclosure.delivered");
    expect(delivered.map((e) => [e.subject, details(e)])).toEqual([["request:7", { ref: w.chat.posts[0].ref }]]);
    expect(await entriesWith(w.store, "message.failed")).toEqual([]);
  });

  it("audits a delivery given up on as disclosure.delivery_failed with finalAttempt, not as message.failed", async () => {
    const w = await world();
    await enqueue(w, [{ kind: "post", to: { platform: "slack", kind: "channel", id: "C0GONE" }, view: note("TLP:RED"), topic: "delivery:3", releaseOf: 3 }]);
    w.chat.fail({ ok: false, error: "channel_not_found", permanent: true });
    await w.dispatcher.dispatchOnce();
    expect((await entriesWith(w.store, "disclosure.delivery_failed")).map(details)).toEqual([
      { error: "channel_not_found", attempt: 1, finalAttempt: true, nextAttemptAt: null },
    ]);
    expect(await entriesWith(w.store, "message.failed")).toEqual([]);
    expect(await entriesWith(w.store, "disclosure.delivered")).toEqual([]);
  });

  it("holds an update back until the posts of its topic were sent, then updates each of them", async () => {
    const w = await world();
    await enqueue(w, [dm("U1", "question", "ask:9"), dm("U2", "question", "ask:9"), { kind: "update", topic: "ask:9", view: note("decided") }]);
    w.chat.fail({ ok: false, error: "internal_error" }, 1, (c) => c.kind === "post" && c.to?.id === "U2");
    expect(await w.dispatcher.dispatchOnce()).toBe(1);
    expect(w.chat.updates).toEqual([]);
    // Not even claimed while a post of its topic is unsent: it would only wait.
    expect(w.store.tables().outbox[2]).toMatchObject({ state: "PENDING", lastError: null, lockedUntil: null });
    w.clock.advance(1000);
    expect(await w.dispatcher.dispatchOnce()).toBe(2);
    expect(w.chat.updates.map((u) => [u.ref, u.view.summary])).toEqual(w.chat.posts.map((p) => [p.ref, "decided"]));
    expect(w.store.tables().outbox[2]).toMatchObject({ state: "SENT", sentRef: null });
  });

  it("retries an update the platform refused, and marks an update with nothing to replace as sent", async () => {
    const w = await world();
    await enqueue(w, [dm("U1", "question", "ask:4"), { kind: "update", topic: "ask:4", view: note("decided") }]);
    w.chat.fail({ ok: false, error: "internal_error" }, 1, (c) => c.kind === "update");
    expect(await w.dispatcher.dispatchOnce()).toBe(1);
    w.clock.advance(backoffMs(1));
    expect(await w.dispatcher.dispatchOnce()).toBe(1);
    expect(w.chat.updates).toHaveLength(1);

    await enqueue(w, [{ kind: "update", topic: "ask:nothing", view: note("decided") }]);
    expect(await w.dispatcher.dispatchOnce()).toBe(1);
    expect(w.chat.updates).toHaveLength(1);
  });

  it("passes over a member's copy on a platform this deployment does not serve (they have one per account)", async () => {
    const w = await world();
    await enqueue(w, [
      { kind: "post", to: { platform: "mattermost", kind: "user", id: "mm1" }, view: note("hello") },
      { kind: "file", to: { platform: "mattermost", kind: "user", id: "mm1" }, fileName: "report.csv", content: "a,b\n", view: note("the report") },
    ]);
    await w.dispatcher.dispatchOnce();
    expect(w.store.tables().outbox.map((m) => [m.state, m.sentRef])).toEqual([
      ["SENT", null],
      ["SENT", null],
    ]);
    expect(w.chat.posts).toHaveLength(0);
  });

  it("retries a channel message for a platform whose adapter is not running after a minute", async () => {
    const w = await world();
    await enqueue(w, [{ kind: "post", to: { platform: "mattermost", kind: "channel", id: "town-square" }, view: note("hello") }]);
    await w.dispatcher.dispatchOnce();
    expect(w.store.tables().outbox[0]).toMatchObject({
      state: "PENDING",
      lastError: "no adapter for this platform is running",
      nextAttemptAt: new Date(Date.parse(START) + 60_000),
    });
  });

  it("keeps an update waiting behind a rate-limited post of its topic until that post is out, however long the platform asks to wait", async () => {
    const w = await world();
    await enqueue(w, [dm("U1", "question", "ask:5"), { kind: "update", topic: "ask:5", view: note("decided") }]);
    w.chat.fail({ ok: false, error: "ratelimited", retryAfterMs: 30_000 }, 1, (c) => c.kind === "post");
    await drain(w, Date.parse(START) + HOUR);
    expect(w.chat.posts).toHaveLength(1);
    expect(w.chat.updates.map((u) => u.ref)).toEqual([w.chat.posts[0].ref]);
    expect(w.store.tables().outbox.map((r) => r.state)).toEqual(["SENT", "SENT"]);
    expect(await entriesWith(w.store, "message.failed")).toEqual([]);
  });

  it("with only the Slack adapter running, retires a decided question's buttons without leaving failed messages behind", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(BRAM, 1, APPROVE);
    await drain(w, Date.parse(START) + 24 * HOUR);
    expect(w.chat.updates.length).toBeGreaterThan(0);
    expect(await w.store.outbox.pendingCount()).toBe(0);
    expect((await entriesWith(w.store, "message.failed")).map((e) => details(e).error)).toEqual([]);
  });

  it("updates on one platform only that platform's messages", async () => {
    const mattermost = { calls: [] as string[] };
    const w = await world({
      ports: (chat) => ({
        slack: chat.port,
        mattermost: {
          post: async () => ({ ok: true, ref: "mm:1" }),
          upload: async () => ({ ok: true, ref: "mm:2" }),
          update: async (ref) => (mattermost.calls.push(ref), { ok: true, ref }),
        },
      }),
    });
    await twoPartyRequest(w);
    await w.dispatcher.dispatchOnce();
    await w.decide(BRAM, 1, APPROVE);
    await w.dispatcher.dispatchOnce();
    expect(w.chat.updates).toHaveLength(2); // Bram's and Eva's questions on Slack
    expect(mattermost.calls, "Slack message references handed to the Mattermost adapter").toEqual([]);
  });

  it("delivers a released disclosure and audits disclosure.delivered with the channel message's reference", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(BRAM, 1, APPROVE);
    await w.decide(DAAN, 2, APPROVE);
    w.chat.fail({ ok: false, error: "ratelimited", retryAfterMs: 5_000 }, 1, (c) => c.to?.id === "C0NCSCOPS");
    await w.dispatcher.dispatchOnce();
    expect((await entriesWith(w.store, "disclosure.delivery_failed")).map((e) => details(e).finalAttempt)).toEqual([false]);
    w.clock.advance(5_000);
    await w.dispatcher.dispatchOnce();
    const delivery = w.chat.posts.filter((p) => p.to.id === "C0NCSCOPS");
    expect(delivery).toHaveLength(1);
    expect(textOfView(delivery[0].view)).toContain("TLP:AMBER. Conditions: not to be passed on.");
    expect((await entriesWith(w.store, "disclosure.delivered")).map((e) => [e.subject, details(e)])).toEqual([["request:1", { ref: delivery[0].ref }]]);
  });
});

describe("the audit chain after a whole consent round", () => {
  it("verifies after requests, decisions, refusals, deadlines and deliveries", async () => {
    const w = await world();
    await twoPartyRequest(w);
    await w.decide(DAAN, 1, APPROVE);
    await w.decide(BRAM, 1, deny(""));
    await w.decide(BRAM, 1, APPROVE);
    await w.decide(BRAM, 1, APPROVE);
    await w.decide(MILA, 2, APPROVE);
    await drain(w, Date.parse(START) + HOUR);
    await w.as(GRETA, "submit 192.0.2.44");
    await w.as(PIM, "disclose I-5 to water-utility purpose warn the water sector");
    w.clock.set(DEADLINE);
    w.clock.advance(7 * 24 * HOUR);
    await w.deadlines();
    await drain(w, w.clock.now().getTime() + HOUR);

    const entries = await auditEntries(w.store);
    const verdict = await verifyChain(entries, await w.store.audit.head());
    expect(verdict).toEqual({ ok: true, entries: entries.length, headHash: entries.at(-1)!.hash });
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ["consent.asked", "consent.approved", "consent.refused", "consent.already_decided", "disclosure.released", "disclosure.delivered", "disclosure.expired"]) {
      expect(actions, action).toContain(action);
    }
  });
});

describe("the store: the disclosure and outbox semantics of the repositories", () => {
  const newRequest = (extra: Partial<NewRequest> = {}): NewRequest => ({
    requesterId: "slack:U1",
    requesterName: "Requester",
    createdAt: new Date(START),
    recipientId: "ncsc-ops",
    recipientName: "NCSC operations",
    recipientKind: "party",
    viaParty: null,
    deliverTo: { platform: "slack", channel: "C1" },
    purpose: asChecked("warn"),
    legalBasis: asChecked("Wiv 2017"),
    conditions: null,
    tlp: "AMBER",
    tlpRequested: null,
    deadline: new Date(DEADLINE),
    analysisId: null,
    items: [
      { itemId: 9, party: "MIVD" },
      { itemId: 2, party: "AIVD" },
    ],
    ...extra,
  });

  it("creates a request with one PENDING ask per party, ordered by party, and items ordered by id", async () => {
    const store = await newStore();
    const { request, asks } = await store.transaction((tx) => tx.disclosures.create(newRequest(), ["MIVD", "AIVD"]));
    expect(request).toMatchObject({ id: 1, state: "PENDING", closedAt: null, items: [{ itemId: 2, party: "AIVD" }, { itemId: 9, party: "MIVD" }] });
    expect(asks.map((a) => [a.id, a.party, a.state, a.decidedAt, a.remindedAt, a.escalatedAt])).toEqual([
      [2, "AIVD", "PENDING", null, null, null],
      [1, "MIVD", "PENDING", null, null, null],
    ]);
    expect(await store.disclosures.asksFor(["AIVD", "MIVD"], ["PENDING"], 10)).toMatchObject([{ id: 1 }, { id: 2 }]);
    expect(await store.disclosures.asksFor(["AIVD"], ["APPROVED"], 10)).toEqual([]);
    expect(await store.disclosures.byRequester("slack:U1", 10)).toHaveLength(1);
    await expect(store.transaction((tx) => tx.disclosures.create(newRequest(), ["AIVD", "AIVD"]))).rejects.toThrow(/unique constraint/i);
  });

  it("applies a transition only from the event's source states, for every event and state", async () => {
    const events = Object.keys(ASK_TRANSITIONS) as AskEvent[];
    for (const event of events) {
      for (const state of ASK_STATES) {
        const store = await newStore();
        await store.transaction(async (tx) => {
          await tx.disclosures.create(newRequest(), ["AIVD"]);
          // Bring the ask into `state` by the shortest path.
          const path: Record<string, AskEvent[]> = { PENDING: [], APPROVED: ["approve"], DENIED: ["deny"], EXPIRED: ["expire"], REVOKED: ["approve", "revoke"], CLOSED: ["close"] };
          for (const step of path[state]) expect(await tx.disclosures.transition(1, step, { at: new Date(START) })).toBe(true);
        });
        const at = new Date(Date.parse(START) + MINUTE);
        const applied = await store.transaction((tx) => tx.disclosures.transition(1, event, { at, byId: "m", byName: "M", reason: asChecked("r") }));
        const allowed = ASK_TRANSITIONS[event].from.includes(state);
        expect(applied, `${event} from ${state}`).toBe(allowed);
        const ask = await store.disclosures.ask(1);
        if (allowed) expect(ask).toMatchObject({ state: ASK_TRANSITIONS[event].to, decidedAt: at, decidedById: "m", decidedByName: "M", reason: "r" });
        else expect(ask!.state).toBe(state);
      }
    }
    expect(await (await newStore()).transaction((tx) => tx.disclosures.transition(42, "approve", { at: new Date(START) }))).toBe(false);
  });

  it("closes a request only from PENDING, marks reminders and escalations once, and keeps one provision per request", async () => {
    const store = await newStore();
    const now = new Date(START);
    await store.transaction(async (tx) => {
      await tx.disclosures.create(newRequest(), ["AIVD"]);
      expect((await tx.disclosures.lock(1))!.id).toBe(1);
      expect(await tx.disclosures.lock(2)).toBeUndefined();
      expect(await tx.disclosures.markReminded(1, now)).toBe(true);
      expect(await tx.disclosures.markReminded(1, now)).toBe(false);
      expect(await tx.disclosures.markEscalated(1, now)).toBe(true);
      expect(await tx.disclosures.markEscalated(1, now)).toBe(false);
    });
    expect(await store.disclosures.pendingAsks(10)).toMatchObject([{ id: 1, createdAt: new Date(START), deadline: new Date(DEADLINE), remindedAt: now }]);
    expect(await store.disclosures.pastDeadline(new Date(Date.parse(DEADLINE) - 1), 10)).toEqual([]);
    expect(await store.disclosures.pastDeadline(new Date(DEADLINE), 10)).toMatchObject([{ id: 1 }]);

    await store.transaction(async (tx) => {
      expect(await tx.disclosures.close(1, "RELEASED", now)).toBe(true);
      expect(await tx.disclosures.close(1, "DENIED", now)).toBe(false);
      await tx.disclosures.saveProvision(1, now, "{}");
    });
    expect(await store.disclosures.byId(1)).toMatchObject({ state: "RELEASED", closedAt: now });
    expect(await store.disclosures.pendingAsks(10)).toEqual([]);
    expect(await store.disclosures.provisionOf(1)).toBe("{}");
    await expect(store.transaction((tx) => tx.disclosures.saveProvision(1, now, "{}"))).rejects.toThrow(/provision/);
  });

  it("rolls back disclosures and outbox messages with the rest of a failed transaction", async () => {
    const store = await newStore();
    await expect(
      store.transaction(async (tx) => {
        await tx.disclosures.create(newRequest(), ["AIVD"]);
        await tx.outbox.enqueue([dm("U1", "hi")], new Date(START));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(store.tables()).toEqual({ analyses: [], requests: [], asks: [], provisions: [], outbox: [], receipts: [] });
  });

  it("leases claimed messages without counting an attempt (failures count), and frees them when the lease runs out", async () => {
    const store = await newStore();
    const now = new Date(START);
    await store.transaction((tx) => tx.outbox.enqueue([dm("U1", "a", "ask:1"), dm("U2", "b")], now));
    const claimed = await store.outbox.claimDue(now, 60_000, 1);
    expect(claimed).toEqual([
      { id: 1, attempts: 0, lease: new Date(now.getTime() + 60_000), tag: { id: 1, key: outboxKey(1, now) }, message: { kind: "post", to: { platform: "slack", kind: "user", id: "U1" }, view: note("a"), topic: "ask:1" } },
    ]);
    expect((await store.outbox.claimDue(now, 60_000, 10)).map((e) => e.id)).toEqual([2]);
    expect(await store.outbox.claimDue(now, 60_000, 10)).toEqual([]);
    expect(await store.outbox.claimDue(new Date(now.getTime() + 60_000), 60_000, 10)).toEqual([]);
    const again = await store.outbox.claimDue(new Date(now.getTime() + 60_001), 60_000, 10);
    expect(again.map((e) => [e.id, e.attempts])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(await store.outbox.sentRefs("ask:1")).toEqual({ sent: [], pending: 1 });
    const [first, second] = again;
    // A sender whose lease was taken over changes nothing.
    await store.transaction(async (tx) => expect(await tx.outbox.markSent(1, new Date(now.getTime() + 60_000), "stale", now)).toBe(false));
    await store.transaction(async (tx) => {
      expect(await tx.outbox.markSent(1, first.lease, "ref-1", now)).toBe(true);
      expect(await tx.outbox.markFailed(2, second.lease, "x".repeat(600), null)).toBe(true);
    });
    expect(await store.outbox.sentRefs("ask:1")).toEqual({ sent: [{ id: expect.any(Number), platform: "slack", ref: "ref-1" }], pending: 0 });
    expect(await store.outbox.pendingCount()).toBe(0);
    expect(store.tables().outbox[1]).toMatchObject({ state: "FAILED", lockedUntil: null });
    expect(store.tables().outbox[1].lastError).toHaveLength(500);
    // A message that is not there is not this sender's to mark: false, as for a lease taken over.
    expect(await store.transaction((tx) => tx.outbox.markSent(99, now, null, now))).toBe(false);
  });
});
