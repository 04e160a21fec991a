/**
 * Child process of the benchmark: imports one file into one database as a member of the example
 * directory (an AIVD analyst unless a Slack id is given), and prints what it measured as one JSON
 * line. A process of its own, so that its peak memory is the import's alone; plain Node on the
 * built bot (dist/, which `npm run bench` builds first), as `npm start` and `npm run ciic` run it.
 *
 *   node bench/import-one.mjs <file> <stix|misp|csv> <database URL> [Slack id]
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { importFile } from "../dist/core/formats/import-file.js";
import { systemClock } from "../dist/core/ports.js";
import { loadDirectory } from "../dist/core/use-cases/load-directory.js";
import { openStore } from "../dist/storage/database.js";

const [file, format, databaseUrl, slackId = "U0AIVD001"] = process.argv.slice(2);
// Opened as the bot opens it (src/app.ts).
const store = await openStore(databaseUrl, { checkpointInBackground: { onError: (error) => console.error(error) } });
await loadDirectory({ store, clock: systemClock }, { text: await readFile("examples/directory.yml", "utf8"), source: "examples/directory.yml", actor: "bench" });
const record = await store.directory.current();
const member = record?.directory.members.find((m) => m.id === `slack:${slackId}`);
if (!record || !member) throw new Error(`no member slack:${slackId} in examples/directory.yml`);
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const outcome = await importFile({ store, clock: systemClock }, { member, directory: record.directory, format, path: file, fileName: basename(file), via: "bench" });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
// Every thread's (parsing, relations, checkpoints), the process's start left out.
const cpu = process.cpuUsage(cpuBefore);
await store.close();
if (!outcome.ok) throw new Error(outcome.message);
// `related`: how many of the file's values relate to other parties' records (null for a member who may not compare).
// `cpuMs`: the CPU time the import took (user and system, ms).
process.stdout.write(`${JSON.stringify({ ms, stored: outcome.stored, related: outcome.related, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
