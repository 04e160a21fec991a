import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { COMMANDS, type CommandName } from "../../src/core/access/commands.js";
import type { ConsultationNote, Consultation } from "../../src/core/consultation/types.js";
import { runDeadlines } from "../../src/core/deadlines/run-deadlines.js";
import type { Analysis, ConsentAsk, DisclosureRequest } from "../../src/core/disclosure/types.js";
import type { CheckedText } from "../../src/core/guard/checked-text.js";
import type { Round, RoundAsk } from "../../src/core/rounds/types.js";
import type { SteeringMeeting } from "../../src/core/steering/types.js";
import { coreWorlds, type CoreWorld } from "../support/core-world.js";
import { refusalCode, textOf } from "../support/reply-text.js";
import { ANNA, ART72_DIRECTORY as DIRECTORY, GRETA, HUGO, IRIS, LOTTE, PIM } from "../support/art72-cell.js";

/**
 * That every text a person writes for someone else passes the Art 7.2 guard, three ways:
 * - only the guard makes a CheckedText (storage reads back what it let in);
 * - every person-text field of what is stored and shown is a CheckedText, so that text which
 *   skipped the guard does not compile into it;
 * - every command of the cell, one by one: another party's value written into each of its texts
 *   is refused, and reaches nobody who may not see it. A command added to the cell without a
 *   line here fails the last test: decide what its texts carry before it ships.
 */

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("only the guard makes checked text", () => {
  const files = sources("src").filter((f) => !f.includes("/generated/"));
  const using = (pattern: RegExp) => files.filter((f) => pattern.test(readFileSync(f, "utf8")));

  it("casts to CheckedText in one place", () => {
    expect(using(/as CheckedText\b/)).toEqual(["src/core/guard/checked-text.ts"]);
  });

  it("calls asChecked only in the guard and in storage, which reads back what the guard let in", () => {
    expect(using(/\basChecked\(/).filter((f) => !f.startsWith("src/core/guard/") && !f.startsWith("src/storage/"))).toEqual([]);
  });

  it("uses botText, for text the bot composes itself, only where reviewed", () => {
    expect(using(/\bbotText\(/).sort()).toEqual(["src/core/covenant-life/carry-out-withdrawals.ts"]);
  });

  it("types every person-text field that is stored and shown as CheckedText", () => {
    expectTypeOf<DisclosureRequest["purpose"]>().toEqualTypeOf<CheckedText>();
    expectTypeOf<DisclosureRequest["conditions"]>().toEqualTypeOf<CheckedText | null>();
    expectTypeOf<DisclosureRequest["legalBasis"]>().toEqualTypeOf<CheckedText>();
    expectTypeOf<Analysis["title"]>().toEqualTypeOf<CheckedText>();
    expectTypeOf<Analysis["body"]>().toEqualTypeOf<CheckedText>();
    expectTypeOf<ConsentAsk["reason"]>().toEqualTypeOf<CheckedText | null>();
    expectTypeOf<Round["text"]>().toEqualTypeOf<CheckedText>();
    expectTypeOf<RoundAsk["note"]>().toEqualTypeOf<CheckedText | null>();
    expectTypeOf<Consultation["question"]>().toEqualTypeOf<CheckedText>();
    expectTypeOf<ConsultationNote["text"]>().toEqualTypeOf<CheckedText>();
    expectTypeOf<SteeringMeeting["note"]>().toEqualTypeOf<CheckedText | null>();
  });
});

/** Who may read MIVD's data: its own members and the cell's analysts (Art 6.1, 7.2). */
const MAY_READ_MIVD = new Set(["user:U0MIVDAN1", "user:U0MIVDLI1", `user:${ANNA}`, `user:${GRETA}`]);

/** MIVD's value, and ways a person might write it into a text. */
const SECRET = "canary-mivd.example";
const WRITTEN = ["canary-mivd.example's panel", "hxxps://canary-mivd[.]example/x", "CANARY\u2011MIVD\uff0eexample"];

type Step = { as: string; text: string } | { tick: number } | { approveAs: string } | { denyAs: string; reason: string };
/** A command's texts, each carrying `X`: the steps before it, the one that carries it, the steps that would pass it on. */
interface Probe {
  before?: Step[];
  carry: Step;
  after?: Step[];
  /** The text may carry it, for its readers may see it (the requester of a denial is cell staff). */
  allowed?: true;
}

const probes: Record<CommandName, Probe[] | { none: string }> = {
  help: { none: "no text" },
  lookup: { none: "answers its asker only" },
  requests: { none: "ids only" },
  withdraw: { none: "ids only" },
  revoke: { none: "ids only" },
  covenant: { none: "no text" },
  report: { none: "a period only; denial reasons in it are withheld (see decide)" },
  oversight: { none: "for the oversight committee, which sees everything (Wiv 2017)" },
  export: { none: "what the party supplied itself; its labels are checked when written (see submit, correct)" },
  import: { none: "a file from the party's own sources, not text learned in the cell (README, Art 7.2)" },
  submit: [
    { carry: { as: GRETA, text: "submit ncsc-two.example note: linked to X" }, after: [{ as: LOTTE, text: "export format:csv" }] },
    { carry: { as: GRETA, text: 'submit ncsc-two.example src:"X"' }, after: [{ as: LOTTE, text: "export format:csv" }] },
  ],
  correct: [{ carry: { as: GRETA, text: "correct I-2 note: linked to X" }, after: [{ as: LOTTE, text: "export format:csv" }] }],
  analysis: [
    { carry: { as: GRETA, text: 'analysis title:"Wave" I-2 text: the kit talks to X' }, after: [{ as: GRETA, text: "disclose A-1 to water-oost purpose warn the utility" }, { approveAs: LOTTE }] },
    { carry: { as: GRETA, text: 'analysis title:"Wave around X" I-2 text: one actor' }, after: [{ as: GRETA, text: "disclose A-1 to water-oost purpose warn the utility" }, { approveAs: LOTTE }] },
  ],
  disclose: [
    { carry: { as: GRETA, text: "disclose I-2 to water-oost purpose block X" }, after: [{ approveAs: LOTTE }] },
    { carry: { as: GRETA, text: 'disclose I-2 to water-oost purpose warn the utility conditions:"not X"' }, after: [{ approveAs: LOTTE }] },
    { carry: { as: GRETA, text: 'disclose I-2 to water-oost purpose warn the utility basis:"X"' }, after: [{ approveAs: LOTTE }] },
  ],
  decide: [
    {
      before: [{ as: GRETA, text: "disclose I-2 to water-oost purpose warn the utility" }],
      carry: { denyAs: LOTTE, reason: "X is the same case" },
      after: [{ as: HUGO, text: "report 2026-12" }],
      allowed: true,
    },
  ],
  consult: [
    { carry: { as: ANNA, text: "consult question: who runs X?" } },
    { before: [{ as: ANNA, text: "consult question: may we warn the owner?" }], carry: { as: IRIS, text: "consult C-1 answer: X is known to us" } },
  ],
  notice: [{ carry: { as: LOTTE, text: "notice reason: the work on X moves elsewhere" } }],
  comms: [
    { carry: { as: ANNA, text: "comms The parties warned the sector about X today." } },
    { carry: { as: LOTTE, text: "comms The parties warned the sector about X today." } },
    { before: [{ as: ANNA, text: "comms The parties warned the sector today." }], carry: { as: ANNA, text: "comms revise CM-1 The parties warned the sector about X today." } },
  ],
  amend: [{ carry: { as: LOTTE, text: "amend Article 9: the steering group meets about X." } }],
  agree: [
    {
      before: [{ as: ANNA, text: "comms The parties warned the sector today." }],
      carry: { as: PIM, text: "[object] X is an ongoing case" },
    },
  ],
  meeting: [{ carry: { as: HUGO, text: "meeting 2026-11-30 discussed X" } }],
  review: [
    {
      before: [{ tick: 400 }],
      carry: { as: LOTTE, text: "review RV-NCSC let-go reason: X is no longer seen" },
    },
  ],
};

const worlds = coreWorlds();
const DAY = 86_400_000;

async function run(w: CoreWorld, step: Step, written: string) {
  const fill = (text: string) => text.replaceAll("X", written);
  if ("tick" in step) {
    w.clock.set(w.clock.now().getTime() + step.tick * DAY);
    return runDeadlines({ store: w.store, clock: w.clock });
  }
  const ask = () => w.store.tables().asks.find((a) => a.state === "PENDING")!;
  if ("approveAs" in step) return ask() && w.run(step.approveAs, { name: "decide", askId: ask().id, choice: { decision: "approve" } }, "[button] approve");
  if ("denyAs" in step) return w.run(step.denyAs, { name: "decide", askId: ask().id, choice: { decision: "deny", reason: fill(step.reason) } }, "[button] deny");
  if (step.text.startsWith("[object]")) {
    const ask = w.store.tables().outbox.find((m) => m.target === `user:${step.as}` && m.kind === "post")!;
    const value = JSON.parse(ask.payload).blocks.flatMap((b: { kind: string; actions?: { label: string; value: string; action: string }[] }) => b.actions ?? []).find((a: { label: string }) => a.label === "Object");
    return w.click(step.as, value.action, value.value, fill(step.text.replace("[object] ", "")));
  }
  if (step.text.includes("RV-NCSC")) {
    const [review] = await w.store.retention.openReviews(10, ["NCSC"]);
    return w.as(step.as, fill(step.text.replace("RV-NCSC", `RV-${review.id}`)));
  }
  return w.as(step.as, fill(step.text));
}

describe("every command's texts keep another party's data from those who may not see it (Art 7.2)", () => {
  it("has a line for every command of the cell", () => {
    expect(Object.keys(probes).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  const cases = Object.entries(probes).flatMap(([command, p]) => ("none" in p ? [] : p.map((probe, n) => ({ command, n, probe }))));
  it.each(cases.flatMap((c) => WRITTEN.map((written) => ({ ...c, written }))))("$command #$n with $written", async ({ probe, written }) => {
    const w = await worlds(DIRECTORY, "2026-12-01T09:00:00Z");
    await w.as("U0MIVDAN1", `submit ${SECRET}`);
    await w.as(GRETA, "submit ncsc-only.example");
    for (const step of probe.before ?? []) await run(w, step, written);
    const reply = await run(w, probe.carry, written);
    if (!probe.allowed) {
      // Refused by the guard, for this value: not by a role, a missing review or a typo.
      expect(reply && refusalCode(reply as never), "the text carrying MIVD's value is refused").toBeDefined();
      // (To someone who is not cell staff, a value written otherwise than as stored is not quoted.)
      expect(textOf(reply as never)).toMatch(/canary-mivd\.example(?: \(data of MIVD\))? (is named in|cannot be in)|a value it names cannot be in/);
    }
    for (const step of probe.after ?? []) await run(w, step, written);
    const leaked = w.store
      .tables()
      .outbox.filter((m) => !MAY_READ_MIVD.has(m.target))
      .filter((m) => /canary|CANARY/.test(m.payload.normalize("NFKC")));
    expect(leaked.map((m) => `${m.kind} to ${m.target}`)).toEqual([]);
  });
});
