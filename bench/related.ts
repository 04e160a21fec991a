import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { MAX_FILE_BYTES } from "../src/core/formats/guard.js";
import { cpuPerItem, importInChild } from "./import-in-child.js";
import { lookupsInBot, TIMED, WARM_UP } from "./lookups.js";
import { drawValue, relatedMix, seededRandom, writeMixStix } from "./related-mix.js";

/**
 * Related indicators at scale (issue 15): `total` items of the related mix (related-mix.ts), half
 * imported by an AIVD analyst and then half by an NCSC analyst, each a STIX bundle in a process
 * of its own, on one database; then look-ups inside the bot of values drawn from both files.
 * The second import compares every value with the first party's records as it stores it, which
 * is what the issue means by "relations maintained"; the first compares them with its own,
 * which costs the same work but finds nothing it counts.
 */
export async function measureRelated(options: {
  dir: string;
  total: number;
  platform: string;
  databaseUrl: string;
  say: (what: string, figure: string) => void;
}) {
  const { dir, total, platform, databaseUrl, say } = options;
  const mix = relatedMix(Math.round(total / 2));
  const first = join(dir, `related-${total}-aivd.json`);
  const second = join(dir, `related-${total}-ncsc.json`);
  // SQLite and PostgreSQL at the same size read the same files.
  if (!existsSync(first)) await writeMixStix(first, mix.firstCount, mix.first, 1);
  if (!existsSync(second)) await writeMixStix(second, mix.secondCount, mix.second, 2);
  // The bot refuses a file over its limit; at about 380 bytes an item that is some 1,100,000 items in all.
  for (const file of [first, second]) {
    if (statSync(file).size > MAX_FILE_BYTES) throw new Error(`${file} is larger than the bot takes (${MAX_FILE_BYTES} bytes): use a smaller BENCH_LARGE`);
  }

  const size = total.toLocaleString("en");
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en")} /s`;
  const a = importInChild(first, "stix", databaseUrl, "U0AIVD001");
  say(`Import ${a.stored.toLocaleString("en")}-item related mix (first party, AIVD, STIX with file hashes ANDed), ${platform}`, `${rate(a.stored, a.ms)} (${seconds(a.ms)}), peak RSS ${a.maxRssMb} MB; ${cpuPerItem(a)}`);
  const b = importInChild(second, "stix", databaseUrl, "U0NCSC001");
  say(
    `Import ${b.stored.toLocaleString("en")}-item related mix (second party, NCSC, relations maintained), ${platform}`,
    `${rate(b.stored, b.ms)} (${seconds(b.ms)}), ${(b.related?.indicators ?? 0).toLocaleString("en")} of its values related to ${b.related?.parties.join(", ") || "no other party"}'s records, peak RSS ${b.maxRssMb} MB; ${cpuPerItem(b)}`,
  );

  // The same draws on every run, from both files: about half the values have related records.
  const random = seededRandom(15);
  const lookups = await lookupsInBot(databaseUrl, () => drawValue(mix, random));
  say(
    `Lookup with related records among ${size} related-mix items inside the bot, ${platform} (${TIMED.toLocaleString("en")} look-ups after ${WARM_UP.toLocaleString("en")} untimed)`,
    `p50 ${lookups.p50.toFixed(2)} ms, p99 ${lookups.p99.toFixed(2)} ms; ${lookups.withRelated.toLocaleString("en")} of ${TIMED.toLocaleString("en")} had related records`,
  );
}
