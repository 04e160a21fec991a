import type { PartyCode } from "../core/covenant/parties.js";
import { PLATFORMS, type Platform } from "../core/directory/types.js";
import type { TlpLabel } from "../core/covenant/tlp.js";
import { ASK_TRANSITIONS, type AskState, type RequestState } from "../core/disclosure/consent-state.js";
import type { Analysis, ConsentAsk, DisclosureRequest, RecipientKind } from "../core/disclosure/types.js";
import type { AnalysisReads, AnalysisWrites, DisclosureReads, DisclosureWrites } from "../core/ports.js";
import type { Prisma } from "./generated/sqlite/client.js";
import type { Db } from "./prisma-store.js";
import type { Sealing } from "./sealing/sealing.js";
import { asChecked } from "../core/guard/checked-text.js";

type RequestRow = Prisma.DisclosureRequestGetPayload<{ include: { items: true } }>;
type AskRow = Prisma.ConsentAskGetPayload<object>;

/** A stored platform name, as the core knows it; anything else is a damaged row, not a request. */
function platformOf(stored: string): Platform {
  if (!(PLATFORMS as readonly string[]).includes(stored)) throw new Error(`a disclosure request names an unknown platform to deliver to: ${JSON.stringify(stored.slice(0, 40))}`);
  return stored as Platform;
}

// Person text is stored only after the Art 7.2 guard let it in (core/guard): read back as such.
export const toRequest = ({ deliverPlatform, deliverChannel, ...row }: RequestRow): DisclosureRequest => ({
  ...row,
  deliverTo: { platform: platformOf(deliverPlatform), channel: deliverChannel },
  purpose: asChecked(row.purpose),
  legalBasis: asChecked(row.legalBasis),
  conditions: row.conditions === null ? null : asChecked(row.conditions),
  recipientKind: row.recipientKind as RecipientKind,
  viaParty: row.viaParty as PartyCode | null,
  tlp: row.tlp as TlpLabel,
  tlpRequested: row.tlpRequested as TlpLabel | null,
  state: row.state as RequestState,
  items: row.items.map((i) => ({ itemId: i.itemId, party: i.party as PartyCode })).sort((a, b) => a.itemId - b.itemId),
});

export const toAsk = (row: AskRow): ConsentAsk => ({ ...row, reason: row.reason === null ? null : asChecked(row.reason), party: row.party as PartyCode, state: row.state as AskState });

export const toAnalysis = ({ items, ...row }: Prisma.AnalysisGetPayload<{ include: { items: true } }>): Analysis => ({
  ...row,
  title: asChecked(row.title),
  body: asChecked(row.body),
  itemIds: items.map((i) => i.itemId).sort((a, b) => a - b),
});

export function analysisReads(db: Db): AnalysisReads {
  return {
    async byId(id) {
      const row = await db.analysis.findUnique({ where: { id }, include: { items: true } });
      return row ? toAnalysis(row) : undefined;
    },
  };
}

export function analysisWrites(tx: Prisma.TransactionClient, sealing: Sealing): AnalysisWrites {
  return {
    async create(analysis): Promise<Analysis> {
      const { itemIds, ...fields } = analysis;
      const [title, body] = await sealing.sealValues([fields.title as string, fields.body as string]);
      const row = await tx.analysis.create({ data: { ...fields, title, body, items: { create: itemIds.map((itemId) => ({ itemId })) } } });
      // As stored (sealed): the store opens what its repositories answer (sealing.opened).
      return { ...row, title: asChecked(row.title), body: asChecked(row.body), itemIds: [...itemIds] };
    },
  };
}

export function disclosureReads(db: Db, sealing: Sealing): DisclosureReads {
  return {
    async byId(id) {
      const row = await db.disclosureRequest.findUnique({ where: { id }, include: { items: true } });
      return row ? toRequest(row) : undefined;
    },
    async asksOf(requestId) {
      return (await db.consentAsk.findMany({ where: { requestId }, orderBy: { party: "asc" } })).map(toAsk);
    },
    async ask(askId) {
      const row = await db.consentAsk.findUnique({ where: { id: askId } });
      return row ? toAsk(row) : undefined;
    },
    async releasedContaining(itemId) {
      const rows = await db.disclosureRequest.findMany({ where: { state: "RELEASED", items: { some: { itemId } } }, include: { items: true }, orderBy: { id: "asc" } });
      return rows.map(toRequest);
    },
    async byRequester(memberId, limit) {
      const rows = await db.disclosureRequest.findMany({ where: { requesterId: memberId }, include: { items: true }, orderBy: { id: "desc" }, take: limit });
      return rows.map(toRequest);
    },
    async asksFor(parties, states, limit) {
      const rows = await db.consentAsk.findMany({
        where: { party: { in: [...parties] }, state: { in: [...states] } },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(toAsk);
    },
    async pastDeadline(now, limit) {
      const rows = await db.disclosureRequest.findMany({
        where: { state: "PENDING", deadline: { lte: now } },
        include: { items: true },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(toRequest);
    },
    async pendingAsks(limit) {
      const rows = await db.consentAsk.findMany({
        where: { state: "PENDING", request: { state: "PENDING" } },
        include: { request: { select: { createdAt: true, deadline: true } } },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(({ request, ...ask }) => ({ ...toAsk(ask), createdAt: request.createdAt, deadline: request.deadline }));
    },
    async provisionOf(requestId) {
      const record = (await db.provision.findUnique({ where: { requestId } }))?.record;
      return record === undefined ? undefined : (await sealing.openJson([record]))[0];
    },
    async releasesTo(recipientId) {
      const requests = await db.disclosureRequest.findMany({ where: { recipientId, state: "RELEASED" }, include: { items: true } });
      const provisions = await db.provision.findMany({ where: { requestId: { in: requests.map((r) => r.id) } } });
      const byRequest = new Map(provisions.map((p) => [p.requestId, p]));
      return requests
        .filter((r) => byRequest.has(r.id))
        .map((r) => ({ request: toRequest(r), provisionId: byRequest.get(r.id)!.id, releasedAt: byRequest.get(r.id)!.releasedAt }))
        .sort((a, b) => a.releasedAt.getTime() - b.releasedAt.getTime() || a.provisionId - b.provisionId);
    },
  };
}

export function disclosureWrites(tx: Prisma.TransactionClient, sealing: Sealing): DisclosureWrites {
  return {
    async create(request, parties) {
      const { items, deliverTo, ...fields } = request;
      // Free text may name the items' values: sealed like every stored text (storage/sealing).
      const [purpose, conditions] = await sealing.sealValues([fields.purpose as string, fields.conditions as string | null]);
      const row = await tx.disclosureRequest.create({
        data: { ...fields, purpose: purpose!, conditions, deliverPlatform: deliverTo.platform, deliverChannel: deliverTo.channel, state: "PENDING", items: { create: items.map((i) => ({ itemId: i.itemId, party: i.party })) } },
        include: { items: true },
      });
      await tx.consentAsk.createMany({ data: parties.map((party) => ({ requestId: row.id, party, state: "PENDING" })) });
      const asks = await tx.consentAsk.findMany({ where: { requestId: row.id }, orderBy: { party: "asc" } });
      return { request: toRequest(row), asks: asks.map(toAsk) };
    },
    async lock(requestId) {
      const { count } = await tx.disclosureRequest.updateMany({ where: { id: requestId }, data: { version: { increment: 1 } } });
      if (count === 0) return undefined;
      return toRequest((await tx.disclosureRequest.findUnique({ where: { id: requestId }, include: { items: true } }))!);
    },
    async transition(askId, event, fields) {
      const { from, to } = ASK_TRANSITIONS[event];
      const { count } = await tx.consentAsk.updateMany({
        where: { id: askId, state: { in: [...from] } },
        data: {
          state: to,
          decidedAt: fields.at,
          decidedById: fields.byId ?? null,
          decidedByName: fields.byName ?? null,
          reason: fields.reason ? (await sealing.sealValues([fields.reason as string]))[0] : null,
        },
      });
      return count === 1;
    },
    async close(requestId, to, at) {
      const { count } = await tx.disclosureRequest.updateMany({ where: { id: requestId, state: "PENDING" }, data: { state: to, closedAt: at } });
      return count === 1;
    },
    async markReminded(askId, at) {
      const { count } = await tx.consentAsk.updateMany({ where: { id: askId, state: "PENDING", remindedAt: null }, data: { remindedAt: at } });
      return count === 1;
    },
    async markEscalated(askId, at) {
      const { count } = await tx.consentAsk.updateMany({ where: { id: askId, state: "PENDING", escalatedAt: null }, data: { escalatedAt: at } });
      return count === 1;
    },
    async saveProvision(requestId, releasedAt, record) {
      const [sealed] = await sealing.sealJson([record]);
      return (await tx.provision.create({ data: { requestId, releasedAt, record: sealed }, select: { id: true } })).id;
    },
  };
}
