import { afterEach, describe, expect, it } from "vitest";
import { buttons, deliveredItems, shown, startLocalBot, type LocalBot } from "../support/local-workspace.js";

/**
 * What a new member meets in the first hour in the local workspace (the demo directory), with
 * the words they read: a refusal says the rule that was broken and what to do.
 */
const ANALYST = "aivd-analyst";
const NCSC_ANALYST = "ncsc-analyst";
const AIVD_LIAISON = "aivd-liaison";
const NCSC_LIAISON = "ncsc-liaison";

const bots: LocalBot[] = [];
afterEach(async () => {
  while (bots.length > 0) await bots.pop()!.stop();
});
async function start() {
  const bot = await startLocalBot();
  bots.push(bot);
  return bot;
}
const say = async (t: LocalBot, user: string, text: string) => shown((await t.command(user, text)).html);

/** Two parties' indicators and an analysis citing both: A-1. */
async function analysis(t: LocalBot) {
  expect(await say(t, ANALYST, "/ciic submit 198.51.100.10")).toMatch(/Stored\s*1/);
  expect(await say(t, NCSC_ANALYST, "/ciic submit ncsc-only.example tlp:green")).toMatch(/Stored\s*1/);
  expect(await say(t, ANALYST, '/ciic analysis title:"Phishing wave" 198.51.100.10 ncsc-only.example text: Both point at one actor.')).toContain("A-1");
}

describe("the first hour", () => {
  it("refuses a purpose that is too short with the rule: how many characters, and how many it has", async () => {
    const t = await start();
    await analysis(t);
    const refused = await say(t, ANALYST, "/ciic disclose A-1 to ncsc-ops purpose test");
    expect(refused).toContain("the purpose must say in at least 5 characters what the data are for");
    expect(refused).toContain("it has 4");
    expect(refused).not.toContain("state the purpose after");
    expect(await say(t, ANALYST, "/ciic disclose A-1 to ncsc-ops purpose warn the sector")).toContain("R-1");
  });

  it("leaves no 'pending' card of a request among the requester's messages once it is released: the earlier card shows the new status", async () => {
    const t = await start();
    await analysis(t);
    expect(await say(t, ANALYST, "/ciic disclose A-1 to ncsc-ops purpose warn the sector")).toContain("R-1");
    await t.settle();
    const approve = async (liaison: string) => {
      const ask = deliveredItems(await t.messages({ user: liaison })).find((m) => shown(m).includes("Consent asked: R-1"))!;
      const button = buttons(ask).find((b) => b.label === "Approve")!;
      await t.action(liaison, button.action, button.value);
      await t.settle();
    };
    await approve(AIVD_LIAISON);
    const waiting = deliveredItems(await t.messages({ user: ANALYST })).map(shown);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toContain("R-1: pending");
    expect(waiting[0]).toContain("Waiting for NCSC");

    await approve(NCSC_LIAISON);
    const cards = deliveredItems(await t.messages({ user: ANALYST })).map(shown);
    // Newest first: the outcome in full, then the earlier card, replaced by the outcome's heading.
    expect(cards).toHaveLength(2);
    expect(cards[0]).toContain("R-1: released");
    expect(cards[0]).toContain("Purpose");
    expect(cards[1]).toContain("R-1: released");
    expect(cards[1]).toContain("updated");
    expect(cards[1]).not.toContain("Purpose");
    for (const card of cards) {
      expect(card).not.toContain("pending");
      expect(card).not.toContain("Waiting for");
    }
  });
});
