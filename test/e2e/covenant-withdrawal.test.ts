import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { manualClock, slackView, startTestBot, type TestBot } from "../support/bot-harness.js";

/**
 * Art 14 over Slack: a party gives notice of withdrawal with its reason; two months later its
 * members lose access, its open consent questions expire, and the other parties carry on.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const GRETA = "UNCSCAN01"; // NCSC analyst
const LOTTE = "UNCSCLI01"; // NCSC liaison
const BRAM = "UAIVDLI01"; // AIVD liaison
const DAAN = "UMIVDLI01"; // MIVD liaison

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
  await t.bot.dispatchOutbox();
  await t.bot.dispatchOutbox();
};

describe("a party's withdrawal from the covenant (Art 14)", () => {
  it("records the notice with its reason, tells the other parties, and changes nothing for two months", async () => {
    expect(await say(GRETA, "notice reason: the cell's task moves to another service")).toContain("/ciic notice` is for liaison, coordinator or steering (covenant Art 14)");
    expect(await say(LOTTE, "notice")).toContain("state why");
    const notice = await say(LOTTE, "notice reason: the cell's task moves to another service");
    expect(notice).toContain("NCSC's notice of withdrawal is recorded");
    expect(notice).toContain("2027-01-30 09:00 UTC");
    expect(await say(LOTTE, "notice reason: once more, to be sure")).toContain("already gave notice on 2026-11-30 09:00 UTC");
    await settle();
    for (const liaison of [BRAM, DAAN]) {
      const [told] = postsTo(liaison);
      expect(textOf(told)).toContain("NCSC withdraws from the CIIC covenant");
      expect(textOf(told)).toContain("the cell's task moves to another service");
    }
    expect(postsTo(LOTTE)).toEqual([]);
    const status = await say(ANNA, "covenant");
    expect(status).toContain("gave notice of withdrawal on 2026-11-30 09:00 UTC; it takes effect on 2027-01-30 09:00 UTC (Art 14). Reason: the cell's task moves to another service");
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
    await settle();
    expect(postsTo(LOTTE).some((c) => textOf(c).includes("ncsc-leaving.example"))).toBe(true);

    clock.set("2027-01-30T09:05:00Z");
    await settle();
    const request = (await t.bot.store.disclosures.byId(1))!;
    expect(request.state).toBe("EXPIRED");
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
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
    expect(t.fake.violations).toEqual([]);
  });
});
