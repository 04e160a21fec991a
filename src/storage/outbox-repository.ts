import { deliveredFromRows } from "../core/outbox/delivered.js";
import { decodeFile, decodeMessage, encodePayload, sentView } from "../core/outbox/payload.js";
import { laneOf, outboxKey, type OutboundMessage, type OutboxEntry } from "../core/outbox/outbound.js";
import type { OutboxReads, OutboxWrites } from "../core/ports.js";
import type { Platform } from "../core/directory/types.js";
import type { Prisma } from "./generated/sqlite/client.js";
import type { Db } from "./prisma-store.js";
import type { Sealing } from "./sealing/sealing.js";

type Row = Prisma.OutboxMessageGetPayload<object>;

/** The language a sent post was written in, if its view says. */
const languageOf = (payload: string) => {
  const language = sentView("post", payload).language;
  return language ? { language } : {};
};

function toEntry(row: Row, lease: Date): OutboxEntry {
  const common = { id: row.id, attempts: row.attempts, lease, tag: { id: row.id, key: outboxKey(row.id, row.createdAt) }, ...(row.inDoubtSince ? { inDoubtSince: row.inDoubtSince } : {}) };
  return { ...common, message: decodeMessage(row) };
}

/** A date as either driver hands it back from a raw query (SQLite: text; PostgreSQL: a Date). */
const dateOf = (value: Date | string | null) => (value === null ? null : new Date(value));

export function outboxReads(db: Db, sealing: Sealing): OutboxReads {
  /** Rows with their payloads opened (storage/sealing): what the core reads and sends. */
  const opened = async <R extends { payload: string }>(rows: R[]): Promise<R[]> => {
    const payloads = await sealing.openJson(rows.map((r) => r.payload));
    return rows.map((r, n) => ({ ...r, payload: payloads[n] }));
  };
  return {
    async claimDue(now, leaseMs, limit) {
      // The head of each lane: its oldest unsent message (the least id of the lane's pending rows,
      // read off the (state, lane, id) index: about 1 ms for 10,000 pending messages on SQLite,
      // where a NOT EXISTS per row took 15); an update only once its topic's posts are out, as it
      // waits for them anyway (see dispatch-outbox.ts). Due and free are judged here rather than
      // in SQL, because the two databases hand dates to raw queries differently. Messages behind
      // a head are never candidates, so a later message never overtakes an earlier one of its
      // lane, whichever instance sends them.
      const heads = await db.$queryRawUnsafe<{ id: number | bigint; nextAttemptAt: Date | string; lockedUntil: Date | string | null }[]>(
        `SELECT m."id", m."nextAttemptAt", m."lockedUntil"
         FROM (SELECT MIN("id") AS "id" FROM "OutboxMessage" WHERE "state" = 'PENDING' GROUP BY "lane") h
         JOIN "OutboxMessage" m ON m."id" = h."id"
         WHERE NOT (m."kind" = 'update' AND EXISTS (SELECT 1 FROM "OutboxMessage" p WHERE p."state" = 'PENDING' AND p."kind" = 'post' AND p."topic" = m."topic"))
         ORDER BY m."id"`,
      );
      const due = heads
        .filter((h) => dateOf(h.nextAttemptAt)!.getTime() <= now.getTime() && (h.lockedUntil === null || dateOf(h.lockedUntil)!.getTime() < now.getTime()))
        .slice(0, limit)
        .map((h) => Number(h.id));
      if (due.length === 0) return [];
      const free = { OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] };
      const lease = new Date(now.getTime() + leaseMs);
      const won: number[] = [];
      for (const id of due) {
        // Conditional update: of several instances polling at once, exactly one wins each row. Due
        // and free again here: another instance may have tried it since the heads were read, and
        // put it off (a post in doubt waits before it is looked for).
        const { count } = await db.outboxMessage.updateMany({ where: { id, state: "PENDING", nextAttemptAt: { lte: now }, ...free }, data: { lockedUntil: lease } });
        if (count === 1) won.push(id);
      }
      if (won.length === 0) return [];
      // Read as claimed, not as first read: whether a post is in doubt (so that it is looked for
      // before it is posted again) and how many attempts it had are what the last attempt left.
      const rows = await opened(await db.outboxMessage.findMany({ where: { id: { in: won }, lockedUntil: lease }, orderBy: { id: "asc" } }));
      return rows.map((row) => toEntry(row, lease));
    },
    async sentRefs(topic) {
      const rows = await db.outboxMessage.findMany({ where: { topic, kind: "post" }, select: { id: true, state: true, sentRef: true, platform: true, payload: true }, orderBy: { id: "asc" } });
      return {
        sent: rows
          .filter((r) => r.state === "SENT" && r.sentRef)
          .map((r) => ({ id: r.id, platform: r.platform as Platform, ref: r.sentRef!, ...languageOf(r.payload) })),
        pending: rows.filter((r) => r.state === "PENDING").length,
      };
    },
    async pendingCount() {
      return db.outboxMessage.count({ where: { state: "PENDING" } });
    },
    async oldestPending(now) {
      const row = await db.outboxMessage.findFirst({ where: { state: "PENDING", nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } });
      return row?.nextAttemptAt;
    },
    async delivered(to, limit) {
      // A copy passed over because its platform is not served was marked sent without a reference.
      const posts = await db.outboxMessage.findMany({
        where: { platform: to.platform, targetKind: to.kind, targetId: to.id, kind: { in: ["post", "file"] }, state: "SENT", sentRef: { not: null } },
        orderBy: { id: "desc" },
        take: limit,
        select: { id: true, kind: true, topic: true, payload: true, sentAt: true },
      });
      const topics = [...new Set(posts.flatMap((p) => (p.topic ? [p.topic] : [])))];
      const updates =
        topics.length === 0
          ? []
          : await db.outboxMessage.findMany({ where: { kind: "update", state: "SENT", topic: { in: topics } }, select: { id: true, kind: true, topic: true, payload: true, sentAt: true } });
      return deliveredFromRows(
        (await opened(posts)).map((p) => ({ ...p, sentAt: p.sentAt! })),
        (await opened(updates)).map((u) => ({ ...u, sentAt: u.sentAt! })),
      );
    },
    async deliveredFile(to, id) {
      const row = await db.outboxMessage.findFirst({
        where: { id, platform: to.platform, targetKind: to.kind, targetId: to.id, kind: "file", state: "SENT", sentRef: { not: null } },
        select: { payload: true },
      });
      if (!row) return undefined;
      const { fileName, content } = decodeFile((await sealing.openJson([row.payload]))[0]);
      return { fileName, content };
    },
  };
}

export function outboxWrites(tx: Db, sealing: Sealing): OutboxWrites {
  return {
    async enqueue(messages: readonly OutboundMessage[], at: Date) {
      if (messages.length === 0) return;
      const payloads = await sealing.sealJson(messages.map((m) => encodePayload(m)));
      await tx.outboxMessage.createMany({
        data: messages.map((m, n) => ({
          createdAt: at,
          // An update follows its topic's posts to whatever platform they went to.
          platform: m.kind === "update" ? "" : m.to.platform,
          targetKind: m.kind === "update" ? "" : m.to.kind,
          targetId: m.kind === "update" ? "" : m.to.id,
          kind: m.kind,
          topic: m.topic ?? null,
          releaseOf: m.kind === "update" ? null : (m.releaseOf ?? null),
          payload: payloads[n],
          state: "PENDING",
          nextAttemptAt: at,
          lane: laneOf(m),
        })),
      });
    },
    async markSent(id, lease, ref, at) {
      const { count } = await tx.outboxMessage.updateMany({
        where: { id, lockedUntil: lease },
        data: { state: "SENT", sentRef: ref, sentAt: at, lockedUntil: null, lastError: null, inDoubtSince: null },
      });
      return count === 1;
    },
    async replaceRef(id, from, to) {
      await tx.outboxMessage.updateMany({ where: { id, sentRef: from }, data: { sentRef: to } });
    },
    async markAttempting(id, lease, at) {
      const row = await tx.outboxMessage.findFirst({ where: { id, lockedUntil: lease }, select: { inDoubtSince: true } });
      if (!row) return false;
      if (row.inDoubtSince) return true;
      const { count } = await tx.outboxMessage.updateMany({ where: { id, lockedUntil: lease }, data: { inDoubtSince: at } });
      return count === 1;
    },
    async markFailed(id, lease, error, nextAttemptAt, options) {
      const settled = options?.settled ? { inDoubtSince: null } : {};
      const { count } = await tx.outboxMessage.updateMany({
        where: { id, lockedUntil: lease },
        data: nextAttemptAt
          ? { state: "PENDING", nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 500), attempts: { increment: 1 }, ...settled }
          : { state: "FAILED", lockedUntil: null, lastError: error.slice(0, 500), attempts: { increment: 1 }, ...settled },
      });
      return count === 1;
    },
    async postpone(id, lease, nextAttemptAt, reason, options) {
      const settled = options?.settled ? { inDoubtSince: null } : {};
      const { count } = await tx.outboxMessage.updateMany({ where: { id, lockedUntil: lease }, data: { nextAttemptAt, lockedUntil: null, lastError: reason.slice(0, 500), ...settled } });
      return count === 1;
    },
  };
}
