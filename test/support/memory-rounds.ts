/**
 * The in-memory fake of the agreement rounds' port, with the semantics of
 * src/storage/round-repository.ts:
 *
 * - every change is a conditional update: `transition` applies only from the event's source
 *   states for the ask's role (ROUND_ASK_TRANSITIONS), `move` only from the event's source round
 *   states and kinds (ROUND_TRANSITIONS), `revise` only while the round is open and still at the
 *   version the caller saw, `markReminded`/`markEscalated` once and only while the ask is open;
 * - one ask per round, version, party and role: a duplicate is a unique-key violation, which the
 *   stores treat as a conflict;
 * - `lock` bumps the round's lock counter (the memory store runs one transaction at a time).
 *
 * Asks come back ordered by version, then role (party before coordination), then party.
 */
import { ROUND_ASK_TRANSITIONS, ROUND_TRANSITIONS } from "../../src/core/rounds/round-state.js";
import type { RoundReads, RoundWrites } from "../../src/core/rounds/round-port.js";
import type { NewRoundAsk, Round, RoundAsk } from "../../src/core/rounds/types.js";
import { ConflictError } from "../../src/core/ports.js";

export type RoundRow = Round & { lockSerial: number };

export interface RoundTables {
  rounds: RoundRow[];
  roundAsks: RoundAsk[];
}

export const emptyRoundTables = (): RoundTables => ({ rounds: [], roundAsks: [] });

const nextId = (rows: readonly { id: number }[]) => Math.max(0, ...rows.map((r) => r.id)) + 1;
const OPEN_ASKS = ["PENDING", "COORDINATING"];
const OPEN_ROUNDS = ["OPEN", "CHANGES_REQUESTED"];
/** Prisma orders strings by code unit: "party" sorts after "coordination", and is asked for descending. */
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const askOrder = (a: RoundAsk, b: RoundAsk) => cmp(a.version, b.version) || cmp(b.role, a.role) || cmp(a.party, b.party);

const toRound = ({ lockSerial: _serial, ...row }: RoundRow): Round => structuredClone(row);
const toAsk = (row: RoundAsk): RoundAsk => structuredClone(row);

export function roundReads(t: () => RoundTables): RoundReads {
  return {
    async byId(id) {
      const row = t().rounds.find((r) => r.id === id);
      return row ? toRound(row) : undefined;
    },
    async asksOf(roundId, version) {
      return t().roundAsks.filter((a) => a.roundId === roundId && (version === undefined || a.version === version)).sort(askOrder).map(toAsk);
    },
    async ask(askId) {
      const row = t().roundAsks.find((a) => a.id === askId);
      return row ? toAsk(row) : undefined;
    },
    async byAuthor(memberId, limit) {
      return t().rounds.filter((r) => r.authorId === memberId).sort((a, b) => b.id - a.id).slice(0, limit).map(toRound);
    },
    async openAsks(limit, parties) {
      const open = new Set(t().rounds.filter((r) => r.state === "OPEN").map((r) => r.id));
      return t()
        .roundAsks.filter((a) => OPEN_ASKS.includes(a.state) && open.has(a.roundId) && (!parties || parties.includes(a.party)))
        .sort((a, b) => a.id - b.id)
        .slice(0, limit)
        .map(toAsk);
    },
    async pastDeadline(now, limit) {
      return t()
        .rounds.filter((r) => OPEN_ROUNDS.includes(r.state) && r.deadline.getTime() <= now.getTime())
        .sort((a, b) => a.id - b.id)
        .slice(0, limit)
        .map(toRound);
    },
  };
}

export function roundWrites(t: RoundTables): RoundWrites {
  const round = (id: number) => t.rounds.find((r) => r.id === id);
  const ask = (id: number) => t.roundAsks.find((a) => a.id === id);
  const addAsks = (roundId: number, version: number, askedAt: Date, asks: readonly NewRoundAsk[]) => {
    let id = nextId(t.roundAsks);
    for (const a of asks) {
      if (t.roundAsks.some((o) => o.roundId === roundId && o.version === version && o.party === a.party && o.role === a.role)) {
        throw new ConflictError("unique key: a party asked twice on one version of a round");
      }
      t.roundAsks.push({ ...structuredClone(a), id: id++, roundId, version, askedAt: new Date(askedAt), remindedAt: null, escalatedAt: null });
    }
    return t.roundAsks.filter((a) => a.roundId === roundId && a.version === version).sort(askOrder).map(toAsk);
  };
  return {
    async create(newRound, asks) {
      const row: RoundRow = { ...structuredClone(newRound), id: nextId(t.rounds), version: 1, state: "OPEN", closedAt: null, lockSerial: 0 };
      t.rounds.push(row);
      return { round: toRound(row), asks: addAsks(row.id, 1, newRound.startedAt, asks) };
    },
    async lock(roundId) {
      const row = round(roundId);
      if (!row) return undefined;
      row.lockSerial++;
      return toRound(row);
    },
    async transition(askId, event, fields) {
      const { from, to } = ROUND_ASK_TRANSITIONS[event];
      const row = ask(askId);
      if (!row || !(from[row.role] ?? []).includes(row.state)) return false;
      Object.assign(row, { state: to, decidedAt: new Date(fields.at), decidedById: fields.byId ?? null, decidedByName: fields.byName ?? null, note: fields.note ?? null });
      return true;
    },
    async move(roundId, event, at) {
      const { from, to, kinds } = ROUND_TRANSITIONS[event];
      const row = round(roundId);
      // A revision is no move: it makes a new version (see `revise`).
      if (!row || (event as string) === "revise" || !from.includes(row.state) || !kinds.includes(row.kind)) return false;
      row.state = to;
      if (to !== "OPEN" && to !== "CHANGES_REQUESTED") row.closedAt = new Date(at);
      return true;
    },
    async revise(roundId, fromVersion, change, asks) {
      const { from, kinds } = ROUND_TRANSITIONS.revise;
      const row = round(roundId);
      if (!row || row.version !== fromVersion || !from.includes(row.state) || !kinds.includes(row.kind)) return undefined;
      Object.assign(row, { version: fromVersion + 1, state: "OPEN", text: change.text, startedAt: new Date(change.startedAt), deadline: new Date(change.deadline) });
      return { round: toRound(row), asks: addAsks(roundId, fromVersion + 1, change.startedAt, asks) };
    },
    async setCoordination(roundId, coordinates) {
      const row = round(roundId);
      if (!row) throw new Error(`record to update not found: round ${roundId}`); // as Prisma's update (P2025)
      row.nctvCoordinates = coordinates;
    },
    async markReminded(askId, at) {
      const row = ask(askId);
      if (!row || !OPEN_ASKS.includes(row.state) || row.remindedAt !== null) return false;
      row.remindedAt = new Date(at);
      return true;
    },
    async markEscalated(askId, at) {
      const row = ask(askId);
      if (!row || !OPEN_ASKS.includes(row.state) || row.escalatedAt !== null) return false;
      row.escalatedAt = new Date(at);
      return true;
    },
  };
}
