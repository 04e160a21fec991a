/**
 * An in-memory fake of the storage ports with the semantics of src/storage/prisma-store.ts:
 * immutable items, a head per party|type|value naming each party's current version, one
 * correction per version (`supersedesId`), a `ConflictError` on a duplicate current key or
 * receipt key, and a hash-chained audit log. `transaction(work)` runs `work` on a working copy
 * and commits it only if `work` resolves; transactions run one at a time, and one that throws a
 * `ConflictError` is run again from the start, at most five times in all.
 *
 * Analyses, disclosure requests (with their consent asks and provisions) and the outbox are faked
 * in memory-disclosures.ts, with the semantics of the Prisma repositories.
 */
import { chainEvents, GENESIS_HASH, type AuditEntry } from "../../src/core/audit/chain.js";
import type { PartyCode } from "../../src/core/covenant/parties.js";
import type { Directory } from "../../src/core/directory/types.js";
import type { IndicatorType } from "../../src/core/indicators/index.js";
import { ConflictError, type DataProbe, type DirectoryRecord, type KeyedRecord, type NewItem, type Store, type StoredItem, type Transaction } from "../../src/core/ports.js";
import { relationKeyOf, type KeyRange } from "../../src/core/relations/relation-key.js";
import type { TaxiiKey } from "../../src/core/taxii/types.js";
import {
  analysisReads,
  analysisWrites,
  disclosureReads,
  disclosureWrites,
  emptyDisclosureTables,
  outboxReads,
  outboxWrites,
  type DisclosureTables,
} from "./memory-disclosures.js";
import { consultationReads, consultationWrites, emptyConsultationTables, type ConsultationTables } from "./memory-consultations.js";
import { emptySteeringTables, recordReads, steeringReads, steeringWrites, type SteeringTables } from "./memory-steering.js";
import { emptyRoundTables, roundReads, roundWrites, type RoundTables } from "./memory-rounds.js";
import { emptyRetentionTables, retentionReads, retentionWrites, type RetentionTables } from "./memory-retention.js";

const MAX_ATTEMPTS = 5;

type ItemRow = NewItem & { id: number; removedAt?: Date | null };
type DirectoryRow = Omit<DirectoryRecord, "directory"> & { content: string };

interface State extends DisclosureTables, SteeringTables, ConsultationTables, RoundTables, RetentionTables {
  items: ItemRow[];
  /** party|type|value → id of the current version. */
  heads: Map<string, number>;
  audit: AuditEntry[];
  head: { seq: number; hash: string };
  directories: DirectoryRow[];
  receipts: Map<string, { response: string; at: Date }>;
  taxiiKeys: (TaxiiKey & { keyHash: string })[];
}

/** Instruments for tests: `beforeInsert` runs at the start of every `items.insert` and may throw. */
export interface MemoryStoreHooks {
  beforeInsert?: (items: readonly NewItem[]) => void;
}

export interface MemoryStore extends Store {
  hooks: MemoryStoreHooks;
  /** A copy of the committed disclosure and outbox rows, for tests to inspect. */
  tables(): DisclosureTables;
}

const withoutDigest = ({ keyHash: _digest, ...key }: TaxiiKey & { keyHash: string }): TaxiiKey => structuredClone(key);

const headKey = (party: string, type: string, value: string) => `${party}|${type}|${value}`;

type Indicator = { type: IndicatorType; value: string };

function reads(state: () => State): Omit<Store, "transaction" | "close"> {
  // Every answer is a copy, as a database's would be: callers cannot change what is stored.
  const toItem = (row: ItemRow): StoredItem => ({
    ...structuredClone(row),
    correctedById: state().items.find((other) => other.supersedesId === row.id)?.id ?? null,
  });
  return {
    items: {
      async byId(id: number) {
        const row = state().items.find((i) => i.id === id);
        return row ? toItem(row) : undefined;
      },
      async byValue(type: IndicatorType, value: string) {
        return state().items.filter((i) => i.type === type && i.value === value).map(toItem);
      },
      async named(probe: DataProbe) {
        const values = new Set(probe.values.map((v) => `${v.type}|${v.value}`));
        const ids = new Set(probe.itemIds);
        const emails = new Set(probe.emails);
        return state()
          .items.filter(
            (i) =>
              !i.removedAt &&
              (values.has(`${i.type}|${i.value}`) || ids.has(i.id) || (i.type === "email" && emails.has(i.value.toLowerCase())) || (i.type === "url" && probe.urlPrefixes.some((p) => i.value.startsWith(p)))),
          )
          .map((i) => ({ id: i.id, type: i.type, value: i.value, party: i.party }));
      },
      async underKeys(ranges: readonly KeyRange[], limit: number) {
        const keyed = state()
          .items.filter((i) => !i.removedAt)
          .map((i) => ({ id: i.id, type: i.type, value: i.value, party: i.party, key: relationKeyOf(i.type, i.value, i.sameFile) }))
          .filter((i): i is KeyedRecord => i.key !== null)
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id));
        return ranges.flatMap(({ from, to }) => keyed.filter((i) => i.key >= from && i.key <= to).slice(0, limit));
      },
      async rangePrefixes() {
        const found = new Map<string, { type: "ipv4-cidr" | "ipv6-cidr"; prefix: number }>();
        for (const i of state().items) {
          if (i.removedAt || (i.type !== "ipv4-cidr" && i.type !== "ipv6-cidr")) continue;
          const prefix = Number(i.value.slice(i.value.indexOf("/") + 1));
          found.set(`${i.type}/${prefix}`, { type: i.type, prefix });
        }
        return [...found.values()];
      },
      async keysOf(indicators: readonly Indicator[]) {
        const wanted = new Set(indicators.map((i) => `${i.type}|${i.value}`));
        const keys = new Map<string, Indicator & { key: string }>();
        for (const i of state().items.filter((i) => !i.removedAt && wanted.has(`${i.type}|${i.value}`))) {
          const key = relationKeyOf(i.type, i.value, i.sameFile);
          if (key !== null) keys.set(`${i.type}|${i.value}|${key}`, { type: i.type, value: i.value, key });
        }
        return [...keys.values()];
      },
      async currentOf(party: PartyCode, indicators: readonly Indicator[]) {
        const ids = new Set(indicators.map((i) => state().heads.get(headKey(party, i.type, i.value))));
        return state().items.filter((i) => ids.has(i.id)).map(toItem);
      },
      async currentPage(party: PartyCode, afterId: number, limit: number) {
        return state()
          .items.filter((i) => i.party === party && i.id > afterId && !i.removedAt && !state().items.some((o) => o.supersedesId === i.id))
          .sort((a, b) => a.id - b.id)
          .slice(0, limit)
          .map(toItem);
      },
      async suppliersOf(indicators: readonly Indicator[], except?: PartyCode) {
        const wanted = new Set(indicators.map((i) => `${i.type}|${i.value}`));
        return state()
          .items.filter((i) => i.party !== except && wanted.has(`${i.type}|${i.value}`) && !state().items.some((o) => o.supersedesId === i.id))
          .map(({ type, value, party }) => ({ type, value, party }));
      },
    },
    audit: {
      head: async () => ({ ...state().head }),
      async *entries(fromSeq = 1): AsyncIterable<AuditEntry> {
        for (const entry of state().audit.filter((e) => e.seq >= fromSeq)) yield structuredClone(entry);
      },
      latest: async (limit: number) => structuredClone(state().audit.slice(-limit).reverse()),
      withAction: async (action: string) => structuredClone(state().audit.filter((e) => e.action === action)),
    },
    directory: {
      async current(): Promise<DirectoryRecord | undefined> {
        const row = state().directories.at(-1);
        if (!row) return undefined;
        const { content, ...rest } = structuredClone(row);
        return { ...rest, directory: JSON.parse(content) as Directory };
      },
      currentVersion: async () => state().directories.at(-1)?.version,
    },
    receipts: {
      find: async (key: string) => state().receipts.get(key)?.response,
    },
    analyses: analysisReads(state),
    disclosures: disclosureReads(state),
    outbox: outboxReads(state),
    record: recordReads(state),
    consultations: consultationReads(state),
    steering: steeringReads(state),
    rounds: roundReads(state),
    retention: retentionReads(state, toItem),
    taxiiKeys: {
      async byHash(keyHash: string) {
        const found = state().taxiiKeys.find((k) => k.keyHash === keyHash);
        return found && withoutDigest(found);
      },
      async list() {
        return state().taxiiKeys.map(withoutDigest);
      },
    },
  };
}

function writes(s: State, hooks: MemoryStoreHooks): Transaction {
  const r = reads(() => s);
  return {
    items: {
      ...r.items,
      async insert(items: readonly NewItem[]) {
        hooks.beforeInsert?.(items);
        if (items.length === 0) return [];
        const heads = new Map(s.heads);
        let nextId = Math.max(0, ...s.items.map((i) => i.id)) + 1;
        const rows = items.map((item): ItemRow => ({ ...structuredClone(item), id: nextId++ }));
        for (const row of rows) {
          if (row.supersedesId === null) continue;
          if (!s.items.some((i) => i.id === row.supersedesId)) throw new Error(`foreign key: no item ${row.supersedesId}`);
          const taken = [...s.items, ...rows].filter((i) => i.supersedesId === row.supersedesId).length > 1;
          if (taken) throw new ConflictError(`item ${row.supersedesId} was already corrected`);
          for (const [key, id] of heads) if (id === row.supersedesId) heads.delete(key);
        }
        for (const row of rows) {
          const key = headKey(row.party, row.type, row.value);
          if (heads.has(key)) throw new ConflictError("another writer stored one of these indicators first");
          heads.set(key, row.id);
        }
        s.items.push(...rows);
        s.heads = heads;
        return rows.map((row) => ({ ...structuredClone(row), correctedById: null }));
      },
    },
    audit: {
      ...r.audit,
      // Transactions here already run one at a time: there is no lock to take.
      async holdHead() {},
      async append(events, at) {
        if (events.length === 0) return [];
        const entries = chainEvents(s.head, events, at);
        s.audit.push(...structuredClone(entries));
        const last = entries[entries.length - 1];
        s.head = { seq: last.seq, hash: last.hash };
        return entries;
      },
    },
    directory: {
      ...r.directory,
      async save(record) {
        const version = (s.directories.at(-1)?.version ?? 0) + 1;
        const { directory, ...rest } = structuredClone(record);
        s.directories.push({ ...rest, version, content: JSON.stringify(directory) });
        return { ...record, version };
      },
    },
    receipts: {
      ...r.receipts,
      async save(key, response, at) {
        if (s.receipts.has(key)) throw new ConflictError("a concurrent delivery of this request was answered first");
        s.receipts.set(key, { response, at: new Date(at) });
      },
    },
    analyses: { ...r.analyses, ...analysisWrites(s) },
    disclosures: { ...r.disclosures, ...disclosureWrites(s) },
    outbox: { ...r.outbox, ...outboxWrites(s) },
    record: r.record,
    consultations: { ...r.consultations, ...consultationWrites(s) },
    steering: { ...r.steering, ...steeringWrites(s) },
    rounds: { ...r.rounds, ...roundWrites(s) },
    retention: { ...r.retention, ...retentionWrites(s) },
    taxiiKeys: {
      ...r.taxiiKeys,
      async create(key) {
        const row = { ...key, id: s.taxiiKeys.length + 1, revokedAt: null };
        s.taxiiKeys.push(row);
        return withoutDigest(row);
      },
      async revoke(id, at) {
        const row = s.taxiiKeys.find((k) => k.id === id && k.revokedAt === null);
        if (row) row.revokedAt = at;
        return row !== undefined;
      },
    },
  };
}

export function createMemoryStore(): MemoryStore {
  let state: State = {
    items: [],
    heads: new Map(),
    audit: [],
    head: { seq: 0, hash: GENESIS_HASH },
    directories: [],
    receipts: new Map(),
    taxiiKeys: [],
    ...emptyDisclosureTables(),
    ...emptySteeringTables(),
    ...emptyConsultationTables(),
    ...emptyRoundTables(),
    ...emptyRetentionTables(),
  };
  const hooks: MemoryStoreHooks = {};
  // Transactions run one after another, like writers queueing on the database's lock.
  let queue: Promise<unknown> = Promise.resolve();

  async function attempt<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      const copy = structuredClone(state);
      try {
        const result = await work(writes(copy, hooks));
        state = copy; // commit
        return result;
      } catch (error) {
        // The working copy is dropped: nothing of this attempt remains.
        if (!(error instanceof ConflictError) || n >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  function transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const result = queue.then(() => attempt(work));
    queue = result.catch(() => undefined);
    return result;
  }

  const committed = reads(() => state);
  return {
    ...committed,
    outbox: {
      ...committed.outbox,
      // Claiming changes rows: outside a transaction it is a statement of its own, queued like one.
      claimDue: (now, leaseMs, limit) => transaction((tx) => tx.outbox.claimDue(now, leaseMs, limit)),
    },
    hooks,
    tables: () => structuredClone({ analyses: state.analyses, requests: state.requests, asks: state.asks, provisions: state.provisions, outbox: state.outbox }),
    transaction,
    async close() {},
  };
}

/** Every audit entry of a store, in sequence order. */
export async function auditEntries(store: Store): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const entry of store.audit.entries()) out.push(entry);
  return out;
}
