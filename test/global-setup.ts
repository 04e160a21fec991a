import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openStore } from "../src/storage/database.js";
import { TEST_MASTER_KEY } from "./support/test-master-key.js";

/**
 * Makes sure a PostgreSQL server is there for the storage and end-to-end tests: the one named by
 * CIIC_TEST_POSTGRES_URL, or the machine's own, started by scripts/postgres-up.sh. Tests on
 * PostgreSQL are never skipped: without a server the suite fails and says why.
 */
export default async function setup(project: TestProject) {
  process.env.CIIC_MASTER_KEY ??= TEST_MASTER_KEY;
  let url = process.env.CIIC_TEST_POSTGRES_URL;
  if (!url) {
    try {
      const out = execFileSync("bash", ["scripts/postgres-up.sh"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
      url = out.trim().split("\n").pop();
    } catch (error) {
      throw new Error(
        `PostgreSQL is needed for the tests and could not be started (${(error as Error).message}). Start one and set CIIC_TEST_POSTGRES_URL to a URL whose role may create databases.`,
      );
    }
  }
  project.provide("postgresAdminUrl", url!);

  // What the tests write to the temporary folder (databases, files, the bots' data) goes into one
  // folder of this run, which is removed at its end: the tests, the bots they start and the
  // worker processes all take the folder from TMPDIR (os.tmpdir()). Each test file made folders
  // of its own and left them, some 200 MB a run. Set after PostgreSQL is started, which outlives
  // the run.
  const previousTmp = process.env.TMPDIR;
  const runFolder = mkdtempSync(join(tmpdir(), "ciic-tests-"));
  process.env.TMPDIR = runFolder;

  // One SQLite database with every migration applied, which test/support/test-store.ts copies
  // for each core test's store instead of migrating anew.
  const folder = mkdtempSync(join(tmpdir(), "ciic-template-"));
  const template = join(folder, "template.db");
  await (await openStore(`file:${template}`)).close();
  project.provide("sqliteTemplate", template);
  return () => {
    rmSync(runFolder, { recursive: true, force: true });
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** A migrated, empty SQLite database to copy (test-store.ts). */
    sqliteTemplate: string;
  }
}
