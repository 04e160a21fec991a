/**
 * Child process of the benchmark: look-ups inside the built bot (lookups.ts lookupsInBot). The
 * command service with its transaction, audit entry and receipt, on the values in a JSON file,
 * one after another as an analyst (U0AIVD001) asks; the first `untimed` are not timed. Prints
 * p50, p99 and how many timed replies showed related records, as one JSON line.
 *
 *   node bench/lookups-one.mjs <database URL> <values.json> <untimed>
 */
import { readFile } from "node:fs/promises";
import { createCommandService } from "../dist/core/command-service.js";
import { LANGUAGES } from "../dist/core/i18n/language.js";
import { translator } from "../dist/core/i18n/translator.js";
import { systemClock } from "../dist/core/ports.js";
import { openStore } from "../dist/storage/database.js";

const [databaseUrl, valuesFile, untimedText] = process.argv.slice(2);
const values = JSON.parse(await readFile(valuesFile, "utf8"));
const untimed = Number(untimedText);
// The heading a look-up puts above related records, in either language a member reads.
const headings = new Set(LANGUAGES.map((language) => translator(language).text("relations.lookup.heading")));
const hasRelated = (reply) => reply.kind === "message" && reply.view.blocks.some((b) => b.kind === "heading" && headings.has(b.text));

// Opened as the bot opens it (src/app.ts).
const store = await openStore(databaseUrl, { checkpointInBackground: { onError: (error) => console.error(error) } });
const service = createCommandService({ store, clock: systemClock });
const times = [];
let withRelated = 0;
for (const [n, text] of values.entries()) {
  const started = process.hrtime.bigint();
  const reply = await service.handle({ platform: "slack", userId: "U0AIVD001", requestKey: `bench:${n}:${Math.random()}`, command: { name: "lookup", text }, text: `lookup ${text}` });
  if (n < untimed) continue;
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (hasRelated(reply)) withRelated++;
}
await store.close();
times.sort((a, b) => a - b);
const percentile = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))];
process.stdout.write(`${JSON.stringify({ p50: percentile(0.5), p99: percentile(0.99), withRelated })}\n`);
