import { expect, it } from "vitest";
import type { ChatPort, SendResult } from "../../src/core/outbox/outbound.js";
import { note, outboxWorld, type OutboxWorld } from "../support/outbox-world.js";

/**
 * No stale buttons: an ask's question went to several liaisons, and its copies are replaced when
 * the ask is decided. One copy that can no longer be replaced (its post deleted, its conversation
 * gone) is passed over and named in the audit log; before, the update gave up at that copy, and
 * the copies after it kept Approve and Deny for good.
 */

/**
 * A question of `topic` posted to each of `users` (each post numbered: "U1|1", "U2|2"), then
 * replaced by each of `updates` in turn, through a port whose updates `update` answers.
 */
async function questionUpdated(users: string[], updates: string[], update: ChatPort["update"]): Promise<OutboxWorld> {
  let posts = 0;
  const port: ChatPort = {
    async post(to) {
      return { ok: true, ref: `${to.id}|${++posts}` };
    },
    async upload() {
      throw new Error("no files here");
    },
    update,
  };
  const world = await outboxWorld(() => ({ slack: port }));
  await world.enqueue(users.map((id) => ({ kind: "post", to: { platform: "slack", kind: "user", id }, view: note("Approve or deny R-1?"), topic: "ask:1" })));
  await world.drain();
  for (const summary of updates) {
    await world.enqueue([{ kind: "update", topic: "ask:1", view: note(summary) }]);
    await world.drain();
  }
  return world;
}

const replaced = (ref: string): SendResult => ({ ok: true, ref });
const refused = (code: string): SendResult => ({ ok: false, error: `Slack answered ${code} to chat.update`, permanent: true, notSent: true });

it("replaces every copy it can, and records the one that is gone", async () => {
  const updated: string[] = [];
  const world = await questionUpdated(["UFIRST", "UGONE", "ULAST"], ["R-1: approved by Anna"], async (ref) => {
    if (ref.startsWith("UGONE")) return refused("message_not_found");
    updated.push(ref);
    return replaced(ref);
  });
  try {
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
  const world = await questionUpdated(["USLOW", "UOTHER"], ["R-1: denied by Bert"], async (ref) => {
    if (ref.startsWith("USLOW") && failOnce) {
      failOnce = false;
      return { ok: false, error: "Slack answered HTTP 500 to chat.update", serverError: true };
    }
    updated.push(ref);
    return replaced(ref);
  });
  try {
    expect(updated).toContain("USLOW|1");
    expect(updated).toContain("UOTHER|2");
    expect((await world.rows()).at(-1)!.state).toBe("SENT");
  } finally {
    await world.close();
  }
});

it("gives the update up when no copy at all can be replaced: the update itself is refused", async () => {
  const world = await questionUpdated(["UONE", "UTWO"], ["R-1: approved"], async () => refused("token_revoked"));
  try {
    expect((await world.rows()).at(-1)!.state).toBe("FAILED");
    expect(await world.audit("message.copies_not_updated")).toEqual([]);
  } finally {
    await world.close();
  }
});

it("replaces a copy where the last update left it, when an update moved it (a long message that took more posts)", async () => {
  const calls: string[] = [];
  const world = await questionUpdated(["UONE"], ["R-1: approved, with a long list", "R-1: consent revoked"], async (ref, view) => {
    calls.push(ref);
    // The first update grew the message into a second post: it lives in both now.
    return replaced(view.summary.includes("approved") ? `${ref},p2` : ref);
  });
  try {
    expect(calls).toEqual(["UONE|1", "UONE|1,p2"]);
  } finally {
    await world.close();
  }
});
