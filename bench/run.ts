/**
 * `npm run bench`: measures bulk import, lookup and memory, and bursts of commands over HTTP
 * (burst.ts), on this machine, on data it makes itself, and prints a table, each figure beside
 * the one the README's speed section printed for it before (readme-figures.ts). Figures, not
 * assertions: the tests check behaviour. `npm run bench -- --only burst` (or `--only imports`,
 * `--only related`: related-indicator figures, related.ts; `--only commands`: the burst's commands
 * in process, commands.ts) runs one part; `--large 10000000` and `--small 500000` set the sizes
 * (as BENCH_LARGE and BENCH_SMALL do), on SQLite and PostgreSQL (BENCH_LARGE_ON=postgres: only
 * there); `--readme` makes a whole run's table the README's main one. PostgreSQL:
 * CIIC_TEST_POSTGRES_URL, or scripts/postgres-up.sh starts the machine's server; every database
 * the bench makes is its own, and dropped afterwards. What is measured in processes of their own
 * (imports, `ciic` commands, the bots of the burst) runs the built bot, as `npm start` and
 * `npm run ciic` run it: `npm run bench` builds it first.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { AUTOCHECKPOINT_PAGES } from "../src/storage/sqlite-checkpoints.js";
import { newMasterKeyText } from "../src/storage/sealing/cell-keys.js";
import { writeCsv, writeStixBundle } from "./generate.js";
import { measureGuard } from "./guard.js";
import { measureBursts } from "./burst.js";
import { measureCommands } from "./commands.js";
import { measureLookups, TIMED, WARM_UP } from "./lookups.js";
import { cliInChild, cpuPerItem, importInChild, type Imported } from "./import-in-child.js";
import { previousFigure, previousFigures, withRunTable } from "./readme-figures.js";
import { measureRelated } from "./related.js";

const { values: options } = parseArgs({ options: { only: { type: "string" }, small: { type: "string" }, large: { type: "string" }, readme: { type: "boolean" } }, strict: true, allowPositionals: false });

/** `--only burst`, `--only commands`, `--only imports` or `--only related`: one part of the bench; without it, all of them. */
const only = options.only;
const SECTIONS = ["imports", "related", "commands", "burst"];
if (only !== undefined && !SECTIONS.includes(only)) throw new Error(`--only takes one of ${SECTIONS.join(", ")}`);
/**
 * `--readme`: the run's table replaces the README speed section's main table, so that it is
 * always one whole run's, on one machine. A part of the bench cannot replace the whole table.
 */
const writeReadme = options.readme === true;
if (writeReadme && (only !== undefined || process.env.BENCH_TARGETS)) throw new Error("--readme writes the README's table from one whole run: leave out --only and BENCH_TARGETS");

/** A size from `--<name>` or BENCH_<NAME> ("10000000", "10_000_000" and "10,000,000" alike), else `fallback`. */
function size(name: "small" | "large", fallback: number): number {
  const text = options[name] ?? process.env[`BENCH_${name.toUpperCase()}`];
  if (text === undefined) return fallback;
  const n = Number(text.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} (or BENCH_${name.toUpperCase()}) takes a whole number of items, such as 10000000; it was "${text}"`);
  return n;
}
/** The imports' and the look-ups' sizes: `--small` (100,000) and `--large` (1,000,000), or BENCH_SMALL and BENCH_LARGE. */
const SMALL = size("small", 100_000);
const LARGE = size("large", 1_000_000);
/** Which databases get the large size (BENCH_LARGE_ON, e.g. "postgres"): both by default. */
const LARGE_ON = (process.env.BENCH_LARGE_ON ?? "sqlite,postgres").split(",");
/** Lines per CSV feed of the large import: ten million lines in one file would be over the bot's 200 MB limit. */
const FEED_LINES = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), "ciic-bench-"));
// The databases the bench makes are sealed under a master key of the run's own (PostgreSQL asks for
// one; the import children inherit it), unless the operator set one.
if (!process.env.CIIC_MASTER_KEY && !process.env.CIIC_MASTER_KEY_FILE) process.env.CIIC_MASTER_KEY = newMasterKeyText();
const rows: [string, string][] = [];
const say = (what: string, figure: string) => {
  rows.push([what, figure]);
  process.stderr.write(`${what}: ${figure}\n`);
};
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en")} /s`;

/**
 * The rows the bot stored from the bundle, read back from its database and inserted straight
 * through better-sqlite3, with their heads, in one transaction into a fresh database of the same
 * schema: exactly the same values (dates, provenance, notes), so the ratio compares like with like.
 */
function rawInsert(storedDb: string, file: string): { count: number; ms: number } {
  const url = `file:${join(dir, file)}`;
  importInChild(join(dir, "empty.csv"), "csv", url); // creates and migrates the schema
  // Every column the bot writes, as it wrote them (a value's token, the blinded relation key, the
  // sealed texts and their nonce, the mark of the current version): the relation key's index
  // and the unique value index are part of the insert.
  const columns = ["type", "value", "party", "memberId", "memberName", "submittedAt", "legalBasis", "reliability", "tlp", "via", "relKey", "firstSeen", "keyNonce", "sealed", "head"];
  const list = columns.map((c) => `"${c}"`).join(",");
  const source = new Database(storedDb.slice(5), { readonly: true });
  const rows = source.prepare(`SELECT ${list} FROM "Item" ORDER BY "id"`).raw().all() as unknown[][];
  source.close();
  const db = new Database(url.slice(5));
  // The bot's connection leaves checkpoints to its own thread; so does this one (see sqlite-checkpoints.ts).
  db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  const item = db.prepare(`INSERT INTO "Item" (${list}) VALUES (${columns.map(() => "?").join(",")})`);
  const started = process.hrtime.bigint();
  db.transaction(() => {
    for (const row of rows) item.run(row);
  })();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  db.close();
  return { count: rows.length, ms };
}

const runs = (section: string) => only === undefined || only === section;

async function main() {
  const started = new Date();
  const postgresUrl = process.env.CIIC_TEST_POSTGRES_URL ?? execFileSync("bash", ["scripts/postgres-up.sh"], { encoding: "utf8" }).trim().split("\n").pop()!;
  if (runs("imports")) await imports(postgresUrl);
  if (runs("related")) {
    // BENCH_LARGE items on both: on PostgreSQL 1,000,000 take about two minutes.
    await measureRelated({ dir, total: LARGE, platform: "SQLite", databaseUrl: `file:${join(dir, "related.db")}`, say });
    const pg = await freshPostgres(postgresUrl);
    try {
      await measureRelated({ dir, total: LARGE, platform: "PostgreSQL", databaseUrl: pg.url, say });
    } finally {
      await pg.drop();
    }
  }
  if (runs("commands")) {
    await measureCommands({ dir, databaseUrl: `file:${join(dir, "commands.db")}`, platform: "SQLite", say });
    const pg = await freshPostgres(postgresUrl);
    try {
      await measureCommands({ dir, databaseUrl: pg.url, platform: "PostgreSQL", say });
    } finally {
      await pg.drop();
    }
  }
  if (runs("burst")) {
    await measureBursts({
      dir,
      freshPostgres: () => freshPostgres(postgresUrl),
      senders: Number(process.env.BENCH_SENDERS ?? 20),
      perSender: Number(process.env.BENCH_PER_SENDER ?? 10),
      bursts: Number(process.env.BENCH_BURSTS ?? 5),
      rate: Number(process.env.BENCH_RATE ?? 50),
      seconds: Number(process.env.BENCH_SECONDS ?? 15),
      targets: process.env.BENCH_TARGETS?.split(","),
      cpuProfileDir: process.env.BENCH_CPU_PROF,
      say,
    });
  }

  const width = Math.max(...rows.map(([w]) => w.length));
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  // Each figure beside the one the README printed for it before (its speed section's main table).
  const previous = previousFigures(readFileSync("README.md", "utf8"));
  const machine = `ciic-bot benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stdout.write(`\n${machine}\n\n`);
  process.stdout.write(`| ${"what".padEnd(width)} | figure | in the README before |\n|${"-".repeat(width + 2)}|--------|---|\n`);
  for (const [what, figure] of rows) process.stdout.write(`| ${what.padEnd(width)} | ${figure} | ${previousFigure(previous, what) ?? "—"} |\n`);
  if (writeReadme) {
    const time = (d: Date) => d.toISOString().slice(11, 16);
    const heading = `One whole \`npm run bench -- --readme\`, run on ${started.toISOString().slice(0, 10)} from ${time(started)} to ${time(new Date())} UTC: "${machine}".`;
    writeFileSync("README.md", withRunTable(readFileSync("README.md", "utf8"), heading, rows));
    process.stdout.write(`\nREADME.md: the speed section's main table is this run's.\n`);
  }
}

async function imports(postgresUrl: string) {
  await writeCsv(join(dir, "empty.csv"), 0);
  const stix = join(dir, "bundle.json");
  const csv = join(dir, "feed.csv");
  await writeStixBundle(stix, SMALL);
  await writeCsv(csv, SMALL);

  const stixDb = `file:${join(dir, "stix.db")}`;
  const s = importInChild(stix, "stix", stixDb);
  say(`Import ${SMALL.toLocaleString("en")}-indicator STIX 2.1 bundle, SQLite`, `${rate(s.stored, s.ms)} (${(s.ms / 1000).toFixed(1)} s); ${cpuPerItem(s)}`);
  const csvDb = `file:${join(dir, "csv.db")}`;
  const c = importInChild(csv, "csv", csvDb);
  say(`Import ${SMALL.toLocaleString("en")}-line CSV feed, SQLite`, `${rate(c.stored, c.ms)} (${(c.ms / 1000).toFixed(1)} s); ${cpuPerItem(c)}`);
  // Each import against the raw insert of exactly the rows it stored.
  const rawStix = rawInsert(stixDb, "raw-stix.db");
  const rawCsv = rawInsert(csvDb, "raw-csv.db");
  say(`Raw better-sqlite3 insert of the same rows as the bot stored them, one transaction (STIX, CSV)`, `${rate(rawStix.count, rawStix.ms)}, ${rate(rawCsv.count, rawCsv.ms)}`);
  const ratio = (bot: { stored: number; ms: number }, raw: { count: number; ms: number }) => (bot.stored / bot.ms / (raw.count / raw.ms)).toFixed(2);
  say("Bot import / raw insert (STIX, CSV)", `${ratio(s, rawStix)}, ${ratio(c, rawCsv)}`);

  const pg = await freshPostgres(postgresUrl);
  try {
    const p = importInChild(stix, "stix", pg.url);
    say(`Import ${SMALL.toLocaleString("en")}-indicator STIX 2.1 bundle, PostgreSQL`, `${rate(p.stored, p.ms)} (${(p.ms / 1000).toFixed(1)} s); ${cpuPerItem(p)}`);
    const pgGuard = await measureGuard(pg.url, SMALL);
    say(`Art 7.2 guard on PostgreSQL: a 4,000-character text against ${SMALL.toLocaleString("en")} stored values`, `p50 ${pgGuard.p50.toFixed(2)} ms, p99 ${pgGuard.p99.toFixed(2)} ms`);
  } finally {
    await pg.drop();
  }

  if (LARGE_ON.includes("sqlite")) await large("SQLite", `file:${join(dir, "large.db")}`);
  if (!LARGE_ON.includes("postgres")) return;
  const bigPg = await freshPostgres(postgresUrl);
  try {
    await large("PostgreSQL", bigPg.url);
  } finally {
    await bigPg.drop();
  }
}

/**
 * LARGE items on one database, imported as the bot takes them, then looked up, checked by the
 * guard, reported on for the year and archived at that size. The bot takes files up to 200 MB:
 * a larger size comes as feeds of FEED_LINES lines, each its own import (and process), as a feed
 * that large arrives day after day.
 */
async function large(platform: "SQLite" | "PostgreSQL", databaseUrl: string) {
  // The SQLite rows keep the labels they had before PostgreSQL's were added, so that each is
  // printed beside its figure in the README.
  const on = platform === "SQLite" ? "" : `, ${platform}`;
  const feeds = Math.ceil(LARGE / FEED_LINES);
  const all: Pick<Imported, "stored" | "ms" | "maxRssMb" | "cpuMs" | "serverCpuMs"> = { stored: 0, ms: 0, maxRssMb: 0, cpuMs: 0 };
  let last = all;
  for (let f = 0; f < feeds; f++) {
    const feed = join(dir, `large-${f}.csv`);
    await writeCsv(feed, Math.min(FEED_LINES, LARGE - f * FEED_LINES), f * FEED_LINES);
    last = importInChild(feed, "csv", databaseUrl);
    rmSync(feed);
    all.stored += last.stored;
    all.ms += last.ms;
    all.maxRssMb = Math.max(all.maxRssMb, last.maxRssMb);
    all.cpuMs += last.cpuMs;
    if (last.serverCpuMs !== undefined) all.serverCpuMs = (all.serverCpuMs ?? 0) + last.serverCpuMs;
  }
  if (feeds === 1) say(`Import ${LARGE.toLocaleString("en")}-line CSV feed, ${platform}`, `${rate(all.stored, all.ms)}, peak RSS ${all.maxRssMb} MB; ${cpuPerItem(all)}`);
  else {
    say(
      `Import ${LARGE.toLocaleString("en")} lines as ${feeds} CSV feeds of up to ${FEED_LINES.toLocaleString("en")}, ${platform}`,
      `${rate(all.stored, all.ms)}; the last feed ${rate(last.stored, last.ms)}; peak RSS ${all.maxRssMb} MB; ${cpuPerItem(all)}`,
    );
  }

  const lookups = await measureLookups(databaseUrl, LARGE);
  say(`Lookup among ${LARGE.toLocaleString("en")} indicators inside the bot${on} (${TIMED.toLocaleString("en")} look-ups after ${WARM_UP.toLocaleString("en")} untimed)`, `p50 ${lookups.p50.toFixed(2)} ms, p99 ${lookups.p99.toFixed(2)} ms`);
  say(`20 concurrent /ciic lookup over HTTP, as Slack sends them${on}`, `slowest answer ${lookups.concurrentMaxMs.toFixed(0)} ms`);
  const guard = await measureGuard(databaseUrl, LARGE);
  say(`Art 7.2 guard${on}: a 4,000-character text checked against ${LARGE.toLocaleString("en")} stored values (2,000 checks after 200 untimed)`, `p50 ${guard.p50.toFixed(2)} ms, p99 ${guard.p99.toFixed(2)} ms`);
  say(`Art 7.2 guard${on}: slowest of eight 20,000-character texts made to be slow to read`, `${guard.worst.toFixed(0)} ms`);

  // What streams over the whole store, each in a process of its own: its time and peak memory.
  const report = cliInChild(["report", String(new Date().getUTCFullYear()), "--json"], databaseUrl);
  say(`Steering report for the year over ${LARGE.toLocaleString("en")} indicators (ciic report), ${platform}`, `${(report.ms / 1000).toFixed(1)} s, peak RSS ${report.maxRssMb} MB`);
  const archivePath = join(dir, "oversight.jsonl");
  const archive = cliInChild(["oversight", "export", archivePath], databaseUrl);
  const archiveMb = Math.round(statSync(archivePath).size / 2 ** 20);
  rmSync(archivePath);
  say(`Oversight archive of ${LARGE.toLocaleString("en")} indicators (ciic oversight export), ${platform}`, `${(archive.ms / 1000).toFixed(1)} s for ${archiveMb} MB, peak RSS ${archive.maxRssMb} MB`);
}

/** A fresh database on the server `adminUrl` names (never the server's own), and how to drop it. */
async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import("pg");
  const admin = async <T>(work: (client: InstanceType<typeof pg.Client>) => Promise<T>) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const name = `ciic_bench_${Date.now()}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))) };
}

try {
  await main();
} finally {
  // The generated files and databases (about 1 GB for the related mix) are the bench's own.
  rmSync(dir, { recursive: true, force: true });
}
