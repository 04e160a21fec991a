import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMattermostChatPort } from "../../src/adapters/mattermost/mattermost-chat-port.js";
import { MattermostClient } from "../../src/adapters/mattermost/mattermost-client.js";
import { verifyPayload } from "../../src/adapters/mattermost/signed-context.js";
import type { MessageView } from "../../src/core/views/message.js";
import { startFakeMattermost, type FakeMattermost } from "../support/fake-mattermost.js";

/** The outbox's Mattermost port against the fake server: what it sends, and how it reads failures. */
const TOKEN = "porttesttoken0000000000000";
const CHANNEL = "recipientchannel0000000001";
const USER = "someliaison000000000000001";
const note = (text: string): MessageView => ({ summary: text, blocks: [{ kind: "paragraph", content: [text] }] });
const ask: MessageView = {
  summary: "Consent asked",
  blocks: [
    { kind: "heading", text: "Consent asked: R-1" },
    { kind: "actions", actions: [{ action: "consent.approve", label: "Approve", value: "1", style: "primary" }] },
  ],
};

let fake: FakeMattermost;
let port: ReturnType<typeof createMattermostChatPort>;
/** A bot's port; each test has its own, as each process has (it remembers Mattermost's Retry-After). */
const newPort = () => createMattermostChatPort({ client: new MattermostClient(fake.url, TOKEN), buttons: { url: "https://bot.example/mattermost/action", secret: "s".repeat(32) } });
beforeAll(async () => {
  fake = await startFakeMattermost({ botToken: TOKEN, channels: [CHANNEL] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  port = newPort();
});

describe("the Mattermost chat port", () => {
  it("reaches a person in their direct channel with the bot, opened once", async () => {
    const first = await port.post({ platform: "mattermost", kind: "user", id: USER }, note("one"));
    const second = await port.post({ platform: "mattermost", kind: "user", id: USER }, note("two"));
    expect(first.ok && second.ok).toBe(true);
    expect(fake.callsTo("users.me")).toHaveLength(1);
    expect(fake.callsTo("channels.direct")).toHaveLength(1);
    expect(fake.postsIn(fake.directChannelOf(USER)!).map((p) => p.message)).toEqual(["one", "two"]);
  });

  it("posts buttons for the person they were posted to, and retires them on update", async () => {
    const sent = await port.post({ platform: "mattermost", kind: "user", id: USER }, ask);
    if (!sent.ok) throw new Error(sent.error);
    const [post] = fake.postsIn(fake.directChannelOf(USER)!).slice(-1);
    const [approve] = post.props.attachments[0].actions;
    expect(approve.name).toBe("Approve");
    expect(verifyPayload("s".repeat(32), "action", approve.integration.context.ciic)).toEqual({ a: "consent.approve", v: "1", u: USER });
    expect(await port.update(sent.ref, note("Decided"))).toMatchObject({ ok: true });
    expect(fake.posts.get(post.id)).toMatchObject({ message: "Decided", props: {} });
  });

  it("takes a long message back whole when a later part fails, so that a retry does not repeat it", async () => {
    const long: MessageView = { summary: "long", blocks: Array.from({ length: 40 }, (_, i) => ({ kind: "paragraph" as const, content: [`${i} ${"x".repeat(1000)}`] })) };
    const before = fake.postsIn(CHANNEL).length;
    fake.failNext("posts.create", { status: 500 }, 1, { after: 1 });
    expect(await port.post({ platform: "mattermost", kind: "channel", id: CHANNEL }, long)).toMatchObject({ ok: false, permanent: false });
    expect(fake.callsTo("posts.delete")).toHaveLength(1);
    expect(fake.postsIn(CHANNEL)).toHaveLength(before);
    const sent = await port.post({ platform: "mattermost", kind: "channel", id: CHANNEL }, long);
    expect(sent.ok).toBe(true);
    const parts = fake.postsIn(CHANNEL).slice(before);
    expect(parts.map((p) => p.message.split("\n")[0])).toEqual(["*Part 1 of 3*", "*Part 2 of 3*", "*Part 3 of 3*"]);
    if (sent.ok) expect(sent.ref).toBe(`${CHANNEL}|${parts.map((p) => p.id).join(",")}|`);
  });

  it("takes back the parts an update added when a later one fails, so that a retry does not repeat them", async () => {
    const long: MessageView = { summary: "long", blocks: Array.from({ length: 40 }, (_, i) => ({ kind: "paragraph" as const, content: [`${i} ${"y".repeat(1000)}`] })) };
    const before = fake.postsIn(CHANNEL).length;
    const sent = await port.post({ platform: "mattermost", kind: "channel", id: CHANNEL }, note("short at first"));
    if (!sent.ok) throw new Error(sent.error);
    fake.failNext("posts.create", { status: 500 }, 1, { after: 1 });
    expect(await port.update(sent.ref, long)).toMatchObject({ ok: false, permanent: false });
    expect(fake.postsIn(CHANNEL)).toHaveLength(before + 1);
    const updated = await port.update(sent.ref, long);
    expect(updated.ok).toBe(true);
    const parts = fake.postsIn(CHANNEL).slice(before);
    expect(parts.map((p) => p.message.split("\n")[0])).toEqual(["*Part 1 of 3*", "*Part 2 of 3*", "*Part 3 of 3*"]);
  });

  it("reads 429 as 'wait as long as Mattermost says', at no cost of an attempt", async () => {
    fake.failNext("posts.create", { status: 429, headers: { "X-RateLimit-Reset": "7", "X-RateLimit-Remaining": "0" } });
    expect(await port.post({ platform: "mattermost", kind: "channel", id: CHANNEL }, note("x"))).toMatchObject({ ok: false, wait: true, retryAfterMs: 7000 });
    // Meanwhile this port calls nothing: the next post is held back without a call.
    expect(await port.post({ platform: "mattermost", kind: "channel", id: CHANNEL }, note("x"))).toMatchObject({ ok: false, wait: true, held: true, notSent: true });
    expect(fake.callsTo("posts.create")).toHaveLength(1);
    fake.failNext("posts.create", { status: 429, headers: { "Retry-After": "3", "X-RateLimit-Reset": "3" } });
    expect(await newPort().post({ platform: "mattermost", kind: "channel", id: CHANNEL }, note("x"))).toMatchObject({ ok: false, wait: true, retryAfterMs: 3000 });
  });

  it("tells failures that may pass from those that never will", async () => {
    fake.failNext("posts.create", { status: 500 });
    expect(await port.post({ platform: "mattermost", kind: "channel", id: CHANNEL }, note("x"))).toMatchObject({ ok: false, permanent: false, error: "Mattermost answered HTTP 500 (fake.failure)" });
    expect(await port.post({ platform: "mattermost", kind: "channel", id: "gonechannel000000000000001" }, note("x"))).toMatchObject({ ok: false, permanent: true, error: "Mattermost answered HTTP 403 (api.context.permissions.app_error)" });
    expect(await port.update(`${CHANNEL}|deletedpost000000000000001|`, note("x"))).toMatchObject({ ok: false, permanent: true });
    const unreachable = createMattermostChatPort({ client: new MattermostClient("http://127.0.0.1:9", TOKEN), buttons: { url: "https://bot.example/a", secret: "s".repeat(32) } });
    expect(await unreachable.post({ platform: "mattermost", kind: "channel", id: CHANNEL }, note("x"))).toMatchObject({ ok: false, error: expect.stringContaining("could not be reached") });
  });

  it("gives up on a call after its timeout, so that it never overlaps the outbox's next attempt", async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const slow = createMattermostChatPort({ client: new MattermostClient(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, TOKEN, 200), buttons: { url: "https://bot.example/a", secret: "s".repeat(32) } });
      const started = Date.now();
      expect(await slow.post({ platform: "mattermost", kind: "channel", id: CHANNEL }, note("x"))).toMatchObject({ ok: false, error: "Mattermost did not answer within 0.2 s" });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it("uploads a file into the channel and posts it with its message", async () => {
    const sent = await port.upload({ platform: "mattermost", kind: "channel", id: CHANNEL }, { fileName: "ciic-r-1.json", content: '{"type":"bundle"}' }, note("TLP:AMBER release"));
    expect(sent.ok).toBe(true);
    const [file] = fake.uploadedFiles.slice(-1);
    expect(file).toMatchObject({ channel: CHANNEL, name: "ciic-r-1.json", content: '{"type":"bundle"}' });
    expect(fake.postsIn(CHANNEL).at(-1)).toMatchObject({ message: "TLP:AMBER release", file_ids: [file.id] });
    expect(fake.violations).toEqual([]);
  });
});
