import type { PartyCode } from "../core/covenant/parties.js";
import { ROUND_ASK_TRANSITIONS, ROUND_TRANSITIONS, type RoundAskState, type RoundKind, type RoundState } from "../core/rounds/round-state.js";
import type { RoundReads, RoundWrites } from "../core/rounds/round-port.js";
import type { AskRole, Round, RoundAsk } from "../core/rounds/types.js";
import type { Prisma } from "./generated/sqlite/client.js";
import type { Db } from "./prisma-store.js";
import type { Sealing } from "./sealing/sealing.js";
import { asChecked } from "../core/guard/checked-text.js";

type RoundRow = Prisma.RoundGetPayload<object>;
type AskRow = Prisma.RoundAskGetPayload<object>;

export const toRound = ({ lockSerial: _serial, ...row }: RoundRow): Round => ({
  ...row,
  // Stored only after the Art 7.2 guard let it in (core/guard).
  text: asChecked(row.text),
  kind: row.kind as RoundKind,
  authorParty: row.authorParty as PartyCode,
  state: row.state as RoundState,
});

export const toRoundAsk = (row: AskRow): RoundAsk => ({ ...row, note: row.note === null ? null : asChecked(row.note), party: row.party as PartyCode, role: row.role as AskRole, state: row.state as RoundAskState });

const OPEN_ASKS = ["PENDING", "COORDINATING"];
const OPEN_ROUNDS = ["OPEN", "CHANGES_REQUESTED"];
const askOrder = [{ version: "asc" as const }, { role: "desc" as const }, { party: "asc" as const }];

export function roundReads(db: Db): RoundReads {
  return {
    async byId(id) {
      const row = await db.round.findUnique({ where: { id } });
      return row ? toRound(row) : undefined;
    },
    async asksOf(roundId, version) {
      return (await db.roundAsk.findMany({ where: { roundId, ...(version === undefined ? {} : { version }) }, orderBy: askOrder })).map(toRoundAsk);
    },
    async ask(askId) {
      const row = await db.roundAsk.findUnique({ where: { id: askId } });
      return row ? toRoundAsk(row) : undefined;
    },
    async byAuthor(memberId, limit) {
      return (await db.round.findMany({ where: { authorId: memberId }, orderBy: { id: "desc" }, take: limit })).map(toRound);
    },
    async openAsks(limit, parties) {
      const rows = await db.roundAsk.findMany({
        where: { state: { in: OPEN_ASKS }, round: { state: "OPEN" }, ...(parties ? { party: { in: [...parties] } } : {}) },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(toRoundAsk);
    },
    async pastDeadline(now, limit) {
      return (await db.round.findMany({ where: { state: { in: OPEN_ROUNDS }, deadline: { lte: now } }, orderBy: { id: "asc" }, take: limit })).map(toRound);
    },
  };
}

export function roundWrites(tx: Prisma.TransactionClient, sealing: Sealing): RoundWrites {
  const asksOf = async (roundId: number, version: number) => (await tx.roundAsk.findMany({ where: { roundId, version }, orderBy: askOrder })).map(toRoundAsk);
  const createAsks = (roundId: number, version: number, askedAt: Date, asks: Parameters<RoundWrites["create"]>[1]) =>
    tx.roundAsk.createMany({ data: asks.map((a) => ({ ...a, roundId, version, askedAt })) });
  return {
    async create(round, asks) {
      const row = await tx.round.create({ data: { ...round, text: await sealing.sealText(round.text), version: 1, state: "OPEN" } });
      await createAsks(row.id, 1, round.startedAt, asks);
      return { round: toRound(row), asks: await asksOf(row.id, 1) };
    },
    async lock(roundId) {
      const { count } = await tx.round.updateMany({ where: { id: roundId }, data: { lockSerial: { increment: 1 } } });
      if (count === 0) return undefined;
      return toRound((await tx.round.findUnique({ where: { id: roundId } }))!);
    },
    async transition(askId, event, fields) {
      const { from, to } = ROUND_ASK_TRANSITIONS[event];
      // Conditional on the ask's role and state: only an ask still in a source state moves.
      const sources = Object.entries(from).map(([role, states]) => ({ role, state: { in: [...states] } }));
      const { count } = await tx.roundAsk.updateMany({
        where: { id: askId, OR: sources },
        data: { state: to, decidedAt: fields.at, decidedById: fields.byId ?? null, decidedByName: fields.byName ?? null, note: (await sealing.sealText(fields.note)) ?? null },
      });
      return count === 1;
    },
    async move(roundId, event, at) {
      const { from, to, kinds } = ROUND_TRANSITIONS[event];
      // A revision is no move: it makes a new version (see `revise`).
      if ((event as string) === "revise") return false;
      const closes = to !== "OPEN" && to !== "CHANGES_REQUESTED";
      const { count } = await tx.round.updateMany({
        where: { id: roundId, state: { in: [...from] }, kind: { in: [...kinds] } },
        data: { state: to, ...(closes ? { closedAt: at } : {}) },
      });
      return count === 1;
    },
    async revise(roundId, fromVersion, change, asks) {
      const { from, kinds } = ROUND_TRANSITIONS.revise;
      const { count } = await tx.round.updateMany({
        where: { id: roundId, version: fromVersion, state: { in: [...from] }, kind: { in: [...kinds] } },
        data: { version: fromVersion + 1, state: "OPEN", text: await sealing.sealText(change.text), startedAt: change.startedAt, deadline: change.deadline },
      });
      if (count === 0) return undefined;
      await createAsks(roundId, fromVersion + 1, change.startedAt, asks);
      return { round: toRound((await tx.round.findUnique({ where: { id: roundId } }))!), asks: await asksOf(roundId, fromVersion + 1) };
    },
    async setCoordination(roundId, coordinates) {
      await tx.round.update({ where: { id: roundId }, data: { nctvCoordinates: coordinates } });
    },
    async markReminded(askId, at) {
      const { count } = await tx.roundAsk.updateMany({ where: { id: askId, state: { in: OPEN_ASKS }, remindedAt: null }, data: { remindedAt: at } });
      return count === 1;
    },
    async markEscalated(askId, at) {
      const { count } = await tx.roundAsk.updateMany({ where: { id: askId, state: { in: OPEN_ASKS }, escalatedAt: null }, data: { escalatedAt: at } });
      return count === 1;
    },
  };
}
