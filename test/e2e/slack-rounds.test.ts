import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { manualClock, shownText, startTestBot, type TestBot, slackView } from "../support/bot-harness.js";
import { blockActionPayload, viewSubmissionPayload } from "../support/slack-requests.js";
import { settleOutbox } from "../support/settle-outbox.js";

/**
 * The agreement rounds as Slack drives them: communication coordination (covenant Art 10) and
 * amendments (Art 13). Signed slash commands, button clicks and modal submissions in; direct
 * messages, updates and modals out to the fake Slack Web API, which checks every payload.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst: drafts the communication
const GRETA = "UNCSCAN01"; // NCSC analyst
const BRAM = "UAIVDLI01"; // AIVD liaison: proposes the amendment
const DAAN = "UMIVDLI01"; // MIVD liaison
const PIETER = "UPOLLI001"; // Politie liaison
const LOTTE = "UNCSCLI01"; // NCSC liaison
const SEM = "UNCSCAL01"; // NCSC analyst and liaison
const IRIS = "UOMLI0001"; // OM liaison and coordinator
const JORIS = "UNCTVCO01"; // NCTV coordinator and liaison
const KARIN = "UCTIVD001"; // oversight committee
const HUGO = "UNCSCST01"; // NCSC steering group member

const PRESS_LINE = "The CIIC partners confirm that they jointly assessed the phishing wave against water utilities.";
const CHANGED = "The CIIC partners confirm a joint assessment of a phishing wave against vital providers.";
const AMENDMENT = "Article 9: the steering group meets at least six times a year.";

let t: TestBot;

beforeEach(async () => {
  t = await startTestBot({ clock: manualClock(new Date("2026-11-30T09:00:00Z")) });
});
afterEach(async () => {
  await t?.stop();
});

const { say, postsTo, textOf } = slackView(() => t);
const settle = async () => {
  await settleOutbox(t.bot, t.clock);
};
/** Slack replaces a message by chat.update at its ts: the latest update of that message is what shows. */
const shownNow = (post: RecordedCall) => {
  const ts = (post.response?.body as { ts?: string })?.ts;
  const updates = t.fake.callsTo("chat.update").filter((u) => u.body.channel === post.body.channel && u.body.ts === ts);
  return updates.at(-1) ?? post;
};
type Element = { action_id: string; value: string; text: { text: string } };
const elements = (call: RecordedCall) => ((call.body.blocks ?? []) as { elements?: Element[] }[]).flatMap((b) => b.elements ?? []);
/** The button labelled so in the member's messages as Slack shows them now (by default the latest that has it). */
function button(user: string, label: string, pick: (calls: RecordedCall[]) => RecordedCall | undefined = (c) => c.at(-1)): Element {
  const withIt = postsTo(user)
    .map(shownNow)
    .filter((c) => elements(c).some((e) => e.text.text === label));
  const found = pick(withIt);
  if (!found) throw new Error(`${user} has no message with a “${label}” button`);
  return elements(found).find((e) => e.text.text === label)!;
}
const press = (user: string, e: Element) =>
  t.interact(blockActionPayload({ user_id: user, action_id: e.action_id, value: e.value, response_url: t.fake.responseUrl(`${user}-${Math.random()}`) }));
/** A click, and its answer to the clicker: Slack's acknowledgement comes first, the answer after. */
async function click(user: string, e: Element) {
  const before = t.fake.callsTo("response_url").length;
  await press(user, e);
  await t.fake.waitFor("response_url", before + 1);
}
/** The ephemeral answers to clicks, as posted to their response_url, in order. */
const answers = () => t.fake.calls.filter((c) => c.method === "response_url").map((c) => shownText(c.body as never));

/** Clicks a button that opens the note form, then submits the form with `note`. */
async function withNote(user: string, e: Element, note: string) {
  const opened = t.fake.callsTo("views.open").length;
  await press(user, e);
  const [open] = (await t.fake.waitFor("views.open", opened + 1)).slice(opened);
  const view = open.body.view as { callback_id: string; private_metadata: string };
  expect(view.callback_id).toBe("ciic_round_note");
  return t.interact(viewSubmissionPayload({ user_id: user, callback_id: view.callback_id, private_metadata: view.private_metadata, values: { note: { value: { type: "plain_text_input", value: note } } } }));
}

const EVERY_OTHER_PARTY = [DAAN, PIETER, LOTTE, IRIS, JORIS]; // MIVD, Politie, NCSC, OM, NCTV: Anna's AIVD agrees by drafting

async function draft(text = PRESS_LINE) {
  const made = await say(ANNA, `comms ${text}`);
  expect(made).toContain("CM-1 put to the parties");
  await settle();
}

describe("a communication round over Slack (Art 10)", () => {
  it("runs a full round with the NCTV coordinating: cleared only when every party and the coordinator agreed", async () => {
    await draft();
    for (const liaison of EVERY_OTHER_PARTY) {
      const [asked] = postsTo(liaison);
      expect(textOf(asked)).toContain(PRESS_LINE);
      expect(textOf(asked)).toContain("It may go out only when every party agreed (covenant Art 10)");
      expect(elements(asked).map((e) => [e.text.text, e.action_id])).toEqual([
        ["Agree", "round.decide"],
        ["Object", "round.note"],
      ]);
    }
    expect(postsTo(BRAM)).toEqual([]); // AIVD agreed by Anna's drafting
    // Joris is the NCTV's liaison and its coordinator: the coordinator's ping comes on its own.
    const ping = postsTo(JORIS).find((c) => textOf(c).includes("NCTV coordination"))!;
    expect(textOf(ping)).toContain("Does it concern the execution of the Dutch Cybersecurity Agenda?");
    await click(JORIS, button(JORIS, "NCTV coordinates"));
    await settle();
    expect(elements(shownNow(ping)).map((e) => e.text.text)).toEqual(["Agree", "Request changes"]);
    expect(postsTo(ANNA).map(textOf).join("\n")).toContain("The NCTV coordinates this communication");

    for (const liaison of EVERY_OTHER_PARTY) await click(liaison, button(liaison, "Agree", (c) => c.find((m) => !textOf(m).includes("NCTV coordination"))));
    await settle();
    expect(await say(ANNA, "comms CM-1")).toContain("its agreement is awaited");
    expect(postsTo(ANNA).map(textOf).join("\n")).not.toContain("Cleared");
    await click(JORIS, elements(shownNow(ping)).find((e) => e.text.text === "Agree")!);
    await settle();
    expect(postsTo(ANNA).map(textOf).at(-1)).toContain("Cleared: every party agreed (covenant Art 10)");
    expect(await say(ANNA, "comms CM-1")).toContain("cleared");
    // No stale buttons: every question now shows its outcome.
    for (const user of EVERY_OTHER_PARTY) for (const post of postsTo(user)) expect(elements(shownNow(post))).toEqual([]);
    const actions = (await t.bot.store.audit.latest(200)).map((e) => e.action);
    for (const a of ["comms.drafted", "round.asked", "round.coordinate", "round.agree", "comms.cleared"]) expect(actions).toContain(a);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
    expect(t.fake.violations).toEqual([]);
  });

  it("sends the draft back when the coordinating NCTV requests changes, and clears the changed draft once all agree anew", async () => {
    await draft();
    const daanOnDraft1 = button(DAAN, "Agree");
    await click(DAAN, daanOnDraft1);
    await click(JORIS, button(JORIS, "NCTV coordinates"));
    await settle();
    const changes = await withNote(JORIS, button(JORIS, "Request changes"), "Do not name the sector; say 'vital providers'.");
    expect(changes.json.response_action).toBe("update");
    await settle();
    const toAnna = postsTo(ANNA).map(textOf).join("\n");
    expect(toAnna).toContain("asks for changes: “Do not name the sector; say 'vital providers'.”");
    expect(toAnna).toContain("/ciic comms revise CM-1");

    // The author changes the draft in the form the bare command opens, with the old text in it.
    const before = t.fake.callsTo("views.open").length;
    await t.command(ANNA, "comms revise CM-1");
    const opened = (await t.fake.waitFor("views.open", before + 1)).at(-1)!.body.view as { callback_id: string; private_metadata: string };
    expect(opened.callback_id).toBe("ciic_round_draft");
    expect(JSON.stringify(opened)).toContain(PRESS_LINE);
    const revised = await t.interact(
      viewSubmissionPayload({ user_id: ANNA, callback_id: opened.callback_id, private_metadata: opened.private_metadata, values: { text: { value: { type: "plain_text_input", value: CHANGED } } } }),
    );
    expect(revised.json.response_action).toBe("update");
    expect(JSON.stringify(revised.json)).toContain("draft 2");
    await settle();

    // Daan's agreement to draft 1 no longer counts; his old button is retired.
    const [first] = postsTo(DAAN);
    expect(textOf(shownNow(first))).toContain("Draft 1 was replaced by draft 2");
    expect(elements(shownNow(first))).toEqual([]);
    await click(DAAN, daanOnDraft1);
    expect(answers().at(-1)).toContain("Draft 1 of CM-1 was replaced by draft 2");
    for (const liaison of EVERY_OTHER_PARTY) {
      const latest = button(liaison, "Agree", (c) => c.filter((m) => textOf(m).includes(CHANGED) && !textOf(m).includes("NCTV coordination")).at(-1));
      await click(liaison, latest);
    }
    await settle();
    expect(await say(ANNA, "comms CM-1")).toContain("waiting for the parties");
    const coordinatorAgree = button(JORIS, "Agree", (c) => c.find((m) => textOf(m).includes("NCTV coordination") && textOf(m).includes(CHANGED)));
    await click(JORIS, coordinatorAgree);
    await settle();
    expect(postsTo(ANNA).map(textOf).at(-1)).toContain("Cleared: every party agreed");
    const cleared = (await t.bot.store.audit.latest(300)).find((e) => e.action === "comms.cleared")!;
    expect(JSON.parse(cleared.readable)).toMatchObject({ version: 2, text: CHANGED });
    expect(t.fake.violations).toEqual([]);
  });

  it("answers double clicks and simultaneous clicks once", async () => {
    await draft();
    const daan = button(DAAN, "Agree");
    const ncsc = button(LOTTE, "Agree");
    expect(button(SEM, "Agree").value).toBe(ncsc.value); // both NCSC liaisons are asked the one question
    await Promise.all([press(DAAN, daan), press(DAAN, daan), press(LOTTE, ncsc), press(SEM, ncsc)]);
    await t.fake.waitFor("response_url", 4);
    expect(answers().filter((a) => a.includes("Already decided"))).toHaveLength(2);
    const entries = await t.bot.store.audit.latest(200);
    expect(entries.filter((e) => e.action === "round.agree")).toHaveLength(2);
    expect(entries.filter((e) => e.action === "round.already_decided")).toHaveLength(2);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
  });
});

describe("an amendment over Slack (Art 13)", () => {
  it("is adopted with every party's consent and announced to all liaisons", async () => {
    expect(await say(BRAM, `amend ${AMENDMENT}`)).toContain("AM-1 put to the parties");
    await settle();
    for (const who of EVERY_OTHER_PARTY) await click(who, button(who, "Consent"));
    await settle();
    for (const who of [BRAM, ...EVERY_OTHER_PARTY, SEM]) {
      const announced = postsTo(who).map(textOf).join("\n");
      expect(announced, who).toContain("Amendment AM-1 adopted");
      expect(announced, who).toContain(AMENDMENT);
    }
    expect(postsTo(ANNA)).toEqual([]); // analysts do not speak for a party
    const adopted = (await t.bot.store.audit.latest(200)).find((e) => e.action === "amendment.adopted")!;
    expect(JSON.parse(adopted.readable).answers).toHaveLength(6);
    expect(await say(BRAM, "amend AM-1")).toContain("adopted");
    expect(t.fake.violations).toEqual([]);
  });

  it("is blocked by one denial with its reason, and the other questions close", async () => {
    expect(await say(BRAM, `amend ${AMENDMENT}`)).toContain("AM-1");
    await settle();
    await click(IRIS, button(IRIS, "Consent"));
    const denied = await withNote(DAAN, button(DAAN, "Deny"), "more meetings than the MIVD can staff");
    expect(denied.json.response_action).toBe("update");
    await settle();
    expect(postsTo(BRAM).map(textOf).join("\n")).toContain("Blocked: MIVD (“more meetings than the MIVD can staff”) did not agree");
    const [pieter] = postsTo(PIETER);
    expect(textOf(shownNow(pieter))).toContain("no answer of yours is needed any more");
    expect(elements(shownNow(pieter))).toEqual([]);
    expect(await say(BRAM, "amend AM-1")).toContain("blocked");
    expect((await t.bot.store.audit.latest(200)).map((e) => e.action)).toContain("amendment.blocked");
    expect(t.fake.violations).toEqual([]);
  });
});

describe("who may use the rounds", () => {
  it("refuses the new commands and buttons to members whose roles do not allow them, says why, and logs it", async () => {
    expect(await say(KARIN, `comms ${PRESS_LINE}`)).toContain("`/ciic comms` is for analyst, liaison, deputy, coordinator or steering (covenant Art 10)");
    expect(await say(ANNA, `amend ${AMENDMENT}`)).toContain("`/ciic amend` is for liaison or coordinator (covenant Art 13)");
    expect(await say(HUGO, `amend ${AMENDMENT}`)).toContain("is for liaison or coordinator");
    await draft();
    await click(GRETA, button(DAAN, "Agree"));
    await click(LOTTE, button(DAAN, "Agree"));
    expect(answers()[0]).toContain("is for liaison, deputy or coordinator (covenant Art 10)");
    expect(answers()[1]).toContain("This question is for MIVD's liaisons and deputies");
    const refused = (await t.bot.store.audit.latest(200)).filter((e) => e.action === "access.refused" || e.action === "round.refused").map((e) => [e.actor, JSON.parse(e.readable).code]);
    expect(refused.reverse()).toEqual([
      ["slack:UCTIVD001", "access.role_missing"],
      ["slack:UAIVDAN01", "access.role_missing"],
      ["slack:UNCSCST01", "access.role_missing"],
      ["slack:UNCSCAN01", "access.role_missing"],
      ["slack:UNCSCLI01", "round.not_yours"],
    ]);
    expect(await say(HUGO, "comms CM-1")).toContain("There is no communication CM-1 that concerns you");
    expect(await say(ANNA, "help")).toContain("/ciic comms");
    expect(await say(ANNA, "help")).not.toContain("/ciic amend");
  });
});
