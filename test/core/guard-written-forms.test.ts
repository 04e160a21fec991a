import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findData } from "../../src/core/guard/find-data.js";
import { withholdData } from "../../src/core/guard/withhold.js";
import { translator } from "../../src/core/i18n/translator.js";
import { classify } from "../../src/core/indicators/index.js";
import type { Store } from "../../src/core/ports.js";
import { openStore } from "../../src/storage/database.js";
import { freshSqliteUrl } from "../support/databases.js";
import { newItem } from "../support/new-item.js";

/**
 * Ways of writing a stored value that a review of the guard, done as an attacker would, found
 * it missing: each as a person would paste it from a mail, a log, JSON, a PDF or a chat. On the
 * real SQLite store. The property tests (guard-detection.test.ts) cover the random ways.
 */
const STORED = [
  "https://aivd-url.example/login",
  "https://aivd-url.example/a?id=4",
  "https://user:pw@evil3.example/x",
  "ftp://anonymous@files.evil4.example/pub/x",
  "mivd-only.example",
  "2001:db8::1",
  "john.doe@evil2.example",
  "John.Doe@evil5.example",
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "d41d8cd98f00b204e9800998ecf8427e",
  "203.0.113.9",
  "CVE-2021-45046",
];

let store: Store;
const ids = new Map<string, number>();
beforeAll(async () => {
  store = await openStore(freshSqliteUrl());
  const items = STORED.map((raw) => {
    const result = classify(raw);
    if (!result.ok) throw new Error(`${raw}: ${result.reason}`);
    return newItem(result.indicator.type, result.indicator.value, "MIVD");
  });
  for (const item of await store.transaction((tx) => tx.items.insert(items))) ids.set(item.value, item.id);
  // Item ids up to 12 exist, as they do in any cell after a day's work.
});
afterAll(async () => store.close());

const named = async (text: string) => {
  const found = await findData(store, text);
  if (found.tooMany) throw new Error("too many");
  return found.mentions.map((m) => m.said);
};

describe("the guard finds values written as they are pasted", () => {
  it.each([
    ["an Outlook safe link", "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Faivd-url.example%2Flogin&data=05%7C01%7C&sdata=abc&reserved=0", "https://aivd-url.example/login"],
    ["a Google redirect", "https://www.google.com/url?q=https://aivd-url.example/login&sa=D", "https://aivd-url.example/login"],
    ["a Proofpoint link", "https://urldefense.com/v3/__https://aivd-url.example/login__;!!ABCD!efgh$", "https://aivd-url.example/login"],
    ["a session id after the path", "aivd-url.example/login;jsessionid=1", "https://aivd-url.example/login"],
    ["the query in another order", "https://aivd-url.example/a?x=1&id=4", "https://aivd-url.example/a?id=4"],
    ["user info in the URL", "see https://user:pw@evil3.example/x today", "https://user:pw@evil3.example/x"],
    ["an FTP user", "ftp://anonymous@files.evil4.example/pub/x", "ftp://anonymous@files.evil4.example/pub/x"],
    ["JSON escapes", '{"value":"https:\\/\\/aivd-url.example\\/login"}', "https://aivd-url.example/login"],
    ["Markdown escapes", "mivd\\-only\\.example", "mivd-only.example"],
    ["a C escape", "mivd-only\\x2eexample", "mivd-only.example"],
    ["an entity for a full-width dot", "mivd-only&#xFF0E;example", "mivd-only.example"],
    ["an entity for a zero-width space", "mi&#8203;vd-only.example", "mivd-only.example"],
    ["percent-encoded UTF-8", "mivd-only%E3%80%82example", "mivd-only.example"],
    ["quoted-printable", "mivd-only=2Eexample", "mivd-only.example"],
    ["a firewall log", "Deny tcp src outside:2001:db8::1/51515 dst inside:10.0.0.1/443", "2001:db8::1"],
    ["a word glued to an IPv6 address", "IPv6:2001:db8::1", "2001:db8::1"],
    ["an IPv6 address as 32 hex digits", "dst 20010db8000000000000000000000001", "2001:db8::1"],
    ["an IPv6 address with hyphens for its colons", "seen from 2001-db8--1 today", "2001:db8::1"],
    ["an IPv6 address as /proc/net/tcp6 writes it", "1: B80D0120000000000000000001000000:01BB", "2001:db8::1"],
    ["a key glued to an address", "user=john.doe@evil2.example", "john.doe@evil2.example"],
    ["a mail address in another case", "JOHN.DOE@EVIL5.EXAMPLE", "John.Doe@evil5.example"],
    ["a mail address with a tag after a plus", "john.doe+cell@evil2.example", "john.doe@evil2.example"],
    ["a mail address with its local part quoted", '"john.doe"@evil2.example', "john.doe@evil2.example"],
    ["a file name", "mivd-only.example_2024-12-01.pcap", "mivd-only.example"],
    ["a screenshot's name", "screenshot_mivd-only.example.png", "mivd-only.example"],
    ["a hash in groups of eight", "e3b0c442 98fc1c14 9afbf4c8 996fb924 27ae41e4 649b934c a495991b 7852b855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["a hash as pairs", "d4 1d 8c d9 8f 00 b2 04 e9 80 09 98 ec f8 42 7e", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a hash broken over two lines", "e3b0c44298fc1c149afbf4c8996fb924\n27ae41e4649b934ca495991b7852b855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["a name broken over two lines", "mivd-only.\nexample", "mivd-only.example"],
    ["a space after the dot", "mivd-only. example", "mivd-only.example"],
    ["two spaces before the dot", "mivd-only  .example", "mivd-only.example"],
    ["a Cyrillic capital I", "M\u0406VD-ONLY.EXAMPLE", "mivd-only.example"],
    ["a dotless i", "m\u0131vd-only.example", "mivd-only.example"],
    ["a bullet for a dot", "mivd-only\u2022example", "mivd-only.example"],
    ["Arabic-Indic digits", "203.0.113.\u0669", "203.0.113.9"],
    ["an IPv4-mapped IPv6 address", "::ffff:cb00:7109", "203.0.113.9"],
    ["a CVE written as a pair", "CVE-2021-44228/45046", "CVE-2021-45046"],
    ["a defanged double colon", "2001[:]db8[::]1", "2001:db8::1"],
    ["a dot in brackets of another script", "mivd-only\u3010.\u3011example", "mivd-only.example"],
    ["a dot between the same two marks", "mivd-only'.'example", "mivd-only.example"],
    ["a dot spelled out between the same two marks", 'mivd-only"DOT"example', "mivd-only.example"],
    ["an at sign spelled out between quotes", "john.doe'at'evil2.example", "john.doe@evil2.example"],
    ["an at sign in brackets of another script", "john.doe\u3010at\u3011evil2.example", "john.doe@evil2.example"],
    ["a hash in groups with underscores", "d41d8cd9_8f00b204_e9800998_ecf8427e", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a hash in groups with pipes", "d41d8cd9 | 8f00b204 | e9800998 | ecf8427e", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a hash as comma-separated bytes", "d4,1d,8c,d9,8f,00,b2,04,e9,80,09,98,ec,f8,42,7e", "d41d8cd98f00b204e9800998ecf8427e"],
    ["HTML tags inside a name", "<b>mivd-only</b>.example", "mivd-only.example"],
    ["a word-break tag in a URL", "https://aivd-url.<wbr>example/<wbr>login", "https://aivd-url.example/login"],
    ["an HTML link as source", '<a href="https://aivd-url.example/login">here</a>', "https://aivd-url.example/login"],
    ["a name letter by letter", "zie m i v d - o n l y . e x a m p l e", "mivd-only.example"],
    ["a name letter by letter in capitals, two spaces apart", "M  I  V  D  -  O  N  L  Y  .  E  X  A  M  P  L  E", "mivd-only.example"],
    ["an address digit by digit", "2 0 3 . 0 . 1 1 3 . 9", "203.0.113.9"],
    ["an IPv6 address with spaces around its colons", "bron 2001 : db8 :: 1 gezien", "2001:db8::1"],
    ["a mail address letter by letter", "j o h n . d o e @ e v i l 2 . e x a m p l e", "john.doe@evil2.example"],
    ["a space for the dot", "seen at mivd-only example yesterday", "mivd-only.example"],
    ["spaces for the dots, in capitals", "MIVD-ONLY  EXAMPLE", "mivd-only.example"],
    ["an underscore for the dot", "host mivd-only_example", "mivd-only.example"],
    ["a comma for the dot", "mivd-only,example", "mivd-only.example"],
    ["a CVE number with a zero put in front", "CVE-2021-045046", "CVE-2021-45046"],
    ["a CVE number with three zeros put in front", "cve-2021-00045046", "CVE-2021-45046"],
    ["a CVE number with zeros put in front, second of a pair", "CVE-2021-44228/00045046", "CVE-2021-45046"],
    ["an at sign doubled", "john.doe@@evil2.example", "john.doe@evil2.example"],
    ["an at sign doubled, with spaces", "john.doe @ @ evil2.example", "john.doe@evil2.example"],
    ["a dot doubled", "mivd-only..example", "mivd-only.example"],
    ["a dot doubled, with spaces", "zie mivd-only .. example", "mivd-only.example"],
    ["an IPv6 address with spaces for its colons", "bron 2001 db8 0 0 0 0 0 1 gezien", "2001:db8::1"],
    ["an IPv6 address with underscores for its colons", "host_2001_db8_0_0_0_0_0_1", "2001:db8::1"],
  ])("%s", async (_how, text, value) => {
    expect(await named(text)).toContain(value);
  });

  it("reads lists and ranges of item ids, and not the name of a protocol or a numbered phase", async () => {
    expect(await named("as in I-2, 3 and I-5..7")).toEqual(["I-2", "I-3", "I-5", "I-6", "I-7"]);
    for (const prose of ["The actor tunnels C2 over I2P and Tor.", "Fase I \u2013 2025: opbouw", "an I18N issue", "Deel I \u2014 2026 vooruitblik"]) expect(await named(prose), prose).toEqual([]);
  });

  it("reads words with spaces between them as a name only where it is on record", async () => {
    // Prose is full of top-level labels ("to", "it", "in", "news", "example"): read, and nothing named.
    for (const prose of ["we go to it in the news today", "an only example of it", "Stored 3 values, of which 1 new", "mivd only example", "on 2026-12-06 -- ab--cd"]) expect(await named(prose), prose).toEqual([]);
    // Readers who see no values (Art 9): the words that name it together are withheld, the prose stays.
    const t = translator("en");
    const marker = t.text("guard.withheld");
    expect(await withholdData(store, "Seen at mivd-only example yesterday, as in the news today.", t)).toBe(`Seen at ${marker} ${marker} yesterday, as in the news today.`);
    expect(await withholdData(store, "Host mivd-only_example and test_case_one stay apart.", t)).toBe(`Host ${marker} and test_case_one stay apart.`);
    // An ellipsis between words reads like a doubled dot: a name only where it is on record.
    for (const prose of ["so...then we wait", "Klaar..nu verder", "wait.. then"]) expect(await named(prose), prose).toEqual([]);
    expect(await withholdData(store, "Wait...then mivd-only .. example, and so..on", t)).toBe(`Wait...then ${marker} ${marker} ${marker} and so..on`);
  });
});
