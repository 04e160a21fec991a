import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskPrefix, rangeBlocks } from "../../src/core/guard/address-forms.js";
import { extract } from "../../src/core/guard/extract.js";
import { withholdData } from "../../src/core/guard/withhold.js";
import { translator } from "../../src/core/i18n/translator.js";
import type { Store } from "../../src/core/ports.js";
import { namedIn, storeHolding } from "../support/guard-store.js";

/**
 * Art 7.2: a party's address, range, hash or e-mail address written in the other forms that
 * tools, logs and people use — host names, reverse DNS, hex and octal, masks and ranges, base64
 * digests, a spelled-out at sign — is found as the value it is. On the real SQLite store.
 */
const STORED = [
  "203.0.113.9",
  "10.20.0.0/16",
  "2001:db8::1",
  "2001:db8:abcd::/48",
  "d41d8cd98f00b204e9800998ecf8427e",
  "da39a3ee5e6b4b0d3255bfef95601890afd80709",
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "john.doe@evil2.example",
  "http://198.51.100.7/panel",
  "192.0.2.77/32",
  "2001:db8::77/128",
  "45.137.21.0/24",
  "CVE-2023-4966",
];

let store: Store;
beforeAll(async () => {
  store = await storeHolding(STORED);
});
afterAll(async () => store.close());

const named = (text: string) => namedIn(store, text);

describe("the guard finds an address, a range or a digest in the other forms it is written in", () => {
  it.each([
    ["a host name with the octets", "ec2-203-0-113-9.compute-1.amazonaws.com", "203.0.113.9"],
    ["octets joined by underscores", "capture_203_0_113_9.pcap", "203.0.113.9"],
    ["octets joined by underscores alone", "203_0_113_9", "203.0.113.9"],
    ["octets joined by hyphens alone", "seen from 203-0-113-9 at night", "203.0.113.9"],
    ["commas for the dots", "seen from 203,0,113,9 at night", "203.0.113.9"],
    ["a comma and a space for each dot", "203, 0, 113, 9", "203.0.113.9"],
    ["spaces for the dots", "seen from 203 0 113 9 at night", "203.0.113.9"],
    ["semicolons for the dots, in a longer row of numbers", "1;2;203;0;113;9", "203.0.113.9"],
    ["commas for the dots, at the end of a row of 300 numbers", `${Array.from({ length: 296 }, (_, n) => n % 250).join(",")},203,0,113,9`, "203.0.113.9"],
    ["a reverse-DNS name", "PTR 9.113.0.203.in-addr.arpa.", "203.0.113.9"],
    ["hex parts", "0xCB.0x00.0x71.0x09", "203.0.113.9"],
    ["octal parts", "0313.0.0161.011", "203.0.113.9"],
    ["one number in a log's address field", "src_ip_int=3405803785 dst_port=443", "203.0.113.9"],
    ["32 bits in hex in a log's address field", 'dst_ip="0xCB007109"', "203.0.113.9"],
    ["a URL's host as one number", "hxxp://3405803785/x", "203.0.113.9"],
    ["one number, as ping and curl take it", "ping 3405803785", "203.0.113.9"],
    ["32 bits in hex on their own", "reached 0xCB007109 twice", "203.0.113.9"],
    ["a URL's host in hex, with its path", "http://0xc6336407/panel", "http://198.51.100.7/panel"],
    ["a netmask", "route 10.20.0.0/255.255.0.0", "10.20.0.0/16"],
    ["a netmask after a space", "10.20.0.0 255.255.0.0", "10.20.0.0/16"],
    ["an ACL's wildcard mask", "access-list 10 permit 10.20.0.0 0.0.255.255", "10.20.0.0/16"],
    ["a range from one address to another", "10.20.0.0 \u2013 10.20.255.255", "10.20.0.0/16"],
    ["a range in words", "10.20.0.0 to 10.20.255.255", "10.20.0.0/16"],
    ["wildcards", "10.20.*.*", "10.20.0.0/16"],
    ["x for the open octets", "10.20.x.x", "10.20.0.0/16"],
    ["zero octets left out", "10.20/16", "10.20.0.0/16"],
    ["spaces around the slash", "10.20.0.0 / 16", "10.20.0.0/16"],
    ["host bits set", "10.20.7.1/16", "10.20.0.0/16"],
    ["a reverse-DNS zone", "20.10.in-addr.arpa", "10.20.0.0/16"],
    ["an ip6.arpa name", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "2001:db8::1"],
    ["a Windows UNC name of an IPv6 address", "\\\\2001-db8--1.ipv6-literal.net\\share", "2001:db8::1"],
    ["a Windows UNC name with a zone", "2001-db8-0-0-0-0-0-1s4.ipv6-literal.net", "2001:db8::1"],
    ["an ip6.arpa zone", "d.c.b.a.8.b.d.0.1.0.0.2.ip6.arpa", "2001:db8:abcd::/48"],
    ["an MD5 in base64", "Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a SHA-1 in base64", "2jmj7l5rSw0yVb/vlWAYkK/YBwk=", "da39a3ee5e6b4b0d3255bfef95601890afd80709"],
    ["a SHA-256 in base64url", "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["an at sign spelled out", "mail john.doe at evil2 dot example", "john.doe@evil2.example"],
    ["an at sign spelled out, in Dutch", "john.doe apenstaartje evil2.example", "john.doe@evil2.example"],
    ["a NAT64 address, as an IPv6-only network's gateway logs an IPv4 peer", "dst 64:ff9b::cb00:7109 port 443", "203.0.113.9"],
    ["a local-use NAT64 address", "64:ff9b:1::cb00:7109", "203.0.113.9"],
    ["a 6to4 address", "from 2002:cb00:7109::1", "203.0.113.9"],
    ["the one address of a /32", "seen from 192.0.2.77 today", "192.0.2.77/32"],
    ["the one address of a /32, in a URL in hex", "http://0xC000024D/", "192.0.2.77/32"],
    ["the one address of a /128", "seen from 2001:db8:0:0:0:0:0:77 today", "2001:db8::77/128"],
  ])("%s", async (_how, text, value) => {
    expect(await named(text)).toContain(value);
  });

  it("does not read numbers, versions and prose as addresses or e-mail addresses", async () => {
    for (const prose of ["call 0612345678 or 3405803785", "release 1.2.3.4-rc1 and 10.0.0", "we looked at evil2.example today", "2026-12-05 10:20", "x.x.x.x"]) {
      expect(await named(prose), prose).not.toContain("john.doe@evil2.example");
    }
    // A number is read as a whole address only on its own and from eight digits up: not with a
    // leading zero (a phone number), after a plus, inside a word or a decimal number, nor shorter.
    for (const text of ["call 0203011309", "+3405803785", "v3405803785", "3405803785.5 s", "3405803785-1", "ticket 16777215"]) expect(await named(text), text).toEqual([]);
    // Only the translation prefixes carry an IPv4 address: elsewhere the same low bits are none.
    expect(await named("2001:db8::cb00:7109 and fe80::cb00:7109")).not.toContain("203.0.113.9");
  });

  it("reads no range, id or CVE into ordinary writing: times, scores, flows, lists, agendas, counts", async () => {
    for (const text of [
      "Vergadertijden: 10.20/16.00 uur",
      "Score 7.5/10, vorige keer 4.5/5",
      "Gezien vanaf:\n- 45.137.20.17\n- 45.137.22.40",
      "Connections from 45.137.20.17 to 45.137.22.40 on port 443",
      "After CVE-2023-22515 and 4966 other findings",
      "Telefoon +31 (0)70-123-45-67, uitslag 3-2-1-0",
      "Stappen 1, 2, 3, 4 en 5; tabel: 10 20 30 40",
      "temperaturen 12,5 13,0 14,5 en 203,0 113,9",
      "a b c d e f g",
    ]) {
      expect(await named(text), text).toEqual([]);
    }
    // Item ids: those written, and no range an agenda or a list's lines make of them.
    const ids = await storeHolding(["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4", "198.51.100.5", "198.51.100.6", "198.51.100.7", "198.51.100.8", "198.51.100.9", "198.51.100.10"]);
    try {
      expect(await namedIn(ids, "Open items:\n- I-3\n- I-7")).toEqual(["I-3", "I-7"]);
      expect(await namedIn(ids, "Agenda I-3 \u2013 10 min")).toEqual(["I-3"]);
      expect(await namedIn(ids, "I-3-5 and I-8\u20139")).toEqual(["I-3", "I-4", "I-5", "I-8", "I-9"]);
    } finally {
      await ids.close();
    }
  });

  it("withholds the other forms from readers who see no values (Art 9)", async () => {
    const t = translator("en");
    const marker = t.text("guard.withheld");
    const shown = await withholdData(store, "Seen in capture_203_0_113_9 and in 10.20.*.* last week.", t);
    expect(shown).toBe(`Seen in ${marker} and in ${marker} last week.`);
    // Written with commas, spaces or letter by letter for the dots: withheld as well.
    expect(await withholdData(store, "From 203,0,113,9 and 203 0 113 9 then 2 0 3 . 0 . 1 1 3 . 9 again.", t)).toBe(`From ${marker} and ${marker} ${marker} ${marker} ${marker} then ${marker} again.`);
    expect(await withholdData(store, "Source 2001 : db8 :: 1 today.", t)).toBe(`Source ${marker} today.`);
    expect(await withholdData(store, "Pinged 3405803785 twice.", t)).toBe(`Pinged ${marker} twice.`);
    // A label and its value, with a colon between spaces, stay as written.
    expect(await withholdData(store, "Score : 10, tijd 10 : 20.", t)).toBe("Score : 10, tijd 10 : 20.");
    // A phone number is no host name's octets: it stays readable.
    expect(await withholdData(store, "Telefoon secretariaat: 070-123-45-67.", t)).toBe("Telefoon secretariaat: 070-123-45-67.");
    // Four numbers joined by hyphens are withheld only as an address on record: a score stays.
    expect(await withholdData(store, "Uitslag 3-2-1-0, bron 203-0-113-9.", t)).toBe(`Uitslag 3-2-1-0, bron ${marker}`);
  });
});

const octet = fc.nat(255);
const address = fc.tuple(octet, octet, octet, octet);
const dotted = (o: readonly number[]) => o.join(".");
const toNumber = (o: readonly number[]) => o.reduce((n, x) => n * 256 + x, 0);

describe("every address, in every other form", () => {
  it("is read as the address it is", () => {
    fc.assert(
      fc.property(address, fc.constantFrom("-", "_"), (o, separator) => {
        const value = dotted(o);
        const forms = [
          `host-${o.join(separator)}.example.net`,
          `${[...o].reverse().join(".")}.in-addr.arpa`,
          o.map((x) => `0x${x.toString(16)}`).join("."),
          `ip=0x${toNumber(o).toString(16).padStart(8, "0")}`,
          `http://${toNumber(o)}/`,
          `http://${o.map((x) => `0${x.toString(8)}`).join(".")}/x`,
        ];
        for (const form of forms) expect(extract(form).values.has(`ipv4|${value}`), form).toBe(true);
      }),
    );
  });
});

describe("a range from one address to another", () => {
  it("is the CIDR blocks that make it up, in order, each aligned, none overlapping, none left out", () => {
    fc.assert(
      fc.property(address, fc.nat(70_000), (o, length) => {
        const first = toNumber(o);
        const last = Math.min(2 ** 32 - 1, first + length);
        const asText = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
        const blocks = rangeBlocks(asText(first), asText(last));
        let next = first;
        for (const block of blocks) {
          const [start, prefix] = block.split("/");
          const size = 2 ** (32 - Number(prefix));
          expect(toNumber(start.split(".").map(Number))).toBe(next);
          expect(next % size).toBe(0);
          next += size;
        }
        // Any IPv4 range is at most 62 blocks: all of them are given.
        expect(next).toBe(last + 1);
      }),
    );
  });

  it("that is a CIDR block is that block alone", () => {
    fc.assert(
      fc.property(address, fc.integer({ min: 0, max: 32 }), (o, prefix) => {
        const size = 2 ** (32 - prefix);
        const start = Math.floor(toNumber(o) / size) * size;
        const asText = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
        expect(rangeBlocks(asText(start), asText(start + size - 1))).toEqual([`${asText(start)}/${prefix}`]);
        const mask = asText(size === 2 ** 32 ? 0 : 2 ** 32 - size);
        expect(maskPrefix(mask)).toBe(prefix);
      }),
    );
  });

  it("is read backwards as nothing, and masks that are none are no prefix", () => {
    expect(rangeBlocks("10.0.0.9", "10.0.0.1")).toEqual([]);
    expect(maskPrefix("255.0.255.0")).toBeUndefined();
    expect(maskPrefix("0.0.255.255")).toBe(16);
  });
});
