import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxDispatcher } from "../../src/core/outbox/dispatch-outbox.js";
import type { ChatPort, OutboundMessage } from "../../src/core/outbox/outbound.js";
import { systemClock, type Store } from "../../src/core/ports.js";
import type { MessageView } from "../../src/core/views/message.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";

/** The outbox's claiming and its read for readiness, on both databases. */
const view = (text: string): MessageView => ({ summary: text, blocks: [{ kind: "paragraph", content: [text] }] });
const dm = (id: string, text: string): OutboundMessage => ({ kind: "post", to: { platform: "slack", kind: "user", id }, view: view(text) });
const t0 = new Date("2026-12-01T09:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const enqueue = (store: Store, messages: OutboundMessage[], when: Date) => store.transaction((tx) => tx.outbox.enqueue(messages, when));

describe.each(DATABASE_KINDS)("the outbox on %s", (kind) => {
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

  it("names the due time of the oldest unsent message that is due, and nothing when none is", async () => {
    expect(await store.outbox.oldestPending(at(0))).toBeUndefined();
    await enqueue(store, [dm("U1", "first")], at(10));
    await enqueue(store, [dm("U2", "second")], at(20));
    // Not due yet at 5 s: a message scheduled for later is not late.
    expect(await store.outbox.oldestPending(at(5))).toBeUndefined();
    expect(await store.outbox.oldestPending(at(60))).toEqual(at(10));
    const [first] = await store.outbox.claimDue(at(60), 15_000, 1);
    await store.transaction((tx) => tx.outbox.markSent(first.id, first.lease, "C1|1.0", at(60)));
    expect(await store.outbox.oldestPending(at(60))).toEqual(at(20));
    const [second] = await store.outbox.claimDue(at(60), 15_000, 1);
    await store.transaction((tx) => tx.outbox.markFailed(second.id, second.lease, "HTTP 500", at(120)));
    // Put back for a later attempt: not due (and not late) until then.
    expect(await store.outbox.oldestPending(at(61))).toBeUndefined();
    expect(await store.outbox.oldestPending(at(130))).toEqual(at(120));
  });
});

describe("two instances sending from one PostgreSQL database", () => {
  it("never send two messages of one lane at once, keep each lane's order, and send each message once", async () => {
    const db = await freshDatabaseUrl("postgres");
    const [a, b] = [await openStore(db.url), await openStore(db.url)];
    try {
      const people = ["U1", "U2", "U3", "U4"];
      for (let i = 0; i < 8; i++) await enqueue(a, people.map((p) => dm(p, `${p} #${i}`)), new Date());
      const delivered: string[] = [];
      const inFlight = new Map<string, number>();
      const overlaps: string[] = [];
      const port = (instance: string): ChatPort => ({
        async post(to, view) {
          const now = (inFlight.get(to.id) ?? 0) + 1;
          inFlight.set(to.id, now);
          if (now > 1) overlaps.push(`${instance}: ${view.summary} while another message to ${to.id} was on its way`);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
          delivered.push(view.summary);
          inFlight.set(to.id, inFlight.get(to.id)! - 1);
          return { ok: true, ref: `${to.id}|${delivered.length}` };
        },
        upload: async () => ({ ok: true, ref: "f" }),
        update: async (ref) => ({ ok: true, ref }),
      });
      const instances = [createOutboxDispatcher({ store: a, clock: systemClock, ports: { slack: port("a") } }), createOutboxDispatcher({ store: b, clock: systemClock, ports: { slack: port("b") } })];
      const run = async (d: (typeof instances)[number]) => {
        for (let round = 0; round < 200 && (await a.outbox.pendingCount()) > 0; round++) await d.dispatchOnce(3);
      };
      await Promise.all(instances.map(run));
      expect(overlaps).toEqual([]);
      expect(delivered).toHaveLength(32);
      for (const p of people) expect(delivered.filter((d) => d.startsWith(`${p} `))).toEqual(Array.from({ length: 8 }, (_, i) => `${p} #${i}`));
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});

describe("a claim that waits while another instance tries the same message (PostgreSQL)", () => {
  it("does not take a message put off meanwhile, and takes it later as it was left: in doubt, so that it is looked for", async () => {
    const db = await freshDatabaseUrl("postgres");
    const store = await openStore(db.url);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      await enqueue(store, [dm("U1", "R-1 released")], at(0));
      const [{ id }] = (await admin.query('SELECT "id" FROM "OutboxMessage"')).rows as { id: number }[];
      // Another instance holds the row while it records its attempt: the platform took the post,
      // its answer was a 500, so the post is in doubt and waits 10 s before it is looked for.
      await admin.query("BEGIN");
      await admin.query('SELECT 1 FROM "OutboxMessage" WHERE "id" = $1 FOR UPDATE', [id]);
      const claim = store.outbox.claimDue(at(5), 15_000, 10);
      await waitUntilBlocked(admin);
      await admin.query('UPDATE "OutboxMessage" SET "inDoubtSince" = $2, "nextAttemptAt" = $3, "attempts" = 1, "lastError" = $4 WHERE "id" = $1', [id, at(1), at(15), "Slack answered HTTP 500"]);
      await admin.query("COMMIT");
      // This instance read the message as due and not in doubt before the other's attempt.
      expect(await claim).toEqual([]);
      const [later] = await store.outbox.claimDue(at(16), 15_000, 10);
      expect(later).toMatchObject({ id, attempts: 1 });
      expect(later.inDoubtSince).toEqual(at(1));
    } finally {
      await admin.end();
      await store.close();
      await db.drop();
    }
  });
});

/** Waits until another session of the database waits for a lock (the claim's update, here). */
async function waitUntilBlocked(admin: pg.Client) {
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE "wait_event_type" = 'Lock' AND "pid" <> pg_backend_pid()`);
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the claim never waited for the row");
}
