import { everyParty } from "../src/core/guard/audience.js";
import { guardText } from "../src/core/guard/guard.js";
import type { Member } from "../src/core/directory/types.js";
import { openStore } from "../src/storage/database.js";
import { indicator } from "./generate.js";
import { translator } from "../src/core/i18n/translator.js";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

const PROSE = "The campaign against the water sector resumed on Monday; the actor reused its infrastructure, rotated two domains and changed the loader's configuration. ";
const WAYS = [(v: string) => `${v}'s`, (v: string) => v.replaceAll(".", "[.]"), (v: string) => `https://${v}/login?id=4`, (v: string) => `(${v})`, (v: string) => v.toUpperCase(), (v: string) => `${v}:443`];
const UNSTORED = ["e.g.", "10:30", "v2.1", "not-stored.example", "198.18.0.1", "CVE-2024-3094", "Art 7.2", "2026-12-03"];

/**
 * A 4,000-character text: prose with stored values written in several ways, and indicator-like
 * words that are not on record, as an analysis or a draft might hold them.
 */
function text(count: number, seed: number): string {
  let out = "";
  let n = seed;
  while (out.length < 4000) {
    n = (n * 1103515245 + 12345) >>> 0;
    out += PROSE;
    out += `${WAYS[n % WAYS.length](indicator(n % count).value)} and ${UNSTORED[n % UNSTORED.length]} `;
  }
  return out.slice(0, 4000);
}

const WARM_UP = 200;
const TIMED = 2000;

/**
 * The Art 7.2 guard on one 4,000-character text against `count` stored values: extraction of
 * every candidate, one look-up of them all, the decision for an audience of every party's
 * liaisons. The first WARM_UP checks are not timed (code loading, caches), as in lookups.ts.
 */
export async function measureGuard(databaseUrl: string, count: number) {
  const store = await openStore(databaseUrl);
  const author: Member = { id: "slack:U0AIVD001", name: "Bench", party: "AIVD", roles: ["analyst"], accounts: { slack: "U0AIVD001" }, screening: "2025-01-01" };
  const texts = Array.from({ length: 50 }, (_, i) => text(count, i + 1));
  const times: number[] = [];
  let refused = 0;
  for (let n = -WARM_UP; n < TIMED; n++) {
    const body = texts[(n + WARM_UP) % texts.length];
    const started = process.hrtime.bigint();
    const result = await store.transaction((tx) => guardText(tx, author, { what: "the draft", text: body, audience: everyParty(author) }, translator("en")));
    if (n >= 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!result.ok) refused++;
  }
  await store.close();
  if (refused !== TIMED + WARM_UP) throw new Error(`the guard passed a text that names stored values (${refused} of ${TIMED + WARM_UP} refused)`);
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), worst: await worstCase(databaseUrl, author) };
}

/**
 * Texts of 20,000 characters (an analysis's limit) made to be slow to read: runs of dots,
 * hyphens, spaces, hex and base64, look-alike letters. The slowest check of them, after one
 * untimed round: no text may keep the bot busy.
 */
async function worstCase(databaseUrl: string, author: Member) {
  const n = 20_000;
  const texts = [
    "a.".repeat(n / 2),
    `${"a-".repeat(n / 4)}a.${"b-".repeat(n / 4)}b`,
    `x${" ".repeat(n)}y`,
    "4d5a9000030000000400".repeat(n / 20),
    Buffer.from(Array.from({ length: n }, (_, i) => (i * 2654435761) & 255)).toString("base64").slice(0, n),
    "привет мир ".repeat(n / 11),
    "evil . example ".repeat(n / 15),
    Array.from({ length: n / 5 }, (_, i) => `x${(i % 1000).toString(36)}`).join("."),
  ];
  const store = await openStore(databaseUrl);
  let worst = 0;
  for (const round of [0, 1]) {
    for (const body of texts) {
      const started = process.hrtime.bigint();
      await store.transaction((tx) => guardText(tx, author, { what: "the text", text: body, audience: everyParty(author) }, translator("en")));
      if (round === 1) worst = Math.max(worst, Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  await store.close();
  return worst;
}
