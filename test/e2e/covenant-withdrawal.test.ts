import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { manualClock, shownText, slackView, startTestBot, type TestBot } from "../support/bot-harness.js";
import { blockActionPayload } from "../support/slack-requests.js";
import { settleOutbox } from "../support/settle-outbox.js";

/**
 * Art 14 over Slack: a party gives notice of withdrawal with its reason; two months later its
 * members lose access, its open consent questions expire, and the other parties carry on.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const GRETA = "UNCSCAN01"; // NCSC analyst
const LOTTE = "UNCSCLI01"; // NCSC liaison
const BRAM = "UAIVDLI01"; // AIVD liaison
const DAAN = "UMIVDLI01"; // MIVD liaison
const PIETER = "UPOLLI001"; // Politie liaison
const IRIS = "UOMLI0001"; // OM liaison
const JORIS = "UNCTVCO01"; // NCTV coordinator and liaison

let t: TestBot;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock(new Date("2026-11-30T09:00:00Z"));
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

/** Slack replaces a message by chat.update at its ts: the latest update of that message is what shows. */
const shownNow = (post: RecordedCall) => {
  const ts = (post.response?.body as { ts?: string })?.ts;
  return t.fake.callsTo("chat.update").filter((u) => u.body.channel === post.body.channel && u.body.ts === ts).at(-1) ?? post;
};
type Element = { action_id: string; value: string; text: { text: string } };
const elements = (call: RecordedCall) => ((call.body.blocks ?? []) as { elements?: Element[] }[]).flatMap((b) => b.elements ?? []);
/** A member's questions about one round, as Slack shows them now. */
const questionsIn = (user: string, ref: string) => postsTo(user).map(shownNow).filter((c) => shownText(c.body as never).includes(ref));
const buttonsIn = (user: string, ref: string) => questionsIn(user, ref).flatMap(elements).map((e) => e.text.text);
const shownIn = (user: string, ref: string) => questionsIn(user, ref).map((c) => shownText(c.body as never)).join("\n");
async function pressIn(user: string, ref: string, label: string) {
  const e = questionsIn(user, ref).flatMap(elements).find((b) => b.text.text === label);
  if (!e) throw new Error(`${user} has no “${label}” button on ${ref}`);
  const before = t.fake.callsTo("response_url").length;
  await t.interact(blockActionPayload({ user_id: user, action_id: e.action_id, value: e.value, response_url: t.fake.responseUrl(`${user}-${Math.random()}`) }));
  await t.fake.waitFor("response_url", before + 1);
}

describe("a party's withdrawal from the covenant (Art 14)", () => {
  it("records the notice with its reason, tells the other parties, and changes nothing for two months", async () => {
    expect(await say(GRETA, "notice reason: the cell's task moves to another service")).toContain("/ciic notice` is for liaison, coordinator or steering (covenant Art 14)");
    expect(await say(LOTTE, "notice")).toContain("state why");
    const notice = await say(LOTTE, "notice reason: the cell's task moves to another service");
    expect(notice).toContain("NCSC's notice of withdrawal is recorded");
    expect(notice).toContain("2027-01-30 10:00 CET");
    expect(await say(LOTTE, "notice reason: once more, to be sure")).toContain("already gave notice on 2026-11-30 10:00 CET");
    await settle();
    for (const liaison of [BRAM, DAAN]) {
      const [told] = postsTo(liaison);
      expect(textOf(told)).toContain("NCSC withdraws from the CIIC covenant");
      expect(textOf(told)).toContain("the cell's task moves to another service");
    }
    expect(postsTo(LOTTE)).toEqual([]);
    const status = await say(ANNA, "covenant");
    expect(status).toContain("gave notice of withdrawal on 2026-11-30 10:00 CET; it takes effect on 2027-01-30 10:00 CET (Art 14). Reason: the cell's task moves to another service");
    expect(status).toMatch(/NCSC\W+ gave notice/);
    // Until the date nothing changes.
    clock.set("2027-01-30T08:59:00Z");
    expect(await say(GRETA, "submit 198.51.100.77")).toContain("Stored 1");
  });

  it("on the date: members lose access, open questions expire, nothing of the party leaves the cell, and it happens once", async () => {
    expect(await say(GRETA, "submit ncsc-leaving.example")).toContain("Stored 1");
    expect(await say(ANNA, "submit 198.51.100.78")).toContain("Stored 1");
    await say(LOTTE, "notice reason: the cell's task moves to another service");
    clock.set("2027-01-28T09:00:00Z");
    const made = await say(ANNA, "disclose 198.51.100.78 ncsc-leaving.example to ncsc-ops purpose warn the sector");
    expect(made).toContain("R-1");
    // A communication that every other party agreed to, waiting only for NCSC.
    expect(await say(ANNA, "comms The CIIC partners confirm that they jointly assessed the phishing wave.")).toContain("CM-1 put to the parties");
    await settle();
    expect(postsTo(LOTTE).some((c) => textOf(c).includes("ncsc-leaving.example"))).toBe(true);

    await settle();
    for (const user of [DAAN, PIETER, IRIS, JORIS]) await pressIn(user, "CM-1", "Agree");
    await pressIn(JORIS, "CM-1", "Not the Agenda");
    await settle();
    expect((await t.bot.store.rounds.byId(1))!.state).toBe("OPEN");
    expect(buttonsIn(LOTTE, "CM-1")).toContain("Agree");

    clock.set("2027-01-30T09:05:00Z");
    await settle();
    // The round no longer waits for NCSC: it clears, the author is told once, NCSC's buttons go.
    expect((await t.bot.store.rounds.byId(1))!.state).toBe("CLEARED");
    const cleared = postsTo(ANNA).filter((c) => textOf(c).includes("save NCSC, which withdrew from the covenant (Art 14)"));
    expect(cleared).toHaveLength(1);
    expect(textOf(cleared[0])).toContain("Cleared: every party agreed (covenant Art 10)");
    expect(buttonsIn(LOTTE, "CM-1")).toEqual([]);
    expect(shownIn(LOTTE, "CM-1")).toContain("NCSC: withdrew from the covenant (Art 14)");
    // NCSC's question expired; the request can no longer be released, and waits for its deadline
    // as if NCSC had not answered. Ended now, AIVD's open question would end with NCSC's
    // withdrawal, and tell its liaison that NCSC's data was in the request (Art 7.2).
    expect((await t.bot.store.disclosures.byId(1))!.state).toBe("PENDING");
    expect((await t.bot.store.disclosures.asksOf(1)).map((a) => `${a.party} ${a.state}`).sort()).toEqual(["AIVD PENDING", "NCSC EXPIRED"]);
    clock.set("2027-03-01T09:00:00Z");
    await settle();
    expect((await t.bot.store.disclosures.byId(1))!.state).toBe("EXPIRED");
    expect(postsTo("C0NCSCOPS")).toEqual([]);
    expect(postsTo(BRAM).some((c) => textOf(c).includes("NCSC's withdrawal took effect"))).toBe(true);

    const refused = await say(GRETA, "lookup 198.51.100.78");
    expect(refused).toContain("NCSC withdrew from the CIIC covenant with effect from 2027-01-30");
    expect(await say(LOTTE, "requests")).toContain("no longer have access");
    // Its data stay on record, and what it supplied cannot be disclosed any more.
    expect(await say(ANNA, "lookup ncsc-leaving.example")).toContain("NCSC");
    expect(await say(ANNA, "disclose ncsc-leaving.example to ncsc-ops purpose warn the sector")).toContain("NCSC withdrew from the covenant on 2027-01-30 and can no longer consent");
    // The other parties carry on.
    expect(await say(ANNA, "disclose 198.51.100.78 to ncsc-ops purpose warn the sector")).toContain("R-2");

    await settle();
    await settle();
    const carriedOut = (await t.bot.store.audit.withAction("covenant.withdrawal_effective")).length;
    expect(carriedOut).toBe(1);
    expect(postsTo(BRAM).filter((c) => textOf(c).includes("NCSC's withdrawal took effect"))).toHaveLength(1);
    expect(postsTo(ANNA).filter((c) => textOf(c).includes("save NCSC, which withdrew"))).toHaveLength(1);
    expect((await t.bot.store.audit.withAction("comms.cleared")).length).toBe(1);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
    expect(t.fake.violations).toEqual([]);
  });
});
