// Tests of the test oracle itself: if the fake is too lax, bot bugs reach production; if it is too
// strict, good bots fail. So each limit is tested on both sides of the boundary, through the real
// @mattermost/client library where the bot uses it.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import mm from "@mattermost/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LIMITS, startFakeMattermost, type FakeMattermost } from "./fake-mattermost.js";

const TOKEN = "faketesttoken0000000000000";
const CHANNEL = "townsquare0000000000000001";
const USER = "someuser000000000000000001";

let fake: FakeMattermost;
let client: InstanceType<typeof mm.Client4>;

beforeAll(async () => {
  fake = await startFakeMattermost({ botToken: TOKEN, channels: [CHANNEL], maxFileBytes: 1024 });
  client = new mm.Client4();
  client.setUrl(fake.url);
  client.setToken(TOKEN);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** The HTTP status of a call, 2xx included. */
const status = (call: Promise<unknown>) => call.then(() => 200, (e: { status_code?: number }) => e.status_code ?? -1);
const button = (over: Record<string, unknown> = {}) => ({ id: "approve0", type: "button", name: "Approve", integration: { url: "https://bot.example/mattermost/action", context: { k: "v" } }, ...over });
const withButtons = (...actions: object[]) => ({ attachments: [{ actions }] });

describe("posts", () => {
  it("takes 16,383 characters and refuses 16,384, counting characters, not bytes or UTF-16 units", async () => {
    expect(await status(client.createPost({ channel_id: CHANNEL, message: "😀".repeat(LIMITS.postMessage) }))).toBe(200);
    expect(fake.violations).toEqual([]);
    expect(await status(client.createPost({ channel_id: CHANNEL, message: "x".repeat(LIMITS.postMessage + 1) }))).toBe(400);
    expect(fake.violations).toEqual([`posts.create: message: ${LIMITS.postMessage + 1} characters, limit ${LIMITS.postMessage}`]);
  });

  it("refuses props over 800,000 characters and an empty post", async () => {
    expect(await status(client.createPost({ channel_id: CHANNEL, message: "x", props: { big: "y".repeat(LIMITS.props) } }))).toBe(400);
    expect(await status(client.createPost({ channel_id: CHANNEL, message: " " }))).toBe(400);
    expect(fake.violations).toHaveLength(2);
  });

  it("checks buttons as Mattermost does: letters-and-digits ids, unique, with a name and an http(s) integration URL", async () => {
    expect(await status(client.createPost({ channel_id: CHANNEL, message: "ask", props: withButtons(button(), button({ id: "deny1", name: "Deny", style: "danger" })) }))).toBe(200);
    expect(fake.violations).toEqual([]);
    for (const bad of [button({ id: "consent.approve" }), button({ name: "" }), button({ integration: { url: "javascript:alert(1)" } }), button({ style: "loud" })]) {
      expect(await status(client.createPost({ channel_id: CHANNEL, message: "ask", props: withButtons(bad) }))).toBe(400);
    }
    expect(await status(client.createPost({ channel_id: CHANNEL, message: "ask", props: withButtons(button(), button()) }))).toBe(400);
    expect(fake.violations.map((v) => v.replace(/^posts\.create: attachments\[0\]\.actions\[\d\]\./, ""))).toEqual([
      "id: must be letters and digits (it is routed as /posts/{id}/actions/{action_id})",
      "name: action must have a name",
      "integration.url: action must have a valid integration URL",
      'style: invalid style "loud"',
      "id: duplicate action id approve0",
    ]);
  });

  it("lets the bot post only where it is a member, and patch or delete only its own posts", async () => {
    expect(await status(client.createPost({ channel_id: "elsewhere00000000000000001", message: "hi" }))).toBe(403);
    const post = await client.createPost({ channel_id: CHANNEL, message: "ask", props: withButtons(button()) });
    const patched = await client.patchPost({ id: post.id, message: "decided", props: {} as never });
    expect(patched).toMatchObject({ id: post.id, message: "decided", props: {} });
    expect(fake.postsIn(CHANNEL).at(-1)!.props).toEqual({});
    fake.shareFile({ user: USER, channel: CHANNEL, name: "a.txt", content: "1.2.3.4" });
    const theirs = fake.postsIn(CHANNEL).at(-1)!;
    expect(await status(client.patchPost({ id: theirs.id, message: "mine now" }))).toBe(403);
    expect(await status(client.deletePost(post.id))).toBe(200);
    expect(await status(client.patchPost({ id: post.id, message: "again" }))).toBe(404);
  });

  it("needs the bot's bearer token, whatever the case of the scheme", async () => {
    const stranger = new mm.Client4();
    stranger.setUrl(fake.url);
    stranger.setToken("wrongtoken0000000000000000");
    expect(await status(stranger.getMe())).toBe(401);
    expect(fake.violations).toEqual(["users.me: wrong bearer token"]);
    const lower = await fetch(`${fake.url}/api/v4/users/me`, { headers: { authorization: `bearer ${TOKEN}` } });
    expect(lower.status).toBe(200);
  });
});

describe("direct channels and files", () => {
  it("opens one direct channel per person, only with the bot in it", async () => {
    const first = await client.createDirectChannel([fake.botUserId, USER]);
    const again = await client.createDirectChannel([USER, fake.botUserId]);
    expect(again.id).toBe(first.id);
    expect(fake.directChannelOf(USER)).toBe(first.id);
    expect(await status(client.createDirectChannel([USER, "otheruser00000000000000001"]))).toBe(403);
  });

  it("takes an upload into a channel, attaches it to one post, serves it back, and refuses files over the limit", async () => {
    const form = new FormData();
    form.append("channel_id", CHANNEL);
    form.append("files", new Blob(["hello"]), "hello.txt");
    const { file_infos } = await client.uploadFile(form);
    expect(file_infos[0]).toMatchObject({ name: "hello.txt", size: 5 });
    await client.createPost({ channel_id: CHANNEL, message: "a file", file_ids: [file_infos[0].id] });
    expect(await status(client.createPost({ channel_id: CHANNEL, message: "again", file_ids: [file_infos[0].id] }))).toBe(400);
    const download = await fetch(client.getFileUrl(file_infos[0].id, 0), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await download.text()).toBe("hello");
    const big = new FormData();
    big.append("channel_id", CHANNEL);
    big.append("files", new Blob(["x".repeat(1025)]), "big.txt");
    expect(await status(client.uploadFile(big))).toBe(413);
  });
});

describe("dialogs", () => {
  const open = (trigger_id: string, dialog: object) =>
    fetch(`${fake.url}/api/v4/actions/dialogs/open`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ trigger_id, url: "https://bot.example/mattermost/dialog", dialog }) });
  const element = (over: Record<string, unknown> = {}) => ({ display_name: "Reason", name: "reason", type: "textarea", max_length: 3000, ...over });
  const dialog = (over: Record<string, unknown> = {}) => ({ callback_id: "c", title: "Deny consent", elements: [element()], state: "s", ...over });

  it("opens a dialog once per trigger id that Mattermost issued, within three seconds", async () => {
    const trigger = fake.issueTriggerId(USER);
    expect((await open(trigger, dialog())).status).toBe(200);
    expect(fake.dialogs.at(-1)).toMatchObject({ userId: USER, trigger_id: trigger });
    expect((await open(trigger, dialog())).status).toBe(400);
    expect((await open("made-up", dialog())).status).toBe(400);
    const slow = fake.issueTriggerId(USER);
    const limit = LIMITS.triggerMs;
    LIMITS.triggerMs = 20;
    try {
      await new Promise((r) => setTimeout(r, 40));
      expect((await open(slow, dialog())).status).toBe(400);
    } finally {
      LIMITS.triggerMs = limit;
    }
    expect(fake.violations).toHaveLength(3);
  });

  it("applies the element limits in bytes, as the server does", async () => {
    const ok = dialog({ title: "x".repeat(24), elements: [element({ display_name: "é".repeat(12), help_text: "h".repeat(150) }), element({ name: "t", type: "text", max_length: 150 })] });
    expect((await open(fake.issueTriggerId(USER), ok)).status).toBe(200);
    expect(fake.violations).toEqual([]);
    for (const bad of [
      dialog({ title: "x".repeat(25) }),
      dialog({ elements: [element({ display_name: "é".repeat(13) })] }),
      dialog({ elements: [element({ help_text: "h".repeat(151) })] }),
      dialog({ elements: [element({ type: "text", max_length: 151 })] }),
      dialog({ elements: [element({ type: "select", options: [{ text: "A", value: "a" }], default: "b" })] }),
      dialog({ elements: [element(), element()] }),
    ]) {
      expect((await open(fake.issueTriggerId(USER), bad)).status).toBe(400);
    }
    expect(fake.violations).toHaveLength(6);
  });
});

describe("failures and waiting", () => {
  it("answers 429 as Mattermost's rate limiter does, then behaves again", async () => {
    fake.failNext("users.me", { status: 429, headers: { "X-RateLimit-Reset": "3", "Retry-After": "3" } });
    const limited = await fetch(`${fake.url}/api/v4/users/me`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(await limited.text()).toBe("limit exceeded\n");
    expect(await status(client.getMe())).toBe(200);
    fake.failNext("posts.create", { status: 500 }, 2);
    expect(await status(client.createPost({ channel_id: CHANNEL, message: "x" }))).toBe(500);
    expect(await status(client.createPost({ channel_id: CHANNEL, message: "x" }))).toBe(500);
    expect(await status(client.createPost({ channel_id: CHANNEL, message: "x" }))).toBe(200);
  });

  it("waits for calls made later, and says what it saw when it gives up", async () => {
    const waiting = fake.waitFor("users.me", 2);
    await client.getMe();
    await client.getMe();
    expect(await waiting).toHaveLength(2);
    await expect(fake.waitFor("dialogs.open", 1, 50)).rejects.toThrow(/waited 50 ms for 1 call\(s\) to dialogs\.open, got 0; routes seen: users\.me x2/);
  });
});

describe("the server's side: commands, clicks and dialog submissions sent to an integration", () => {
  it("sends them as Mattermost does and applies the answers", async () => {
    const seen: { headers: IncomingMessage["headers"]; body: string; url: string }[] = [];
    const integration = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      seen.push({ headers: req.headers, body, url: req.url ?? "" });
      const reply =
        req.url === "/command"
          ? { response_type: "ephemeral", text: "one", extra_responses: [{ response_type: "in_channel", text: "two" }] }
          : req.url === "/action"
            ? { update: { message: "decided", props: {} }, ephemeral_text: "done" }
            : {};
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
    });
    await new Promise<void>((r) => integration.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(integration.address() as AddressInfo).port}`;
    try {
      const answer = await fake.command(`${base}/command`, "cmdtoken", USER, "submit 1.2.3.4", { channelId: CHANNEL });
      expect(answer.shown).toEqual(["one", "two"]);
      expect(fake.violations).toEqual(["command answer: response_type in_channel: the answer would be posted for the whole channel"]);
      const form = new URLSearchParams(seen[0].body);
      expect([...form.keys()]).toEqual([...form.keys()].sort());
      expect(form.get("token")).toBe("cmdtoken");
      expect(seen[0].headers).toMatchObject({ authorization: "Token cmdtoken", "content-type": "application/x-www-form-urlencoded" });
      expect(Buffer.from(form.get("trigger_id")!, "base64").toString()).toContain(`:${USER}:`);

      const post = await client.createPost({ channel_id: CHANNEL, message: "ask", props: withButtons(button({ integration: { url: `${base}/action`, context: { ciic: "ctx" } } })) });
      const click = await fake.click(post.id, "Approve", USER);
      expect(click.ephemeral).toBe("done");
      expect(JSON.parse(seen[1].body)).toMatchObject({ user_id: USER, post_id: post.id, channel_id: CHANNEL, context: { ciic: "ctx" }, type: "button" });
      expect(fake.postsIn(CHANNEL).find((p) => p.id === post.id)).toMatchObject({ message: "decided", props: {} });

      const trigger = fake.issueTriggerId(USER);
      await fetch(`${fake.url}/api/v4/actions/dialogs/open`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ trigger_id: trigger, url: `${base}/dialog`, dialog: { callback_id: "cb", title: "T", state: "st", elements: [{ display_name: "R", name: "reason", type: "text" }] } }),
      });
      await expect(fake.submitDialog(USER, {})).rejects.toThrow(/reason is required/);
      await fake.submitDialog(USER, { reason: "because" });
      expect(JSON.parse(seen[2].body)).toMatchObject({ type: "dialog_submission", callback_id: "cb", state: "st", user_id: USER, submission: { reason: "because" }, cancelled: false });
    } finally {
      integration.closeAllConnections();
      await new Promise((r) => integration.close(r));
    }
  });
});

describe("posts since a moment, and fault switches", () => {
  it("returns every post of a channel changed after the moment, deleted ones included", async () => {
    const since = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await client.createPost({ channel_id: CHANNEL, message: "kept", props: { tag: "a" } });
    const gone = await client.createPost({ channel_id: CHANNEL, message: "gone" });
    await client.deletePost(gone.id);
    const list = await client.getPostsSince(CHANNEL, since);
    expect(Object.values(list.posts).map((p) => [p.message, p.props, p.delete_at > 0])).toEqual(
      expect.arrayContaining([
        ["kept", { tag: "a" }, false],
        ["gone", {}, true],
      ]),
    );
    expect(list.order[0]).toBe(gone.id);
    expect(Object.keys((await client.getPostsSince(CHANNEL, Date.now() + 60_000)).posts)).toEqual([]);
  });

  it("hangNext and dropNext carry out the call and answer late or never", async () => {
    const before = fake.postsIn(CHANNEL).length;
    fake.dropNext("posts.create");
    await expect(client.createPost({ channel_id: CHANNEL, message: "dropped" })).rejects.toThrow();
    fake.hangNext("posts.create", 300);
    const started = Date.now();
    await client.createPost({ channel_id: CHANNEL, message: "late" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(fake.postsIn(CHANNEL).slice(before).map((p) => p.message)).toEqual(["dropped", "late"]);
  });

  it("records any call inside the Retry-After of a 429 as a violation: the limiter counts the bot's calls as a whole", async () => {
    fake.failNext("posts.create", { status: 429, headers: { "Retry-After": "2" } });
    // (Client4 drops the status of an answer that is not JSON, as the limiter's is.)
    await expect(client.createPost({ channel_id: CHANNEL, message: "one" })).rejects.toThrow();
    expect(fake.callsTo("posts.create").at(-1)?.response?.status).toBe(429);
    expect(fake.violations).toEqual([]);
    // Later than a call already in flight could arrive, and still inside the two seconds.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await client.getMe();
    expect(fake.violations).toEqual([expect.stringMatching(/^users\.me: called 1\.\d\d s before the Retry-After of a 429 had passed$/)]);
  });
});
