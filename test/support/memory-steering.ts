/**
 * The in-memory fake of the steering and record ports, with the semantics of
 * src/storage/steering-repository.ts and src/storage/record-repository.ts: one meeting per day
 * and one row per reminder key (a duplicate is a unique-key violation, a `ConflictError`), counts
 * over half-open periods [from, to), and pages in id order with every item version, every round
 * ask of every draft and every consultation note. A period's indicators come each once, on the
 * page of its first record in the period; records under a key range in key and id order.
 */
import type { PartyCode } from "../../src/core/covenant/parties.js";
import type { Directory } from "../../src/core/directory/types.js";
import { RECORD_TABLES, type RecordExtent, type RecordReads } from "../../src/core/oversight/record-port.js";
import { ConflictError, type DirectoryRecord, type KeyedRecord, type NewItem, type StoredItem } from "../../src/core/ports.js";
import { relationKeyOf } from "../../src/core/relations/relation-key.js";
import type { PeriodIndicator, SteeringMeeting, SteeringReads, SteeringReminder, SteeringWrites, SuppliedCount } from "../../src/core/steering/types.js";
import type { ConsultationTables } from "./memory-consultations.js";
import type { DisclosureTables } from "./memory-disclosures.js";
import type { RoundTables } from "./memory-rounds.js";

export interface SteeringTables {
  meetings: SteeringMeeting[];
  reminders: SteeringReminder[];
}
export const emptySteeringTables = (): SteeringTables => ({ meetings: [], reminders: [] });

/** The parts of the memory store's state these ports read. */
export interface RecordState extends DisclosureTables, SteeringTables, RoundTables, ConsultationTables {
  items: (NewItem & { id: number; removedAt?: Date | null })[];
  directories: (Omit<DirectoryRecord, "directory"> & { content: string })[];
}

const within = (d: Date, from: Date, to: Date) => d.getTime() >= from.getTime() && d.getTime() < to.getTime();
const page = <T extends { id: number }>(rows: readonly T[], afterId: number, limit: number) =>
  rows.filter((r) => r.id > afterId).sort((a, b) => a.id - b.id).slice(0, limit);

function item(state: RecordState, row: NewItem & { id: number }): StoredItem {
  return { ...structuredClone(row), correctedById: state.items.find((o) => o.supersedesId === row.id)?.id ?? null };
}

function request(row: DisclosureTables["requests"][number]) {
  const { version: _version, ...rest } = structuredClone(row);
  return { ...rest, items: rest.items.map((i) => ({ itemId: i.itemId, party: i.party })).sort((a, b) => a.itemId - b.itemId) };
}

export function steeringReads(s: () => RecordState): SteeringReads {
  return {
    async suppliedCounts(from, to) {
      const out = new Map<string, SuppliedCount>();
      for (const i of s().items.filter((i) => within(i.submittedAt, from, to))) {
        const key = `${i.party}|${i.type}`;
        const entry = out.get(key) ?? { party: i.party, type: i.type, items: 0, corrections: 0 };
        if (i.supersedesId === null) entry.items++;
        else entry.corrections++;
        out.set(key, entry);
      }
      return [...out.values()];
    },
    async overlaps(from, to) {
      const recent = new Set(s().items.filter((i) => within(i.submittedAt, from, to)).map((i) => `${i.type}|${i.value}`));
      const held = new Map<string, Set<PartyCode>>();
      for (const i of s().items) {
        const key = `${i.type}|${i.value}`;
        if (!recent.has(key) || i.submittedAt.getTime() >= to.getTime()) continue;
        held.set(key, (held.get(key) ?? new Set()).add(i.party));
      }
      const pairs = new Map<string, number>();
      let indicators = 0;
      for (const parties of held.values()) {
        if (parties.size < 2) continue;
        indicators++;
        const sorted = [...parties].sort();
        for (let a = 0; a < sorted.length; a++) for (let b = a + 1; b < sorted.length; b++) pairs.set(`${sorted[a]}|${sorted[b]}`, (pairs.get(`${sorted[a]}|${sorted[b]}`) ?? 0) + 1);
      }
      return {
        indicators,
        pairs: [...pairs.entries()].sort().map(([key, n]) => ({ parties: key.split("|") as [PartyCode, PartyCode], indicators: n })),
      };
    },
    async periodIndicators(from, to, afterId, limit) {
      const inPeriod = s()
        .items.filter((i) => !i.removedAt && within(i.submittedAt, from, to))
        .sort((a, b) => a.id - b.id);
      const onPage = inPeriod.filter((i) => i.id > afterId).slice(0, limit);
      const firstIds = new Set<number>();
      for (const i of inPeriod) if (!inPeriod.some((e) => e.type === i.type && e.value === i.value && e.id < i.id)) firstIds.add(i.id);
      const indicators = onPage
        .filter((i) => firstIds.has(i.id))
        .map((i): PeriodIndicator => {
          const held = s().items.filter((h) => !h.removedAt && h.type === i.type && h.value === i.value && h.submittedAt.getTime() < to.getTime());
          return { type: i.type, value: i.value, parties: [...new Set(held.map((h) => h.party))].sort() };
        });
      return { indicators, lastId: onPage.length > 0 ? onPage[onPage.length - 1].id : null };
    },
    async suppliedBefore(itemIds, before) {
      const wanted = new Set(itemIds);
      return s()
        .items.filter((i) => wanted.has(i.id) && !i.removedAt && i.submittedAt.getTime() < before.getTime())
        .map((i) => i.id);
    },
    async recordsUnder(range, before, after, limit) {
      return s()
        .items.filter((i) => !i.removedAt && i.submittedAt.getTime() < before.getTime())
        .map((i) => ({ id: i.id, type: i.type, value: i.value, party: i.party, key: relationKeyOf(i.type, i.value, i.sameFile) }))
        .filter((i): i is KeyedRecord => i.key !== null && i.key >= range.from && i.key <= range.to)
        .filter((i) => !after || i.key > after.key || (i.key === after.key && i.id > after.id))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id))
        .slice(0, limit);
    },
    async requestsBetween(from, to) {
      return s()
        .requests.filter((r) => within(r.createdAt, from, to))
        .sort((a, b) => a.id - b.id)
        .map((r) => ({
          request: request(r),
          asks: structuredClone(s().asks.filter((a) => a.requestId === r.id)).sort((a, b) => (a.party < b.party ? -1 : a.party > b.party ? 1 : 0)),
        }));
    },
    async meetingsBetween(fromDay, toDay) {
      return structuredClone(s().meetings.filter((m) => m.date >= fromDay && m.date < toDay).sort((a, b) => (a.date < b.date ? -1 : 1)));
    },
    async roundsBetween(from, to) {
      return s()
        .rounds.filter((r) => within(r.createdAt, from, to) || (r.closedAt !== null && within(r.closedAt, from, to)))
        .sort((a, b) => a.id - b.id)
        .map(({ lockSerial: _serial, ...row }) => structuredClone(row));
    },
  };
}

export function steeringWrites(t: SteeringTables): SteeringWrites {
  return {
    async recordMeeting(meeting) {
      if (t.meetings.some((m) => m.date === meeting.date)) throw new ConflictError(`unique key: a meeting on ${meeting.date} is recorded`);
      const row = { ...structuredClone(meeting), id: Math.max(0, ...t.meetings.map((m) => m.id)) + 1 };
      t.meetings.push(row);
      return structuredClone(row);
    },
    async claimReminder(key, at) {
      if (t.reminders.some((r) => r.key === key)) return false;
      t.reminders.push({ key, sentAt: new Date(at) });
      return true;
    },
  };
}

export function recordReads(s: () => RecordState): RecordReads {
  return {
    async extent() {
      const of = (rows: readonly { id: number }[]) => ({ count: rows.length, last: Math.max(0, ...rows.map((r) => r.id)) });
      const state = s();
      const extent = {
        items: of(state.items),
        analyses: of(state.analyses),
        requests: of(state.requests),
        asks: of(state.asks),
        provisions: of(state.provisions),
        directories: of(state.directories.map((d) => ({ id: d.version }))),
        meetings: of(state.meetings),
        reminders: { count: state.reminders.length, last: state.reminders.length },
        rounds: of(state.rounds),
        roundAsks: of(state.roundAsks),
        consultations: of(state.consultations),
        consultationNotes: of(state.consultationNotes),
      };
      return Object.fromEntries(RECORD_TABLES.map((t) => [t, extent[t]])) as RecordExtent;
    },
    itemPage: async (afterId, limit) => page(s().items, afterId, limit).map((row) => item(s(), row)),
    analysisPage: async (afterId, limit) => structuredClone(page(s().analyses, afterId, limit)).map((a) => ({ ...a, itemIds: [...a.itemIds].sort((x, y) => x - y) })),
    requestPage: async (afterId, limit) => page(s().requests, afterId, limit).map(request),
    askPage: async (afterId, limit) => structuredClone(page(s().asks, afterId, limit)),
    provisionPage: async (afterId, limit) => structuredClone(page(s().provisions, afterId, limit)),
    async directoryPage(afterVersion, limit) {
      return s()
        .directories.filter((d) => d.version > afterVersion)
        .sort((a, b) => a.version - b.version)
        .slice(0, limit)
        .map(({ content, ...row }) => ({ ...structuredClone(row), directory: JSON.parse(content) as Directory }));
    },
    meetingPage: async (afterId, limit) => structuredClone(page(s().meetings, afterId, limit)),
    roundPage: async (afterId, limit) => page(s().rounds, afterId, limit).map(({ lockSerial: _serial, ...row }) => structuredClone(row)),
    roundAskPage: async (afterId, limit) => structuredClone(page(s().roundAsks, afterId, limit)),
    consultationPage: async (afterId, limit) => structuredClone(page(s().consultations, afterId, limit)),
    consultationNotePage: async (afterId, limit) => structuredClone(page(s().consultationNotes, afterId, limit)),
    reminders: async () => structuredClone([...s().reminders].sort((a, b) => (a.key < b.key ? -1 : 1))),
  };
}
