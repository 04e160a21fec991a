import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { manualClock, shownText, slackView, startTestBot, type TestBot } from "../support/bot-harness.js";
import { blockActionPayload } from "../support/slack-requests.js";
import { settleOutbox } from "../support/settle-outbox.js";

/**
 * Retention review over Slack (Wiv 2017: data that have lost their relevance are removed): the
 * supplying party's liaison is asked by direct message with Keep and Let go, answers part by
 * command and the rest by button; what is let go disappears from the cell but for the record
 * that it existed, and a pending disclosure that contained it is not released.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const BRAM = "UAIVDLI01"; // AIVD liaison
const DAAN = "UMIVDLI01"; // MIVD liaison
const OPS = "C0NCSCOPS"; // the NCSC operations centre's channel (a recipient)

let t: TestBot;
let clock: ReturnType<typeof manualClock>;
const START = Date.parse("2026-11-30T09:00:00Z");

beforeEach(async () => {
  clock = manualClock(new Date(START));
  t = await startTestBot({ clock });
});
afterEach(async () => {
  await t?.stop();
});

const { say, postsTo, textOf } = slackView(() => t);
const settle = async () => {
  await t.bot.runDeadlines();
  await settleOutbox(t.bot, t.clock);
};
const shownNow = (post: RecordedCall) => {
  const ts = (post.response?.body as { ts?: string })?.ts;
  return t.fake.callsTo("chat.update").filter((u) => u.body.channel === post.body.channel && u.body.ts === ts).at(-1) ?? post;
};
type Element = { action_id: string; value: string; text: { text: string } };
const elements = (call: RecordedCall) => ((call.body.blocks ?? []) as { elements?: Element[] }[]).flatMap((b) => b.elements ?? []);
const questionsIn = (user: string, ref: string) => postsTo(user).map(shownNow).filter((c) => shownText(c.body as never).includes(ref));
const buttonsIn = (user: string, ref: string) => questionsIn(user, ref).flatMap(elements).map((e) => e.text.text);
const shownIn = (user: string, ref: string) => questionsIn(user, ref).map((c) => shownText(c.body as never)).join("\n");
async function pressIn(user: string, ref: string, label: string): Promise<string> {
  const e = questionsIn(user, ref).flatMap(elements).find((b) => b.text.text === label);
  if (!e) throw new Error(`${user} has no “${label}” button on ${ref}`);
  const before = t.fake.callsTo("response_url").length;
  await t.interact(blockActionPayload({ user_id: user, action_id: e.action_id, value: e.value, response_url: t.fake.responseUrl(`${user}-${Math.random()}`) }));
  const calls = await t.fake.waitFor("response_url", before + 1);
  return shownText(calls.at(-1)!.body as never);
}

describe("a retention review over Slack (Wiv 2017)", () => {
  it("asks the liaison, takes a partial answer by command and the rest by button, removes without the value, and releases nothing removed", async () => {
    expect(await say(ANNA, 'submit 198.51.100.7 198.51.100.8 evil.example src:"case 2026-41" note: phishing wave')).toContain("Stored 3");
    await settle();
    expect(questionsIn(BRAM, "RV-1")).toEqual([]);

    // A year on (the directory sets no retention: 365 days), with a disclosure of I-1 pending.
    clock.set(new Date(START + 366 * 86_400_000));
    expect(await say(ANNA, "disclose I-1 to ncsc-ops purpose warn the sector of the campaign")).toContain("R-1");
    await settle();
    await settle();
    expect(questionsIn(BRAM, "RV-1")).toHaveLength(1);
    const asked = shownIn(BRAM, "RV-1");
    expect(asked).toContain("Retention review RV-1: are these still relevant?");
    expect(asked).toContain("I-1");
    expect(asked).toContain("198.51.100.7");
    expect(asked).toContain("evil.example");
    expect(buttonsIn(BRAM, "RV-1")).toEqual(["Keep", "Let go"]);
    // Another party's liaison is not asked about AIVD's items (Art 7.2).
    expect(postsTo(DAAN).some((c) => textOf(c).includes("RV-1"))).toBe(false);

    // Part of it by command: I-1 goes, with the reason.
    const partial = await say(BRAM, "review RV-1 let-go I-1 reason: sinkholed since October");
    expect(partial).toContain("You let go of I-1: its value is removed from the cell. 2 items of RV-1 still wait for an answer: I-2, I-3.");
    expect(partial).toContain("1 pending disclosure request that contained it will not be released.");
    await settle();
    expect(buttonsIn(BRAM, "RV-1")).toEqual(["Keep the other 2", "Let go of the other 2"]);
    expect(shownIn(BRAM, "RV-1")).toContain("let go by");

    // The rest by button; the question then loses its buttons.
    expect(await pressIn(BRAM, "RV-1", "Keep the other 2")).toContain("You kept I-2, I-3 for another review period. RV-1 is answered.");
    await settle();
    expect(buttonsIn(BRAM, "RV-1")).toEqual([]);
    expect(shownIn(BRAM, "RV-1")).toContain("Retention review RV-1 is answered: 2 kept for another period, 1 let go and removed.");
    expect(await say(BRAM, "review RV-1 keep")).toContain("Already answered");

    // The lookup shows the record, not the value.
    const lookup = await say(ANNA, "lookup I-1");
    expect(lookup).toContain("I-1");
    expect(lookup).toContain("Its party let it go at a retention review");
    expect(lookup).not.toContain("198.51.100.7");
    expect(lookup).not.toContain("case 2026-41");
    expect(await say(ANNA, "lookup 198.51.100.7")).toContain("No party has supplied");

    // The audit entry names the item, party, who, when and why, never the value.
    const [removal] = await t.bot.store.audit.withAction("item.removed");
    expect(JSON.parse(removal.readable)).toMatchObject({ item: 1, type: "ipv4", party: "AIVD", reason: "sinkholed since October", review: "RV-1" });
    expect(removal.readable).not.toContain("198.51.100.7");
    expect(await verifyAuditLog(t.bot.store)).toMatchObject({ ok: true });

    // The pending disclosure was closed unreleased; its consent question has no buttons left.
    expect((await t.bot.store.disclosures.byId(1))!.state).toBe("DENIED");
    expect(postsTo(OPS)).toEqual([]);
    expect(postsTo(ANNA).map(textOf).join("\n")).toContain("Not disclosed: I-1 was let go by its party at a retention review");
    const consent = postsTo(BRAM).map(shownNow).filter((c) => shownText(c.body as never).includes("R-1"));
    expect(consent.flatMap(elements)).toEqual([]);
    await settle();
    expect(postsTo(OPS)).toEqual([]);
  });
});
