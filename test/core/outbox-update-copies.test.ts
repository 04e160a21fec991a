import { expect, it } from "vitest";
import type { ChatPort, OutboundMessage } from "../../src/core/outbox/outbound.js";
import { note, outboxWorld } from "../support/outbox-world.js";

/**
 * No stale buttons: an ask's question went to three liaisons, and one copy can no longer be
 * replaced when the ask is decided (its post deleted, its conversation gone). The others are
 * replaced all the same, and the audit log names the one passed over. Before, the update gave up
 * at that copy, and the copies after it kept Approve and Deny for good.
 */
it("replaces every copy it can, and records the one that is gone", async () => {
  const updated: string[] = [];
  let n = 0;
  const port: ChatPort = {
    async post(to) {
      return { ok: true, ref: `${to.id}|${++n}` };
    },
    async upload() {
      throw new Error("no files here");
    },
    async update(ref) {
      if (ref.startsWith("UGONE")) return { ok: false, error: "Slack answered message_not_found to chat.update", permanent: true, notSent: true };
      updated.push(ref);
      return { ok: true, ref };
    },
  };
  const world = await outboxWorld(() => ({ slack: port }));
  try {
    const ask = (id: string): OutboundMessage => ({ kind: "post", to: { platform: "slack", kind: "user", id }, view: note("Approve or deny R-1?"), topic: "ask:1" });
    await world.enqueue([ask("UFIRST"), ask("UGONE"), ask("ULAST")]);
    await world.drain();
    await world.enqueue([{ kind: "update", topic: "ask:1", view: note("R-1: approved by Anna") }]);
    await world.drain();
    expect(updated).toEqual(["UFIRST|1", "ULAST|3"]);
    expect((await world.rows()).at(-1)!.state).toBe("SENT");
    expect((await world.audit("message.copies_not_updated")).map((e) => e.details)).toEqual([expect.objectContaining({ topic: "ask:1", copies: ["slack:UGONE|2"] })]);
  } finally {
    await world.close();
  }
});

it("tries a copy again that failed for now, with the others", async () => {
  let failOnce = true;
  const updated: string[] = [];
  const port: ChatPort = {
    async post(to) {
      return { ok: true, ref: `${to.id}|1` };
    },
    async upload() {
      throw new Error("no files here");
    },
    async update(ref) {
      if (ref.startsWith("USLOW") && failOnce) {
        failOnce = false;
        return { ok: false, error: "Slack answered HTTP 500 to chat.update", serverError: true };
      }
      updated.push(ref);
      return { ok: true, ref };
    },
  };
  const world = await outboxWorld(() => ({ slack: port }));
  try {
    const ask = (id: string): OutboundMessage => ({ kind: "post", to: { platform: "slack", kind: "user", id }, view: note("Approve or deny R-2?"), topic: "ask:2" });
    await world.enqueue([ask("USLOW"), ask("UOTHER")]);
    await world.drain();
    await world.enqueue([{ kind: "update", topic: "ask:2", view: note("R-2: denied by Bert") }]);
    await world.drain();
    expect(updated).toContain("USLOW|1");
    expect(updated).toContain("UOTHER|1");
    expect((await world.rows()).at(-1)!.state).toBe("SENT");
  } finally {
    await world.close();
  }
});

it("gives the update up when no copy at all can be replaced: the update itself is refused", async () => {
  const port: ChatPort = {
    async post(to) {
      return { ok: true, ref: `${to.id}|1` };
    },
    async upload() {
      throw new Error("no files here");
    },
    async update() {
      return { ok: false, error: "Slack answered token_revoked to chat.update", permanent: true, notSent: true };
    },
  };
  const world = await outboxWorld(() => ({ slack: port }));
  try {
    const ask = (id: string): OutboundMessage => ({ kind: "post", to: { platform: "slack", kind: "user", id }, view: note("Approve or deny R-3?"), topic: "ask:3" });
    await world.enqueue([ask("UONE"), ask("UTWO")]);
    await world.drain();
    await world.enqueue([{ kind: "update", topic: "ask:3", view: note("R-3: approved") }]);
    await world.drain();
    expect((await world.rows()).at(-1)!.state).toBe("FAILED");
    expect(await world.audit("message.copies_not_updated")).toEqual([]);
  } finally {
    await world.close();
  }
});

it("replaces a copy where the last update left it, when an update moved it (a long message that took more posts)", async () => {
  const calls: string[] = [];
  const port: ChatPort = {
    async post(to) {
      return { ok: true, ref: `${to.id}|p1` };
    },
    async upload() {
      throw new Error("no files here");
    },
    async update(ref, view) {
      calls.push(ref);
      // The first update grew the message into a second post: it lives in both now.
      return { ok: true, ref: view.summary.includes("approved") ? `${ref},p2` : ref };
    },
  };
  const world = await outboxWorld(() => ({ slack: port }));
  try {
    await world.enqueue([{ kind: "post", to: { platform: "slack", kind: "user", id: "UONE" }, view: note("Approve or deny R-4?"), topic: "ask:4" }]);
    await world.drain();
    await world.enqueue([{ kind: "update", topic: "ask:4", view: note("R-4: approved, with a long list") }]);
    await world.drain();
    await world.enqueue([{ kind: "update", topic: "ask:4", view: note("R-4: consent revoked") }]);
    await world.drain();
    expect(calls).toEqual(["UONE|p1", "UONE|p1,p2"]);
  } finally {
    await world.close();
  }
});
