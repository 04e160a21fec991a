import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findData } from "../../src/core/guard/find-data.js";
import { withholdData } from "../../src/core/guard/withhold.js";
import { translator } from "../../src/core/i18n/translator.js";
import type { Store } from "../../src/core/ports.js";
import { storeHolding, namedIn } from "../support/guard-store.js";

/**
 * Ways of writing a stored value that a second review of the guard, done as an attacker would,
 * got past it into a disclosure's purpose (Art 7.2): look-alike letters of scripts and tables the
 * first readings did not know, punctuation of other scripts, what hex dumps, mail bounces, code and
 * CSV exports make of a value, and URLs as browsers read them. On the real SQLite store.
 */
const SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const STORED = [
  "mivd-only.example",
  "hyena.example",
  "203.0.113.9",
  "2001:db8:abcd::77",
  "2001:db8:abcd::/48",
  SHA256,
  "john.doe@mivd2.example",
  "http://mivd-url.example/login",
  "http://203.0.113.77/a",
  "https://user:pw@mivd3.example/x",
  "CVE-2021-44228",
  "c2.mivd-zone.example",
  "https://mivd4.example/a/b?id=7",
  "198.51.100.0/24",
];

let store: Store;
beforeAll(async () => {
  store = await storeHolding(STORED, "MIVD");
});
afterAll(async () => store.close());

const named = (text: string) => namedIn(store, text);

const BYTES = [...Buffer.from(SHA256, "hex")];
const hex0x = (b: number) => `0x${b.toString(16).padStart(2, "0")}`;
/** Bytes as Python's repr writes them: the printable ones as themselves. */
const pythonBytes = (bytes: number[]) => `b'${bytes.map((b) => (b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`)).join("")}'`;
const groups = (hex: string, size: number) => hex.match(new RegExp(`.{${size}}`, "g"))!;
/** The hash as `xxd` dumps its 32 bytes, text column included. */
const xxd = `digest:\n00000000: ${groups(SHA256.slice(0, 32), 4).join(" ")}  ...B.........o.$\n00000010: ${groups(SHA256.slice(32), 4).join(" ")}  '.A.d..L....xR.U`;
/** The same as `hexdump -C` writes it. */
const hexdumpC = `00000000  ${groups(SHA256.slice(0, 32), 2).join(" ")}  |...B.........o.$|\n00000010  ${groups(SHA256.slice(32), 2).join(" ")}  |'.A.d..L....xR.U|\n00000020`;

describe("the guard finds values written in the ways a second review found missing", () => {
  it.each([
    ["a Greek capital Mu", "block \u039cIVD-ONLY.EXAMPLE", "mivd-only.example"],
    ["a Greek capital Eta", "\u0397YENA.EXAMPLE", "hyena.example"],
    ["a Greek small iota for the i", "block m\u03b9vd-only.example", "mivd-only.example"],
    ["a Cyrillic palochka for the l", "block mivd-only.examp\u04c0e", "mivd-only.example"],
    ["a Latin dental click for the l", "block mivd-only.examp\u01c0e", "mivd-only.example"],
    ["Cherokee and Greek letters", "\u13bb\u13a9\u13ac\u039d\u13aa.example", "hyena.example"],
    ["Coptic letters", "\u2c98IVD-ONLY.EXAMPLE", "mivd-only.example"],
    ["a Turkish capital I with a dot", "block M\u0130VD-ONLY.EXAMPLE", "mivd-only.example"],
    ["a Vai full stop", "block mivd-only\ua60eexample", "mivd-only.example"],
    ["two dots of a vertical form for the colons", "block 2001\ufe30db8\ufe30abcd\ufe30\ufe3077", "2001:db8:abcd::77"],
    ["two-dot punctuation for the colons", "block 2001\u205adb8\u205aabcd\u205a\u205a77", "2001:db8:abcd::77"],
    ["a line separator after the dot", "block mivd-only.\u2028example", "mivd-only.example"],
    ["an HTML comment inside a name", "block mivd-only<!-- x -->.example", "mivd-only.example"],
    ["a named entity for a zero-width space", "block mivd-only&ZeroWidthSpace;.example", "mivd-only.example"],
    ["a named entity for a middle dot", "block mivd-only&middot;example", "mivd-only.example"],
    ["SQL's joining of strings", "C2 built as 'mivd-only' || '.example'", "mivd-only.example"],
    ["strings side by side, as C and Python join them", 'C2 = ("mivd-only" ".example")', "mivd-only.example"],
    ["CONCAT in SQL", "CONCAT('mivd-only', '.example')", "mivd-only.example"],
    ["a root dot after a URL's host", "block http://mivd-url.example./login", "http://mivd-url.example/login"],
    ["a backslash for a URL's slash", "block http://mivd-url.example\\login", "http://mivd-url.example/login"],
    ["an empty port", "block http://mivd-url.example:/login", "http://mivd-url.example/login"],
    ["an IPv4-mapped address as a URL's host", "http://[::ffff:203.0.113.77]/a", "http://203.0.113.77/a"],
    ["user info without the scheme", "block user:pw@mivd3.example/x", "https://user:pw@mivd3.example/x"],
    ["a URL without its user info", "see mivd3.example/x", "https://user:pw@mivd3.example/x"],
    ["an address as /proc/net/tcp writes it", "conn seen: 0: 0100007F:9C40 097100CB:01BB 01", "203.0.113.9"],
    ["an IPv6 range from one address to another", "allow 2001:db8:abcd::-2001:db8:abcd:ffff:ffff:ffff:ffff:ffff", "2001:db8:abcd::/48"],
    ["a hash dumped by xxd", xxd, SHA256],
    ["a hash dumped by hexdump -C", hexdumpC, SHA256],
    ["a hash letter by letter", `hash ${SHA256.split("").join(" ")}`, SHA256],
    ["a hash in quoted pieces", `hash ${groups(SHA256, 8).map((g) => `"${g}"`).join(" ")}`, SHA256],
    ["a hash in a JSON array of pieces", `[${groups(SHA256, 8).map((g) => `"${g}"`).join(", ")}]`, SHA256],
    ["a hash as percent-encoded bytes", `info_hash=%${groups(SHA256, 2).join("%")}`, SHA256],
    ["a hash in two halves with a blank line between", `hash ${SHA256.slice(0, 32)}\n\n${SHA256.slice(32)}`, SHA256],
    ["a hash in groups with semicolons", `hash ${groups(SHA256, 4).join(";")}`, SHA256],
    ["a hash across a shell's continued line", `sha256sum -c ${SHA256.slice(0, 32)} \\\n${SHA256.slice(32)}`, SHA256],
    ["a hash in groups joined by plus signs", groups(SHA256, 8).join("+"), SHA256],
    ["a hash in unpadded base64", "digest 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", SHA256],
    ["an address in a sender-rewritten bounce (SRS)", "Return-Path: SRS0=abcd=xy=mivd2.example=john.doe@fwd.example", "john.doe@mivd2.example"],
    ["an address in a VERP bounce", "bounces+john.doe=mivd2.example@mail.example", "john.doe@mivd2.example"],
    ["a CVE letter by letter", "patch C V E - 2 0 2 1 - 4 4 2 2 8", "CVE-2021-44228"],
    ["a CVE after a number sign", "patch CVE #2021-44228", "CVE-2021-44228"],
    ["a CVE in brackets", "patch CVE[2021-44228] and CVE(2021-44228)", "CVE-2021-44228"],
    ["a proxy log's host and path in CSV columns", "proxy log:\ntimestamp,host,path,status\n2026-11-30T10:00:00Z,mivd-url.example,/login,200", "http://mivd-url.example/login"],
    ["a Markdown table's host and path", "| time | host | uri |\n|---|---|---|\n| 10:00 | mivd-url.example | /login |", "http://mivd-url.example/login"],
    // A third review: what rules, regular expressions, zone files and code make of a value.
    ["a regular expression with word boundaries (YARA, grep -P)", "rule r { strings: $re = /\\bmivd-only\\.example\\b/ condition: $re }", "mivd-only.example"],
    ["a regular expression's groups", "(mivd-only)\\.(example)", "mivd-only.example"],
    ["a regular expression's group that captures nothing", "(?:mivd-only)\\.example", "mivd-only.example"],
    ["a regular expression's group around an octet", "203\\.0\\.113\\.(9)", "203.0.113.9"],
    ["a regular expression's optional dot", "mivd-only\\.?example", "mivd-only.example"],
    ["a regular expression's class for the dot", "mivd-only\\Wexample", "mivd-only.example"],
    ["a mail address in a regular expression", "\\bjohn\\.doe@mivd2\\.example\\b", "john.doe@mivd2.example"],
    ["Suricata's sticky buffers", 'alert http any any -> any any (msg:"x"; http.host; content:"mivd-url.example"; http.uri; content:"/login"; sid:1;)', "http://mivd-url.example/login"],
    ["Snort's Host header and http_uri", 'alert tcp any any -> any 80 (content:"Host|3a| mivd-url.example"; http_header; content:"/login"; http_uri; sid:2;)', "http://mivd-url.example/login"],
    ["Sigma's proxy fields with modifiers", "detection:\n  selection:\n    cs-host: 'mivd-url.example'\n    c-uri|startswith: '/login'", "http://mivd-url.example/login"],
    ["a proxy log's seventh line", [...Array.from({ length: 6 }, (_, n) => `10:00:0${n} src=10.0.0.5 host=site${n}.example uri=/p${n} status=200`), "10:00:07 src=10.0.0.5 host=mivd-url.example uri=/login status=200"].join("\n"), "http://mivd-url.example/login"],
    ["a zone file's name relative to its origin", "Press line: $ORIGIN mivd-zone.example.\nc2 IN A 192.0.2.1", "c2.mivd-zone.example"],
    ["a hash joined from strings over two lines", `h = "${SHA256.slice(0, 32)}" +\n    "${SHA256.slice(32)}"`, SHA256],
    // A fourth review: bytes and character codes in code, escaped combining marks, marks spelled out.
    ["a hash as a C array over lines", `unsigned char h[32] = {\n  ${BYTES.slice(0, 16).map(hex0x).join(", ")},\n  ${BYTES.slice(16).map(hex0x).join(", ")}\n};`, SHA256],
    ["a hash as Java's signed bytes", `[${BYTES.map((b) => (b > 127 ? b - 256 : b)).join(", ")}]`, SHA256],
    ["a hash as Python prints its digest", `>>> hashlib.sha256(data).digest()\n${pythonBytes(BYTES)}`, SHA256],
    ["a name as character codes", `String.fromCharCode(${[..."mivd-only.example"].map((c) => c.charCodeAt(0)).join(", ")})`, "mivd-only.example"],
    ["an address as PowerShell's characters", [..."203.0.113.9"].map((c) => `[char]${c.charCodeAt(0)}`).join("+"), "203.0.113.9"],
    ["an address as VBA's characters", [..."203.0.113.9"].map((c) => `Chr(${c.charCodeAt(0)})`).join(" & "), "203.0.113.9"],
    ["an address as four escaped bytes", "payload \\xcb\\x00\\x71\\x09", "203.0.113.9"],
    ["an address in a sockaddr's escaped bytes", "\\x02\\x00\\x01\\xbb\\xcb\\x00\\x71\\x09", "203.0.113.9"],
    ["an address as a byte array", "uint8_t ip[] = {0xcb, 0x00, 0x71, 0x09};", "203.0.113.9"],
    ["an address in the machine's byte order", "sin_addr.s_addr = 0x097100cb;", "203.0.113.9"],
    ["a combining mark as an HTML reference", "block mi&#769;vd-only.example", "mivd-only.example"],
    ["a combining mark as a JSON escape", '{"h": "mivd-only.e\\u0301xample"}', "mivd-only.example"],
    ["a combining mark percent-encoded", "mi%CC%81vd-only.example", "mivd-only.example"],
    ["a hyphen and dots spelled out in Dutch", "mivd streepje only punt example", "mivd-only.example"],
    ["a URL's marks spelled out in Dutch", "http dubbele punt slash slash mivd-url punt example slash login", "http://mivd-url.example/login"],
    ["a CVE's dashes spelled out", "CVE streepje 2021 streepje 44228", "CVE-2021-44228"],
    ["an at sign between dashes", "john.doe-at-mivd2.example", "john.doe@mivd2.example"],
    ["a CVE number under a field named for it", '{"cve_id": "2021-44228"}', "CVE-2021-44228"],
    ["a CVE number in an element named for it", "<cve>2021-44228</cve>", "CVE-2021-44228"],
    ["a CVE number after a label with a dash", "CVE-ID: 2021-44228", "CVE-2021-44228"],
    ["an address over two encoded-words (RFC 2047, base64)", "From: =?UTF-8?B?am9obi5kb2VA?=\n =?UTF-8?B?bWl2ZDIuZXhhbXBsZQ==?=", "john.doe@mivd2.example"],
    ["an address over two encoded-words (RFC 2047, quoted-printable)", "From: =?UTF-8?Q?Doe=2C_John_<john.do?=\r\n =?UTF-8?Q?e@mivd2.example>?=", "john.doe@mivd2.example"],
    // What logs, configuration and tools keep apart: a URL's query, a record's zone, a range's mask.
    ["a URL's query in a field of its own (ECS)", '{"url":{"domain":"mivd4.example","path":"/a/b","query":"id=7"}}', "https://mivd4.example/a/b?id=7"],
    ["a URL's query in a CIM field", "dest=mivd4.example uri_path=/a/b uri_query=id=7", "https://mivd4.example/a/b?id=7"],
    ["a URL object's parts", "{ hostname: 'mivd4.example', pathname: '/a/b', search: '?id=7' }", "https://mivd4.example/a/b?id=7"],
    ["IIS's log with its query column", "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-host sc-status\n2026-11-30 10:00:00 10.0.0.1 GET /a/b id=7 443 mivd4.example 200", "https://mivd4.example/a/b?id=7"],
    ["a CSV's query column", "host,path,query\nmivd4.example,/a/b,id=7", "https://mivd4.example/a/b?id=7"],
    ["a record's name and zone in Terraform", 'resource "aws_route53_record" "x" {\n  zone_id = "mivd-zone.example"\n  name    = "c2"\n}', "c2.mivd-zone.example"],
    ["a record's name and zone in JSON", '{"HostedZone":"mivd-zone.example.","Name":"c2","Type":"A"}', "c2.mivd-zone.example"],
    ["a record under BIND's zone statement", 'zone "mivd-zone.example" IN { type master; };\nc2 3600 IN A 192.0.2.1', "c2.mivd-zone.example"],
    ["a subdomain and its domain as fields", '{"subdomain":"c2","domain":"mivd-zone.example"}', "c2.mivd-zone.example"],
    ["an address and its mask as ipconfig writes them", "IPv4 Address. . . . . . . . . . . : 198.51.100.0\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0", "198.51.100.0/24"],
    ["an address and its mask in Dutch", "198.51.100.0 subnetmasker 255.255.255.0", "198.51.100.0/24"],
    ["an address and its mask in JSON", '{"network":"198.51.100.0","netmask":"255.255.255.0"}', "198.51.100.0/24"],
    ["a range in a file name", "nmap-198.51.100.0_24.xml and 198.51.100.0-24.gnmap", "198.51.100.0/24"],
    ["an at sign between spaced dashes", "john.doe -at- mivd2.example", "john.doe@mivd2.example"],
    ["a mailbox and its domain as fields", '{"user":"john.doe","domain":"mivd2.example"}', "john.doe@mivd2.example"],
    ["a mailbox and its domain in ECS", "user.name: john.doe\nuser.domain: mivd2.example", "john.doe@mivd2.example"],
    ["a mailbox as an LDAP name's uid and DC parts", "uid=john.doe,ou=people,dc=mivd2,dc=example", "john.doe@mivd2.example"],
    ["an address in a sockaddr's spaced bytes", "sockaddr_in: 02 00 01 bb cb 00 71 09", "203.0.113.9"],
    ["an address as Wireshark's bytes", "ip.dst == cb:00:71:09", "203.0.113.9"],
    ["a range with its prefix length named", "198.51.100.0 prefix length 24", "198.51.100.0/24"],
    ["a range with its prefix length in JSON", '{"address":"198.51.100.0","prefixlen":24}', "198.51.100.0/24"],
    ["a CVE number in a CSV column named for it", "product,cve,score\nlog4j,2021-44228,10", "CVE-2021-44228"],
    ["a CVE number in a Markdown table's column", "| CVE | CVSS |\n|---|---|\n| 2021-44228 | 10.0 |", "CVE-2021-44228"],
    ["a Host header beside a URL to an address", 'curl -H "Host: mivd-url.example" http://203.0.113.5/login', "http://mivd-url.example/login"],
  ])("%s", async (_how, text, value) => {
    expect(await named(text)).toContain(value);
  });

  it("reads an item id without its dash, as the bot itself does, but not prose's small i before a number", async () => {
    expect(await named("as in I1")).toEqual(["I-1"]);
    expect(await named("as in i-1")).toEqual(["I-1"]);
    // "i1" glued in small letters was read as an id too, and then every "Core i7" or "BMW i3" in a
    // purpose was refused once the cell held that many items: it is prose, as "a-1" and "A4" are.
    // Glued to a word or a number, an id stays what it is.
    for (const prose of ["as in i1", "on an Intel Core i7 and an i5", "de BMW i3", "over I2P and Tor", "an i18n bug", "the wi1 form"]) expect(await named(prose), prose).toEqual([]);
  });

  it("leaves prose alone: accents, other scripts and quotes name nothing that is not on record", async () => {
    for (const prose of [
      "Overleg in café De Hoek over de naïeve aanpak; ideeën volgen.",
      "Η ομάδα συναντήθηκε στις 10:00. Встреча перенесена.",
      'He said "yes" "no" and then \'maybe\' || "later".',
      "timestamp,host,path,status\n2026-11-30T10:00:00Z,intranet.local,/,200",
    ]) {
      expect(await named(prose), prose).toEqual([]);
    }
  });

  it("withholds those forms from readers who see no values (Art 9)", async () => {
    const t = translator("en");
    const marker = t.text("guard.withheld");
    for (const text of [`hash ${SHA256.split("").join(" ")}`, "patch C V E - 2 0 2 1 - 4 4 2 2 8", `hash ${groups(SHA256, 4).join(";")}`, "bounces+john.doe=mivd2.example@mail.example"]) {
      const shown = await withholdData(store, `Denied: ${text}`, t);
      expect(shown, text).toContain(marker);
      const left = await findData(store, shown);
      expect(left.tooMany || left.mentions.length > 0, shown).toBe(false);
    }
  });
});
