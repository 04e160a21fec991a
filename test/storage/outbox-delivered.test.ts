import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundMessage, OutboxEntry } from "../../src/core/outbox/outbound.js";
import type { Store } from "../../src/core/ports.js";
import type { MessageView } from "../../src/core/views/message.js";
import { openStore } from "../../src/storage/database.js";
import { createLocalChatPort } from "../../src/adapters/local/local-chat-port.js";
import { attemptTimeoutFor, createOutboxDispatcher, LEASE_MS, leaseFor } from "../../src/core/outbox/dispatch-outbox.js";
import { testClock } from "../support/test-clock.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";

/**
 * What a person or channel has been delivered, read back from the outbox (the local workspace
 * shows this), on both databases.
 */
const view = (text: string): MessageView => ({ summary: text, blocks: [{ kind: "paragraph", content: [text] }] });
const anna = { platform: "local" as const, kind: "user" as const, id: "anna" };
const channel = { platform: "local" as const, kind: "channel" as const, id: "ops" };
const t0 = new Date("2026-11-30T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

/**
 * Sends what is due as the dispatcher would, with the reference the port answered (null: passed
 * over). A claim hands out one message per lane (destination) at a time, so it claims again until
 * nothing is left.
 */
async function sendDue(store: Store, now: Date, ref: (entry: OutboxEntry) => string | null) {
  for (let claimed = await store.outbox.claimDue(now, 15_000, 100); claimed.length > 0; claimed = await store.outbox.claimDue(now, 15_000, 100)) {
    for (const entry of claimed) await store.transaction((tx) => tx.outbox.markSent(entry.id, entry.lease, ref(entry), now));
  }
}
const enqueue = (store: Store, messages: OutboundMessage[], when: Date) => store.transaction((tx) => tx.outbox.enqueue(messages, when));
const localRef = (entry: OutboxEntry) => (entry.message.kind !== "update" && entry.message.to.platform === "local" ? `local|${entry.message.to.kind}:${entry.message.to.id}` : null);

describe.each(DATABASE_KINDS)("delivered messages on %s", (kind) => {
  let store: Store;
  let drop = async () => {};
  beforeAll(async () => {
    const db = await freshDatabaseUrl(kind);
    drop = db.drop;
    store = await openStore(db.url);
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it("lists sent posts and files newest first, each with the latest update sent after it", async () => {
    await enqueue(
      store,
      [
        { kind: "post", to: anna, view: view("consent asked"), topic: "ask:1" },
        { kind: "post", to: { platform: "slack", kind: "user", id: "U1" }, view: view("consent asked (slack copy)"), topic: "ask:1" },
        { kind: "post", to: channel, view: view("release") },
        { kind: "file", to: channel, fileName: "r-1.json", content: "{}", view: view("r-1.json: the indicators"), topic: "delivery:1" },
      ],
      at(0),
    );
    await sendDue(store, at(0), localRef);
    await enqueue(store, [{ kind: "update", topic: "ask:1", view: view("approved") }], at(1));
    await sendDue(store, at(1), () => null);
    // Posted after the update (a deputy asked later): the update never replaced it.
    await enqueue(store, [{ kind: "post", to: anna, view: view("asked again"), topic: "ask:1" }], at(2));
    await sendDue(store, at(2), localRef);
    // Not yet sent: neither a post nor an update counts before it went out.
    await enqueue(store, [{ kind: "post", to: anna, view: view("still pending") }, { kind: "update", topic: "ask:1", view: view("closed") }], at(3));

    const mine = await store.outbox.delivered(anna, 10);
    expect(mine.map((m) => m.view.summary)).toEqual(["asked again", "approved"]);
    expect(mine[1].sentAt.toISOString()).toBe(at(0).toISOString());
    expect(mine[1].updatedAt?.toISOString()).toBe(at(1).toISOString());
    expect(mine[0].updatedAt).toBeUndefined();

    const theirs = await store.outbox.delivered(channel, 10);
    expect(theirs.map((m) => m.view.summary)).toEqual(["r-1.json: the indicators", "release"]);
    expect(theirs[0].file).toEqual({ fileName: "r-1.json", content: "{}" });
    expect(theirs[1].file).toBeUndefined();
    expect(await store.outbox.delivered(channel, 1)).toHaveLength(1);
  });

  it("delivers a local workspace message once when the sender died between the port and the record", async () => {
    const carol = { platform: "local" as const, kind: "user" as const, id: "carol" };
    const clock = testClock(at(20));
    await enqueue(store, [{ kind: "post", to: carol, view: view("R-9: Released") }], at(20));
    const local = createLocalChatPort();
    const crashing = createOutboxDispatcher({ store, clock, ports: { local: local.port }, afterSend: () => Promise.reject(new Error("killed")) });
    await expect(crashing.dispatchOnce()).rejects.toThrow("killed");
    // The port keeps no messages of its own: until the outbox records it, it is not delivered.
    expect(await store.outbox.delivered(carol, 10)).toEqual([]);
    clock.advance(LEASE_MS + 1);
    await createOutboxDispatcher({ store, clock, ports: { local: local.port } }).dispatchOnce();
    expect((await store.outbox.delivered(carol, 10)).map((m) => m.view.summary)).toEqual(["R-9: Released"]);
  });

  it("takes over a dead sender's message when its lease, which follows the platform's call time limit, has run out", async () => {
    const dave = { platform: "local" as const, kind: "user" as const, id: "dave" };
    const clock = testClock(at(30));
    await enqueue(store, [{ kind: "post", to: dave, view: view("R-10: Released") }], at(30));
    const local = createLocalChatPort();
    // CIIC_PLATFORM_CALL_TIMEOUT_MS=2000: attempts of 3 s, so a claim holds 6 s.
    const limits = { callTimeoutMs: 2000, attemptTimeoutMs: attemptTimeoutFor(2000) };
    expect(leaseFor(limits.attemptTimeoutMs, limits.callTimeoutMs)).toBe(6000);
    const crashing = createOutboxDispatcher({ store, clock, ports: { local: local.port }, ...limits, afterSend: () => Promise.reject(new Error("killed")) });
    await expect(crashing.dispatchOnce()).rejects.toThrow("killed");
    const other = createOutboxDispatcher({ store, clock, ports: { local: local.port }, ...limits });
    clock.advance(5999);
    await other.dispatchOnce();
    expect(await store.outbox.delivered(dave, 10)).toEqual([]);
    clock.advance(2);
    await other.dispatchOnce();
    expect((await store.outbox.delivered(dave, 10)).map((m) => m.view.summary)).toEqual(["R-10: Released"]);
  });

  it("leaves out the copies passed over without a reference (no local workspace was running)", async () => {
    const bob = { platform: "local" as const, kind: "user" as const, id: "bob" };
    await enqueue(store, [{ kind: "post", to: bob, view: view("sent while only Slack ran") }], at(10));
    await sendDue(store, at(10), () => null);
    expect(await store.outbox.delivered(bob, 10)).toEqual([]);
  });
});
