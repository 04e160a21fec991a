import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import type { Clock, Store } from "../../src/core/ports.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { openStore } from "../../src/storage/database.js";

export type DatabaseKind = "sqlite" | "postgres";
export const DATABASE_KINDS: DatabaseKind[] = ["sqlite", "postgres"];

/** A fresh, empty SQLite file in its own temporary folder. */
export function freshSqliteUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), "ciic-test-")), "ciic.db")}`;
}

/** A fresh, empty PostgreSQL database on the test server; dropped by the returned function. */
export async function freshPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = inject("postgresAdminUrl");
  const name = `ciic_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        // A session the server itself opened on the database (autovacuum) can outlast the test
        // for a moment; a few tries outwait it.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            return;
          } catch (error) {
            if (attempt >= 10) throw error;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

export async function freshDatabaseUrl(kind: DatabaseKind): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === "postgres") return freshPostgresUrl();
  return { url: freshSqliteUrl(), drop: async () => undefined };
}

/**
 * A fresh real store of `kind` with `directory` (YAML) loaded, as the bot opens one; `close`
 * closes it and drops the database.
 */
export async function storeWithDirectory(kind: DatabaseKind, directory: string, clock: Clock): Promise<{ store: Store; close: () => Promise<void> }> {
  const fresh = await freshDatabaseUrl(kind);
  const store = await openStore(fresh.url);
  const loaded = await loadDirectory({ store, clock }, { text: directory, source: "directory.yml", actor: "cli:admin" });
  if (!loaded.ok) throw new Error(`the test directory did not load: ${JSON.stringify(loaded)}`);
  return {
    store,
    close: async () => {
      await store.close();
      await fresh.drop();
    },
  };
}

/**
 * Two instances of the bot on one fresh database of `kind`, opened before a suite's tests and
 * closed (the database dropped) after them: on PostgreSQL two stores, each with its own pool;
 * SQLite serves one instance, so there `other` is `store` and its transactions race.
 */
export function twoInstancesForSuite(kind: DatabaseKind): { readonly store: Store; readonly other: Store } {
  let opened: { store: Store; other: Store; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(kind);
    const store = await openStore(fresh.url);
    const other = kind === "postgres" ? await openStore(fresh.url) : store;
    opened = {
      store,
      other,
      close: async () => {
        if (other !== store) await other.close();
        await store.close();
        await fresh.drop();
      },
    };
  });
  afterAll(() => opened?.close());
  return {
    get store() {
      return opened!.store;
    },
    get other() {
      return opened!.other;
    },
  };
}
