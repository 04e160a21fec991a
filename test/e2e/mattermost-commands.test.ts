import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { LIMITS } from "../support/fake-mattermost.js";
import { MM_ACTION_SECRET, MM_BOT_TOKEN, MM_COMMAND_TOKEN, outsideCode, seen, startMattermostTestBot, type MattermostTestBot } from "../support/mattermost-harness.js";
import { sendDialogSubmission, sendSlashCommand } from "../support/mattermost-requests.js";

/**
 * The /ciic custom slash command and its dialogs as Mattermost drives them: form-encoded
 * commands with the command's token, dialogs opened with the trigger id, submissions back with
 * the bot's signed state, and answers in Markdown within Mattermost's limits.
 */
const ANNA = "annadevriesaivdan000000000"; // AIVD analyst
const NINA = "ninanieuwaivdan00000000000"; // not screened
const JORIS = "jorisvandijknctvco00000000"; // NCTV: supplies no data (Art 5.1)
const LOTTE = "lottesmitncscli00000000000"; // NCSC liaison
const fixture = (path: string) => readFileSync(resolve("test/fixtures/public", path));

describe("the /ciic slash command on Mattermost", () => {
  let t: MattermostTestBot;
  beforeAll(async () => {
    // A submission of 900 values, which makes an answer long enough to split, took 1 s here alone
    // and more than the default 2.5 s for a command's transaction beside the rest of the suite on
    // two cores (answered "nothing was changed"). The limit has tests of its own.
    t = await startMattermostTestBot({ commandTimeoutMs: 15_000 });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("stores what an analyst submits and shows it on lookup, answering only the person who asked", async () => {
    const answer = await t.command(ANNA, "submit hxxps://evil[.]example/login 198.51.100[.]7 tlp:green");
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ response_type: "ephemeral", skip_slack_parsing: true });
    const shown = seen(answer.shown.join("\n"));
    expect(shown).toContain("Stored: 2");
    expect(shown).toContain("I-1 url https://evil.example/login");
    expect(shown).toContain("198.51.100.7");
    // Values are shown as code: exact, and not turned into links.
    expect(answer.shown[0]).toContain("`https://evil.example/login`");
    const found = await t.say(ANNA, "lookup https://evil.example/login");
    expect(found).toContain("Supplied by AIVD — 1 record.");
    expect(found).toContain("TLP:GREEN");
    expect(found).toContain("by Anna de Vries");
    expect(t.fake.violations).toEqual([]);
  });

  it("refuses someone not in the directory and a member without a screening, saying why, storing nothing", async () => {
    expect(await t.say("strangerzzzzzzzzzzzzzzzzzz", "submit 192.0.2.1")).toContain("access.unknown_user");
    const nina = await t.say(NINA, "submit 192.0.2.1");
    expect(nina).toMatch(/A-level security screening/);
    expect(nina).toContain("access.not_screened");
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.1")).toEqual([]);
  });

  it("keeps typed text inert: no mentions, links or markup reach Mattermost live", async () => {
    const note = "@all @channel ~town-square #urgent [click here](http://evil.example/x) <http://evil.example> **loud** _it_ > quote\n# heading\n    code";
    await t.command(ANNA, `submit 198.51.100.44 note: ${note}`);
    const [answer] = (await t.command(ANNA, "lookup 198.51.100.44")).shown;
    const live = outsideCode(answer);
    expect(live).not.toMatch(/@(all|channel)\b/);
    expect(live).not.toMatch(/~town-square/);
    expect(live).not.toMatch(/#urgent/);
    expect(live).not.toMatch(/\]\(|https?:\/\//);
    expect(live).not.toMatch(/(^|[^\\])\*\*loud/);
    expect(live).not.toMatch(/\n\s*#\s/);
    // …and yet the reader sees what was typed.
    expect(seen(answer)).toContain("@all @channel ~town-square #urgent [click here](http://evil.example/x)");
    expect(t.fake.violations).toEqual([]);
  });

  it("splits an answer too long for one post into marked parts within 16,383 characters, losing nothing", async () => {
    const values = Array.from({ length: 900 }, (_, i) => `10.${Math.floor(i / 250)}.${i % 250}.${(i * 7) % 250}`);
    const answer = await t.command(ANNA, `submit ${values.join(" ")}`);
    expect(answer.status).toBe(200);
    expect(answer.shown.length).toBeGreaterThan(1);
    for (const [i, part] of answer.shown.entries()) {
      expect([...part].length).toBeLessThanOrEqual(LIMITS.postMessage);
      expect(part).toMatch(new RegExp(`^\\*Part ${i + 1} of ${answer.shown.length}\\*`));
    }
    const all = seen(answer.shown.join("\n"));
    for (const value of values) expect(all).toContain(value);
    expect(t.fake.violations).toEqual([]);
  });

  it("refuses a command without the command's token with 401, logs it without the secret, and records nothing", async () => {
    const head = await t.bot.store.audit.head();
    const forged = await t.command(ANNA, "submit 192.0.2.99", { token: "not-the-command-token-000000" });
    expect(forged.status).toBe(401);
    expect(forged.text).toContain("token");
    const bare = await sendSlashCommand(t.commandUrl, { token: "", user_id: ANNA, text: "submit 192.0.2.99", trigger_id: "x" }, { headerToken: null });
    expect(bare.status).toBe(401);
    expect(await t.bot.store.audit.head()).toEqual(head);
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.99")).toEqual([]);
    const warnings = t.logs.filter((l) => l.level === 40 && String(l.msg).includes("refused a request"));
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings[0]).toMatchObject({ path: "/mattermost/command", user: ANNA });
    for (const secret of [MM_COMMAND_TOKEN, MM_BOT_TOKEN, MM_ACTION_SECRET, "not-the-command-token-000000"]) expect(t.rawLogs.join("\n")).not.toContain(secret);
  });

  it("takes the token from the form alone, as older servers send it", async () => {
    const answer = await t.command(ANNA, "submit 192.0.2.55", { headerToken: null });
    expect(answer.status).toBe(200);
    expect(seen(answer.shown.join())).toContain("Stored: 1");
  });

  it("refuses other methods and oversized bodies with a clear answer", async () => {
    const get = await fetch(t.commandUrl);
    expect(get.status).toBe(405);
    expect(await get.text()).toContain("POST");
    const huge = await fetch(t.commandUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `text=${"x".repeat(600_000)}` });
    expect(huge.status).toBe(413);
    expect((await fetch(`${t.baseUrl}/mattermost/elsewhere`, { method: "POST" })).status).toBe(404);
  });

  it("opens the submission form as a dialog within Mattermost's limits, and stores what is submitted", async () => {
    const answer = await t.command(ANNA, "submit");
    expect(answer.status).toBe(200);
    expect(answer.shown).toEqual([]);
    const [opened] = await t.fake.waitFor("dialogs.open");
    expect(opened.response?.status).toBe(200);
    const dialog = t.fake.dialogs.at(-1)!.dialog;
    expect(dialog.callback_id).toBe("ciic_submit_indicators");
    expect(dialog.elements.map((e: { name: string }) => e.name)).toEqual(["indicators", "tlp", "reliability", "sourceRef", "legalBasis", "note"]);
    expect(dialog.elements.find((e: { name: string }) => e.name === "reliability")).toMatchObject({ display_name: "Reliability", help_text: "Admiralty code, e.g. B2" });
    const submitted = await t.fake.submitDialog(ANNA, { indicators: "198.51.100.61, evil-form.example", tlp: "RED", reliability: "B2", sourceRef: null, legalBasis: "", note: "" });
    expect(submitted.status).toBe(200);
    expect(submitted.json ?? {}).toEqual({});
    // A dialog cannot show a result: it arrives as a direct message from the bot.
    const dm = t.fake.postsIn(t.fake.directChannelOf(ANNA)!).map((p) => seen(p.message)).join("\n");
    expect(dm).toContain("Stored: 2");
    const [item] = await t.bot.store.items.byValue("domain", "evil-form.example");
    expect(item).toMatchObject({ tlp: "RED", reliability: "B2", via: "mattermost:/ciic submit" });
    expect(t.fake.violations).toEqual([]);
  });

  it("keeps the dialog open with the reason when the submission is refused, and stores nothing", async () => {
    await t.command(ANNA, "submit");
    const refused = await t.fake.submitDialog(ANNA, { indicators: "198.51.100.62", tlp: "PURPLE" });
    expect(refused.status).toBe(200);
    expect(refused.json.error).toMatch(/TLP|label/i);
    expect(await t.bot.store.items.byValue("ipv4", "198.51.100.62")).toEqual([]);
  });

  it("answers a resubmission of the same dialog once, and a corrected one anew", async () => {
    await t.command(ANNA, "submit");
    const values = { indicators: "198.51.100.63", tlp: "AMBER" };
    await t.fake.submitDialog(ANNA, values);
    await t.fake.submitDialog(ANNA, values);
    expect(await t.bot.store.items.byValue("ipv4", "198.51.100.63")).toHaveLength(1);
    expect((await t.bot.store.audit.latest(1))[0].action).toBe("command.repeated");
    await t.fake.submitDialog(ANNA, { ...values, indicators: "198.51.100.63 198.51.100.65" });
    expect(await t.bot.store.items.byValue("ipv4", "198.51.100.65")).toHaveLength(1);
  });

  it("refuses a dialog submission whose state is forged, altered or someone else's, and logs it", async () => {
    await t.command(ANNA, "submit");
    const dialog = t.fake.dialogs.at(-1)!;
    const submit = (state: string, user = ANNA) =>
      sendDialogSubmission(dialog.url, { callback_id: dialog.dialog.callback_id, state, user_id: user, channel_id: "townsquare0000000000000001", submission: { indicators: "198.51.100.64", tlp: "AMBER" } });
    const [body, signature] = dialog.dialog.state.split(".");
    const altered = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), f: "ciic_consent_deny", m: "1" })).toString("base64url")}.${signature}`;
    expect((await submit("forged.state")).status).toBe(403);
    expect((await submit(altered)).status).toBe(403);
    expect((await submit(dialog.dialog.state, LOTTE)).status).toBe(403);
    expect(await t.bot.store.items.byValue("ipv4", "198.51.100.64")).toEqual([]);
    const warnings = t.logs.filter((l) => l.level === 40 && l.path === "/mattermost/dialog");
    expect(warnings.map((w) => w.reason)).toEqual([
      "the dialog's state is not signed by this bot",
      "the dialog's state is not signed by this bot",
      "the dialog was opened for someone or something else",
    ]);
    expect(t.rawLogs.join("\n")).not.toContain(MM_ACTION_SECRET);
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
  });
});

describe("/ciic import of a file posted in Mattermost", () => {
  let t: MattermostTestBot;
  const CHANNEL = "channelanna0imports0000001";
  beforeAll(async () => {
    t = await startMattermostTestBot();
    t.fake.addChannel(CHANNEL);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Types /ciic import; the result ends up in one direct message from the bot. */
  const importCommand = async (user: string, text = "", channelId = CHANNEL) => {
    const before = t.fake.callsTo("posts.create").length + t.fake.callsTo("posts.patch").length;
    const ack = await t.command(user, `import ${text}`, { channelId });
    expect(ack.status).toBe(200);
    expect(seen(ack.shown.join())).toContain("Looking for the file");
    for (let i = 0; i < 150; i++) {
      const writes = [...t.fake.callsTo("posts.create"), ...t.fake.callsTo("posts.patch")].sort((a, b) => a.at - b.at).slice(before);
      const last = writes.at(-1);
      if (last && !/^Importing/.test(seen(last.body.message))) return seen(last.body.message);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("no final answer");
  };

  it("imports the STIX bundle the member just posted, fetched with the bot's token, and reports the summary", async () => {
    t.fake.shareFile({ user: ANNA, channel: CHANNEL, name: "ipsum.json", content: fixture("stix21/feeds2stix_ipsum_level_8.json") });
    const summary = await importCommand(ANNA);
    expect(summary).toContain("Import finished");
    expect(summary).toContain("Stored: 58");
    expect(t.fake.callsTo("files.get").at(-1)!.token).toBe(MM_BOT_TOKEN);
    const items = await t.bot.store.items.currentPage("AIVD", 0, 100);
    expect(items.filter((i) => i.via === "mattermost:/ciic import")).toHaveLength(58);
    expect(t.fake.violations).toEqual([]);
  });

  it("refuses a truncated file whole and says why", async () => {
    const text = fixture("stix21/oasis_poisonivy.json").toString("utf8");
    t.fake.shareFile({ user: ANNA, channel: CHANNEL, name: "cut.json", content: text.slice(0, 40_000) });
    const before = (await t.bot.store.items.currentPage("AIVD", 0, 1000)).length;
    expect(await importCommand(ANNA, "format:stix")).toMatch(/not|refused/i);
    expect((await t.bot.store.items.currentPage("AIVD", 0, 1000)).length).toBe(before);
  });

  it("says what to do when no file was posted, and when the bot cannot read the channel", async () => {
    const empty = "channelempty00000000000001";
    t.fake.addChannel(empty);
    expect(await importCommand(ANNA, "", empty)).toContain("post the STIX, MISP or CSV file in this channel first");
    expect(await importCommand(ANNA, "", "channelnobot00000000000001")).toContain("The bot cannot read the channel");
  });

  it("refuses a member whose party supplies no data (Art 5.1)", async () => {
    t.fake.shareFile({ user: JORIS, channel: CHANNEL, name: "x.txt", content: "198.51.100.9\n" });
    expect(await importCommand(JORIS)).toContain("NCTV does not supply data");
  });
});
