import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMattermostChatPort, OUTBOX_PROP, PART_PROP } from "../../src/adapters/mattermost/mattermost-chat-port.js";
import { MattermostClient } from "../../src/adapters/mattermost/mattermost-client.js";
import { CALL_TIMEOUT_MS, LEASE_MS } from "../../src/core/outbox/dispatch-outbox.js";
import type { ChatPort, OutboundMessage } from "../../src/core/outbox/outbound.js";
import type { Clock } from "../../src/core/ports.js";
import type { MessageView } from "../../src/core/views/message.js";
import { startFakeMattermost, type FakeMattermost } from "../support/fake-mattermost.js";
import { note, outboxWorld, type OutboxWorld } from "../support/outbox-world.js";
import { testClock } from "../support/test-clock.js";

/**
 * The outbox against Mattermost's faults, over the wire: the real Mattermost port (Client4) and a
 * real SQLite store, the fake server answering 429, 500, hanging or dropping the connection after
 * it created the post. A post carries its outbox tag in its props; a lost one is found among the
 * channel's posts since the first attempt.
 */
const TOKEN = "outboxfaultstoken000000000";
const CHANNEL = "recipientchannel0000000002";
let serial = 0;
/** Fresh people for each test: their direct channels start empty. */
const newUsers = (n: number) => Array.from({ length: n }, () => `l${String(++serial).padStart(5, "0")}liaison0000000000000`);
const dm = (user: string, text: string, topic?: string): Extract<OutboundMessage, { kind: "post" }> => ({ kind: "post", to: { platform: "mattermost", kind: "user", id: user }, view: note(text), ...(topic ? { topic } : {}) });
const toChannel = (view: MessageView, topic?: string): Extract<OutboundMessage, { kind: "post" }> => ({ kind: "post", to: { platform: "mattermost", kind: "channel", id: CHANNEL }, view, ...(topic ? { topic } : {}) });

let fake: FakeMattermost;
const worlds: OutboxWorld[] = [];
beforeAll(async () => {
  fake = await startFakeMattermost({ botToken: TOKEN, channels: [CHANNEL] });
});
afterAll(() => fake.close());
afterEach(async () => {
  const violations = [...fake.violations];
  fake.reset();
  for (const w of worlds.splice(0)) await w.close();
  expect(violations).toEqual([]);
});
/** A bot's port: its own in each test, as a process has (it remembers Mattermost's Retry-After), on the test's clock. */
const newPort = (clock?: Clock) =>
  createMattermostChatPort({ client: new MattermostClient(fake.url, TOKEN), buttons: { url: "https://bot.example/mattermost/action", secret: "s".repeat(32) }, ...(clock ? { now: () => clock.now().getTime() } : {}) });
const world = async (clock?: Clock) => {
  const port = newPort(clock);
  const w = await outboxWorld(() => ({ mattermost: port as ChatPort }), { clock });
  worlds.push(w);
  return Object.assign(w, { port });
};
/** The text of each post as a person reads it (Markdown escapes undone). */
const shown = (user: string) => fake.postsIn(fake.directChannelOf(user) ?? "none").map((p) => p.message.replace(/\\(.)/g, "$1"));
const channelPosts = () => fake.postsIn(CHANNEL);

describe("a Mattermost post whose answer never came", () => {
  it("is found by its props on the next attempt and recorded sent, not posted twice", async () => {
    const clock = testClock(Date.now());
    const w = await world(clock);
    await w.enqueue([{ ...toChannel(note("R-1: Released to you"), "delivery:1"), releaseOf: 1 }]);
    const before = channelPosts().length;
    fake.dropNext("posts.create");
    const d = w.dispatcher();
    expect(await d.dispatchOnce()).toBe(0);
    expect(channelPosts()).toHaveLength(before + 1);
    // Looked for only once Mattermost's time for the call has passed.
    clock.advance(CALL_TIMEOUT_MS);
    expect(await d.dispatchOnce()).toBe(1);
    expect(channelPosts()).toHaveLength(before + 1);
    const post = channelPosts().at(-1)!;
    expect(post.props).toMatchObject({ [OUTBOX_PROP]: expect.stringMatching(/^ciic-\d+-/), [PART_PROP]: 0 });
    const [row] = await w.rows();
    expect(row).toMatchObject({ state: "SENT", sentRef: `${CHANNEL}|${post.id}|` });
    expect(fake.callsTo("channels.posts").at(-1)!.path).toContain(CHANNEL);
    expect(await w.audit("message.reconciled")).toHaveLength(1);
    expect(await w.audit("disclosure.delivered")).toEqual([{ subject: "request:1", details: { ref: `${CHANNEL}|${post.id}|`, reconciled: true } }]);
  });

  it("is not posted twice after a crash between the answer and the record", async () => {
    const clock = testClock(Date.now());
    const w = await world(clock);
    const [anna] = newUsers(1);
    await w.enqueue([dm(anna, "R-2: Released")]);
    await expect(
      w
        .dispatcher({
          afterSend: () => {
            throw new Error("killed");
          },
        })
        .dispatchOnce(),
    ).rejects.toThrow("killed");
    clock.advance(LEASE_MS + 1);
    expect(await w.dispatcher().dispatchOnce()).toBe(1);
    expect(shown(anna)).toEqual(["R-2: Released"]);
    expect(fake.callsTo("posts.create")).toHaveLength(1);
    expect(await w.audit("message.reconciled")).toHaveLength(1);
  });

  it("finds its post in a channel where more than a thousand posts came after it, and does not post it twice", async () => {
    const busy = "busychannel000000000000003";
    fake.addChannel(busy);
    const clock = testClock(Date.now());
    const w = await world(clock);
    await w.enqueue([{ kind: "post", to: { platform: "mattermost", kind: "channel", id: busy }, view: note("R-3: Released to you"), topic: "delivery:3", releaseOf: 3 }]);
    fake.dropNext("posts.create");
    const d = w.dispatcher();
    expect(await d.dispatchOnce()).toBe(0);
    // 1,100 posts by others after it; Mattermost's "posts since" gives the newest 1,000.
    const after = Date.now() + 1;
    for (let k = 0; k < 1100; k++) {
      const id = `others${String(k).padStart(20, "0")}`;
      fake.posts.set(id, { id, channel_id: busy, user_id: "someoneelse000000000000001", message: `chatter ${k}`, props: {}, file_ids: [], create_at: after + k, update_at: after + k, delete_at: 0, root_id: "", type: "" });
    }
    clock.advance(CALL_TIMEOUT_MS);
    expect(await d.dispatchOnce()).toBe(1);
    expect(fake.callsTo("posts.create")).toHaveLength(1);
    expect(fake.postsIn(busy).filter((p) => p.message.replace(/\\(.)/g, "$1").includes("R-3: Released to you"))).toHaveLength(1);
    expect(await w.audit("message.reconciled")).toHaveLength(1);
  });

  it("posts a long message whole once, when an attempt was cut short between its parts and its parts could not be taken back", async () => {
    const clock = testClock(Date.now());
    const w = await world(clock);
    const long: MessageView = { summary: "long", blocks: Array.from({ length: 40 }, (_, i) => ({ kind: "paragraph" as const, content: [`${i} ${"x".repeat(1000)}`] })) };
    await w.enqueue([toChannel(long)]);
    const before = channelPosts().length;
    // The second part fails, and so does taking back the first.
    fake.failNext("posts.create", { status: 500 }, 1, { after: 1 });
    fake.failNext("posts.delete", { status: 500 });
    const d = w.dispatcher();
    expect(await d.dispatchOnce()).toBe(0);
    expect(channelPosts()).toHaveLength(before + 1);
    clock.advance(CALL_TIMEOUT_MS);
    expect(await d.dispatchOnce()).toBe(1);
    const parts = channelPosts().slice(before);
    expect(parts).toHaveLength(3);
    expect(parts.map((p) => p.props[PART_PROP])).toEqual([0, 1, 2]);
    expect(parts[0].message).toContain(`0 ${"x".repeat(1000)}`);
    expect(parts[2].message).toContain(`39 ${"x".repeat(1000)}`);
    expect(await w.audit("message.resent")).toHaveLength(1);
  });
});

describe("order, time limits and rate limits on Mattermost", () => {
  it("calls nothing inside the Retry-After Mattermost gave, also where a look-up of several calls was already under way", async () => {
    // A process's one port: one look-up was told to wait; the next comes within the Retry-After.
    const port = newPort();
    const to = { platform: "mattermost" as const, kind: "channel" as const, id: CHANNEL };
    const since = new Date(Date.now() - 60_000);
    fake.failNext("channels.posts", { status: 429, headers: { "Retry-After": "2" } });
    expect(await port.find!(to, { view: note("one") }, { id: 1, key: "outbox:1" }, since)).toMatchObject({ ok: false, rateLimited: { scope: "api" }, retryAfterMs: 2000 });
    const held = await port.find!(to, { view: note("two") }, { id: 2, key: "outbox:2" }, since);
    expect(held).toMatchObject({ ok: false, wait: true, held: true, notSent: true });
    expect((held as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(1000);
    // Mattermost limits the whole API: a post is held back too.
    expect(await port.post(to, note("three"))).toMatchObject({ ok: false, held: true, notSent: true });
    expect(fake.callsTo("channels.posts")).toHaveLength(1);
    expect(fake.callsTo("posts.create")).toHaveLength(0);
    // Once it has passed, the look-up goes out again (and the fake saw no call inside it: afterEach).
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await port.find!(to, { view: note("two") }, { id: 2, key: "outbox:2" }, since)).toMatchObject({ ok: true, ref: null });
    expect(fake.callsTo("channels.posts")).toHaveLength(2);
  });

  it("reads a 429 that came in while the process was busy before it makes another call: a post a timer begins then is held back", async () => {
    const port = newPort();
    const to = { platform: "mattermost" as const, kind: "channel" as const, id: CHANNEL };
    fake.failNext("posts.create", { status: 429, headers: { "Retry-After": "2" } });
    const first = port.post(to, note("one"));
    // Until Mattermost has answered the first post with its 429 (checked after each turn's sockets).
    while (fake.callsTo("posts.create")[0]?.response?.status !== 429) await new Promise((resolve) => setImmediate(resolve));
    // The answer is on its way to the bot; the process is now busy for a while, and meanwhile a
    // timer comes due for another post.
    let second: ReturnType<typeof port.post> | undefined;
    setTimeout(() => (second = port.post(to, note("two"))), 1);
    const busyUntil = Date.now() + 30;
    while (Date.now() < busyUntil);
    expect(await first).toMatchObject({ ok: false, rateLimited: { scope: "api" } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await second).toMatchObject({ ok: false, wait: true, held: true, notSent: true });
    expect(fake.callsTo("posts.create")).toHaveLength(1);
  });

  it("takes back no part inside a Retry-After: the part posted leaves the message in doubt, and the next attempt posts it whole once", async () => {
    const clock = testClock(Date.now());
    const w = await world(clock);
    const long: MessageView = { summary: "long", blocks: Array.from({ length: 40 }, (_, i) => ({ kind: "paragraph" as const, content: [`${i} ${"x".repeat(1000)}`] })) };
    await w.enqueue([toChannel(long)]);
    const before = channelPosts().length;
    fake.failNext("posts.create", { status: 429, headers: { "Retry-After": "1" } }, 1, { after: 1 });
    const d = w.dispatcher();
    expect(await d.dispatchOnce()).toBe(0);
    // Deleting the first part now would be a call inside the Retry-After.
    expect(fake.callsTo("posts.delete")).toHaveLength(0);
    expect(channelPosts()).toHaveLength(before + 1);
    expect(await w.audit("message.in_doubt")).toHaveLength(1);
    // Mattermost's Retry-After passes on the wire's clock; the look-up waits for the call time on the outbox's.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    clock.advance(CALL_TIMEOUT_MS);
    expect(await d.dispatchOnce()).toBe(1);
    expect(fake.callsTo("posts.delete")).toHaveLength(1);
    const parts = channelPosts().slice(before);
    expect(parts.map((p) => p.props[PART_PROP])).toEqual([0, 1, 2]);
    expect(parts[0].message).toContain(`0 ${"x".repeat(1000)}`);
  });

  it("keeps each person's messages in order through a 429, a 500, a dropped connection and a hang", async () => {
    const w = await world();
    const people = newUsers(3);
    const texts = (p: number) => ["Waiting for MIVD", "Waiting for AIVD", "Released", "Delivered"].map((s) => `R-${p}: ${s}`);
    for (let i = 0; i < 4; i++) await w.enqueue(people.map((p, n) => dm(p, texts(n)[i])));
    // The direct channels exist already, so that the faults meet the posts.
    for (const p of people) await w.port.directChannel(p);
    fake.failNext("posts.create", { status: 429, headers: { "Retry-After": "1" } });
    fake.failNext("posts.create", { status: 500 });
    fake.dropNext("posts.create");
    fake.hangNext("posts.create", 1500, { processed: "before" });
    // Each fault here posts at once or not at all: Mattermost is done with a call well within 0.5 s.
    await w.drain({ attemptTimeoutMs: 300, callTimeoutMs: 500 }, 15_000);
    people.forEach((p, n) => expect(shown(p)).toEqual(texts(n)));
  });

  it("sends to everyone else while one conversation hangs, and the hung message arrives once", async () => {
    const w = await world();
    const [stuck, ...others] = newUsers(8);
    for (const p of [stuck, ...others]) await w.port.directChannel(p);
    await w.enqueue([dm(stuck, "to the hung conversation"), ...others.map((o) => dm(o, `to ${o}`))]);
    fake.hangNext("posts.create", 3000, { processed: "before" });
    const started = Date.now();
    expect(await w.dispatcher({ attemptTimeoutMs: 300, callTimeoutMs: 500 }).dispatchOnce()).toBe(others.length);
    expect(Date.now() - started).toBeLessThan(2000);
    for (const o of others) expect(shown(o)).toEqual([`to ${o}`]);
    // Posted before the hang: done long before Mattermost's call time, here 0.5 s.
    await w.drain({ attemptTimeoutMs: 300, callTimeoutMs: 500 }, 10_000);
    expect(shown(stuck)).toEqual(["to the hung conversation"]);
  });

  it("after a 429 makes no call to Mattermost at all until Retry-After has passed", async () => {
    const w = await world();
    await w.enqueue([toChannel(note("first")), ...newUsers(2).map((u) => dm(u, "hello"))]);
    fake.failNext("posts.create", { status: 429, headers: { "Retry-After": "1" } });
    const d = w.dispatcher({ concurrency: 1 });
    expect(await d.dispatchOnce()).toBe(0);
    const limitedAt = fake.calls.at(-1)!.at;
    expect(fake.calls.filter((c) => c.at > limitedAt)).toEqual([]);
    await w.drain({ concurrency: 1 }, 5000);
    expect(Math.min(...fake.calls.filter((c) => c.at > limitedAt).map((c) => c.at)) - limitedAt).toBeGreaterThanOrEqual(950);
    expect(w.events.filter((e) => e.kind === "rate_limited")).toEqual([{ kind: "rate_limited", platform: "mattermost", method: "createPost" }]);
    expect(w.logLines.find((l) => l.level === 40 && (l.outbox as { rateLimited?: number } | undefined)?.rateLimited === 1)).toMatchObject({ rateLimitedMethods: { "mattermost:api": 1 } });
  });
});
