import type { Directory } from "../core/directory/types.js";
import { RECORD_TABLES, type RecordExtent, type RecordReads } from "../core/oversight/record-port.js";
import type { ConsultationState } from "../core/consultation/types.js";
import { toAnalysis, toAsk, toRequest } from "./disclosure-repository.js";
import type { Db } from "./prisma-store.js";
import { toStoredItem } from "./sealing/sealed-items.js";
import { toRound, toRoundAsk } from "./round-repository.js";
import { asChecked } from "../core/guard/checked-text.js";
import type { Sealing } from "./sealing/sealing.js";

const itemInclude = { correctedBy: { select: { id: true } } } as const;

/**
 * The whole record for the oversight committee's archive (Wiv 2017), page by page in id order.
 * Items come with every version: what a party corrected stays on record and is shown.
 */
export function recordReads(db: Db, sealing: Sealing): RecordReads {
  const after = (id: number) => ({ gt: id });
  return {
    async extent(): Promise<RecordExtent> {
      // One after the other: inside a transaction the queries share one connection.
      const items = await db.item.aggregate({ _count: { _all: true }, _max: { id: true } });
      const analyses = await db.analysis.aggregate({ _count: { _all: true }, _max: { id: true } });
      const requests = await db.disclosureRequest.aggregate({ _count: { _all: true }, _max: { id: true } });
      const asks = await db.consentAsk.aggregate({ _count: { _all: true }, _max: { id: true } });
      const provisions = await db.provision.aggregate({ _count: { _all: true }, _max: { id: true } });
      const directories = await db.directoryVersion.aggregate({ _count: { _all: true }, _max: { version: true } });
      const meetings = await db.steeringMeeting.aggregate({ _count: { _all: true }, _max: { id: true } });
      const reminders = await db.steeringReminder.count();
      const rounds = await db.round.aggregate({ _count: { _all: true }, _max: { id: true } });
      const roundAsks = await db.roundAsk.aggregate({ _count: { _all: true }, _max: { id: true } });
      const consultations = await db.consultation.aggregate({ _count: { _all: true }, _max: { id: true } });
      const consultationNotes = await db.consultationNote.aggregate({ _count: { _all: true }, _max: { id: true } });
      const of = (a: { _count: { _all: number }; _max: { id?: number | null; version?: number | null } }) => ({
        count: a._count._all,
        last: a._max.id ?? a._max.version ?? 0,
      });
      const extent = {
        items: of(items),
        analyses: of(analyses),
        requests: of(requests),
        asks: of(asks),
        provisions: of(provisions),
        directories: of(directories),
        meetings: of(meetings),
        reminders: { count: reminders, last: reminders },
        rounds: of(rounds),
        roundAsks: of(roundAsks),
        consultations: of(consultations),
        consultationNotes: of(consultationNotes),
      };
      return Object.fromEntries(RECORD_TABLES.map((t) => [t, extent[t]])) as RecordExtent;
    },
    async itemPage(afterId, limit) {
      const rows = await db.item.findMany({ where: { id: after(afterId) }, include: itemInclude, orderBy: { id: "asc" }, take: limit });
      return rows.map((row) => toStoredItem(row, sealing.items));
    },
    async analysisPage(afterId, limit) {
      const rows = await db.analysis.findMany({ where: { id: after(afterId) }, include: { items: true }, orderBy: { id: "asc" }, take: limit });
      return rows.map(toAnalysis);
    },
    async requestPage(afterId, limit) {
      const rows = await db.disclosureRequest.findMany({ where: { id: after(afterId) }, include: { items: true }, orderBy: { id: "asc" }, take: limit });
      return rows.map(toRequest);
    },
    async askPage(afterId, limit) {
      return (await db.consentAsk.findMany({ where: { id: after(afterId) }, orderBy: { id: "asc" }, take: limit })).map(toAsk);
    },
    async provisionPage(afterId, limit) {
      const rows = await db.provision.findMany({ where: { id: after(afterId) }, orderBy: { id: "asc" }, take: limit });
      const records = await sealing.openJson(rows.map((r) => r.record));
      return rows.map((r, n) => ({ ...r, record: records[n] }));
    },
    async directoryPage(afterVersion, limit) {
      const rows = await db.directoryVersion.findMany({ where: { version: after(afterVersion) }, orderBy: { version: "asc" }, take: limit });
      return rows.map(({ content, ...row }) => ({ ...row, directory: JSON.parse(content) as Directory }));
    },
    async meetingPage(afterId, limit) {
      const rows = await db.steeringMeeting.findMany({ where: { id: after(afterId) }, orderBy: { id: "asc" }, take: limit });
      return rows.map((row) => ({ ...row, note: row.note === null ? null : asChecked(row.note) }));
    },
    async roundPage(afterId, limit) {
      return (await db.round.findMany({ where: { id: after(afterId) }, orderBy: { id: "asc" }, take: limit })).map(toRound);
    },
    async roundAskPage(afterId, limit) {
      return (await db.roundAsk.findMany({ where: { id: after(afterId) }, orderBy: { id: "asc" }, take: limit })).map(toRoundAsk);
    },
    async consultationPage(afterId, limit) {
      const rows = await db.consultation.findMany({ where: { id: after(afterId) }, orderBy: { id: "asc" }, take: limit });
      return rows.map((row) => ({ ...row, question: asChecked(row.question), state: row.state as ConsultationState }));
    },
    async consultationNotePage(afterId, limit) {
      const rows = await db.consultationNote.findMany({ where: { id: after(afterId) }, orderBy: { id: "asc" }, take: limit });
      return rows.map((row) => ({ ...row, text: asChecked(row.text) }));
    },
    async reminders() {
      return db.steeringReminder.findMany({ orderBy: { key: "asc" } });
    },
  };
}
