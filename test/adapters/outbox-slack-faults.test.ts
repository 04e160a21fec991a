import { pino } from "pino";
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from "vitest";
import { createSlackChatPort } from "../../src/adapters/slack/slack-chat-port.js";
import { CALL_TIMEOUT_MS, LEASE_MS } from "../../src/core/outbox/dispatch-outbox.js";
import type { ChatPort, OutboundMessage } from "../../src/core/outbox/outbound.js";
import type { Clock } from "../../src/core/ports.js";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.js";
import { note, outboxWorld, type OutboxWorld } from "../support/outbox-world.js";
import { testClock } from "../support/test-clock.js";

/**
 * The outbox against Slack's faults, over the wire: the real Slack port and a real SQLite store,
 * the fake Slack answering 429, 500, hanging or dropping the connection after it did the work.
 * Counted on the fake's side: how many copies of each message arrived, and in which order.
 */
const TOKEN = "xoxb-outbox-faults-0000000000";
const dm = (user: string, text: string, topic?: string): Extract<OutboundMessage, { kind: "post" }> => ({ kind: "post", to: { platform: "slack", kind: "user", id: user }, view: note(text), ...(topic ? { topic } : {}) });
const quiet = pino({ level: "silent" });

let fake: FakeSlack;
const worlds: OutboxWorld[] = [];
beforeAll(async () => {
  fake = await startFakeSlack({ botToken: TOKEN });
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  const violations = [...fake.violations];
  fake.reset();
  for (const w of worlds.splice(0)) await w.close();
  expect(violations).toEqual([]);
});
/** Each test's bot: its own port, as a process has (the port remembers Slack's Retry-After). */
const world = async (clock?: Clock) => {
  const port: ChatPort = createSlackChatPort({ token: TOKEN, apiUrl: fake.apiUrl, logger: quiet as never });
  const w = await outboxWorld(() => ({ slack: port }), { clock });
  worlds.push(w);
  return w;
};
/** What a person's DM shows, oldest first: the text of each message. */
const shown = (user: string) => fake.messagesIn(user).map((m) => String(m.text));
let userSerial = 0;
const newUser = () => `U0FAULT${String(++userSerial).padStart(3, "0")}`;

describe("a post whose answer never came", () => {
  it("is found by its metadata on the next attempt and recorded sent, not posted twice (connection dropped after Slack posted it)", async () => {
    const clock = testClock(Date.now()); // Slack's clock and the bot's agree
    const w = await world(clock);
    const anna = newUser();
    await w.enqueue([{ ...dm(anna, "R-1: Released", "delivery:1"), releaseOf: 1 }]);
    fake.dropNext("chat.postMessage");
    const d = w.dispatcher();
    expect(await d.dispatchOnce()).toBe(0);
    expect(shown(anna)).toEqual(["R-1: Released"]); // Slack has it; the bot does not know
    const [row] = await w.rows();
    expect(row).toMatchObject({ state: "PENDING", attempts: 1, sentRef: null });
    expect(row.inDoubtSince).not.toBeNull();
    expect((await w.audit("disclosure.delivery_failed")).map((e) => e.details)).toEqual([expect.objectContaining({ inDoubt: true, attempt: 1 })]);

    // Not looked for while Slack may still be carrying out the call: its time limit first.
    clock.advance(CALL_TIMEOUT_MS - 1);
    expect(await d.dispatchOnce()).toBe(0);
    expect(fake.callsTo("conversations.history")).toEqual([]);
    clock.advance(1);
    expect(await d.dispatchOnce()).toBe(1);
    expect(shown(anna)).toEqual(["R-1: Released"]);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    // Looked up in the DM, with the metadata, from before the first attempt.
    const [history] = fake.callsTo("conversations.history");
    expect(history.body).toMatchObject({ channel: `D${anna}`, include_all_metadata: "true", limit: "15" });
    const [sent] = await w.rows();
    const ts = fake.messagesIn(anna)[0].ts;
    expect(sent).toMatchObject({ state: "SENT", sentRef: `D${anna}|${ts}`, inDoubtSince: null });
    expect(await w.audit("message.reconciled")).toEqual([{ subject: `outbox:${sent.id}`, details: expect.objectContaining({ ref: `D${anna}|${ts}`, platform: "slack", to: `user:${anna}` }) }]);
    expect(await w.audit("disclosure.delivered")).toEqual([{ subject: "request:1", details: { ref: `D${anna}|${ts}`, reconciled: true } }]);
    expect(w.events.map((e) => e.kind)).toEqual(["failed", "reconciled"]);
  });

  it("is sent again, once, when the look-up does not find it (Slack answered 500 and posted nothing)", async () => {
    const clock = testClock(Date.now()); // Slack's clock and the bot's agree
    const w = await world(clock);
    const bram = newUser();
    await w.enqueue([dm(bram, "R-2: Waiting for MIVD")]);
    // A 500 does not say whether the post was made: in doubt, as a lost answer.
    fake.failNext("chat.postMessage", { status: 500 });
    const d = w.dispatcher();
    expect(await d.dispatchOnce()).toBe(0);
    expect(await w.audit("message.in_doubt")).toEqual([expect.objectContaining({ details: expect.objectContaining({ inDoubt: true, error: "Slack answered HTTP 500 to chat.postMessage" }) })]);
    clock.advance(CALL_TIMEOUT_MS);
    expect(await d.dispatchOnce()).toBe(1);
    expect(shown(bram)).toEqual(["R-2: Waiting for MIVD"]);
    expect(await w.audit("message.resent")).toHaveLength(1);
    expect(await w.audit("message.reconciled")).toEqual([]);
  });

  it("is found, not posted twice, when Slack carries the post out after the attempt gave up on it (within Slack's call time)", async () => {
    const clock = testClock(Date.now()); // Slack's clock and the bot's agree
    const w = await world(clock);
    const cas = newUser();
    await w.enqueue([dm(cas, "R-5: Waiting for NCSC")]);
    // Slack holds the answer and posts after 1.5 s; the attempt gives up after 0.2 s.
    fake.hangNext("chat.postMessage", 1500, { processed: "after" });
    const d = w.dispatcher({ attemptTimeoutMs: 200 });
    expect(await d.dispatchOnce()).toBe(0);
    expect(shown(cas)).toEqual([]);
    // The back-off alone (1 s) would look now, find nothing, and post a second copy.
    clock.advance(1000);
    expect(await d.dispatchOnce()).toBe(0);
    expect(fake.callsTo("conversations.history")).toEqual([]);
    await vi.waitFor(() => expect(shown(cas)).toEqual(["R-5: Waiting for NCSC"]), { timeout: 5000 });
    clock.advance(CALL_TIMEOUT_MS);
    expect(await d.dispatchOnce()).toBe(1);
    expect(shown(cas)).toEqual(["R-5: Waiting for NCSC"]);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    expect(await w.audit("message.reconciled")).toHaveLength(1);
    expect(await w.audit("message.resent")).toEqual([]);
  });

  it("is not posted twice after a crash between Slack's answer and the record, when another dispatcher takes over", async () => {
    const clock = testClock(Date.now()); // Slack's clock and the bot's agree
    const w = await world(clock);
    const [anna, bram] = [newUser(), newUser()];
    await w.enqueue([{ ...dm(anna, "R-3: Released", "delivery:3"), releaseOf: 3 }, dm(bram, "R-3: Released")]);
    // The process dies the moment Slack answered the first post: nothing of it is recorded.
    const crashing = w.dispatcher({
      concurrency: 1,
      afterSend: () => {
        throw new Error("killed");
      },
    });
    await expect(crashing.dispatchOnce()).rejects.toThrow("killed");
    expect(shown(anna)).toEqual(["R-3: Released"]);
    expect((await w.rows())[0]).toMatchObject({ state: "PENDING", attempts: 0 });

    // A new process, after the dead one's lease ran out.
    clock.advance(LEASE_MS + 1);
    const next = w.dispatcher();
    expect(await next.dispatchOnce()).toBe(2);
    expect(shown(anna)).toEqual(["R-3: Released"]);
    expect(shown(bram)).toEqual(["R-3: Released"]);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(2);
    expect(await w.audit("message.reconciled")).toHaveLength(1);
    expect(await w.audit("disclosure.delivered")).toEqual([{ subject: "request:3", details: expect.objectContaining({ reconciled: true }) }]);
  });

  it("finds a file whose upload was completed but not answered, by its name and size, and does not share it twice", async () => {
    const clock = testClock(Date.now()); // Slack's clock and the bot's agree
    const w = await world(clock);
    const greta = newUser();
    const file: OutboundMessage = { kind: "file", to: { platform: "slack", kind: "user", id: greta }, fileName: "ciic-r-4.json", content: '{"type":"bundle"}', view: note("R-4 as STIX"), topic: "delivery:4", releaseOf: 4 };
    await w.enqueue([file]);
    fake.dropNext("files.completeUploadExternal");
    const d = w.dispatcher();
    expect(await d.dispatchOnce()).toBe(0);
    expect(fake.uploadedFiles.filter((f) => f.channel === `D${greta}`)).toHaveLength(1);
    clock.advance(CALL_TIMEOUT_MS);
    expect(await d.dispatchOnce()).toBe(1);
    expect(fake.uploadedFiles.filter((f) => f.channel === `D${greta}`)).toHaveLength(1);
    expect(fake.callsTo("files.list")[0].body).toMatchObject({ channel: `D${greta}` });
    const [row] = await w.rows();
    expect(row).toMatchObject({ state: "SENT", sentRef: `D${greta}|${fake.uploadedFiles.find((f) => f.channel === `D${greta}`)!.id}` });
    expect(await w.audit("message.reconciled")).toHaveLength(1);
  });
});

describe("order, time limits and rate limits", () => {
  it("keeps each person's messages in order through a 429, a 500, a dropped connection and a hang", async () => {
    const w = await world();
    const people = [newUser(), newUser(), newUser()];
    const texts = (p: number) => ["Waiting for MIVD", "Waiting for AIVD", "Released", "Delivered", "Closed"].map((s) => `R-${p}: ${s}`);
    // Written as the cell writes them: one request's messages interleaved with the others'.
    for (let i = 0; i < 5; i++) await w.enqueue(people.map((p, n) => dm(p, texts(n)[i])));
    fake.failNext("chat.postMessage", { status: 429, headers: { "Retry-After": "1" } });
    fake.failNext("chat.postMessage", { status: 500 });
    fake.dropNext("chat.postMessage");
    fake.hangNext("chat.postMessage", 1500, { processed: "before" });
    // Each fault here posts at once or not at all: Slack is done with a call well within 0.5 s.
    await w.drain({ attemptTimeoutMs: 300, callTimeoutMs: 500 }, 15_000);
    // Each message once, and in the order written: no "Released" before "Waiting for MIVD".
    people.forEach((p, n) => expect(shown(p)).toEqual(texts(n)));
    expect((await w.rows()).every((r) => r.state === "SENT")).toBe(true);
  });

  it("sends to everyone else while one conversation hangs (here 3 s; the attempt gives up after 1 s), also what is written meanwhile, and that message arrives once", async () => {
    const w = await world();
    const [stuck, ...others] = Array.from({ length: 11 }, newUser);
    await w.enqueue([dm(stuck, "to the hung conversation"), ...others.map((o) => dm(o, `to ${o}`))]);
    fake.hangNext("chat.postMessage", 3000, { processed: "before", channel: stuck });
    const started = Date.now();
    const d = w.dispatcher({ attemptTimeoutMs: 1000, callTimeoutMs: 500 });
    const round = d.dispatchOnce();
    // Written while the conversation hangs (Slack has its post; the answer is what hangs): it goes
    // out in the same round, not after the hang.
    await vi.waitFor(() => expect(fake.callsTo("chat.postMessage").some((c) => c.body.channel === stuck)).toBe(true), { timeout: 1000, interval: 5 });
    const late = newUser();
    await w.enqueue([dm(late, "written during the hang")]);
    expect(await round).toBe(11);
    const tookMs = Date.now() - started;
    // The round ended when the hung attempt gave up, long before the hang was over.
    expect(tookMs).toBeLessThan(2500);
    for (const o of others) expect(shown(o)).toEqual([`to ${o}`]);
    expect(shown(late)).toEqual(["written during the hang"]);
    expect(fake.callsTo("chat.postMessage").find((c) => c.body.channel === late)!.at - started).toBeLessThan(1000);
    // Slack did post it (its answer hangs); the next attempt finds it instead of posting it again.
    // Slack did the work before the hang: it is done long before its call time, here 0.5 s.
    await w.drain({ attemptTimeoutMs: 300, callTimeoutMs: 500 }, 10_000);
    expect(shown(stuck)).toEqual(["to the hung conversation"]);
    expect(await w.audit("message.reconciled")).toHaveLength(1);
  });

  it("ends a round after roundMs while a call still hangs: the attempt goes on by itself, and the next round sends to others meanwhile", async () => {
    const w = await world();
    const [stuck, other, later] = [newUser(), newUser(), newUser()];
    await w.enqueue([dm(stuck, "hangs"), dm(other, "goes")]);
    fake.hangNext("chat.postMessage", 3000, { processed: "before", channel: stuck });
    const d = w.dispatcher({ attemptTimeoutMs: 2500, roundMs: 300, callTimeoutMs: 500 });
    const started = Date.now();
    expect(await d.dispatchOnce()).toBe(1);
    // The scheduler waits for a round: it must not wait for a hung call.
    expect(Date.now() - started).toBeLessThan(1500);
    await w.enqueue([dm(later, "written while it hangs")]);
    expect(await d.dispatchOnce()).toBe(1);
    expect(shown(later)).toEqual(["written while it hangs"]);
    expect((await w.rows()).find((r) => r.lane === `slack:user:${stuck}`)).toMatchObject({ state: "PENDING", attempts: 0 });
    // The hung attempt gives up by itself, in doubt; the next attempt finds the message (Slack
    // posted it before the hang: done long before its call time, here 0.5 s).
    await w.drain({ attemptTimeoutMs: 2500, roundMs: 300, callTimeoutMs: 500 }, 10_000);
    expect(shown(stuck)).toEqual(["hangs"]);
    expect(await w.audit("message.reconciled")).toHaveLength(1);
  });

  it("after a 429, calls that method for no message until Retry-After has passed, and warns in the log", async () => {
    const w = await world();
    const people = Array.from({ length: 6 }, newUser);
    await w.enqueue(people.map((p) => dm(p, "hello")));
    fake.failNext("chat.postMessage", { status: 429, headers: { "Retry-After": "1" } });
    // One at a time, so that the 429 comes before the other messages' turn.
    const d = w.dispatcher({ concurrency: 1 });
    expect(await d.dispatchOnce()).toBe(0);
    const posts = () => fake.callsTo("chat.postMessage");
    expect(posts()).toHaveLength(1);
    const limitedAt = posts()[0].at;
    // Every other message is held back without a call, at no cost of an attempt.
    expect((await w.rows()).map((r) => [r.state, r.attempts])).toEqual(people.map(() => ["PENDING", 0]));
    expect(await d.dispatchOnce()).toBe(0);
    expect(posts()).toHaveLength(1);
    await w.drain({ concurrency: 1 }, 5000);
    expect(posts()).toHaveLength(7);
    expect(Math.min(...posts().slice(1).map((c) => c.at)) - limitedAt).toBeGreaterThanOrEqual(950);
    // The fake counts any call inside Retry-After as a violation (checked after each test).
    const warning = w.logLines.find((l) => l.level === 40 && String(l.msg).startsWith("outbox: 1 rate limited (429)"));
    expect(warning).toMatchObject({ outbox: { rateLimited: 1 }, rateLimitedMethods: { "slack:chat.postMessage": 1 } });
    expect(w.events.filter((e) => e.kind === "rate_limited")).toEqual([{ kind: "rate_limited", platform: "slack", method: "chat.postMessage" }]);
    expect(w.events.filter((e) => e.kind === "sent")).toHaveLength(6);
  });

  it("does not take a file for absent where more files came since the first attempt than it looks through", async () => {
    const port = createSlackChatPort({ token: TOKEN, apiUrl: fake.apiUrl, logger: quiet as never });
    const channel = "C0BUSYFILES";
    const since = new Date(Date.now() - 60_000);
    const file = { fileName: "ciic-r-9.json", content: '{"type":"bundle"}' };
    const to = { platform: "slack" as const, kind: "channel" as const, id: channel };
    for (let k = 0; k < 4001; k++) fake.shareFile({ user: "U0SOMEONE", channel, name: `log-${k}.txt`, content: "x" });
    const found = await port.find!(to, { view: note("R-9: Released to you"), file }, { id: 9, key: "outbox:9" }, since);
    // Not "absent" (which sends the file again), but a failure that keeps the message in doubt.
    expect(found).toMatchObject({ ok: false, error: expect.stringContaining("more than 4000 files") });
    expect(fake.callsTo("files.list")).toHaveLength(40);
  });

  it("calls no method inside the Retry-After Slack gave, also where a look-up of several calls was already under way", async () => {
    // A process's one port: one lane's look-up was told to wait; another lane, past the outbox's
    // check before its look-up, comes to the same method within the Retry-After.
    const port = createSlackChatPort({ token: TOKEN, apiUrl: fake.apiUrl, logger: quiet as never });
    const to = { platform: "slack" as const, kind: "user" as const, id: newUser() };
    const since = new Date(Date.now() - 60_000);
    fake.failNext("conversations.history", { status: 429, headers: { "Retry-After": "2" } });
    expect(await port.find!(to, { view: note("one") }, { id: 1, key: "outbox:1" }, since)).toMatchObject({ ok: false, rateLimited: { scope: "conversations.history" }, retryAfterMs: 2000 });
    const held = await port.find!(to, { view: note("two") }, { id: 2, key: "outbox:2" }, since);
    expect(held).toMatchObject({ ok: false, wait: true, held: true, notSent: true });
    expect((held as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(1000);
    expect(fake.callsTo("conversations.history")).toHaveLength(1);
    // Once it has passed, the look-up goes out again (and the fake saw no call inside it: afterEach).
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await port.find!(to, { view: note("two") }, { id: 2, key: "outbox:2" }, since)).toMatchObject({ ok: true, ref: null });
    expect(fake.callsTo("conversations.history")).toHaveLength(2);
  });

  it("reads a 429 that came in while the process was busy before it makes another call: a post a timer begins then is held back", async () => {
    const logged: { level: number; msg: string }[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const port = createSlackChatPort({ token: TOKEN, apiUrl: fake.apiUrl, logger: logger as never });
    const channel = (id: string) => ({ platform: "slack" as const, kind: "channel" as const, id });
    fake.failNext("chat.postMessage", { status: 429, headers: { "Retry-After": "2" } });
    const first = port.post(channel("C0BUSYONE"), note("one"));
    // Until Slack has answered the first post with its 429 (checked after each turn's sockets).
    while (fake.callsTo("chat.postMessage")[0]?.response?.status !== 429) await new Promise((resolve) => setImmediate(resolve));
    // The answer is on its way to the bot; the process is now busy for a while (a slow disk), and
    // meanwhile a timer comes due for a post to another conversation.
    let second: ReturnType<ChatPort["post"]> | undefined;
    setTimeout(() => (second = port.post(channel("C0BUSYTWO"), note("two"))), 1);
    const busyUntil = Date.now() + 30;
    while (Date.now() < busyUntil);
    expect(await first).toMatchObject({ ok: false, rateLimited: { scope: "chat.postMessage" } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await second).toMatchObject({ ok: false, wait: true, held: true, notSent: true });
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    // The request held back was never made: no warning that it failed, only a line for debugging.
    const failed = logged.filter((l) => l.msg.startsWith("http request failed"));
    expect(failed.map((l) => l.level)).toEqual([20]);
  });

  it("pauses only the method Slack limited: updates still go out meanwhile", async () => {
    const w = await world();
    const [anna, bram] = [newUser(), newUser()];
    await w.enqueue([dm(anna, "question", "ask:1")]);
    await w.drain();
    await w.enqueue([dm(bram, "another question"), { kind: "update", topic: "ask:1", view: note("decided") }]);
    fake.failNext("chat.postMessage", { status: 429, headers: { "Retry-After": "2" } });
    await w.dispatcher().dispatchOnce();
    expect(fake.callsTo("chat.update")).toHaveLength(1);
    expect(fake.callsTo("chat.postMessage").at(-1)?.response?.status).toBe(429);
  });

  it("warns for server errors and for each message given up on, with counts", async () => {
    const w = await world();
    const [anna, gone] = [newUser(), "C0GONE0001"];
    await w.enqueue([dm(anna, "one"), { kind: "post", to: { platform: "slack", kind: "channel", id: gone }, view: note("to a channel that is gone") }]);
    fake.failNext("chat.postMessage", { status: 500 });
    fake.failNext("chat.postMessage", { status: 200, body: { ok: false, error: "channel_not_found" } });
    await w.dispatcher({ concurrency: 1 }).dispatchOnce();
    const round = w.logLines.find((l) => l.level === 40 && (l.outbox as { serverErrors?: number } | undefined)?.serverErrors === 1);
    expect(round).toMatchObject({ outbox: { serverErrors: 1, failed: 1, gaveUp: 1 } });
    expect(w.logLines.filter((l) => l.msg === "outbox: gave up on a message (audited as message.failed)")).toEqual([expect.objectContaining({ level: 40, platform: "slack", to: `channel:${gone}`, attempts: 1 })]);
    expect(w.events.map((e) => e.kind).sort()).toEqual(["failed", "gave_up", "server_error"]);
  });
});
