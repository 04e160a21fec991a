import { Writable } from "node:stream";
import Database from "better-sqlite3";
import pg from "pg";
import { createOutboxDispatcher } from "../../src/core/outbox/dispatch-outbox.js";
import type { ChatPort, OutboundMessage, OutboxEvent } from "../../src/core/outbox/outbound.js";
import type { Platform } from "../../src/core/directory/types.js";
import { systemClock, type Clock, type Store } from "../../src/core/ports.js";
import type { MessageView } from "../../src/core/views/message.js";
import { createLogger } from "../../src/logger.js";
import { databaseKind, openStore, sqlitePath } from "../../src/storage/database.js";
import { freshSqliteUrl } from "./databases.js";

/**
 * The outbox with its real parts, for fault tests: a store on a real database, the platform's
 * port talking to a fake server over HTTP, and the operators' log (pino) captured line by line.
 */
type DispatcherOptions = Omit<Parameters<typeof createOutboxDispatcher>[0], "store" | "clock" | "ports" | "log" | "events">;

export interface OutboxRow {
  id: number;
  lane: string;
  state: string;
  attempts: number;
  inDoubtSince: string | null;
  sentRef: string | null;
  lastError: string | null;
}

export interface OutboxWorld {
  store: Store;
  clock: Clock;
  /** The operators' log, one parsed JSON line each. */
  logLines: Record<string, unknown>[];
  /** What the dispatcher reported to its `events` hook. */
  events: OutboxEvent[];
  dispatcher(options?: DispatcherOptions): ReturnType<typeof createOutboxDispatcher>;
  enqueue(messages: OutboundMessage[]): Promise<void>;
  /** Runs rounds of one dispatcher until nothing is pending, waiting out back-offs and Retry-After in real time. */
  drain(options?: DispatcherOptions, ms?: number): Promise<void>;
  /** The outbox's rows, read on a connection of their own. */
  rows(): Promise<OutboxRow[]>;
  audit(action: string): Promise<{ subject: string | null; details: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

export const note = (summary: string): MessageView => ({ summary, blocks: [{ kind: "paragraph", content: [summary] }] });

export async function outboxWorld(ports: () => Partial<Record<Platform, ChatPort>>, options: { url?: string; clock?: Clock } = {}): Promise<OutboxWorld> {
  const url = options.url ?? freshSqliteUrl();
  const store = await openStore(url);
  const clock = options.clock ?? systemClock;
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    }),
  );
  const events: OutboxEvent[] = [];
  const dispatcher = (extra: DispatcherOptions = {}) => createOutboxDispatcher({ store, clock, ports: ports(), log: logger, events: (e) => events.push(e), ...extra });
  const select = `SELECT "id", "lane", "state", "attempts", "inDoubtSince", "sentRef", "lastError" FROM "OutboxMessage" ORDER BY "id"`;
  return {
    store,
    clock,
    logLines,
    events,
    dispatcher,
    enqueue: (messages) => store.transaction((tx) => tx.outbox.enqueue(messages, clock.now())),
    async drain(extra = {}, ms = 10_000) {
      const d = dispatcher(extra);
      const until = Date.now() + ms;
      while (Date.now() < until) {
        await d.dispatchOnce();
        if ((await store.outbox.pendingCount()) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the outbox did not drain within ${ms} ms`);
    },
    async rows() {
      if (databaseKind(url) === "sqlite") {
        const db = new Database(sqlitePath(url), { readonly: true });
        try {
          return (db.prepare(select).all() as (OutboxRow & { inDoubtSince: string | null })[]).map((r) => ({ ...r, id: Number(r.id) }));
        } finally {
          db.close();
        }
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(select);
        return rows.map((r) => ({ ...r, inDoubtSince: r.inDoubtSince ? new Date(r.inDoubtSince).toISOString() : null }));
      } finally {
        await client.end();
      }
    },
    async audit(action) {
      const entries = await store.audit.withAction(action);
      return entries.map((e) => ({ subject: e.subject ?? null, details: JSON.parse(e.readable) as Record<string, unknown> }));
    },
    close: () => store.close(),
  };
}
