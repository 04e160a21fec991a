import Database from "better-sqlite3";
import { copyFileSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterEach, inject } from "vitest";
import type { AuditEntry } from "../../src/core/audit/chain.js";
import type { NewItem, Store, Transaction } from "../../src/core/ports.js";
import { openStore, sqlitePath } from "../../src/storage/database.js";
import { freshSqliteUrl } from "./databases.js";
import type { KeyringRow } from "../../src/storage/sealing/keyring.js";
import { openSealedJson } from "../../src/storage/sealing/sealed-text.js";
import { testCellKeys } from "./sealed-reader.js";

/**
 * The store the core's tests run on: the real one, on SQLite, in a file of its own. Each is a copy
 * of one database migrated once for the whole run (test/global-setup.ts), so that a store costs a
 * file copy rather than every migration (some 20 ms instead of 50, and 280 for the first).
 */
export interface TestStore extends Store {
  /** Instruments: `beforeInsert` runs at the start of every `items.insert` in a transaction and may throw. */
  hooks: { beforeInsert?: (items: readonly NewItem[]) => void };
  /**
   * The committed rows of the disclosure and outbox tables, read from the database file through
   * a connection of their own (synchronous, as better-sqlite3 reads are).
   */
  tables(): Tables;
  /** The database file (its write-ahead log is beside it, with "-wal" added). */
  path: string;
}

/** A row as the database holds it; dates read back as Dates. */
export type Row = Record<string, unknown>;

export interface OutboxRow {
  id: number;
  createdAt: Date;
  /** Empty for an update, which follows its topic's posts to any platform. */
  platform: string;
  /** "user:U1" or "channel:C1", empty for an update: the tests' way to find a destination's messages. */
  target: string;
  targetKind: string;
  targetId: string;
  kind: "post" | "update" | "file";
  topic: string | null;
  releaseOf: number | null;
  /** The view as JSON text. */
  payload: string;
  state: "PENDING" | "SENT" | "FAILED";
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  lastError: string | null;
  sentRef: string | null;
  sentAt: Date | null;
  lane: string;
  inDoubtSince: Date | null;
}

export interface Tables {
  analyses: Row[];
  /** With `items`: the request's rows of RequestItem. */
  requests: (Row & { id: number; state: string; items: Row[] })[];
  asks: (Row & { id: number; requestId: number; party: string; state: string })[];
  provisions: (Row & { id: number; requestId: number; releasedAt: Date; record: string })[];
  outbox: OutboxRow[];
  /** The replies kept for retries, opened. */
  receipts: { key: string; response: string }[];
}

/** A fresh real store; close it (testStores does) when the test is done: that also deletes its file. */
export async function testStore(): Promise<TestStore> {
  const url = freshSqliteUrl();
  copyFileSync(inject("sqliteTemplate"), sqlitePath(url));
  const store = await openStore(url);
  const hooks: TestStore["hooks"] = {};
  const reader = new Database(sqlitePath(url), { readonly: true });
  const instrumented = (tx: Transaction): Transaction =>
    hooks.beforeInsert
      ? {
          ...tx,
          items: {
            ...tx.items,
            async insert(items) {
              hooks.beforeInsert?.(items);
              return tx.items.insert(items);
            },
            async insertAbsent(items) {
              hooks.beforeInsert?.(items);
              return tx.items.insertAbsent(items);
            },
          },
        }
      : tx;
  return {
    ...store,
    hooks,
    transaction: (work, options) => store.transaction((tx) => work(instrumented(tx)), options),
    tables: () => readTables(reader),
    path: sqlitePath(url),
    async close() {
      reader.close();
      await store.close();
      rmSync(dirname(sqlitePath(url)), { recursive: true, force: true });
    },
  };
}

/** Makes real stores for one test file, each closed after its test. */
export function testStores(): () => Promise<TestStore> {
  const open: TestStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  return async () => {
    const store = await testStore();
    open.push(store);
    return store;
  };
}

/** Every audit entry of a store, in sequence order. */
export async function auditEntries(store: Store): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const entry of store.audit.entries()) out.push(entry);
  return out;
}

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const withDates = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && ISO_DATE.test(v) ? new Date(v) : v]));

/**
 * What the bot reads from a sealed text (storage/sealing), opened here with the tests' master key
 * and the nonces on the items' rows, synchronously.
 */
function opener(db: Database.Database): (text: string) => string {
  const keys = testCellKeys(db.prepare(`SELECT "wrapped", "masterFingerprint" FROM "Keyring" WHERE "id" = 1`).get() as KeyringRow | undefined);
  const nonce = db.prepare(`SELECT "keyNonce" FROM "Item" WHERE "id" = ?`).pluck();
  return (text) => openSealedJson(keys, text, (id) => (nonce.get(id) as string | null) ?? undefined);
}

function readTables(db: Database.Database): Tables {
  const all = (table: string) => (db.prepare(`SELECT * FROM "${table}" ORDER BY "id"`).all() as Row[]).map(withDates);
  const open = opener(db);
  const requestItems = db.prepare(`SELECT "requestId", "itemId", "party" FROM "RequestItem" ORDER BY "requestId", "itemId"`).all() as Row[];
  return {
    analyses: all("Analysis"),
    requests: all("DisclosureRequest").map((r) => ({ ...r, items: requestItems.filter((i) => i.requestId === r.id) })) as Tables["requests"],
    asks: all("ConsentAsk") as Tables["asks"],
    provisions: all("Provision").map((p) => ({ ...p, record: open(p.record as string) })) as Tables["provisions"],
    receipts: (db.prepare(`SELECT "key", "response" FROM "CommandReceipt" ORDER BY "at", "key"`).all() as { key: string; response: string }[]).map((r) => ({ ...r, response: open(r.response) })),
    outbox: all("OutboxMessage").map((m) => ({ ...m, payload: open(m.payload as string), target: m.targetKind ? `${m.targetKind}:${m.targetId}` : "" })) as unknown as OutboxRow[],
  };
}
