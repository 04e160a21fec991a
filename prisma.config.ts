import { defineConfig } from "prisma/config";

/**
 * Configuration of the Prisma CLI (generate, migrate). The bot itself does not use it: it
 * applies migrations through src/storage/migrate.ts. Prisma's native schema engine cannot be
 * downloaded on the cell's offline machines, so the CLI runs its JavaScript engine through a
 * driver adapter. DATABASE_URL picks the database; default: the embedded SQLite file.
 */
const url = process.env.DATABASE_URL ?? "file:./data/ciic.db";
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/sqlite/schema.prisma",
  async adapter() {
    if (postgres) {
      const { migrationAdapter } = await import("./src/storage/postgres-migration-adapter.ts");
      return migrationAdapter(url);
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
});
