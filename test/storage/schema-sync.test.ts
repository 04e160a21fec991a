import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrationsFor } from "../../src/storage/migrate.js";

describe("the two database schemas", () => {
  it("keeps prisma/postgres/schema.prisma generated from the SQLite schema (run npm run db:schema after a change)", () => {
    expect(() => execFileSync("node", ["scripts/postgres-schema.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("has the same migrations, by name, for SQLite and PostgreSQL", () => {
    expect(migrationsFor("postgres").map((m) => m.name)).toEqual(migrationsFor("sqlite").map((m) => m.name));
  });

  it("creates every model of the schema in the migrations of both databases", () => {
    const models = [...readFileSync("prisma/sqlite/schema.prisma", "utf8").matchAll(/^model (\w+)/gm)].map((m) => m[1]);
    for (const kind of ["sqlite", "postgres"] as const) {
      const sql = migrationsFor(kind).map((m) => m.sql).join("\n");
      for (const model of models) expect(sql, `${kind}: ${model}`).toContain(`CREATE TABLE "${model}"`);
    }
  });
});
