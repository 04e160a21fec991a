import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageProblems } from "../support/fake-slack.js";
import { BOT_TOKEN, SIGNING_SECRET, shownText, startTestBot, type TestBot } from "../support/bot-harness.js";
import { sendSlashCommand, slackSignature, viewSubmissionPayload } from "../support/slack-requests.js";

describe("who may do what, enforced over HTTP with a clear answer", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const refusal = async (user: string, text: string) => {
    const reply = await t.command(user, text);
    expect(reply.status).toBe(200);
    expect(messageProblems(reply.json)).toEqual([]);
    return shownText(reply.json);
  };

  it.each([
    ["someone not in the directory", "UNKNOWN01", "submit 192.0.2.1", "access.unknown_user", /not in the CIIC directory/],
    ["a member without an A-level screening (Art 4.6)", "UAIVDNEW1", "submit 192.0.2.1", "access.not_screened", /A-level security screening/],
    ["a member whose screening expired (Art 4.6)", "UPOLOLD01", "lookup 192.0.2.1", "access.screening_expired", /expired on 2020-01-01/],
    ["the NCTV, which supplies no data (Art 5.1)", "UNCTVCO01", "submit 192.0.2.1", "access.party_does_not_supply", /NCTV does not supply data/],
    ["a liaison asking to consult the cell's data (Art 6.1)", "UMIVDLI01", "lookup 192.0.2.1", "access.role_missing", /is for analyst or auditor/],
    ["a steering group member submitting", "UNCSCST01", "submit 192.0.2.1", "access.role_missing", /is for analyst or liaison/],
  ])("refuses %s, says why and what to do, and stores nothing", async (_who, user, text, code, reason) => {
    const before = await t.bot.store.items.byValue("ipv4", "192.0.2.1");
    const shown = await refusal(user, text);
    expect(shown).toMatch(reason);
    expect(shown).toContain(code);
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.1")).toEqual(before);
    const [last] = await t.bot.store.audit.latest(1);
    expect(last.action).toBe("access.refused");
    expect(JSON.parse(last.readable)).toEqual({ code });
  });

  it("lets the oversight committee's auditor look up, and refuses it submitting", async () => {
    expect(await refusal("UCTIVD001", "lookup 192.0.2.1")).toContain("No party has supplied");
    expect(await refusal("UCTIVD001", "submit 192.0.2.1")).toContain("access.role_missing");
  });

  it("answers an unknown subcommand with a pointer to help", async () => {
    expect(await refusal("UAIVDAN01", "frobnicate 1.2.3.4")).toMatch(/not a command of this bot.*\/ciic help/);
  });

  it("refuses a request with a bad signature with 401 and records nothing", async () => {
    const head = await t.bot.store.audit.head();
    const forged = await sendSlashCommand(t.url, "not-the-signing-secret", { user_id: "UAIVDAN01", text: "submit 192.0.2.99" });
    expect(forged.status).toBe(401);
    const tampered = await sendSlashCommand(t.url, SIGNING_SECRET, { user_id: "UAIVDAN01", text: "submit 192.0.2.99" }, { signature: `v0=${"0".repeat(64)}` });
    expect(tampered.status).toBe(401);
    expect(await t.bot.store.audit.head()).toEqual(head);
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.99")).toEqual([]);
  });

  it("refuses a stale request (replayed after five minutes) with 401", async () => {
    const head = await t.bot.store.audit.head();
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await sendSlashCommand(t.url, SIGNING_SECRET, { user_id: "UAIVDAN01", text: "submit 192.0.2.98" }, { timestamp: old });
    expect(stale.status).toBe(401);
    expect(await t.bot.store.audit.head()).toEqual(head);
  });

  it("never carries out a retried request twice: Slack's retry gets the first answer back", async () => {
    const trigger_id = "1337.42.retried-trigger";
    const first = await t.command("UAIVDAN01", "submit 192.0.2.123", { trigger_id });
    const retry = await t.command("UAIVDAN01", "submit 192.0.2.123", { trigger_id, retryNum: 1, retryReason: "http_timeout" });
    expect(retry.status).toBe(200);
    expect(shownText(retry.json)).toBe(shownText(first.json));
    expect(shownText(first.json)).toContain("Stored 1");
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.123")).toHaveLength(1);
    const actions = (await t.bot.store.audit.latest(3)).map((e) => e.action);
    expect(actions[0]).toBe("command.repeated");
  });

  it("settles two simultaneous deliveries of one request to exactly one execution", async () => {
    const trigger_id = "1337.43.simultaneous";
    const replies = await Promise.all([0, 1, 2].map((n) => t.command("UNCSCAN01", "submit 192.0.2.124", { trigger_id, retryNum: n || undefined })));
    const texts = replies.map((r) => shownText(r.json));
    expect(new Set(texts).size).toBe(1);
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.124")).toHaveLength(1);
  });
});

describe("hostile and malformed input gets a clear answer, changes nothing, and the bot stays up", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const send = async (text: string) => {
    const reply = await t.command("UAIVDAN01", text);
    expect(reply.status).toBe(200);
    expect(messageProblems(reply.json)).toEqual([]);
    return shownText(reply.json);
  };

  it("refuses more values than one command takes, storing none of them", async () => {
    const values = Array.from({ length: 5000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.1`).join(" ");
    const shown = await send(`submit ${values}`);
    expect(shown).toContain("Nothing was stored");
    expect(shown).toContain("5000 values are more than the 1000");
    expect(await t.bot.store.items.byValue("ipv4", "10.0.0.1")).toEqual([]);
  });

  it("takes a thousand values in one command, well within Slack's three seconds", async () => {
    const values = Array.from({ length: 1000 }, (_, i) => `172.16.${(i >> 8) & 255}.${i & 255}`).join("\n");
    const started = Date.now();
    const shown = await send(`submit ${values}`);
    const elapsed = Date.now() - started;
    expect(shown).toContain("Stored 1000, already known 0, refused 0.");
    // Not a speed assertion: Slack drops an answer that comes after 3 s, so a later one is a failure.
    expect(elapsed).toBeLessThan(3000);
  });

  it("answers very long text without echoing it back whole", async () => {
    const shown = await send(`submit ${"a".repeat(200_000)}`);
    expect(shown).toContain("Nothing was stored");
    expect(shown.length).toBeLessThan(10_000);
  });

  it("refuses control and bidi characters inside values instead of storing look-alikes", async () => {
    const shown = await send("submit evil\u202e.example 192.0.2.\u00001 good.example");
    expect(shown).toContain("Stored 1, already known 0, refused 2.");
    expect(await t.bot.store.items.byValue("domain", "good.example")).toHaveLength(1);
  });

  it("reads Slack's escaped links and mailto links as the values the person typed", async () => {
    // Slack wraps a typed URL as <url>, a typed bare domain as <http://domain|domain> (the
    // scheme is Slack's guess, not the analyst's), and an address as <mailto:a|a>.
    const shown = await send(
      "submit <http://evil.example/payload.exe> <http://bare.example|bare.example> <mailto:phish@Evil.Example|phish@Evil.Example> &lt;script&gt;",
    );
    expect(shown).toContain("`http://evil.example/payload.exe`");
    expect(shown).toContain("domain `bare.example`");
    expect(shown).toContain("`phish@evil.example`");
    expect(shown).toContain("refused 1.");
    expect(shown).not.toContain("<script>");
  });

  it("escapes what it echoes, so typed markup cannot ping a channel or forge a link", async () => {
    const reply = await t.command("UAIVDAN01", "frob<!channel>");
    expect(reply.json.text).not.toContain("<!channel>");
    expect(JSON.stringify(reply.json.blocks)).not.toContain("<!channel>");
  });

  it("is still up and answering after all of it", async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    expect(await send("help")).toContain("/ciic submit");
  });
});

describe("the submission form (modal)", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("opens with the same fields as the typed command when /ciic submit has nothing after it", async () => {
    const reply = await t.command("UAIVDAN01", "submit", { trigger_id: "1337.7.form" });
    expect(reply.status).toBe(200);
    const [open] = await t.fake.waitFor("views.open");
    expect(open.token).toBe(BOT_TOKEN);
    expect(t.fake.violations).toEqual([]);
    const view = open.body.view as { callback_id: string; blocks: { block_id: string }[] };
    expect(open.body.trigger_id).toBe("1337.7.form");
    expect(view.blocks.map((b) => b.block_id)).toEqual(["indicators", "tlp", "reliability", "sourceRef", "legalBasis", "note"]);
  });

  const submitForm = (user: string, indicators: string, tlp = "RED") =>
    t.interact(
      viewSubmissionPayload({
        user_id: user,
        callback_id: "ciic_submit_indicators",
        values: {
          indicators: { value: { type: "plain_text_input", value: indicators } },
          tlp: { value: { type: "static_select", selected_option: { text: { type: "plain_text", text: `TLP:${tlp}` }, value: tlp } } },
          reliability: { value: { type: "plain_text_input", value: "C3" } },
          sourceRef: { value: { type: "plain_text_input", value: null } },
          legalBasis: { value: { type: "plain_text_input", value: null } },
          note: { value: { type: "plain_text_input", value: "from the form" } },
        },
      }),
    );

  it("stores what the form holds and shows the result in place of the form", async () => {
    const reply = await submitForm("UAIVDAN01", "hxxp://form[.]example/x\n192.0.2.55");
    expect(reply.status).toBe(200);
    expect(reply.json.response_action).toBe("update");
    expect(shownText({ blocks: reply.json.view.blocks })).toContain("Stored");
    const [item] = await t.bot.store.items.byValue("ipv4", "192.0.2.55");
    expect(item).toMatchObject({ tlp: "RED", reliability: "C3", note: "from the form", party: "AIVD", via: "slack:/ciic submit" });
  });

  it("keeps the form open with the reason when nothing in it can be stored", async () => {
    const reply = await submitForm("UAIVDAN01", "not-an-indicator");
    expect(reply.json.response_action).toBe("errors");
    expect(reply.json.errors.indicators).toContain("Nothing was stored");
  });

  it("applies the same access rules to the form as to the typed command", async () => {
    const reply = await submitForm("UNCTVCO01", "192.0.2.56");
    expect(reply.json.response_action).toBe("errors");
    expect(reply.json.errors.indicators).toContain("NCTV does not supply data");
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.56")).toEqual([]);
  });
});

describe("the operators' log", () => {
  it("holds JSON lines with request ids, and no token, signing secret or indicator value at info level", async () => {
    const t = await startTestBot({ logLevel: "info" });
    try {
      await t.command("UAIVDAN01", "submit secret-indicator.example");
      await sendSlashCommand(t.url, "wrong", { user_id: "UAIVDAN01", text: "submit x.example" });
      const all = t.rawLogs.join("\n");
      expect(t.logs.some((l) => l.msg === "command answered" && typeof l.requestId === "string")).toBe(true);
      expect(all).not.toContain(BOT_TOKEN);
      expect(all).not.toContain(SIGNING_SECRET);
      expect(all).not.toContain(slackSignature(SIGNING_SECRET, 0, "").slice(0, 10));
      expect(all).not.toContain("secret-indicator.example");
    } finally {
      await t.stop();
    }
  });
});
