import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_TOKEN, SIGNING_SECRET, shownText, startTestBot, type TestBot } from "../support/bot-harness.js";
import { blockActionPayload, newTriggerId, sendInteraction, sendSlashCommand } from "../support/slack-requests.js";

/**
 * What Slack's requests must carry to be let in, tried over HTTP against the running bot: a
 * signature dated within five minutes either way, and a request id that serves its saved answer
 * to the person who sent it only.
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

describe("Slack's door: a saved answer goes back to its own sender only", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("answers someone who presents another member's trigger_id with their own answer, never the first member's", async () => {
    const trigger_id = newTriggerId();
    const first = await t.command("UAIVDAN01", "submit 192.0.2.171 tlp:red", { trigger_id });
    expect(shownText(first.json)).toContain("192.0.2.171");

    // Another party's analyst sends a request under the same trigger_id (read from a log, say).
    const other = await t.command("UNCSCAN01", "submit 192.0.2.172", { trigger_id });
    expect(other.status).toBe(200);
    const shown = shownText(other.json);
    expect(shown).toContain("Stored 1");
    expect(shown).toContain("192.0.2.172");
    expect(shown).not.toContain("192.0.2.171");
    // Carried out for them, as a request of its own.
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.172")).toHaveLength(1);
    const received = (await t.bot.store.audit.withAction("command.received")).at(-1)!;
    expect(JSON.parse(received.readable)).toMatchObject({ userId: "UNCSCAN01", requestKey: `slack:command:${trigger_id}` });
    expect(await t.bot.store.audit.withAction("command.repeated")).toEqual([]);

    // The first member's own retry still gets their first answer back, carried out once.
    const retry = await t.command("UAIVDAN01", "submit 192.0.2.171 tlp:red", { trigger_id, retryNum: 1, retryReason: "http_timeout" });
    expect(shownText(retry.json)).toBe(shownText(first.json));
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.171")).toHaveLength(1);
    expect((await t.bot.store.audit.latest(1))[0].action).toBe("command.repeated");
  });

  it("shows a look-up only to the analyst who made it, not to a liaison who presents its trigger_id", async () => {
    const trigger_id = newTriggerId();
    const lookup = await t.command("UAIVDAN01", "lookup 192.0.2.171", { trigger_id });
    expect(shownText(lookup.json)).toContain("Supplied by AIVD");
    // A liaison may not consult the cell's data (Art 6.1): the same trigger_id must not change that.
    const liaison = await t.command("UMIVDLI01", "lookup 192.0.2.171", { trigger_id });
    expect(shownText(liaison.json)).toContain("access.role_missing");
    expect(shownText(liaison.json)).not.toContain("Supplied by");
  });
});
