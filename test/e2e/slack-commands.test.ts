import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { messageProblems } from "../support/fake-slack.js";
import { shownText, startTestBot, type TestBot } from "../support/bot-harness.js";

/**
 * The bot as Slack sees it: signed slash commands over HTTP to the running bot, answers read
 * from its HTTP responses, Web API calls recorded by the local fake Slack.
 */
describe("slash commands over HTTP, as Slack sends them", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const answer = async (user: string, text: string) => {
    const reply = await t.command(user, text);
    expect(reply.status).toBe(200);
    expect(messageProblems(reply.json)).toEqual([]);
    expect(reply.json.response_type).toBe("ephemeral");
    return shownText(reply.json);
  };

  it("answers the health check", async () => {
    const res = await fetch(`${t.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("stores what an analyst submits, refanged and normalised, and lists it with ids (Art 5.1, 5.3)", async () => {
    const text = await answer(
      "UAIVDAN01",
      "submit 198.51.100[.]7, hxxps://Evil[.]Example/login?x=1\nEVIL-domain.example 2001:DB8:0:0:0:0:0:1 tlp:green rel:b2 src:\"case 2026-17\"",
    );
    expect(text).toContain("Stored 4, already known 0, refused 0.");
    expect(text).toMatch(/`I-\d+` ipv4 `198\.51\.100\.7`/);
    expect(text).toContain("`https://evil.example/login?x=1`");
    expect(text).toContain("`evil-domain.example`");
    expect(text).toContain("`2001:db8::1`");
    expect(text).toContain("TLP:GREEN, reliability B2, basis Wiv 2017");
  });

  it("flags a value on the built-in warninglists, read after start-up, on submit and look-up, and stores it all the same", async () => {
    // The lists are read right after the bot starts; until then nothing is flagged.
    await vi.waitFor(async () => expect(await answer("UAIVDAN01", "lookup 9.9.9.9")).toContain("`9.9.9.9` — on: List of known IPv4 public DNS resolvers"), { timeout: 5000, interval: 100 });
    const text = await answer("UAIVDAN01", "submit 9.9.9.9");
    expect(text).toContain("Stored 1");
    expect(text).toContain("often a false positive");
    expect(text).toContain("`9.9.9.9` — on: List of known IPv4 public DNS resolvers");
  });

  it("reads a command as typed, Slack's markup undone: a domain Slack made a link, a URL with &amp; (Art 6.1)", async () => {
    // What Slack sends when someone types markup-1.example, then …/a?x=1&y=2.
    expect(await answer("UAIVDAN01", "submit <http://markup-1.example|markup-1.example> https://markup-1.example/a?x=1&amp;y=2")).toContain("Stored 2");
    expect(await answer("UAIVDAN01", "lookup markup-1.example")).toContain("1 record from AIVD");
    expect(await answer("UAIVDAN01", "lookup <http://markup-1.example|markup-1.example>")).toContain("1 record from AIVD");
    expect(await answer("UAIVDAN01", "lookup https://markup-1.example/a?x=1&amp;y=2")).toContain("1 record from AIVD");
    const ids = [...(await answer("UAIVDAN01", "lookup markup-1.example")).matchAll(/I-(\d+)/g)].map((m) => m[1]);
    const url = [...(await answer("UAIVDAN01", "lookup https://markup-1.example/a?x=1&amp;y=2")).matchAll(/I-(\d+)/g)].map((m) => m[1]);
    // A correction to a value in Slack's form stores what a submission of the same text stores.
    expect(await answer("UAIVDAN01", `correct I-${ids[0]} value:<http://markup-2.example|markup-2.example>`)).toContain(`corrects I-${ids[0]}`);
    expect(await answer("UAIVDAN01", `correct I-${url[0]} value:https://markup-1.example/b?x=1&amp;y=2`)).toContain(`corrects I-${url[0]}`);
    expect(await answer("UAIVDAN01", "lookup markup-2.example")).toContain("1 record from AIVD");
    expect(await answer("UAIVDAN01", "lookup https://markup-1.example/b?x=1&y=2")).toContain("1 record from AIVD");
    // Free text too: the purpose is stored as typed, so it reads "R&D" everywhere, not "R&amp;D".
    const made = await answer("UAIVDAN01", "disclose markup-2.example to ncsc-ops purpose R&amp;D &lt;urgent&gt;");
    const request = /R-\d+/.exec(made)![0];
    const shown = await answer("UAIVDAN01", `requests ${request}`);
    expect(shown).toContain("R&amp;D &lt;urgent&gt;"); // mrkdwn's own escape of "R&D <urgent>", once
    expect(shown).not.toContain("&amp;amp;");
  });

  it("says what was already known from the same party and stores nothing twice", async () => {
    const text = await answer("UAIVDAN01", "submit 198.51.100.7 203.0.113.9");
    expect(text).toContain("Stored 1, already known 1, refused 0.");
    expect(text).toMatch(/Already known from your party/);
  });

  it("tells an analyst when another party already supplied the same indicator (Art 6.1)", async () => {
    const text = await answer("UNCSCAN01", "submit 198.51.100.7");
    expect(text).toContain("Stored 1");
    expect(text).toContain("also supplied by AIVD");
  });

  it("does not tell a liaison, who is no cell staff, which other party holds an indicator (Art 6.1, 7.2)", async () => {
    const text = await answer("UMIVDLI01", "submit 198.51.100.7");
    expect(text).toContain("Stored 1");
    expect(text).not.toMatch(/AIVD|NCSC|also supplied/);
  });

  it("lets an OM liaison supply data: the OM supplies though it seats no staff (Art 4.1, 5.1)", async () => {
    const text = await answer("UOMLI0001", "submit CVE-2021-44228 d41d8cd98f00b204e9800998ecf8427e");
    expect(text).toContain("Stored 2");
  });

  it("shows every record of an indicator on lookup: parties, times and labels (Art 6.1)", async () => {
    const text = await answer("UNCSCAN01", "lookup 198.51.100[.]7");
    expect(text).toContain("Supplied by AIVD, MIVD, NCSC — 3 records");
    expect(text).toContain("TLP:GREEN");
    expect(text).toContain("reliability B2");
    expect(text).toContain("source case 2026-17");
  });

  it("says plainly when nobody supplied a value", async () => {
    expect(await answer("UAIVDAN01", "lookup 192.0.2.200")).toContain("No party has supplied");
  });

  it("reports refused values with a reason, and stores the good ones", async () => {
    const text = await answer("UAIVDAN01", "submit 192.0.2.44 010.1.1.1 javascript:alert(1) hello");
    expect(text).toContain("Stored 1, already known 0, refused 3.");
    expect(text).toMatch(/Refused/);
    expect(text).toMatch(/octal|leading zero/i);
  });

  it("refuses a submission with a bad label whole, saying what to fix, and stores nothing", async () => {
    const text = await answer("UAIVDAN01", "submit 192.0.2.45 tlp:purple rel:Z9");
    expect(text).toContain("Nothing was stored");
    expect(text).toContain("not a TLP 2.0 label");
    expect(text).toContain("not a reliability code");
    expect(await answer("UAIVDAN01", "lookup 192.0.2.45")).toContain("No party has supplied");
  });

  it("records a correction as a new version that points to the old one (Art 5.3)", async () => {
    const submitted = await answer("UAIVDAN01", "submit 192.0.2.60");
    const id = /`(I-\d+)` ipv4 `192\.0\.2\.60`/.exec(submitted)![1];
    const corrected = await answer("UAIVDAN01", `correct ${id} value:192.0.2.61 rel:A1`);
    expect(corrected).toMatch(new RegExp(`I-\\d+\` now stands for \`192\\.0\\.2\\.61\`.*corrects \`${id}\``));
    const old = await answer("UAIVDAN01", "lookup 192.0.2.60");
    expect(old).toContain("superseded by");
    expect(await answer("UAIVDAN01", `correct ${id} tlp:red`)).toContain("already corrected");
  });

  it("answers another party's item id on correct exactly as a missing one (Art 7.2)", async () => {
    const submitted = await answer("UNCSCAN01", "submit 192.0.2.70");
    const id = /`(I-\d+)`/.exec(submitted)![1];
    const theirs = await answer("UAIVDAN01", `correct ${id} tlp:red`);
    const missing = await answer("UAIVDAN01", "correct I-999999 tlp:red");
    expect(theirs.replaceAll(id, "X")).toBe(missing.replaceAll("I-999999", "X"));
  });

  it("explains only the commands a person may use (help)", async () => {
    const analyst = await answer("UAIVDAN01", "help");
    expect(analyst).toContain("/ciic submit");
    expect(analyst).toContain("/ciic lookup");
    const steering = await answer("UNCSCST01", "help");
    expect(steering).not.toContain("/ciic submit");
    expect(steering).not.toContain("/ciic lookup");
    const liaison = await answer("UMIVDLI01", "");
    expect(liaison).toContain("/ciic submit");
    expect(liaison).not.toContain("/ciic lookup");
  });

  it("keeps an intact audit chain of everything that happened", async () => {
    const verdict = await verifyAuditLog(t.bot.store);
    expect(verdict.ok).toBe(true);
    const actions = (await t.bot.store.audit.latest(500)).map((e) => e.action);
    for (const action of ["directory.loaded", "command.received", "indicators.submitted", "indicator.looked_up", "submission.refused", "item.corrected", "help.shown"]) {
      expect(actions).toContain(action);
    }
  });
});

describe("a command slower than Slack waits for", () => {
  let t: TestBot;
  beforeAll(async () => {
    // Every command counts as slow: the bot acknowledges before it answers.
    t = await startTestBot({ answerWithinMs: 0 });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("is acknowledged at once and answered through the response URL when done, once", async () => {
    const id = "slow-lookup";
    const { sendSlashCommand } = await import("../support/slack-requests.js");
    const { SIGNING_SECRET } = await import("../support/bot-harness.js");
    await t.command("UAIVDAN01", "submit 198.51.100.77");
    const ack = await sendSlashCommand(t.url, SIGNING_SECRET, { user_id: "UAIVDAN01", text: "lookup 198.51.100.77", response_url: t.fake.responseUrl(id) });
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ response_type: "ephemeral", text: "Working on it…" });
    let answers: { body: unknown }[] = [];
    for (let i = 0; i < 50 && answers.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answers = t.fake.callsTo("response_url").filter((c) => c.id === id);
    }
    expect(answers).toHaveLength(1);
    expect(answers[0].body).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(shownText(answers[0].body as never)).toContain("198.51.100.77");
    expect(shownText(answers[0].body as never)).toContain("AIVD");
    expect(t.fake.violations).toEqual([]);
  });

  it("opens a form that comes late, and says so in place of 'Working on it…'", async () => {
    const id = "slow-form";
    const { sendSlashCommand } = await import("../support/slack-requests.js");
    const { SIGNING_SECRET } = await import("../support/bot-harness.js");
    const ack = await sendSlashCommand(t.url, SIGNING_SECRET, { user_id: "UAIVDAN01", text: "submit", trigger_id: "trigger-slow-form", response_url: t.fake.responseUrl(id) });
    expect(ack.json).toMatchObject({ text: "Working on it…" });
    const [opened] = await t.fake.waitFor("views.open");
    expect(opened.body).toMatchObject({ trigger_id: "trigger-slow-form" });
    let answers: { body: unknown }[] = [];
    for (let i = 0; i < 50 && answers.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answers = t.fake.callsTo("response_url").filter((c) => c.id === id);
    }
    expect(answers.map((a) => a.body)).toEqual([{ response_type: "ephemeral", replace_original: true, text: "The form is open." }]);
  });
});

