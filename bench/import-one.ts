/**
 * Child process of the benchmark: imports one file into one database as an AIVD analyst of the
 * example directory, and prints what it measured as one JSON line. A process of its own, so that
 * its peak memory is the import's alone.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { systemClock } from "../src/core/ports.js";
import { importFile } from "../src/core/formats/import-file.js";
import type { FileFormat } from "../src/core/formats/types.js";
import { loadDirectory } from "../src/core/use-cases/load-directory.js";
import { openStore } from "../src/storage/database.js";

const [file, format, databaseUrl] = process.argv.slice(2);
// Opened as the bot opens it (src/app.ts).
const store = await openStore(databaseUrl, { checkpointInBackground: { onError: (error) => console.error(error) } });
await loadDirectory({ store, clock: systemClock }, { text: await readFile("examples/directory.yml", "utf8"), source: "examples/directory.yml", actor: "bench" });
const record = (await store.directory.current())!;
const member = record.directory.members.find((m) => m.id === "slack:U0AIVD001")!;
const started = process.hrtime.bigint();
const outcome = await importFile(
  { store, clock: systemClock },
  { member, directory: record.directory, format: format as FileFormat, path: file, fileName: basename(file), via: "bench" },
);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
await store.close();
if (!outcome.ok) throw new Error(outcome.message);
process.stdout.write(`${JSON.stringify({ ms, stored: outcome.stored, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
