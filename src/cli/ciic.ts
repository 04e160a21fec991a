import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { ConfigError, loadCliConfig } from "../config.js";
import { parseDirectory, formatProblems } from "../core/directory/parse-directory.js";
import { systemClock, type Store } from "../core/ports.js";
import { formatTime } from "../core/time/format-time.js";
import { loadDirectory } from "../core/use-cases/load-directory.js";
import { verifyAuditLog } from "../core/use-cases/verify-audit-log.js";
import { existsSync } from "node:fs";
import { DEMO_DATABASE_URL } from "../config.js";
import { databaseKind, openStore, sqlitePath } from "../storage/database.js";
import { runExport, runImport } from "./data-commands.js";
import { runOversight } from "./oversight-commands.js";
import { runReport } from "./report-command.js";
import { runTaxii, TAXII_USAGE } from "./taxii-commands.js";
import { KEYS_USAGE, runKeys } from "./keys-commands.js";
import { KeyringError } from "../storage/sealing/keyring.js";

const USAGE = `ciic — administration of the CIIC bot's database (DATABASE_URL, default file:./data/ciic.db)

  ciic directory load <file>   put a directory file in force (refused whole if it has any problem)
  ciic directory check <file>  check a directory file without loading it
  ciic directory show          the directory in force: version, members, roles
  ciic audit verify            check the audit log's hash chain; names the first altered or removed entry
  ciic audit tail [n]          the last n audit entries (default 20)
  ciic import <file> --as <member id> [--format stix|misp|csv] [--tlp amber] [--column name] [--basis "…"]
                               import a STIX 2.1 bundle, MISP event or CSV/text feed for the member's party
  ciic export --as <member id> --format stix|misp|csv [--out file]
                               export the current items the member's party supplied (Art 5.2)
  ciic oversight export <file> [--as <auditor id>]
                               the whole record as a sealed archive for the oversight committee (Wiv 2017)
  ciic oversight verify <file> check an archive: every line's seal, the audit chain, the content digest
  ciic report [2026-Q3 | 2026-11 | 2026] [--json]
                               the steering group's figures (Art 9); default the last full quarter
${TAXII_USAGE}
${KEYS_USAGE}`;

/**
 * Why a command that reads the cell's record cannot run: DATABASE_URL names a SQLite file that is
 * not there. Opening it would make an empty database (and a master key) beside the one meant,
 * and a check on it would report an intact, empty log.
 */
function missingDatabase(url: string): string | undefined {
  if (databaseKind(url) !== "sqlite" || existsSync(sqlitePath(url))) return undefined;
  const demo = sqlitePath(DEMO_DATABASE_URL);
  return [
    `There is no database at ${sqlitePath(url)} (DATABASE_URL ${url}); nothing was read or made.`,
    "Set DATABASE_URL to the bot's database, as the bot has it.",
    ...(existsSync(demo) ? [`The local workspace's demo keeps its data in ${demo}: DATABASE_URL=${DEMO_DATABASE_URL} npm run ciic -- …`] : []),
    "To start a new cell, load its directory first: ciic directory load <file>.",
  ].join("\n");
}

/** Opens the database of DATABASE_URL for a command that reads it; undefined (and why, on `err`) when it is not there. */
async function openExisting(err: NodeJS.WritableStream): Promise<Store | undefined> {
  const url = loadCliConfig().DATABASE_URL;
  const missing = missingDatabase(url);
  if (missing) {
    err.write(`${missing}\n`);
    return undefined;
  }
  return openStore(url);
}

/** Runs one command on the database of DATABASE_URL, closing it whatever happens; exit 2 when there is none. */
async function withStore(err: NodeJS.WritableStream, work: (store: Store) => Promise<number>): Promise<number> {
  const store = await openExisting(err);
  if (!store) return 2;
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Exit codes: 0 done, 1 refused or check failed, 2 wrong usage or settings. */
export async function runCli(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const [area, action, arg] = argv;
  const say = (line: string) => out.write(`${line}\n`);
  if (area === "directory" && action === "check" && arg) {
    const parsed = parseDirectory(await readFile(arg, "utf8"));
    if (!parsed.ok) {
      formatProblems(arg, parsed.problems).forEach((p) => err.write(`${p}\n`));
      return 1;
    }
    say(`${arg}: valid, ${parsed.directory.members.length} members`);
    return 0;
  }
  if (area === "import" || area === "export") return withStore(err, (store) => (area === "import" ? runImport : runExport)(store, argv.slice(1), out, err));
  if (area === "keys") {
    // `keys check` and `keys rotate` open the database's keys, and on a missing file would make a
    // new one; `keys new` needs none.
    const missing = action === "new" ? undefined : missingDatabase(loadCliConfig().DATABASE_URL);
    if (!missing) return runKeys(argv.slice(1), out, err);
    err.write(`${missing}\n`);
    return 2;
  }
  if (area === "taxii") return withStore(err, (store) => runTaxii(store, argv.slice(1), out, err));
  if (area === "oversight") return runOversight(argv.slice(1), out, err, () => openExisting(err));
  if (area === "report") return withStore(err, (store) => runReport(store, argv.slice(1), out, err));
  const known = (area === "directory" && ((action === "load" && arg) || action === "show")) || (area === "audit" && (action === "verify" || action === "tail"));
  if (!known) {
    err.write(USAGE);
    return 2;
  }
  // Loading a directory is how a new cell's database begins; every other command reads one.
  const store = area === "directory" && action === "load" ? await openStore(loadCliConfig().DATABASE_URL) : await openExisting(err);
  if (!store) return 2;
  try {
    if (area === "directory" && action === "load") {
      const outcome = await loadDirectory(
        { store, clock: systemClock },
        { text: await readFile(arg, "utf8"), source: arg, actor: `cli:${userInfo().username}` },
      );
      if (!outcome.ok) {
        err.write(`${arg} was refused; the directory in force is unchanged.\n`);
        outcome.problems.forEach((p) => err.write(`${p}\n`));
        return 1;
      }
      say(outcome.unchanged ? `${arg} is already in force as version ${outcome.version}.` : `${arg} is in force as version ${outcome.version} (${outcome.members} members).`);
      return 0;
    }
    if (area === "directory") {
      const current = await store.directory.current();
      if (!current) {
        say("No directory has been loaded yet.");
        return 1;
      }
      say(`Version ${current.version}, loaded ${formatTime(current.loadedAt)} from ${current.source} (sha256 ${current.sha256})`);
      for (const m of current.directory.members) {
        say(`  ${m.id}  ${m.name}  ${m.party}  ${m.roles.join(",")}  screening ${m.screening ?? "none"}`);
      }
      return 0;
    }
    if (action === "verify") {
      const verdict = await verifyAuditLog(store);
      if (verdict.ok) {
        say(`Audit log intact: ${verdict.entries} ${verdict.entries === 1 ? "entry" : "entries"}, head ${verdict.headHash}`);
        return 0;
      }
      err.write(`Audit log NOT intact: ${verdict.message} (first bad entry: ${verdict.seq})\n`);
      return 1;
    }
    const limit = Number(arg ?? 20);
    for (const e of (await store.audit.latest(Number.isInteger(limit) && limit > 0 ? limit : 20)).reverse()) {
      say(`${e.seq}\t${e.at.toISOString()}\t${e.actor ?? "-"}\t${e.action}\t${e.subject ?? ""}\t${e.readable}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").slice(-2).join("/"));
if (invokedDirectly) {
  // `ciic export … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
  });
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error instanceof ConfigError || error instanceof KeyringError ? error.message : `ciic failed: ${(error as Error).message}`}\n`);
      process.exit(error instanceof ConfigError ? 2 : 1);
    },
  );
}
