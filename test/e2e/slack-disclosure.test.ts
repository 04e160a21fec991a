import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { SIGNING_SECRET, manualClock, shownText, startTestBot, type TestBot, slackView } from "../support/bot-harness.js";
import { blockActionPayload, sendEvent, viewSubmissionPayload } from "../support/slack-requests.js";
import { settleOutbox } from "../support/settle-outbox.js";

/**
 * Consent-gated disclosure as Slack drives it (Art 7.2): signed slash commands and button
 * clicks in, direct messages, updates and deliveries out to the fake Slack Web API.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const GRETA = "UNCSCAN01"; // NCSC analyst
const BRAM = "UAIVDLI01"; // AIVD liaison
const DIRK = "UAIVDDE01"; // AIVD deputy
const LOTTE = "UNCSCLI01"; // NCSC liaison
const SEM = "UNCSCAL01"; // NCSC analyst and liaison
const DAAN = "UMIVDLI01"; // MIVD liaison

let t: TestBot;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock(new Date("2026-11-30T09:00:00Z")); // a Monday
  t = await startTestBot({ clock });
});
afterEach(async () => {
  await t?.stop();
});

const { say, postsTo, textOf } = slackView(() => t);
const buttonValue = (call: RecordedCall, action: string) => {
  const blocks = call.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
  return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === action)!.value;
};
const click = (user: string, action: string, value: string) =>
  t.interact(blockActionPayload({ user_id: user, action_id: action, value, response_url: t.fake.responseUrl(`${user}-${Math.random()}`) }));
const settle = async () => {
  await settleOutbox(t.bot, t.clock);
};

/** AIVD and NCSC each supply an indicator; Anna writes an analysis on both and asks to disclose it. */
async function twoPartyRequest(extra = "") {
  expect(await say(ANNA, "submit 198.51.100.10 tlp:amber")).toContain("Stored 1");
  expect(await say(GRETA, "submit ncsc-only.example tlp:green")).toContain("Stored 1");
  const analysis = await say(ANNA, 'analysis title:"Phishing wave" 198.51.100.10 ncsc-only.example text: Both point at one actor.');
  expect(analysis).toContain("A-1");
  const made = await say(ANNA, `disclose A-1 to ncsc-ops purpose warn the sector conditions:"not to be passed on" ${extra}`);
  expect(made).toContain("R-1");
  await settle();
}

describe("a disclosure round over Slack", () => {
  it("asks each originating party's liaison about its own data only, and shows nobody the other party's (Art 7.2)", async () => {
    await twoPartyRequest();
    const [toBram] = postsTo(BRAM);
    const [toLotte] = postsTo(LOTTE);
    expect(textOf(toBram)).toContain("198.51.100.10");
    expect(textOf(toBram)).not.toContain("ncsc-only.example");
    expect(textOf(toBram)).not.toMatch(/\bNCSC\b(?! operations)/);
    expect(textOf(toLotte)).toContain("ncsc-only.example");
    expect(textOf(toLotte)).not.toContain("198.51.100.10");
    expect(textOf(toLotte)).toContain("Anna de Vries, of the cell, asks"); // named, without a party that could hint at the data
    expect(textOf(toLotte)).not.toContain("Both point at one actor"); // the analysis text may mention others' data
    for (const call of [toBram, toLotte]) {
      expect(textOf(call)).toContain("Purpose");
      expect(textOf(call)).toContain("not to be passed on");
    }
    // Each sees the label its own items explain: NCSC's GREEN item must not show AIVD's AMBER.
    expect(textOf(toLotte)).toContain("at least TLP:GREEN");
    expect(textOf(toBram)).toContain("at least TLP:AMBER");
    expect(postsTo(DAAN)).toEqual([]);
    expect(postsTo(DIRK)).toEqual([]); // deputies only when escalated
    expect(t.fake.violations).toEqual([]);
  });

  it("releases once when both parties approve: delivery with TLP and conditions, provision record, no stale buttons", async () => {
    await twoPartyRequest();
    const bramAsk = buttonValue(postsTo(BRAM)[0], "consent.approve");
    const lotteAsk = buttonValue(postsTo(LOTTE)[0], "consent.approve");
    expect((await click(BRAM, "consent.approve", bramAsk)).status).toBe(200);
    await t.fake.waitFor("response_url");
    await settle();
    expect(postsTo("C0NCSCOPS")).toEqual([]);
    await click(LOTTE, "consent.approve", lotteAsk);
    await settle();
    const [delivery] = postsTo("C0NCSCOPS");
    expect(textOf(delivery)).toContain("TLP:AMBER");
    expect(textOf(delivery)).toContain("not to be passed on");
    expect(textOf(delivery)).toContain("198.51.100.10");
    expect(textOf(delivery)).toContain("ncsc-only.example");
    expect(textOf(delivery)).toContain("Both point at one actor");
    // The requester's status shows the request as released, not as it stood before.
    const status = textOf(postsTo(ANNA).at(-1)!);
    expect(status).toContain("R-1: released");
    expect(status).not.toContain("R-1: pending");
    const provision = JSON.parse((await t.bot.store.disclosures.provisionOf(1))!);
    expect(provision).toMatchObject({ recipient: { id: "ncsc-ops" }, conditions: "not to be passed on", tlp: "AMBER" });
    expect(provision.consents.map((c: { party: string; by: string }) => [c.party, c.by])).toEqual([
      ["AIVD", "slack:UAIVDLI01"],
      ["NCSC", "slack:UNCSCLI01"],
    ]);
    const updates = t.fake.callsTo("chat.update");
    expect(updates.length).toBeGreaterThanOrEqual(2);
    for (const update of updates) expect(JSON.stringify(update.body.blocks)).not.toContain('"type":"actions"');
    const actions = (await t.bot.store.audit.latest(100)).map((e) => e.action);
    for (const a of ["disclosure.requested", "consent.asked", "consent.approved", "disclosure.released", "disclosure.delivered"]) expect(actions).toContain(a);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
    expect(t.fake.violations).toEqual([]);
  });

  it("tells the recipient of a release when the supplying party corrects an item in it, without the new value (Wiv 2017, Art 7.2)", async () => {
    await twoPartyRequest();
    await click(BRAM, "consent.approve", buttonValue(postsTo(BRAM)[0], "consent.approve"));
    await click(LOTTE, "consent.approve", buttonValue(postsTo(LOTTE)[0], "consent.approve"));
    await settle();
    expect(postsTo("C0NCSCOPS")).toHaveLength(1);
    const aivdItem = (await t.bot.store.items.byValue("ipv4", "198.51.100.10"))[0];
    const reply = await say(ANNA, `correct I-${aivdItem.id} value:198.51.100.11`);
    expect(reply).toContain("corrects");
    expect(reply).toContain("R-1");
    await settle();
    const [, notice] = postsTo("C0NCSCOPS");
    expect(textOf(notice)).toContain("correction notice for disclosure R-1");
    expect(textOf(notice)).toContain("198.51.100.10");
    expect(textOf(notice)).not.toContain("198.51.100.11");
    expect(textOf(notice)).toContain("TLP:AMBER");
    // A correction of an item that never left the cell tells no one.
    expect(await say(ANNA, "submit 203.0.113.99")).toContain("Stored 1");
    const unreleased = (await t.bot.store.items.byValue("ipv4", "203.0.113.99"))[0];
    await say(ANNA, `correct I-${unreleased.id} tlp:red`);
    await settle();
    expect(postsTo("C0NCSCOPS")).toHaveLength(2);
    expect((await t.bot.store.audit.latest(20)).map((e) => e.action)).toContain("correction.recipients_told");
    expect(t.fake.violations).toEqual([]);
  });

  it("makes one decision of a double click and of two simultaneous clicks, and releases at most once", async () => {
    await twoPartyRequest();
    const bramAsk = buttonValue(postsTo(BRAM)[0], "consent.approve");
    const lotteAsk = buttonValue(postsTo(LOTTE)[0], "consent.approve");
    await Promise.all([click(BRAM, "consent.approve", bramAsk), click(BRAM, "consent.approve", bramAsk), click(DIRK, "consent.approve", bramAsk)]);
    await Promise.all([click(LOTTE, "consent.approve", lotteAsk), click(LOTTE, "consent.approve", lotteAsk)]);
    await settle();
    const answers = (await t.fake.waitFor("response_url", 5)).map((c) => JSON.stringify(c.body));
    expect(answers.filter((a) => a.includes("Already decided")).length).toBe(3);
    const entries = await t.bot.store.audit.latest(200);
    expect(entries.filter((e) => e.action === "consent.approved")).toHaveLength(2);
    expect(entries.filter((e) => e.action === "disclosure.released")).toHaveLength(1);
    expect(postsTo("C0NCSCOPS")).toHaveLength(1);
  });

  it("answers a Deny button whose value is no consent id without opening a form", async () => {
    const id = `LOTTE-bad-deny`;
    await t.interact(blockActionPayload({ user_id: LOTTE, action_id: "consent.deny", value: "12; drop", response_url: t.fake.responseUrl(id) }));
    let answers = t.fake.callsTo("response_url").filter((c) => c.id === id);
    for (let i = 0; i < 40 && answers.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answers = t.fake.callsTo("response_url").filter((c) => c.id === id);
    }
    expect(answers.map(textOf)).toEqual([expect.stringContaining("This button could not be read")]);
    expect(t.fake.callsTo("views.open")).toEqual([]);
  });

  it("blocks the request on one denial with a reason, and tells the requester which party and why", async () => {
    await twoPartyRequest();
    const lotteAsk = buttonValue(postsTo(LOTTE)[0], "consent.deny");
    await click(LOTTE, "consent.deny", lotteAsk);
    const [open] = await t.fake.waitFor("views.open");
    const view = open.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("ciic_consent_deny");
    const empty = await t.interact(
      viewSubmissionPayload({ user_id: LOTTE, callback_id: view.callback_id, private_metadata: view.private_metadata, values: { reason: { value: { type: "plain_text_input", value: "" } } } }),
    );
    expect(empty.json.response_action).toBe("errors");
    const denied = await t.interact(
      viewSubmissionPayload({
        user_id: LOTTE,
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        values: { reason: { value: { type: "plain_text_input", value: "source must stay protected" } } },
      }),
    );
    expect(denied.json.response_action).toBe("update");
    await settle();
    const toAnna = postsTo(ANNA).map(textOf).join("\n");
    expect(toAnna).toContain("NCSC");
    expect(toAnna).toContain("source must stay protected");
    expect(toAnna).toContain("narrower request");
    // Bram's open question is closed without telling him another party was involved.
    const bramUpdate = t.fake.callsTo("chat.update").filter((c) => c.body.channel === BRAM).map(textOf).join("\n");
    expect(bramUpdate).toContain("no decision of yours is needed");
    expect(bramUpdate).not.toMatch(/NCSC(?! operations centre)/); // the recipient's name is no data origin
    expect(bramUpdate).not.toContain("protected");
    expect(postsTo("C0NCSCOPS")).toEqual([]);
  });

  it("lets a deputy decide, and refuses the requester's own decision and another party's liaison", async () => {
    expect(await say(SEM, "submit sem-own.example")).toContain("Stored 1");
    expect(await say(SEM, "disclose sem-own.example to ncsc-ops purpose own request test")).toContain("R-1");
    await settle();
    const ask = buttonValue(postsTo(LOTTE)[0], "consent.approve");
    expect(postsTo(SEM)).toEqual([]); // nobody is asked about their own request
    await click(SEM, "consent.approve", ask);
    await click(DAAN, "consent.approve", ask);
    const answers = (await t.fake.waitFor("response_url", 2)).map((c) => JSON.stringify(c.body));
    expect(answers.some((a) => a.includes("You made this request yourself"))).toBe(true);
    expect(answers.some((a) => a.includes("is for analyst") || a.includes("not for you"))).toBe(true);

    expect(await say(ANNA, "submit 198.51.100.20")).toContain("Stored 1");
    expect(await say(ANNA, "disclose 198.51.100.20 to ncsc-ops purpose deputy test")).toContain("R-2");
    await settle();
    const aivdAsk = buttonValue(postsTo(BRAM)[0], "consent.approve");
    await click(DIRK, "consent.approve", aivdAsk);
    await settle();
    expect(postsTo("C0NCSCOPS").map(textOf).join("\n")).toContain("198.51.100.20");
  });

  it("does not ask anyone twice when the same request is made again while it waits", async () => {
    await twoPartyRequest();
    const again = await say(ANNA, `disclose A-1 to ncsc-ops purpose warn the sector conditions:"not to be passed on" `);
    expect(again).toContain("R-1 already asks exactly this");
    await settle();
    expect(postsTo(BRAM)).toHaveLength(1);
    expect(postsTo(LOTTE)).toHaveLength(1);
  });

  it("lets the requester withdraw and a liaison revoke consent before release", async () => {
    await twoPartyRequest();
    const bramAsk = buttonValue(postsTo(BRAM)[0], "consent.approve");
    await click(BRAM, "consent.approve", bramAsk);
    expect(await say(BRAM, "revoke R-1")).toContain("AIVD's consent to R-1 is revoked");
    expect(await say(ANNA, "withdraw R-1")).toContain("already denied");
    await settle();
    expect(postsTo("C0NCSCOPS")).toEqual([]);
  });

  it("expires at the deadline without consent — silence is never consent — after reminding and escalating", async () => {
    await twoPartyRequest();
    clock.advance(9 * 3600_000); // past escalateAfterHours (8)
    await t.bot.runDeadlines();
    await settle();
    expect(postsTo(DIRK).map(textOf).join("\n")).toContain("as deputy");
    clock.set(new Date("2026-12-06T12:00:00Z")); // within 24 working hours of the deadline (Monday + 5 working days): since Friday
    await t.bot.runDeadlines();
    await settle();
    expect(postsTo(BRAM).map(textOf).join("\n")).toContain("Reminder");
    clock.set(new Date("2026-12-07T09:00:01Z"));
    await t.bot.runDeadlines();
    await t.bot.runDeadlines();
    await settle();
    expect(postsTo(ANNA).map(textOf).join("\n")).toContain("silence is never consent");
    expect(postsTo("C0NCSCOPS")).toEqual([]);
    const actions = (await t.bot.store.audit.latest(200)).map((e) => e.action);
    expect(actions.filter((a) => a === "disclosure.expired")).toHaveLength(1);
    expect(actions.filter((a) => a === "consent.reminded")).toHaveLength(2);
    expect(actions.filter((a) => a === "consent.escalated")).toHaveLength(2);
  });

  it("shows what waits: /ciic requests for liaisons and requesters, and the App Home tab", async () => {
    await twoPartyRequest();
    const lotte = await say(LOTTE, "requests");
    expect(lotte).toContain("Waiting for your party's decision (1)");
    expect(lotte).toContain("ncsc-only.example");
    expect(lotte).not.toContain("198.51.100.10");
    expect(await say(ANNA, "requests")).toMatch(/R-1.*pending.*AIVD pending, NCSC pending/);
    const home = await sendEvent(t.url, SIGNING_SECRET, { type: "app_home_opened", user: LOTTE, channel: "D0LOTTE", tab: "home", event_ts: "1764493200.000100" });
    expect(home.status).toBe(200);
    const [publish] = await t.fake.waitFor("views.publish");
    expect(publish.body.user_id).toBe(LOTTE);
    const homeText = shownText({ blocks: (publish.body.view as { blocks: unknown[] }).blocks });
    expect(homeText).toContain("ncsc-only.example");
    expect(homeText).toContain("Approve");
    expect(homeText).not.toContain("198.51.100.10");
    expect(t.fake.violations).toEqual([]);
  });

  it("summarises a large request within Slack's limits, lists it in full on request, and delivers all of it", async () => {
    const values = Array.from({ length: 150 }, (_, i) => `10.77.${i >> 8}.${i & 255}`);
    expect(await say(ANNA, `submit ${values.join(" ")}`)).toContain("Stored 150");
    expect(await say(ANNA, `disclose ${values.join(" ")} to ncsc-ops purpose a large release`)).toContain("R-1");
    await settle();
    const [question] = postsTo(BRAM);
    expect(textOf(question)).toContain("and 110 more");
    const full = await say(BRAM, "requests R-1");
    for (const v of values) expect(full).toContain(`\`${v}\``);
    await click(BRAM, "consent.approve", buttonValue(question, "consent.approve"));
    await settle();
    const deliveries = postsTo("C0NCSCOPS").map(textOf);
    expect(deliveries).toHaveLength(4); // 40 indicators a message
    expect(deliveries[0]).toContain("part 1 of 4");
    for (const v of values) expect(deliveries.join("\n")).toContain(`\`${v}\``);
    expect(t.fake.violations).toEqual([]);
  });

  it("refuses an analysis whose text mentions data on record that it does not cite (Art 7.2: even the mention)", async () => {
    expect(await say(ANNA, "submit 198.51.100.40")).toContain("Stored 1");
    expect(await say(GRETA, "submit 198.51.100.41 https://evil.example/a?x=1&y=2")).toContain("Stored 2");
    const refused = await say(ANNA, 'analysis title:"Overlap" 198.51.100.40 text: Also seen: 198.51.100[.]41.');
    expect(refused).toContain("No analysis was recorded");
    expect(refused).toContain("198.51.100.41");
    expect(refused).toContain("cite it");
    expect(await say(ANNA, 'analysis title:"Overlap" 198.51.100.40 198.51.100.41 text: Also seen: 198.51.100[.]41.')).toContain("A-1");
    // A URL pasted into Slack arrives with &amp;; it is found as submit stored it.
    expect(await say(ANNA, "disclose https://evil.example/a?x=1&amp;y=2 to ncsc-ops purpose escaped url")).toContain("R-1");
  });

  it("delivers a release as a STIX bundle too when the recipient's tools read STIX, marked with its TLP and conditions", async () => {
    expect(await say(ANNA, "submit 198.51.100.90 hxxp://drop[.]example/x tlp:amber")).toContain("Stored 2");
    expect(await say(ANNA, 'disclose 198.51.100.90 hxxp://drop[.]example/x to water-oost purpose block at the border conditions:"not to be passed on"')).toContain("R-1");
    await settle();
    await click(BRAM, "consent.approve", buttonValue(postsTo(BRAM)[0], "consent.approve"));
    await settle();
    const [file] = t.fake.uploadedFiles;
    expect(file).toMatchObject({ channel: "C0WATER01", name: "ciic-r-1.json" });
    const bundle = JSON.parse(file.content);
    const indicators = bundle.objects.filter((o: { type: string }) => o.type === "indicator");
    expect(indicators.map((o: { pattern: string }) => o.pattern).sort()).toEqual(["[ipv4-addr:value = '198.51.100.90']", "[url:value = 'http://drop.example/x']"]);
    const statement = bundle.objects.find((o: { definition_type?: string }) => o.definition_type === "statement");
    expect(statement.definition.statement).toContain("not to be passed on");
    for (const o of indicators) expect(o.object_marking_refs).toEqual(["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", statement.id]);
    const actions = (await t.bot.store.audit.latest(50)).map((e) => e.action);
    expect(actions.filter((a) => a === "disclosure.delivered")).toHaveLength(2); // the message and the file
    expect(t.fake.violations).toEqual([]);
  });

  it("keeps messages that Slack refused with 429 or 500 and sends them later", async () => {
    t.fake.failNext("chat.postMessage", { status: 429, headers: { "Retry-After": "1" } });
    t.fake.failNext("chat.postMessage", { status: 500 });
    await twoPartyRequest();
    clock.advance(5_000);
    await settle();
    clock.advance(5_000);
    await settle();
    expect(postsTo(BRAM)).toHaveLength(1);
    expect(postsTo(LOTTE)).toHaveLength(1);
  });
});
