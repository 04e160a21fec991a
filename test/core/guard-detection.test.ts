import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARTY_CODES, type PartyCode } from "../../src/core/covenant/parties.js";
import { asChecked } from "../../src/core/guard/checked-text.js";
import { findData } from "../../src/core/guard/find-data.js";
import { withholdData } from "../../src/core/guard/withhold.js";
import { translator } from "../../src/core/i18n/translator.js";
import { classify, type Indicator } from "../../src/core/indicators/index.js";
import type { Store } from "../../src/core/ports.js";
import { newItem } from "../support/new-item.js";
import { openStore } from "../../src/storage/database.js";
import { freshSqliteUrl } from "../support/databases.js";

/**
 * Art 7.2: free text must not carry a party's data past the guard, however a person writes it.
 * Random stored values are written into random prose in random ways — look-alike letters and
 * punctuation, invisible characters, defanged, inside URLs, mail addresses and chat markup, as a
 * subdomain, with ports, paths and possessives — and every one must be found. Prose without a
 * stored value must pass. On the real SQLite store, since the look-up is part of the guard.
 */

const SUPPLIERS = PARTY_CODES.filter((p) => p !== "NCTV");

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/).filter((l) => !l.includes("--"));
// Up to ten labels: long phishing names are common.
const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 9 }), fc.constantFrom("example", "test", "nl", "com", "org", "invalid")).map(([ls, tld]) => [...ls, tld].join("."));
const octet = fc.nat(255);
const ipv4 = fc.tuple(fc.integer({ min: 1, max: 223 }), octet, octet, octet).map((o) => o.join("."));
const ipv6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((parts) => new ipaddr.IPv6(parts).toRFC5952String());
const path = fc.array(fc.stringMatching(/^[a-z0-9_-]{1,8}$/), { minLength: 1, maxLength: 3 }).map((p) => `/${p.join("/")}`);
const url = fc.tuple(fc.constantFrom("http", "https"), fc.oneof(domain, ipv4), path).map(([s, h, p]) => `${s}://${h}${p}`);
// The local part is stored as typed, capitals included.
const email = fc.tuple(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._-]{0,10}[a-zA-Z0-9]$/).filter((l) => !l.includes("..")), domain).map(([l, d]) => `${l}@${d}`);
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`)).filter((h) => /[a-f]/.test(h));
const cve = fc.tuple(fc.integer({ min: 1999, max: 2026 }), fc.integer({ min: 1000, max: 99999 })).map(([y, n]) => `CVE-${y}-${n}`);
const cidr = fc.oneof(fc.tuple(ipv4, fc.integer({ min: 8, max: 30 })), fc.tuple(ipv6, fc.integer({ min: 16, max: 120 }))).map(([a, p]) => `${a}/${p}`);
const anyValue = fc.oneof(domain, ipv4, ipv6, cidr, url, email, hex(32), hex(40), hex(64), cve);

interface Stored extends Indicator {
  id: number;
  party: PartyCode;
}

// ---- ways of writing a value -------------------------------------------------------------

const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"];
const CYRILLIC: Record<string, string> = { a: "а", e: "е", o: "о", p: "р", c: "с", x: "х", i: "і", s: "ѕ", d: "ԁ" };
const CYRILLIC_CAPITAL: Record<string, string> = { A: "А", E: "Е", O: "О", P: "Р", C: "С", X: "Х", I: "І", T: "Т", H: "Н", K: "К", M: "М", B: "В" };
const FULLWIDTH = (ch: string) => (/[!-~]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch);

/** A link as a mail gateway rewrites it, the original percent-encoded inside. */
const safeLink = (url: string) => `https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(url)}&data=05%7C01&reserved=0`;

/** Where the value stands: inside a URL, as a subdomain, with a port … (by type). */
function inContext(v: Stored): fc.Arbitrary<string> {
  const same = fc.constant(v.value);
  switch (v.type) {
    case "domain":
      return fc.oneof(same, fc.constantFrom(safeLink(`https://${v.value}/x`), `https://${v.value}/login?id=4`, `${v.value}:8443/x`, `www.${v.value}`, `c2.${v.value}`, `info@${v.value}`, `${v.value}/panel`, `hxxp://${v.value}`));
    case "ipv4": {
      // Also as tools write it (address-forms.ts): in a host name, reverse DNS, hex, octal, one number in a URL or a log's field.
      const o = v.value.split(".").map(Number);
      const asNumber = o.reduce((n, x) => n * 256 + x, 0);
      return fc.oneof(
        same,
        fc.constantFrom(`${v.value}:443`, `http://${v.value}/x`, `${v.value}/32`, `tcp://${v.value}:22`, `::ffff:${v.value}`),
        fc.constantFrom(
          `ec2-${o.join("-")}.compute-1.amazonaws.example`,
          `capture_${o.join("_")}.pcap`,
          `${[...o].reverse().join(".")}.in-addr.arpa`,
          o.map((x) => `0x${x.toString(16).padStart(2, "0")}`).join("."),
          o.map((x) => `0${x.toString(8)}`).join("."),
          `src_ip=0x${asNumber.toString(16).padStart(8, "0")}`,
          `dst_ip_int=${asNumber}`,
          `http://${asNumber}/x`,
        ),
      );
    }
    case "ipv6": {
      const parts = ipaddr.IPv6.parse(v.value).toNormalizedString().split(":");
      return fc.oneof(
        same,
        fc.constantFrom(
          parts.join(":"),
          parts.map((p) => p.padStart(4, "0")).join(":"),
          `[${v.value}]:443`,
          `http://[${v.value}]/x`,
          v.value.toUpperCase(),
          `${v.value}%eth0`,
          `${v.value}/128`,
        ),
      );
    }
    case "url": {
      const noScheme = v.value.replace(/^[a-z]+:\/\//, "");
      return fc.oneof(same, fc.constantFrom(safeLink(v.value), noScheme, `${noScheme}/`, `${v.value}/deeper`, `${v.value}?q=1`, `${v.value}#top`, v.value.replace(/^https?/, "hxxps")));
    }
    case "ipv4-cidr": {
      // Also with a netmask or a wildcard mask, from its first address to its last, with wildcards.
      const [start, bits] = v.value.split("/");
      const prefix = Number(bits);
      const first = start.split(".").reduce((n, x) => n * 256 + Number(x), 0);
      const dotted = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
      const size = 2 ** (32 - prefix);
      const stars = prefix % 8 === 0 ? [[...start.split(".").slice(0, prefix / 8), "*", "*", "*"].slice(0, 4).join(".")] : [];
      return fc.oneof(same, fc.constantFrom(`range ${v.value}`, `${start}/${dotted(2 ** 32 - size)}`, `${start} ${dotted(size - 1)}`, `${start} - ${dotted(first + size - 1)}`, ...stars));
    }
    case "ipv6-cidr":
      return fc.oneof(same, fc.constantFrom(v.value.toUpperCase(), `range ${v.value}`, `${v.value.replace("/", " /")}`.replace(" /", "/")));
    case "email":
      return fc.oneof(same, fc.constantFrom(`mailto:${v.value}`, `<mailto:${v.value}|${v.value}>`, `[${v.value}](mailto:${v.value})`, v.value.toLowerCase(), v.value.toUpperCase()));
    case "cve":
      return fc.oneof(same, fc.constantFrom(v.value.toLowerCase(), v.value.replace(/-/g, "\u2013"), v.value.replace(/-/g, " ")));
    default: {
      const groups = v.value.match(/.{1,8}/g)!.join(" ");
      return fc.oneof(same, fc.constantFrom(`${v.type}:${v.value}`, `${v.value}.bin`, `sha=${v.value}`, v.value.toUpperCase(), groups, `de ${groups} de`, v.value.match(/.{2}/g)!.join(":")));
    }
  }
}

/** How its characters are written: as is, defanged, with look-alikes or invisible characters, upper case. */
const disguise = (text: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(text),
    fc.constantFrom("[.]", "(.)", "{.}", "[dot]", " [.] ", " . ").map((dot) => text.replaceAll(".", dot).replace(/^http/, "hxxp").replace("@", "[at]")),
    fc.constantFrom("\uff0e", "\u3002", "\u2024").map((dot) => text.replaceAll(".", dot)),
    fc.constantFrom("\u2011", "\u2010", "\u2013").map((dash) => text.replaceAll("-", dash)),
    fc.tuple(fc.constantFrom(...ZERO_WIDTH), fc.nat()).map(([z, n]) => {
      const at = 1 + (n % Math.max(1, text.length - 1));
      return `${text.slice(0, at)}${z}${text.slice(at)}`;
    }),
    fc.constant([...text].map((ch) => CYRILLIC[ch] ?? ch).join("")),
    fc.constant([...text.toUpperCase()].map((ch) => CYRILLIC_CAPITAL[ch] ?? ch).join("")),
    fc.constantFrom("\u00a0.\u00a0", "\u2009.\u2009", ".\n", ". ").map((dot) => text.replace(".", dot)),
    fc.constant([...text].map(FULLWIDTH).join("")),
    fc.constant(text.toUpperCase()),
  );

/** What stands around it in a sentence, a log line or a file name. */
const wrap = (text: string): fc.Arbitrary<string> =>
  fc.constantFrom(text, `src:${text}`, `value=${text}`, `file_${text}_2024.pcap`, `${text}\n`, `(${text})`, `"${text}"`, `“${text}”`, `${text}'s`, `${text}’s`, `${text}.`, `${text},`, `${text}—and`, `*${text}*`, `_${text}_`, `\`${text}\``, `<${text}>`, `${text}:`, `[${text}]`);

const prose = fc.array(fc.lorem({ maxCount: 1 }), { minLength: 0, maxLength: 30 });

function embed(words: string[], written: string, at: number): string {
  const n = words.length === 0 ? 0 : at % (words.length + 1);
  return [...words.slice(0, n), written, ...words.slice(n)].join(" ");
}

describe("the Art 7.2 guard finds a stored value however it is written (real SQLite)", () => {
  let store: Store;
  let stored: Stored[];

  beforeAll(async () => {
    store = await openStore(freshSqliteUrl());
    const seen = new Set<string>();
    const values: Indicator[] = [];
    for (const raw of fc.sample(anyValue, { numRuns: 600, seed: 20261203 })) {
      const result = classify(raw);
      if (!result.ok || seen.has(`${result.indicator.type}|${result.indicator.value}`)) continue;
      seen.add(`${result.indicator.type}|${result.indicator.value}`);
      values.push(result.indicator);
    }
    const items = values.map((v, n) => newItem(v.type, v.value, SUPPLIERS[n % SUPPLIERS.length]));
    const inserted = await store.transaction((tx) => tx.items.insert(items));
    stored = inserted.map((i) => ({ id: i.id, type: i.type, value: i.value, party: i.party }));
    // An analysis A-1 and requests exist, as in any cell after a week's work.
    await store.transaction(async (tx) => {
      const at = new Date("2026-11-02T10:00:00Z");
      await tx.analyses.create({ title: asChecked("Wave"), body: asChecked("One actor."), authorId: "slack:U1", authorName: "Test", createdAt: at, itemIds: [stored[0].id] });
      for (const item of stored.slice(0, 2)) {
        const words = { purpose: asChecked("warn the sector"), legalBasis: asChecked("Wiv 2017"), conditions: null };
        await tx.disclosures.create(
          { requesterId: "slack:U1", requesterName: "Test", createdAt: at, recipientId: "ncsc-ops", recipientName: "NCSC", recipientKind: "party", viaParty: null, deliverTo: { platform: "slack", channel: "C1" }, ...words, tlp: "AMBER", tlpRequested: null, deadline: at, analysisId: null, items: [{ itemId: item.id, party: item.party }] },
          [item.party],
        );
      }
    });
    expect(new Set(stored.map((s) => s.type)).size).toBe(11);
  });
  afterAll(async () => store.close());

  const found = async (text: string) => {
    const findings = await findData(store, text);
    if (findings.tooMany) throw new Error("too many candidates");
    return findings.mentions;
  };

  it("finds every stored value written into prose in any of these ways", async () => {
    const written = fc
      .constantFrom(...Array.from({ length: 600 }, (_, n) => n))
      .map((n) => stored[n % stored.length])
      .chain((v) => fc.tuple(fc.constant(v), inContext(v).chain(disguise).chain(wrap), prose, fc.nat()));
    await fc.assert(
      fc.asyncProperty(written, async ([v, text, words, at]) => {
        const sentence = embed(words, text, at);
        const mentions = await found(sentence);
        expect(
          mentions.some((m) => m.recordIds.includes(v.id)),
          `${v.type} ${v.value} not found in: ${JSON.stringify(sentence)}`,
        ).toBe(true);
      }),
      { numRuns: 1500, seed: 7 },
    );
  }, 60_000); // thousands of property runs on a shared machine

  it("finds item ids however the hyphen is written", async () => {
    const ids = fc.constantFrom(...stored.slice(0, 50).map((s) => s.id));
    const forms = fc.constantFrom("I-", "i-", "I\u2011", "I\u2010", "I\u2013", "I\u2212", "I_", "I - ", "\uff29\uff0d", "I");
    await fc.assert(
      fc.asyncProperty(ids, forms, prose, fc.nat(), async (id, form, words, at) => {
        const text = embed(words, `${form}${id}`, at);
        const mentions = await found(text);
        expect(mentions.some((m) => m.recordIds.includes(id) && m.said === `I-${id}`), text).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("finds nothing in prose without a stored value: ordinary writing is never refused", async () => {
    // Ids of items, requests and analyses that exist appear in prose as other things.
    const ordinary = fc.constantFrom("e.g.", "i.e.", "3.5%", "10:30", "v2.1", "Art 7.2", "14:00–15:00", "U.S.", "p. 12", "C-3", "2026-12-03", "(see above)", "don't", "—", "co-operation", "re: the wave", "1.2.3", "mr.", "no.", "appendix a-1", "bijlage r-2", "over I2P and Tor", "Fase I – 2025", "Deel I — 2", "an I18N bug", "ISO 27001", "CVE lists", "sha256 sums");
    const text = fc.array(fc.oneof(fc.lorem({ maxCount: 1 }), ordinary), { maxLength: 80 }).map((w) => w.join(" "));
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        expect(await found(t), t).toEqual([]);
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it("withholds every indicator-like word from readers who see no values, and leaves prose readable", async () => {
    const written = fc.constantFrom(...stored.slice(0, 200)).chain((v) => fc.tuple(inContext(v).chain(disguise).chain(wrap), prose, fc.nat()));
    await fc.assert(
      fc.asyncProperty(written, async ([text, words, at]) => {
        const shown = await withholdData(store, embed(words, text, at), translator("en"));
        expect(shown).toContain("[indicator withheld]");
        for (const word of words) expect(shown).toContain(word);
        // Nothing on record is left in what the steering group reads, however it was written.
        const left = await findData(store, shown);
        expect(left.tooMany || left.mentions.length > 0, shown).toBe(false);
      }),
      { numRuns: 500, seed: 17 },
    );
  }, 60_000); // thousands of property runs on a shared machine
});
