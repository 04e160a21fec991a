/**
 * The in-memory fake of the analysis, disclosure and outbox ports, with the semantics of
 * src/storage/disclosure-repository.ts and src/storage/outbox-repository.ts:
 *
 * - every change of an ask or a request is a conditional update: `transition` applies only from
 *   the event's source states (ASK_TRANSITIONS), `close` only from PENDING, `markReminded` and
 *   `markEscalated` only once and only while the ask is PENDING;
 * - `lock` bumps the request's version and returns it (the memory store runs one transaction at
 *   a time, so the lock itself is implicit);
 * - one provision per request, one ask per request and party, one row per request and item:
 *   a duplicate is a unique-key violation, which the stores treat as a conflict;
 * - the outbox stores a message's view as JSON text, so what comes back is a copy;
 *   `claimDue` leases due messages (`lockedUntil`), only the oldest unsent one of each lane;
 *   `markAttempting` records once when a send may have begun (`inDoubtSince`).
 *
 * The functions work on plain tables that memory-store.ts keeps in its state and copies per
 * transaction; nothing here knows about transactions.
 */
import { decodeMessage, encodePayload, sentView } from "../../src/core/outbox/payload.js";
import type { PartyCode } from "../../src/core/covenant/parties.js";
import { ASK_TRANSITIONS, type RequestState } from "../../src/core/disclosure/consent-state.js";
import type { Analysis, ConsentAsk, DisclosureRequest } from "../../src/core/disclosure/types.js";
import { deliveredFromRows } from "../../src/core/outbox/delivered.js";
import { laneOf, outboxKey, type OutboxEntry } from "../../src/core/outbox/outbound.js";
import type { Platform } from "../../src/core/directory/types.js";
import {
  ConflictError,
  type AnalysisReads,
  type AnalysisWrites,
  type DisclosureReads,
  type DisclosureWrites,
  type OutboxReads,
  type OutboxWrites,
} from "../../src/core/ports.js";

export type AnalysisRow = Analysis;
/** A request as stored: its `version` is bumped by every `lock`. */
export type RequestRow = Omit<DisclosureRequest, "items"> & { version: number; items: { requestId: number; itemId: number; party: PartyCode }[] };
export type AskRow = ConsentAsk;
export interface ProvisionRow {
  id: number;
  requestId: number;
  releasedAt: Date;
  record: string;
}
export type OutboxState = "PENDING" | "SENT" | "FAILED";
export interface OutboxRow {
  id: number;
  createdAt: Date;
  /** "" for updates, which follow their topic's posts to any platform. */
  platform: Platform | "";
  /** "user:U123" or "channel:C123"; empty for updates. The tests' way to find a destination's messages. */
  target: string;
  /** As the database keeps the destination: its kind and id, empty for updates. */
  targetKind: string;
  targetId: string;
  kind: "post" | "update" | "file";
  topic: string | null;
  releaseOf: number | null;
  /** The view as JSON text. */
  payload: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  lastError: string | null;
  sentRef: string | null;
  sentAt: Date | null;
  /** The destination or the update's topic; one message of a lane goes out at a time. */
  lane: string;
  inDoubtSince: Date | null;
}

export interface DisclosureTables {
  analyses: AnalysisRow[];
  requests: RequestRow[];
  asks: AskRow[];
  provisions: ProvisionRow[];
  outbox: OutboxRow[];
}

export const emptyDisclosureTables = (): DisclosureTables => ({ analyses: [], requests: [], asks: [], provisions: [], outbox: [] });

const nextId = (rows: readonly { id: number }[]) => Math.max(0, ...rows.map((r) => r.id)) + 1;
const byId = <T extends { id: number }>(a: T, b: T) => a.id - b.id;
/** Prisma orders strings by code unit (SQLite's binary collation). */
const byParty = (a: AskRow, b: AskRow) => (a.party < b.party ? -1 : a.party > b.party ? 1 : 0);

// Every answer is a copy, as a database's would be: callers cannot change what is stored.
const toRequest = (row: RequestRow): DisclosureRequest =>
  structuredClone({ ...row, items: row.items.map((i) => ({ itemId: i.itemId, party: i.party })).sort((a, b) => a.itemId - b.itemId) });
const toAsk = (row: AskRow): ConsentAsk => structuredClone(row);

function toEntry(row: OutboxRow): OutboxEntry {
  const lease = new Date(row.lockedUntil!);
  const common = { id: row.id, attempts: row.attempts, lease, tag: { id: row.id, key: outboxKey(row.id, row.createdAt) }, ...(row.inDoubtSince ? { inDoubtSince: new Date(row.inDoubtSince) } : {}) };
  return { ...common, message: decodeMessage(row) };
}

export function analysisReads(t: () => DisclosureTables): AnalysisReads {
  return {
    async byId(id) {
      const row = t().analyses.find((a) => a.id === id);
      return row ? structuredClone({ ...row, itemIds: [...row.itemIds].sort((a, b) => a - b) }) : undefined;
    },
  };
}

export function analysisWrites(t: DisclosureTables): AnalysisWrites {
  return {
    async create(analysis) {
      const row: AnalysisRow = { ...structuredClone(analysis), id: nextId(t.analyses) };
      t.analyses.push(row);
      return structuredClone(row);
    },
  };
}

export function disclosureReads(t: () => DisclosureTables): DisclosureReads {
  return {
    async byId(id) {
      const row = t().requests.find((r) => r.id === id);
      return row ? toRequest(row) : undefined;
    },
    async asksOf(requestId) {
      return t().asks.filter((a) => a.requestId === requestId).sort(byParty).map(toAsk);
    },
    async ask(askId) {
      const row = t().asks.find((a) => a.id === askId);
      return row ? toAsk(row) : undefined;
    },
    async releasesTo(recipientId) {
      return t()
        .requests.filter((r) => r.recipientId === recipientId && r.state === "RELEASED")
        .flatMap((r) => {
          const provision = t().provisions.find((p) => p.requestId === r.id);
          return provision ? [{ request: toRequest(r), provisionId: provision.id, releasedAt: new Date(provision.releasedAt) }] : [];
        })
        .sort((a, b) => a.releasedAt.getTime() - b.releasedAt.getTime() || a.provisionId - b.provisionId);
    },
    async releasedContaining(itemId) {
      return t()
        .requests.filter((r) => r.state === "RELEASED" && r.items.some((i) => i.itemId === itemId))
        .sort((a, b) => a.id - b.id)
        .map(toRequest);
    },
    async byRequester(memberId, limit) {
      return t().requests.filter((r) => r.requesterId === memberId).sort((a, b) => b.id - a.id).slice(0, limit).map(toRequest);
    },
    async asksFor(parties, states, limit) {
      return t()
        .asks.filter((a) => parties.includes(a.party) && states.includes(a.state))
        .sort(byId)
        .slice(0, limit)
        .map(toAsk);
    },
    async pastDeadline(now, limit) {
      return t()
        .requests.filter((r) => r.state === "PENDING" && r.deadline.getTime() <= now.getTime())
        .sort(byId)
        .slice(0, limit)
        .map(toRequest);
    },
    async pendingAsks(limit) {
      const requests = new Map(t().requests.map((r) => [r.id, r]));
      return t()
        .asks.filter((a) => a.state === "PENDING" && requests.get(a.requestId)?.state === "PENDING")
        .sort(byId)
        .slice(0, limit)
        .map((a) => {
          const request = requests.get(a.requestId)!;
          return { ...toAsk(a), createdAt: new Date(request.createdAt), deadline: new Date(request.deadline) };
        });
    },
    async provisionOf(requestId) {
      return t().provisions.find((p) => p.requestId === requestId)?.record;
    },
  };
}

export function disclosureWrites(t: DisclosureTables): DisclosureWrites {
  const request = (id: number) => t.requests.find((r) => r.id === id);
  const ask = (id: number) => t.asks.find((a) => a.id === id);
  return {
    async create(newRequest, parties) {
      const id = nextId(t.requests);
      const { items, ...fields } = structuredClone(newRequest);
      if (new Set(items.map((i) => i.itemId)).size !== items.length) throw new ConflictError("unique key: an item twice in one request");
      if (new Set(parties).size !== parties.length) throw new ConflictError("unique key: a party asked twice for one request");
      const row: RequestRow = { ...fields, id, state: "PENDING", closedAt: null, version: 0, items: items.map((i) => ({ requestId: id, itemId: i.itemId, party: i.party })) };
      t.requests.push(row);
      let askId = nextId(t.asks);
      for (const party of parties) {
        t.asks.push({ id: askId++, requestId: id, party, state: "PENDING", decidedById: null, decidedByName: null, decidedAt: null, reason: null, remindedAt: null, escalatedAt: null });
      }
      return { request: toRequest(row), asks: t.asks.filter((a) => a.requestId === id).sort(byParty).map(toAsk) };
    },
    async lock(requestId) {
      const row = request(requestId);
      if (!row) return undefined;
      row.version++;
      return toRequest(row);
    },
    async transition(askId, event, fields) {
      const { from, to } = ASK_TRANSITIONS[event];
      const row = ask(askId);
      if (!row || !from.includes(row.state)) return false;
      Object.assign(row, {
        state: to,
        decidedAt: new Date(fields.at),
        decidedById: fields.byId ?? null,
        decidedByName: fields.byName ?? null,
        reason: fields.reason ?? null,
      });
      return true;
    },
    async close(requestId, to: Exclude<RequestState, "PENDING">, at) {
      const row = request(requestId);
      if (!row || row.state !== "PENDING") return false;
      Object.assign(row, { state: to, closedAt: new Date(at) });
      return true;
    },
    async markReminded(askId, at) {
      const row = ask(askId);
      if (!row || row.state !== "PENDING" || row.remindedAt !== null) return false;
      row.remindedAt = new Date(at);
      return true;
    },
    async markEscalated(askId, at) {
      const row = ask(askId);
      if (!row || row.state !== "PENDING" || row.escalatedAt !== null) return false;
      row.escalatedAt = new Date(at);
      return true;
    },
    async saveProvision(requestId, releasedAt, record) {
      if (t.provisions.some((p) => p.requestId === requestId)) throw new ConflictError(`unique key: request ${requestId} already has a provision`);
      const id = nextId(t.provisions);
      t.provisions.push({ id, requestId, releasedAt: new Date(releasedAt), record });
      return id;
    },
  };
}

/** A message is free to claim when nobody holds a lease on it, or the lease ran out. */
const free = (row: OutboxRow, now: Date) => row.lockedUntil === null || row.lockedUntil.getTime() < now.getTime();

/**
 * `claimDue` changes rows, so it is given the tables to change: inside a transaction its working
 * copy; outside one, memory-store.ts runs it as a transaction of its own (an autocommit update).
 */
export function outboxReads(t: () => DisclosureTables): OutboxReads {
  return {
    async claimDue(now, leaseMs, limit) {
      const pending = t().outbox.filter((r) => r.state === "PENDING").sort(byId);
      const heads = pending.filter(
        (r, i) => pending.findIndex((o) => o.lane === r.lane) === i && !(r.kind === "update" && pending.some((p) => p.kind === "post" && p.topic === r.topic)),
      );
      const candidates = heads.filter((r) => r.nextAttemptAt.getTime() <= now.getTime() && free(r, now)).slice(0, limit);
      for (const row of candidates) {
        row.lockedUntil = new Date(now.getTime() + leaseMs);
      }
      return candidates.map(toEntry);
    },
    async sentRefs(topic) {
      const rows = t().outbox.filter((r) => r.topic === topic && r.kind === "post").sort(byId);
      return {
        sent: rows
          .filter((r) => r.state === "SENT" && r.sentRef)
          .map((r) => ({ platform: r.platform as Platform, ref: r.sentRef!, ...(sentView("post", r.payload).language ? { language: sentView("post", r.payload).language } : {}) })),
        pending: rows.filter((r) => r.state === "PENDING").length,
      };
    },
    async pendingCount() {
      return t().outbox.filter((r) => r.state === "PENDING").length;
    },
    async oldestPending(now) {
      const due = t().outbox.filter((r) => r.state === "PENDING" && r.nextAttemptAt.getTime() <= now.getTime());
      return due.length === 0 ? undefined : new Date(Math.min(...due.map((r) => r.nextAttemptAt.getTime())));
    },
    async delivered(to, limit) {
      const sent = (r: OutboxRow) => r.state === "SENT" && r.sentAt !== null;
      const posts = t()
        .outbox.filter((r) => sent(r) && r.sentRef && r.kind !== "update" && r.platform === to.platform && r.target === `${to.kind}:${to.id}`)
        .sort((a, b) => b.id - a.id)
        .slice(0, limit);
      const updates = t().outbox.filter((r) => sent(r) && r.kind === "update");
      return deliveredFromRows(posts.map((r) => ({ ...r, sentAt: new Date(r.sentAt!) })), updates.map((r) => ({ ...r, sentAt: new Date(r.sentAt!) })));
    },
    async deliveredFile(to, id) {
      const row = t().outbox.find((r) => r.id === id && r.kind === "file" && r.state === "SENT" && r.sentRef && r.platform === to.platform && r.target === `${to.kind}:${to.id}`);
      if (!row) return undefined;
      const { fileName, content } = JSON.parse(row.payload) as { fileName: string; content: string };
      return { fileName, content };
    },
  };
}

const holds = (r: OutboxRow, lease: Date) => r.lockedUntil !== null && r.lockedUntil.getTime() === lease.getTime();

export function outboxWrites(t: DisclosureTables): OutboxWrites {
  const row = (id: number) => {
    const found = t.outbox.find((r) => r.id === id);
    if (!found) throw new Error(`record to update not found: outbox message ${id}`); // as Prisma's update (P2025)
    return found;
  };
  return {
    async enqueue(messages, at) {
      let id = nextId(t.outbox);
      for (const m of messages) {
        t.outbox.push({
          id: id++,
          createdAt: new Date(at),
          platform: m.kind === "update" ? "" : m.to.platform,
          target: m.kind === "update" ? "" : `${m.to.kind}:${m.to.id}`,
          targetKind: m.kind === "update" ? "" : m.to.kind,
          targetId: m.kind === "update" ? "" : m.to.id,
          kind: m.kind,
          topic: m.topic ?? null,
          releaseOf: m.kind === "update" ? null : (m.releaseOf ?? null),
          payload: encodePayload(m),
          state: "PENDING",
          attempts: 0,
          nextAttemptAt: new Date(at),
          lockedUntil: null,
          lastError: null,
          sentRef: null,
          sentAt: null,
          lane: laneOf(m),
          inDoubtSince: null,
        });
      }
    },
    // Like the Prisma repository: a mark changes the row only while the caller's lease holds.
    async markSent(id, lease, ref, at) {
      if (!holds(row(id), lease)) return false;
      Object.assign(row(id), { state: "SENT", sentRef: ref, sentAt: new Date(at), lockedUntil: null, lastError: null, inDoubtSince: null });
      return true;
    },
    async markAttempting(id, lease, at) {
      if (!holds(row(id), lease)) return false;
      row(id).inDoubtSince ??= new Date(at);
      return true;
    },
    async markFailed(id, lease, error, nextAttemptAt, options) {
      if (!holds(row(id), lease)) return false;
      Object.assign(
        row(id),
        nextAttemptAt
          ? { state: "PENDING", nextAttemptAt: new Date(nextAttemptAt), lockedUntil: null, lastError: error.slice(0, 500) }
          : { state: "FAILED", lockedUntil: null, lastError: error.slice(0, 500) },
        options?.settled ? { inDoubtSince: null } : {},
      );
      row(id).attempts++;
      return true;
    },
    async postpone(id, lease, nextAttemptAt, reason, options) {
      if (!holds(row(id), lease)) return false;
      Object.assign(row(id), { nextAttemptAt: new Date(nextAttemptAt), lockedUntil: null, lastError: reason.slice(0, 500) }, options?.settled ? { inDoubtSince: null } : {});
      return true;
    },
  };
}
