import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_TOKEN, SIGNING_SECRET, shownText, startTestBot, type TestBot } from "../support/bot-harness.js";
import { blockActionPayload, sendInteraction, sendSlashCommand } from "../support/slack-requests.js";

/**
 * What Slack's requests must carry to be let in, tried over HTTP against the running bot: a
 * signature dated within five minutes either way.
 */
describe("Slack's door: signatures dated in the future", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60;
  /** A correctly signed slash command dated `minutes` from now. */
  const submitDated = (minutes: number, value: string) => sendSlashCommand(t.url, SIGNING_SECRET, { user_id: "UAIVDAN01", text: `submit ${value}` }, { timestamp: inMinutes(minutes) });

  it("refuses a correctly signed request dated six minutes ahead with 401, and carries out and stores nothing", async () => {
    const head = await t.bot.store.audit.head();
    const future = await submitDated(6, "192.0.2.161");
    expect(future.status).toBe(401);
    expect(future.text).toBe("");
    expect(await t.bot.store.audit.head()).toEqual(head);
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.161")).toEqual([]);
    expect(t.logs.some((l) => l.level === 40 && String(l.msg).includes("dated more than five minutes in the future"))).toBe(true);
  });

  it("refuses one dated six minutes ago the same way", async () => {
    const head = await t.bot.store.audit.head();
    const past = await submitDated(-6, "192.0.2.162");
    expect(past.status).toBe(401);
    expect(await t.bot.store.audit.head()).toEqual(head);
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.162")).toEqual([]);
  });

  it("accepts one dated a minute ahead (a clock slightly off)", async () => {
    const ahead = await submitDated(1, "192.0.2.163");
    expect(ahead.status).toBe(200);
    expect(shownText(ahead.json)).toContain("Stored 1");
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.163")).toHaveLength(1);
  });

  it("refuses a button click dated six minutes ahead, and a timestamp of Infinity", async () => {
    const head = await t.bot.store.audit.head();
    const click = blockActionPayload({ user_id: "UAIVDLI01", action_id: "consent.approve", value: "1" });
    expect((await sendInteraction(t.url, SIGNING_SECRET, click, { timestamp: inMinutes(6) })).status).toBe(401);
    // Bolt reads the header with Number(); "Infinity" would pass its check of the past.
    expect((await sendInteraction(t.url, SIGNING_SECRET, click, { timestamp: Infinity })).status).toBe(401);
    expect(await t.bot.store.audit.head()).toEqual(head);
  });

  it("never logs the signature or the bot token while refusing", () => {
    const all = t.rawLogs.join("\n");
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
  });
});
