// Writes prisma/postgres/schema.prisma from prisma/sqlite/schema.prisma: the same models for
// the production database. A Prisma schema names one provider, so the two files must exist;
// generating one from the other keeps them from drifting (test/storage/schema-sync.test.ts).
// Usage: node scripts/postgres-schema.mjs [--check]
import { readFileSync, writeFileSync } from "node:fs";

export function postgresSchemaFrom(sqliteSchema) {
  return sqliteSchema
    .replace('output          = "../../src/storage/generated/sqlite"', 'output          = "../../src/storage/generated/postgres"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./unused.db"', 'url      = "postgresql://unused"')
    .replace(/^\/\/ The cell's information system[\s\S]*?\n\n/m, "// GENERATED from prisma/sqlite/schema.prisma by scripts/postgres-schema.mjs: edit that file.\n\n");
}

const sqlite = readFileSync("prisma/sqlite/schema.prisma", "utf8");
const expected = postgresSchemaFrom(sqlite);
if (process.argv.includes("--check")) {
  const actual = readFileSync("prisma/postgres/schema.prisma", "utf8");
  if (actual !== expected) {
    console.error("prisma/postgres/schema.prisma is out of date: run npm run db:schema");
    process.exit(1);
  }
} else {
  writeFileSync("prisma/postgres/schema.prisma", expected);
}
