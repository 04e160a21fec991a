import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { manualClock, slackView, startTestBot, type TestBot } from "../support/bot-harness.js";
import { settleOutbox } from "../support/settle-outbox.js";

/**
 * Art 4.5 over Slack: an analyst asks the OM's designated staff for consultation; they are
 * pinged with the question only, answer, and the consultation is tracked until closed.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const GRETA = "UNCSCAN01"; // NCSC analyst
const OMAR = "UOMLI0001"; // OM liaison and coordinator
const BRAM = "UAIVDLI01"; // AIVD liaison
const HUGO = "UNCSCST01"; // NCSC steering group member

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

describe("consultation with the OM (Art 4.5)", () => {
  it("pings the OM's staff with the question only, carries the answer back, and is closed once", async () => {
    expect(await say(ANNA, "submit 198.51.100.20")).toContain("Stored 1");
    const mentioning = await say(ANNA, "consult I-1 question: may we warn the owner of 198.51.100.20 before a seizure?");
    expect(mentioning).toContain("No consultation was opened");
    expect(mentioning).toContain("Art 7.2");
    expect(await say(ANNA, "consult I-1 question: ?")).toContain("put the question after `question:`");

    const opened = await say(ANNA, "consult I-1 question: may we warn the owner before a seizure?");
    expect(opened).toContain("C-1");
    expect(opened).toContain("the OM is not shown these");
    await settle();
    const [ping] = postsTo(OMAR);
    expect(textOf(ping)).toContain("may we warn the owner before a seizure?");
    expect(textOf(ping)).toContain("Anna de Vries");
    expect(textOf(ping)).not.toContain("198.51.100.20");
    expect(textOf(ping)).not.toContain("I-1");

    expect(await say(OMAR, "consult C-1 answer: Yes, once the officer of justice is told.")).toContain("Added to C-1");
    await settle();
    expect(textOf(postsTo(ANNA).at(-1)!)).toContain("Yes, once the officer of justice is told.");
    const shown = await say(GRETA, "consult C-1");
    expect(shown).toContain("Yes, once the officer of justice is told.");
    expect(shown).toContain("Concerns I-1");
    expect(await say(OMAR, "consult C-1")).not.toContain("Concerns I-1");
    expect(await say(GRETA, "consult")).toContain("C-1");

    expect(await say(BRAM, "consult C-1 answer: me too")).toContain("There is no consultation");
    expect(await say(HUGO, "consult")).toContain("`/ciic consult` is for analyst, liaison or deputy (covenant Art 4.5)");

    expect(await say(OMAR, "consult C-1 close")).toContain("C-1 is closed");
    expect(await say(ANNA, "consult C-1 close")).toContain("already closed");
    expect(await say(ANNA, "consult C-1 answer: one more thing")).toContain("was closed on 2026-11-30 10:00 CET");
    await settle();
    expect(textOf(postsTo(ANNA).at(-1)!)).toContain("Consultation C-1 was closed by");
    expect(await say(GRETA, "consult")).toContain("No consultation with the OM is open");

    const actions = (await t.bot.store.audit.latest(100)).map((e) => e.action);
    for (const a of ["consultation.opened", "consultation.answered", "consultation.closed", "consultation.refused"]) expect(actions).toContain(a);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
    expect(t.fake.violations).toEqual([]);
  });
});
