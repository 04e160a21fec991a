import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordedCall } from "../support/fake-slack.js";
import { manualClock, startTestBot, slackView, type TestBot } from "../support/bot-harness.js";
import { blockActionPayload } from "../support/slack-requests.js";

/**
 * Art 7.2 for free text, over Slack's wire as the attack was run: signed slash commands and
 * clicks in, every Web API call out recorded by the fake Slack. AIVD supplied
 * aivd-secret.example, MIVD's liaison's party nothing here, NCSC ncsc-only.example; the
 * test checks every call the bot made to anyone.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const GRETA = "UNCSCAN01"; // NCSC analyst
const LOTTE = "UNCSCLI01"; // NCSC liaison
const IRIS = "UOMLI0001"; // OM liaison
const WATER = "C0WATER01"; // the recipient's channel

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ clock: manualClock(new Date("2026-11-30T09:00:00Z")) });
});
afterEach(async () => {
  await t?.stop();
});

const { say, postsTo, textOf, settle } = slackView(() => t);
const buttonValue = (call: RecordedCall, action: string) => {
  const blocks = call.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
  return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === action)!.value;
};
const click = (user: string, action: string, value: string) =>
  t.interact(blockActionPayload({ user_id: user, action_id: action, value, response_url: t.fake.responseUrl(`${user}-${Math.random()}`) }));
/** Every message and file the bot sent anyone but the given cell staff, as text. */
const sentToOthers = (...staff: string[]) =>
  [
    ...t.fake.calls.filter((c) => c.method === "chat.postMessage" || c.method === "chat.update").filter((c) => !staff.includes(String(c.body.channel))).map((c) => JSON.stringify(c.body)),
    ...t.fake.uploadedFiles.filter((f) => !staff.some((s) => f.channel === `D${s}`)).map((f) => f.content),
  ].join("\n");

describe("free text over Slack (Art 7.2)", () => {
  it("refuses a purpose and conditions that carry AIVD's value, then releases a clean request to the recipient with NCSC's consent alone", async () => {
    expect(await say(ANNA, "submit aivd-secret.example")).toContain("Stored 1");
    expect(await say(GRETA, "submit ncsc-only.example")).toContain("Stored 1");
    const refused = await say(GRETA, 'disclose ncsc-only.example to water-oost purpose block it; same actor as aivd-secret.example\'s panel conditions:"also watch <http://aivd-secret.example|aivd-secret.example>"');
    expect(refused).toContain("No request was made");
    expect(refused).toContain("aivd-secret.example (data of AIVD) is named in the purpose");
    expect(refused).toContain("aivd-secret.example (data of AIVD) is named in the conditions");
    expect(await say(GRETA, 'disclose ncsc-only.example to water-oost purpose block it at the border conditions:"not to be passed on"')).toContain("R-1");
    await settle();
    await click(LOTTE, "consent.approve", buttonValue(postsTo(LOTTE)[0], "consent.approve"));
    await settle();
    expect(textOf(postsTo(WATER)[0])).toContain("ncsc-only.example");
    expect(sentToOthers(ANNA, GRETA)).not.toContain("aivd-secret");
    expect(t.fake.violations).toEqual([]);
  });

  it("refuses an analysis whose text names another party's value without citing it, and an OM answer that names one", async () => {
    expect(await say(ANNA, "submit aivd-secret.example https://aivd-url.example/login")).toContain("Stored 2");
    expect(await say(GRETA, "submit ncsc-only.example")).toContain("Stored 1");
    for (const form of ["aivd-secret.example's C2", "aivd-url.example/login", "aivd\u2011secret.example", "I\u20111"]) {
      const reply = await say(GRETA, `analysis title:"Wave" ncsc-only.example text: The loader talks to ${form} hourly.`);
      expect(reply, form).toContain("No analysis was recorded");
      expect(reply, form).toContain("cite it");
    }
    expect(await say(ANNA, "consult question: may we warn the owner before a seizure?")).toContain("C-1 is open");
    const answer = await say(IRIS, "consult C-1 answer: we know aivd-secret[.]example too");
    expect(answer).toContain("cannot be in the text");
    expect(answer).not.toContain("AIVD");
    await settle();
    expect(sentToOthers(ANNA, GRETA)).not.toMatch(/aivd-secret|aivd-url/);
  });
});
