import { deliveredFromRows } from "../core/outbox/delivered.js";
import type { Destination, OutboundMessage, OutboxEntry } from "../core/outbox/outbound.js";
import type { OutboxReads, OutboxWrites } from "../core/ports.js";
import type { Platform } from "../core/directory/types.js";
import type { MessageView } from "../core/views/message.js";
import type { Prisma } from "./generated/sqlite/client.js";
import type { Db } from "./prisma-store.js";

type Row = Prisma.OutboxMessageGetPayload<object>;

function toEntry(row: Row, lease: Date): OutboxEntry {
  const view = JSON.parse(row.payload);
  const platform = row.platform as Platform;
  if (row.kind === "update") return { id: row.id, attempts: row.attempts, lease, message: { kind: "update", topic: row.topic!, view } };
  const [kind, id] = row.target.split(/:(.*)/s) as [Destination["kind"], string];
  if (row.kind === "file") {
    const { fileName, content, view: fileView } = view as { fileName: string; content: string; view: MessageView };
    return { id: row.id, attempts: row.attempts, lease, message: { kind: "file", to: { platform, kind, id }, fileName, content, view: fileView, topic: row.topic ?? undefined } };
  }
  return { id: row.id, attempts: row.attempts, lease, message: { kind: "post", to: { platform, kind, id }, view, topic: row.topic ?? undefined } };
}

export function outboxReads(db: Db): OutboxReads {
  return {
    async claimDue(now, leaseMs, limit) {
      const free = { OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] };
      const candidates = await db.outboxMessage.findMany({
        where: { state: "PENDING", nextAttemptAt: { lte: now }, ...free },
        orderBy: { id: "asc" },
        take: limit,
      });
      const claimed: OutboxEntry[] = [];
      for (const row of candidates) {
        // Conditional update: of several instances polling at once, exactly one wins each row.
        const lease = new Date(now.getTime() + leaseMs);
        const { count } = await db.outboxMessage.updateMany({ where: { id: row.id, state: "PENDING", ...free }, data: { lockedUntil: lease } });
        if (count === 1) claimed.push(toEntry(row, lease));
      }
      return claimed;
    },
    async sentRefs(topic) {
      const rows = await db.outboxMessage.findMany({ where: { topic, kind: "post" }, select: { state: true, sentRef: true, platform: true }, orderBy: { id: "asc" } });
      return {
        sent: rows.filter((r) => r.state === "SENT" && r.sentRef).map((r) => ({ platform: r.platform as Platform, ref: r.sentRef! })),
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
        where: { platform: to.platform, target: `${to.kind}:${to.id}`, kind: { in: ["post", "file"] }, state: "SENT", sentRef: { not: null } },
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
        posts.map((p) => ({ ...p, sentAt: p.sentAt! })),
        updates.map((u) => ({ ...u, sentAt: u.sentAt! })),
      );
    },
    async deliveredFile(to, id) {
      const row = await db.outboxMessage.findFirst({
        where: { id, platform: to.platform, target: `${to.kind}:${to.id}`, kind: "file", state: "SENT", sentRef: { not: null } },
        select: { payload: true },
      });
      if (!row) return undefined;
      const { fileName, content } = JSON.parse(row.payload) as { fileName: string; content: string };
      return { fileName, content };
    },
  };
}

export function outboxWrites(tx: Db): OutboxWrites {
  return {
    async enqueue(messages: readonly OutboundMessage[], at: Date) {
      if (messages.length === 0) return;
      await tx.outboxMessage.createMany({
        data: messages.map((m) => ({
          createdAt: at,
          // An update follows its topic's posts to whatever platform they went to.
          platform: m.kind === "update" ? "" : m.to.platform,
          target: m.kind === "update" ? "" : `${m.to.kind}:${m.to.id}`,
          kind: m.kind,
          topic: m.topic ?? null,
          payload: JSON.stringify(m.kind === "file" ? { fileName: m.fileName, content: m.content, view: m.view } : m.view),
          state: "PENDING",
          nextAttemptAt: at,
        })),
      });
    },
    async markSent(id, lease, ref, at) {
      const { count } = await tx.outboxMessage.updateMany({
        where: { id, lockedUntil: lease },
        data: { state: "SENT", sentRef: ref, sentAt: at, lockedUntil: null, lastError: null },
      });
      return count === 1;
    },
    async markFailed(id, lease, error, nextAttemptAt) {
      const { count } = await tx.outboxMessage.updateMany({
        where: { id, lockedUntil: lease },
        data: nextAttemptAt
          ? { state: "PENDING", nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 500), attempts: { increment: 1 } }
          : { state: "FAILED", lockedUntil: null, lastError: error.slice(0, 500), attempts: { increment: 1 } },
      });
      return count === 1;
    },
    async postpone(id, lease, nextAttemptAt, reason) {
      const { count } = await tx.outboxMessage.updateMany({ where: { id, lockedUntil: lease }, data: { nextAttemptAt, lockedUntil: null, lastError: reason.slice(0, 500) } });
      return count === 1;
    },
  };
}
