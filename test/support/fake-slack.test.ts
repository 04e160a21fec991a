// Tests of the test oracle itself: if the fake is too lax, bot bugs reach
// production; if it is too strict, good bots fail. So each limit is tested on
// both sides of the boundary, through the real @slack/web-api client.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LogLevel, WebClient, type Logger } from "@slack/web-api";
import { App, isValidSlackRequest } from "@slack/bolt";
import { startFakeSlack, type FakeSlack } from "./fake-slack.js";
import {
  blockActionPayload,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
  slackSignature,
  viewSubmissionPayload,
} from "./slack-requests.js";

const TOKEN = "xoxb-ciic-test-token";

// The client logs Slack's [ERROR] messages for every rejected call; the tests provoke those on purpose.
const quiet: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

let fake: FakeSlack;
let client: WebClient;

beforeAll(async () => {
  fake = await startFakeSlack({ botToken: TOKEN, botUserId: "U0BOT" });
  client = new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, logger: quiet, retryConfig: { retries: 0 } });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const x = (n: number, ch = "x") => ch.repeat(n);
const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const section = (text = "hi") => ({ type: "section", text: mrkdwn(text) });
const button = (over: Record<string, unknown> = {}) => ({ type: "button", text: plain("Go"), action_id: "go", value: "v", ...over });
const option = (text = "A", value = "a") => ({ text: plain(text), value });
const input = (element: Record<string, unknown> = { type: "plain_text_input", action_id: "in" }, label = "Label") => ({
  type: "input",
  block_id: "b_in",
  label: plain(label),
  element,
});
const modal = (over: Record<string, unknown> = {}) => ({
  type: "modal",
  title: plain("CIIC"),
  submit: plain("Send"),
  close: plain("Cancel"),
  blocks: [section()],
  ...over,
});
const post = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({ channel: "C1", text: "fallback", blocks, ...extra });

/** Calls through the real client and returns Slack's error code, or "ok". */
async function outcome(method: string, args: Record<string, unknown>, web = client): Promise<string> {
  try {
    await web.apiCall(method, args);
    return "ok";
  } catch (err) {
    const data = (err as { data?: { error?: string } }).data;
    if (!data?.error) throw err;
    return data.error;
  }
}

describe("authentication", () => {
  it("accepts the bot token from the Authorization header and answers auth.test", async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, user_id: "U0BOT", team_id: "T0CIIC000", bot_id: expect.any(String) });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ method: "auth.test", token: TOKEN });
    expect(fake.violations).toEqual([]);
  });

  it("answers invalid_auth (HTTP 200) to a wrong token and records it", async () => {
    const wrong = new WebClient("xoxb-wrong", { slackApiUrl: fake.apiUrl, logger: quiet, retryConfig: { retries: 0 } });
    expect(await outcome("chat.postMessage", { channel: "C1", text: "hi" }, wrong)).toBe("invalid_auth");
    expect(fake.callsTo("chat.postMessage")[0].response?.status).toBe(200);
    expect(fake.violations).toEqual(["chat.postMessage: token: wrong token"]);
  });

  it("answers not_authed when no token is sent, as Slack does", async () => {
    const res = await fetch(fake.apiUrl + "auth.test", { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error: "not_authed" });
    expect(fake.violations).toEqual(["auth.test: token: no token"]);
  });

  it("also accepts a token sent as a form field, and JSON bodies", async () => {
    const form = await fetch(fake.apiUrl + "auth.test", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: TOKEN }).toString(),
    });
    expect(await form.json()).toMatchObject({ ok: true });
    const viaJson = await fetch(fake.apiUrl + "chat.postMessage", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ channel: "C1", blocks: [section("json")] }),
    });
    expect(await viaJson.json()).toMatchObject({ ok: true, channel: "C1" });
    expect(fake.callsTo("chat.postMessage")[0].body.blocks).toEqual([section("json")]);
    expect(fake.violations).toEqual([]);
  });
});

describe("methods", () => {
  it("parses JSON-string fields of form bodies into objects", async () => {
    await client.chat.postMessage({ channel: "C1", text: "t", blocks: [section("b")], metadata: { event_type: "e", event_payload: { a: 1 } } });
    const [call] = fake.callsTo("chat.postMessage");
    expect(call.body).toMatchObject({ channel: "C1", text: "t", blocks: [section("b")], metadata: { event_payload: { a: 1 } } });
    expect(call.body).not.toHaveProperty("token");
  });

  it("answers every implemented method with plausible fields", async () => {
    const posted = await client.chat.postMessage({ channel: "C1", text: "hi" });
    expect(posted).toMatchObject({ ok: true, channel: "C1", ts: expect.stringMatching(/^\d+\.\d{6}$/), message: { text: "hi", user: "U0BOT" } });
    const second = await client.chat.postMessage({ channel: "C1", text: "again" });
    expect(second.ts).not.toBe(posted.ts);
    expect(await client.chat.postEphemeral({ channel: "C1", user: "U1", text: "psst" })).toMatchObject({ ok: true, message_ts: expect.any(String) });
    expect(await client.chat.update({ channel: "C1", ts: posted.ts!, text: "edited" })).toMatchObject({ ok: true, ts: posted.ts });
    expect(await client.chat.delete({ channel: "C1", ts: posted.ts! })).toMatchObject({ ok: true, ts: posted.ts });
    const opened = await client.views.open({ trigger_id: "1337.1.a", view: modal() as never });
    expect(opened).toMatchObject({ ok: true, view: { id: expect.stringMatching(/^V/), type: "modal" } });
    expect(await client.views.update({ view_id: opened.view!.id!, view: modal() as never })).toMatchObject({ view: { id: opened.view!.id } });
    expect(await client.views.push({ trigger_id: "1337.2.b", view: modal() as never })).toMatchObject({ ok: true });
    expect(await client.views.publish({ user_id: "U1", view: { type: "home", blocks: [section()] } })).toMatchObject({ ok: true });
    expect(await client.conversations.open({ users: "U123" })).toMatchObject({ ok: true, channel: { id: "DU123" } });
    expect(await client.users.info({ user: "U123" })).toMatchObject({ ok: true, user: { id: "U123", profile: expect.any(Object) } });
    expect(fake.violations).toEqual([]);
  });

  it("answers unknown_method and records a violation", async () => {
    expect(await outcome("chat.scheduleMessage", { channel: "C1", text: "x", post_at: 1 })).toBe("unknown_method");
    expect(fake.violations).toEqual([expect.stringMatching(/^chat\.scheduleMessage: /)]);
  });
});

// Each case breaks exactly one limit; `violation` must appear in the recorded text.
const rejected: Array<[name: string, method: string, args: Record<string, unknown>, error: string, violation: RegExp]> = [
  ["51 message blocks", "chat.postMessage", post(Array.from({ length: 51 }, () => ({ type: "divider" }))), "invalid_blocks", /^chat\.postMessage: blocks: 51 blocks, limit 50$/],
  ["section text 3001", "chat.postMessage", post([section(x(3001))]), "invalid_blocks", /blocks\[0\]\.text\.text: 3001 chars, limit 3000/],
  ["11 section fields", "chat.postMessage", post([{ type: "section", fields: Array.from({ length: 11 }, () => mrkdwn("f")) }]), "invalid_blocks", /11 fields, limit 10/],
  ["section field 2001", "chat.postMessage", post([{ type: "section", fields: [mrkdwn(x(2001))] }]), "invalid_blocks", /fields\[0\]\.text: 2001 chars, limit 2000/],
  ["section without text or fields", "chat.postMessage", post([{ type: "section" }]), "invalid_blocks", /section needs text or fields/],
  ["header 151", "chat.postMessage", post([{ type: "header", text: plain(x(151)) }]), "invalid_blocks", /151 chars, limit 150/],
  ["header in mrkdwn", "chat.postMessage", post([{ type: "header", text: mrkdwn("h") }]), "invalid_blocks", /must be plain_text/],
  ["11 context elements", "chat.postMessage", post([{ type: "context", elements: Array.from({ length: 11 }, () => mrkdwn("c")) }]), "invalid_blocks", /11 elements, limit 10/],
  ["26 action elements", "chat.postMessage", post([{ type: "actions", elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }]), "invalid_blocks", /26 elements, limit 25/],
  ["button text 76", "chat.postMessage", post([{ type: "actions", elements: [button({ text: plain(x(76)) })] }]), "invalid_blocks", /elements\[0\]\.text\.text: 76 chars, limit 75/],
  ["button value 2001", "chat.postMessage", post([{ type: "actions", elements: [button({ value: x(2001) })] }]), "invalid_blocks", /value: 2001 chars, limit 2000/],
  ["button url 3001", "chat.postMessage", post([{ type: "actions", elements: [button({ url: "https://e.x/" + x(2989) })] }]), "invalid_blocks", /url: 3001 chars, limit 3000/],
  ["action_id 256", "chat.postMessage", post([{ type: "actions", elements: [button({ action_id: x(256) })] }]), "invalid_blocks", /action_id: 256 chars, limit 255/],
  ["block_id 256", "chat.postMessage", post([{ ...section(), block_id: x(256) }]), "invalid_blocks", /block_id: 256 chars, limit 255/],
  ["duplicate block_id", "chat.postMessage", post([{ ...section(), block_id: "b" }, { ...section(), block_id: "b" }]), "invalid_blocks", /duplicate block_id "b"/],
  ["duplicate action_id in one block", "chat.postMessage", post([{ type: "actions", elements: [button(), button()] }]), "invalid_blocks", /duplicate action_id "go"/],
  ["text object without type", "chat.postMessage", post([{ type: "section", text: { text: "t" } }]), "invalid_blocks", /type must be plain_text or mrkdwn/],
  ["text object without text", "chat.postMessage", post([{ type: "section", text: { type: "mrkdwn" } }]), "invalid_blocks", /text\.text: text is required/],
  ["empty text object", "chat.postMessage", post([section("")]), "invalid_blocks", /0 chars, minimum 1/],
  ["emoji on mrkdwn", "chat.postMessage", post([{ type: "section", text: { ...mrkdwn("t"), emoji: true } }]), "invalid_blocks", /emoji is only allowed on plain_text/],
  ["message text 40001", "chat.postMessage", { channel: "C1", text: x(40001) }, "msg_too_long", /text: 40001 chars, limit 40000/],
  ["no channel", "chat.postMessage", { text: "hi" }, "channel_not_found", /channel is required/],
  ["neither text nor blocks", "chat.postMessage", { channel: "C1" }, "no_text", /one of text, blocks or attachments is required/],
  ["empty blocks and no text", "chat.postMessage", { channel: "C1", blocks: [] }, "no_text", /one of text, blocks/],
  ["ephemeral without user", "chat.postEphemeral", { channel: "C1", text: "hi" }, "user_not_in_channel", /user is required/],
  ["ephemeral with 51 blocks", "chat.postEphemeral", post(Array.from({ length: 51 }, () => section()), { user: "U1" }), "invalid_blocks", /51 blocks, limit 50/],
  ["update without ts", "chat.update", { channel: "C1", text: "hi" }, "message_not_found", /ts is required/],
  ["update with section text 3001", "chat.update", post([section(x(3001))], { ts: "1.000001" }), "invalid_blocks", /3001 chars, limit 3000/],
  ["views.open without trigger_id", "views.open", { view: modal() }, "invalid_arguments", /trigger_id is required/],
  ["views.open without view", "views.open", { trigger_id: "t" }, "invalid_arguments", /view: view is required/],
  ["modal title 25", "views.open", { trigger_id: "t", view: modal({ title: plain(x(25)) }) }, "invalid_arguments", /view\.title\.text: 25 chars, limit 24/],
  ["modal without title", "views.open", { trigger_id: "t", view: modal({ title: undefined }) }, "invalid_arguments", /view\.title: text object is required/],
  ["modal submit 25", "views.open", { trigger_id: "t", view: modal({ submit: plain(x(25)) }) }, "invalid_arguments", /view\.submit\.text: 25 chars, limit 24/],
  ["modal close 25", "views.push", { trigger_id: "t", view: modal({ close: plain(x(25)) }) }, "invalid_arguments", /view\.close\.text: 25 chars, limit 24/],
  ["callback_id 256", "views.open", { trigger_id: "t", view: modal({ callback_id: x(256) }) }, "invalid_arguments", /callback_id: 256 chars, limit 255/],
  ["private_metadata 3001", "views.update", { view_id: "V1", view: modal({ private_metadata: x(3001) }) }, "invalid_arguments", /private_metadata: 3001 chars, limit 3000/],
  ["views.update without view_id", "views.update", { view: modal() }, "invalid_arguments", /view_id or external_id is required/],
  ["101 modal blocks", "views.open", { trigger_id: "t", view: modal({ blocks: Array.from({ length: 101 }, () => ({ type: "divider" })) }) }, "invalid_arguments", /view\.blocks: 101 blocks, limit 100/],
  ["input label 2001", "views.open", { trigger_id: "t", view: modal({ blocks: [input(undefined, x(2001))] }) }, "invalid_arguments", /label\.text: 2001 chars, limit 2000/],
  ["plain_text_input max_length 3001", "views.open", { trigger_id: "t", view: modal({ blocks: [input({ type: "plain_text_input", action_id: "in", max_length: 3001 })] }) }, "invalid_arguments", /max_length: 3001, limit 3000/],
  ["input without submit", "views.open", { trigger_id: "t", view: modal({ submit: undefined, blocks: [input()] }) }, "invalid_arguments", /submit is required/],
  ["option text 76", "views.open", { trigger_id: "t", view: modal({ blocks: [input({ type: "static_select", action_id: "s", options: [option(x(76))] })] }) }, "invalid_arguments", /options\[0\]\.text\.text: 76 chars, limit 75/],
  ["option value 151", "views.open", { trigger_id: "t", view: modal({ blocks: [input({ type: "static_select", action_id: "s", options: [option("A", x(151))] })] }) }, "invalid_arguments", /options\[0\]\.value: 151 chars, limit 150/],
  ["101 select options", "views.open", { trigger_id: "t", view: modal({ blocks: [input({ type: "static_select", action_id: "s", options: Array.from({ length: 101 }, (_, i) => option(`o${i}`, `v${i}`)) })] }) }, "invalid_arguments", /101 options, limit 100/],
  ["101 home blocks", "views.publish", { user_id: "U1", view: { type: "home", blocks: Array.from({ length: 101 }, () => section()) } }, "invalid_arguments", /101 blocks, limit 100/],
  ["home view published as modal", "views.publish", { user_id: "U1", view: modal() }, "invalid_arguments", /type must be home/],
  ["conversations.open without users", "conversations.open", {}, "users_list_not_supplied", /users or channel is required/],
];

describe("limits", () => {
  it.each(rejected)("rejects %s", async (_name, method, args, error, violation) => {
    expect(await outcome(method, args)).toBe(error);
    expect(fake.violations.length).toBeGreaterThan(0);
    expect(fake.violations.some((v) => v.startsWith(`${method}: `) && violation.test(v)), fake.violations.join("\n")).toBe(true);
    // The call is still recorded, with the parsed body and the refusal.
    expect(fake.callsTo(method)[0].response?.body).toMatchObject({ ok: false, error });
  });

  it("accepts a message with every limit reached exactly", async () => {
    const blocks = [
      { type: "header", block_id: x(255, "h"), text: plain(x(150)) },
      section(x(3000)),
      { type: "section", fields: Array.from({ length: 10 }, () => mrkdwn(x(2000))) },
      { type: "context", elements: Array.from({ length: 10 }, () => plain("c")) },
      {
        type: "actions",
        elements: Array.from({ length: 25 }, (_, i) =>
          button({ action_id: `${i}`.padEnd(255, "a"), text: plain(x(75)), value: x(2000), url: "https://e.x/" + x(2988) }),
        ),
      },
      ...Array.from({ length: 45 }, () => ({ type: "divider" })),
    ];
    expect(blocks).toHaveLength(50);
    expect(await outcome("chat.postMessage", { channel: "C1", text: x(40000), blocks })).toBe("ok");
    // Slack counts characters: 3000 emoji (6000 UTF-16 units) still fit a section.
    expect(await outcome("chat.postMessage", post([section(x(3000, "🛡"))]))).toBe("ok");
    expect(fake.violations).toEqual([]);
  });

  it("accepts views with every limit reached exactly", async () => {
    const view = modal({
      title: plain(x(24)),
      submit: plain(x(24)),
      close: plain(x(24)),
      callback_id: x(255),
      private_metadata: x(3000),
      blocks: [
        input({ type: "plain_text_input", action_id: "in", max_length: 3000 }, x(2000)),
        {
          type: "input",
          block_id: "b_sel",
          label: plain("Pick"),
          element: { type: "static_select", action_id: "s", options: Array.from({ length: 100 }, (_, i) => option(`${i}`.padEnd(75, "o"), `${i}`.padEnd(150, "v"))) },
        },
        ...Array.from({ length: 98 }, () => ({ type: "divider" })),
      ],
    });
    expect(await outcome("views.open", { trigger_id: "t", view })).toBe("ok");
    const home = { type: "home", blocks: Array.from({ length: 100 }, () => section()) };
    expect(await outcome("views.publish", { user_id: "U1", view: home })).toBe("ok");
    expect(fake.violations).toEqual([]);
  });

  it("records every problem of a payload, not only the first", async () => {
    expect(await outcome("chat.postMessage", { text: "t", blocks: [section(x(3001)), { type: "header", text: plain(x(151)) }] })).toBe("channel_not_found");
    expect(fake.violations).toHaveLength(3);
  });
});

describe("failNext", () => {
  it("answers 429 with Retry-After, and the real client retries after it", async () => {
    const retrying = new WebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      logger: quiet,
      retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 50 },
    });
    fake.failNext("chat.postMessage", { status: 429, headers: { "Retry-After": "1" } });
    const started = Date.now();
    const res = await retrying.chat.postMessage({ channel: "C1", text: "after the storm" });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // it honoured Retry-After: 1
    const calls = fake.callsTo("chat.postMessage");
    expect(calls.map((c) => c.response?.status)).toEqual([429, 200]);
    expect(calls[1].body.text).toBe("after the storm");
    expect(fake.violations).toEqual([]);
  });

  it("fails the next `times` calls with the given answer, then behaves again", async () => {
    fake.failNext("auth.test", { status: 500, body: "boom" }, 2);
    const send = () => fetch(fake.apiUrl + "auth.test", { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
    expect((await send()).status).toBe(500);
    expect(await (await send()).text()).toBe("boom");
    expect(await (await send()).json()).toMatchObject({ ok: true });
  });
});

describe("conversation history and message metadata", () => {
  const metadata = { event_type: "ciic_outbox", event_payload: { outbox_id: 7, outbox_key: "ciic-7-x" } };

  it("keeps posts per conversation (a user id is the DM) and shows metadata only to include_all_metadata", async () => {
    await client.chat.postMessage({ channel: "U0ANNA", text: "tagged", metadata });
    await client.chat.postMessage({ channel: "C0HIST", text: "elsewhere" });
    const dm = await client.conversations.history({ channel: "DU0ANNA" });
    expect(dm.messages?.map((m) => [m.text, (m as { metadata?: unknown }).metadata])).toEqual([["tagged", undefined]]);
    const withMeta = await client.conversations.history({ channel: "DU0ANNA", include_all_metadata: true });
    expect((withMeta.messages?.[0] as { metadata?: unknown }).metadata).toEqual(metadata);
    expect(fake.messagesIn("U0ANNA").map((m) => m.text)).toEqual(["tagged"]);
  });

  it("gives at most 15 messages a call, newest first, after `oldest`, with a cursor to the next page", async () => {
    const before = Date.now() / 1000 - 1;
    for (let i = 0; i < 20; i++) await client.chat.postMessage({ channel: "C0PAGE", text: `m${i}` });
    const first = await client.conversations.history({ channel: "C0PAGE", limit: 100, oldest: String(before) });
    expect(first.messages).toHaveLength(15);
    expect(first.messages?.[0].text).toBe("m19");
    expect(first.has_more).toBe(true);
    const second = await client.conversations.history({ channel: "C0PAGE", cursor: first.response_metadata!.next_cursor });
    expect(second.messages?.map((m) => m.text)).toEqual(["m4", "m3", "m2", "m1", "m0"]);
    expect(second.has_more).toBe(false);
    expect((await client.conversations.history({ channel: "C0PAGE", oldest: String(Date.now() / 1000 + 60) })).messages).toEqual([]);
  });

  it("refuses metadata without an event_type and payload", async () => {
    expect(await outcome("chat.postMessage", { channel: "C1", text: "t", metadata: { event_payload: {} } })).toBe("invalid_metadata_format");
    expect(fake.violations).toHaveLength(1);
  });

  it("lists the files the bot shared into a conversation, from ts_from on", async () => {
    const { upload_url, file_id } = await client.files.getUploadURLExternal({ filename: "r.json", length: 2 });
    await fetch(upload_url!, { method: "POST", body: "{}" });
    await client.files.completeUploadExternal({ files: [{ id: file_id! }], channel_id: "C0FILES01", initial_comment: "the release" });
    const listed = await client.files.list({ channel: "C0FILES01", ts_from: String(Math.floor(Date.now() / 1000) - 5) });
    expect(listed.files?.map((f) => [f.id, f.name, f.size, f.user])).toEqual([[file_id, "r.json", 2, "U0BOT"]]);
    expect((await client.files.list({ channel: "C0FILES01", ts_from: String(Math.floor(Date.now() / 1000) + 60) })).files).toEqual([]);
    expect(fake.messagesIn("C0FILES01")).toEqual([expect.objectContaining({ text: "the release", files: [expect.objectContaining({ id: file_id, name: "r.json" })] })]);
  });
});

describe("fault switches", () => {
  it("hangNext: does the work at once and answers late; a client that gave up never hears", async () => {
    const impatient = new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, logger: quiet, retryConfig: { retries: 0 }, timeout: 100 });
    fake.hangNext("chat.postMessage", 500);
    await expect(impatient.chat.postMessage({ channel: "C0HANG", text: "late" })).rejects.toThrow();
    expect(fake.messagesIn("C0HANG").map((m) => m.text)).toEqual(["late"]);
    fake.hangNext("chat.postMessage", 300, { processed: "after" });
    const started = Date.now();
    await client.chat.postMessage({ channel: "C0HANG", text: "later" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it("dropNext: does the work, then closes the connection unanswered", async () => {
    fake.dropNext("chat.postMessage");
    await expect(client.chat.postMessage({ channel: "C0DROP", text: "lost answer" })).rejects.toThrow();
    expect(fake.messagesIn("C0DROP").map((m) => m.text)).toEqual(["lost answer"]);
    expect(fake.callsTo("chat.postMessage")[0].response?.status).toBe(0);
  });

  it("records a call of a method inside its Retry-After as a violation", async () => {
    fake.failNext("chat.postMessage", { status: 429, headers: { "Retry-After": "2" } });
    const eager = new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, logger: quiet, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    await expect(eager.chat.postMessage({ channel: "C0RATE", text: "one" })).rejects.toThrow();
    await eager.chat.update({ channel: "C0RATE", ts: "1.000001", text: "another method is free" });
    expect(fake.violations).toEqual([]);
    // Later than a call already in flight could arrive, and still inside the two seconds.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await eager.chat.postMessage({ channel: "C0RATE", text: "too soon" });
    expect(fake.violations).toEqual([expect.stringMatching(/^chat\.postMessage: called 1\.\d\d s before its Retry-After had passed$/)]);
  });
});

describe("waitFor", () => {
  it("resolves once enough calls arrived, including calls made after it was called", async () => {
    const waiting = fake.waitFor("chat.postMessage", 2);
    await client.chat.postMessage({ channel: "C1", text: "1" });
    await client.chat.postMessage({ channel: "C1", text: "2" });
    const calls = await waiting;
    expect(calls.map((c) => c.body.text)).toEqual(["1", "2"]);
  });

  it("rejects after the timeout, listing the methods seen", async () => {
    await client.auth.test();
    await client.chat.postMessage({ channel: "C1", text: "hi" });
    await expect(fake.waitFor("views.open", 1, 50)).rejects.toThrow(
      /waited 50 ms for 1 call\(s\) to views\.open, got 0; methods seen: auth\.test x1, chat\.postMessage x1/,
    );
  });
});

describe("response_url", () => {
  // What Bolt's respond() does: POST the message as JSON.
  const respond = (url: string, body: unknown) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("records posts as method response_url with their id", async () => {
    const url = fake.responseUrl("cmd-1");
    expect(url).toBe(fake.apiUrl.replace(/api\/$/, "response/cmd-1"));
    const res = await respond(url, { response_type: "ephemeral", text: "done", blocks: [section()] });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    expect(await fake.waitFor("response_url")).toMatchObject([
      { method: "response_url", id: "cmd-1", token: undefined, body: { text: "done", blocks: [section()] } },
    ]);
    expect(fake.violations).toEqual([]);
    expect(fake.responseUrl()).not.toBe(fake.responseUrl()); // fresh ids by default
  });

  it("applies the message limits and refuses with HTTP 400", async () => {
    const res = await respond(fake.responseUrl("r"), { text: "t", blocks: Array.from({ length: 51 }, () => section()) });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("invalid_blocks");
    expect(fake.violations).toEqual(["response_url: blocks: 51 blocks, limit 50"]);
  });

  it("takes five messages through one response URL, and refuses the sixth as Slack does", async () => {
    const url = fake.responseUrl("five");
    for (let i = 1; i <= 5; i++) expect((await respond(url, { text: `update ${i}` })).status).toBe(200);
    const sixth = await respond(url, { text: "summary" });
    expect(sixth.status).toBe(404);
    expect(await sixth.text()).toBe("used_url");
    expect(fake.violations).toEqual(["response_url: url: message 6 through one response URL; Slack takes five"]);
  });

  it("needs no text to delete the original", async () => {
    expect((await respond(fake.responseUrl(), { delete_original: true })).status).toBe(200);
    expect((await respond(fake.responseUrl(), { replace_original: true })).status).toBe(400);
  });
});

describe("slack-requests", () => {
  it("signs like Slack's documented example", () => {
    // Example from Slack's "Verifying requests from Slack" guide, with its published signature.
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
      "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
      "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const secret = "8f742231b10e8888abcd99yyyzzz85a5";
    const expected = "v0=" + createHmac("sha256", secret).update(`v0:1531420618:${body}`).digest("hex");
    expect(expected).toBe("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    expect(slackSignature(secret, 1531420618, body)).toBe(expected);
  });

  it("sends requests Bolt accepts, with Slack's fields in Slack's order", async () => {
    const seen: Array<{ headers: IncomingMessage["headers"]; body: string }> = [];
    const bot = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      seen.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"acked":true}');
    });
    await new Promise<void>((resolve) => bot.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/slack/events`;
    try {
      const reply = await sendSlashCommand(url, "s3cret", { user_id: "U1", text: "submit 1.2.3.4", response_url: fake.responseUrl("c") });
      expect(reply).toMatchObject({ status: 200, json: { acked: true }, text: '{"acked":true}' });
      await sendInteraction(url, "s3cret", blockActionPayload({ user_id: "U1", action_id: "approve", value: "42" }), { retryNum: 1, retryReason: "http_timeout" });
      await sendEvent(url, "s3cret", { type: "app_home_opened", user: "U1", tab: "home" });
      await sendSlashCommand(url, "s3cret", { user_id: "U1", text: "" }, { signature: "v0=forged" });
    } finally {
      bot.closeAllConnections();
      await new Promise((resolve) => bot.close(resolve));
    }

    const verified = seen.map(({ headers, body }) =>
      isValidSlackRequest({
        signingSecret: "s3cret",
        body,
        headers: {
          "x-slack-signature": String(headers["x-slack-signature"]),
          "x-slack-request-timestamp": Number(headers["x-slack-request-timestamp"]),
        },
      }),
    );
    expect(verified).toEqual([true, true, true, false]);

    const command = new URLSearchParams(seen[0].body);
    expect([...command.keys()]).toEqual([
      "token", "team_id", "team_domain", "channel_id", "channel_name", "user_id", "user_name",
      "command", "text", "api_app_id", "is_enterprise_install", "response_url", "trigger_id",
    ]);
    expect(command.get("command")).toBe("/ciic");
    expect(command.get("text")).toBe("submit 1.2.3.4");
    expect(seen[0].body).toContain("command=%2Fciic&text=submit+1.2.3.4&");
    expect(new URLSearchParams(seen[3].body).get("trigger_id")).not.toBe(command.get("trigger_id"));

    expect(seen[1].headers).toMatchObject({ "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    const payload = JSON.parse(new URLSearchParams(seen[1].body).get("payload")!);
    expect(payload).toMatchObject({ type: "block_actions", user: { id: "U1" }, actions: [{ action_id: "approve", value: "42", type: "button" }] });

    expect(seen[2].headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen[2].body)).toMatchObject({ type: "event_callback", event: { type: "app_home_opened", user: "U1" } });
  });

  it("builds view payloads shaped like Slack's", () => {
    const values = { b_in: { in: { type: "plain_text_input", value: "8.8.8.8" } } };
    expect(viewSubmissionPayload({ user_id: "U1", callback_id: "submit_ioc", values, private_metadata: "m" })).toMatchObject({
      type: "view_submission",
      view: { callback_id: "submit_ioc", private_metadata: "m", state: { values }, type: "modal" },
    });
    const inModal = blockActionPayload({ user_id: "U1", action_id: "a", value: "v", view: { id: "V9", type: "modal" } }) as Record<string, unknown>;
    expect(inModal).toMatchObject({ container: { type: "view", view_id: "V9" }, view: { id: "V9" } });
    expect(inModal).not.toHaveProperty("response_url");
  });
});

describe("with a real Bolt app in HTTP mode", () => {
  // The whole chain the bot's own tests will use: helpers -> Bolt -> fake Web API / response_url.
  it("handles a slash command, respond(), a modal, its submission, a button and the Home tab", async () => {
    const secret = "bolt-signing-secret";
    const app = new App({
      token: TOKEN,
      signingSecret: secret,
      logger: quiet,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    const submissions: unknown[] = [];
    app.command("/ciic", async ({ ack, respond, client, body }) => {
      await ack();
      await respond({ response_type: "ephemeral", text: `got ${body.text}` });
      await client.views.open({ trigger_id: body.trigger_id, view: modal({ callback_id: "submit_ioc", blocks: [input()] }) as never });
    });
    app.view("submit_ioc", async ({ ack, view }) => {
      submissions.push(view.state.values);
      await ack();
    });
    app.action("approve", async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: "approved" });
    });
    app.event("app_home_opened", async ({ event, client }) => {
      await client.views.publish({ user_id: event.user, view: { type: "home", blocks: [section("home")] } });
    });
    const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    try {
      const ack = await sendSlashCommand(url, secret, { user_id: "U1", text: "submit", response_url: fake.responseUrl("cmd") });
      expect(ack.status).toBe(200);
      expect((await fake.waitFor("response_url"))[0]).toMatchObject({ id: "cmd", body: { text: "got submit" } });
      const [opened] = await fake.waitFor("views.open");
      expect(opened.body).toMatchObject({ trigger_id: expect.stringMatching(/^1337\./), view: { callback_id: "submit_ioc" } });

      const values = { b_in: { in: { type: "plain_text_input", value: "8.8.8.8" } } };
      const submitted = await sendInteraction(url, secret, viewSubmissionPayload({ user_id: "U1", callback_id: "submit_ioc", values }));
      expect(submitted.status).toBe(200);
      expect(submissions).toEqual([values]);

      await sendInteraction(url, secret, blockActionPayload({ user_id: "U1", action_id: "approve", value: "1", response_url: fake.responseUrl("btn") }));
      expect((await fake.waitFor("response_url", 2))[1]).toMatchObject({ id: "btn", body: { text: "approved" } });

      expect((await sendEvent(url, secret, { type: "app_home_opened", user: "U1", tab: "home" })).status).toBe(200);
      expect((await fake.waitFor("views.publish"))[0].body).toMatchObject({ user_id: "U1", view: { type: "home" } });

      const forged = await sendSlashCommand(url, secret, { user_id: "U1", text: "x" }, { signature: "v0=00" });
      expect(forged.status).toBe(401);
      expect(fake.violations).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
