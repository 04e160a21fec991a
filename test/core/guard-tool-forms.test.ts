import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extract } from "../../src/core/guard/extract.js";
import { composed, linesJoined, withoutMarkup } from "../../src/core/guard/tool-forms.js";
import { withholdData } from "../../src/core/guard/withhold.js";
import { translator } from "../../src/core/i18n/translator.js";
import type { Store } from "../../src/core/ports.js";
import { namedIn, storeHolding } from "../support/guard-store.js";

/**
 * Art 7.2: a stored value as logs, rules, code, mail and markup leave it in a text that is pasted
 * into the cell — found as the value it is. On the real SQLite store; the items I-1 … I-14 exist.
 */
const STORED = [
  "203.0.113.9",
  "evil.example",
  "münchen-c2.example",
  "https://aivd-url.example/login",
  "john.doe@evil2.example",
  "d41d8cd98f00b204e9800998ecf8427e",
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "CVE-2021-45046",
  "10.20.0.0/16",
  "2001:db8::1",
  "evil.nl",
];

let store: Store;
// Three more, so that item ids up to 14 exist.
beforeAll(async () => {
  store = await storeHolding([...STORED, "198.51.100.1", "198.51.100.2", "198.51.100.3"]);
});
afterAll(async () => store.close());

const named = (text: string) => namedIn(store, text);

describe("the guard finds values as tools, code and mail leave them", () => {
  it.each([
    ["tcpdump's port after an IPv6 address", "IP6 2001:db8::1.443 > 2001:db8::2.51515: Flags [S]", "2001:db8::1"],
    ["a Windows DNS log's labels", "Rcv 203.0.113.1 Q [0001 D NOERROR] A (4)evil(7)example(0)", "evil.example"],
    ["a Windows DNS log's reverse name", "(1)9(3)113(1)0(3)203(7)in-addr(4)arpa(0)", "203.0.113.9"],
    ["a Snort rule's DNS content", 'alert udp any any -> any 53 (msg:"DNS"; content:"|04|evil|07|example|00|"; nocase;)', "evil.example"],
    ["a YARA hex string", "$h = { 65 76 69 6C 2E 65 78 61 6D 70 6C 65 }", "evil.example"],
    ["a DNS query on the wire in hex", "0000  04 65 76 69 6c 07 65 78 61 6d 70 6c 65 00 00 01 00 01", "evil.example"],
    ["a raw HTTP request", "POST /login HTTP/1.1\r\nHost: aivd-url.example\r\nUser-Agent: Mozilla/5.0", "https://aivd-url.example/login"],
    ["a proxy log's fields", "host=aivd-url.example uri=/login method=POST status=200", "https://aivd-url.example/login"],
    ["a Zeek http.log event", '{"method":"POST","host":"aivd-url.example","uri":"/login"}', "https://aivd-url.example/login"],
    ["a Suricata EVE event, pretty-printed", '"http": {\n    "hostname": "aivd-url.example",\n    "url": "/login"\n}', "https://aivd-url.example/login"],
    ["an ECS event", '{"url":{"domain":"aivd-url.example","path":"/login"}}', "https://aivd-url.example/login"],
    ["a CEF line", "CEF:0|Vendor|Proxy|1.0|100|Allowed|3|act=Allowed dhost=aivd-url.example request=/login", "https://aivd-url.example/login"],
    ["an HTTP/2 request's pseudo-headers", ":method: POST\n:authority: aivd-url.example\n:scheme: https\n:path: /login", "https://aivd-url.example/login"],
    ["a hash in groups over quoted lines", "> d4 1d 8c d9 8f 00 b2 04\n> e9 80 09 98 ec f8 42 7e", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a hash in groups over indented lines", "SHA256:   e3b0c442 98fc1c14 9afbf4c8 996fb924\n          27ae41e4 649b934c a495991b 7852b855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["a hash in two halves over quoted lines", "> e3b0c44298fc1c149afbf4c8996fb924\r\n> 27ae41e4649b934ca495991b7852b855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["a hash over a table's rows", "| SHA-256 | e3b0c44298fc1c149afbf4c8996fb924 |\n|         | 27ae41e4649b934ca495991b7852b855 |", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["a web server's log line", "2024-12-01 10:00:00 10.0.0.5 POST /login - 443 - 203.0.113.50 Mozilla/5.0 - aivd-url.example 200", "https://aivd-url.example/login"],
    ["an LDAP name", "CN=srv01,OU=Servers,DC=evil,DC=example", "evil.example"],
    ["a UTF-16 string in a hex dump", "00401000  e.v.i.l...e.x.a.m.p.l.e.", "evil.example"],
    ["a URL in base64 in a redirect", "https://redir.example/r?u=aHR0cHM6Ly9haXZkLXVybC5leGFtcGxlL2xvZ2lu", "https://aivd-url.example/login"],
    ["a PowerShell encoded command", "powershell -enc ZQB2AGkAbAAuAGUAeABhAG0AcABsAGUA", "evil.example"],
    ["an address in base64, unpadded", "beacon cfg: MjAzLjAuMTEzLjk", "203.0.113.9"],
    ["a short name as seven hex bytes", "strings: 6576696c2e6e6c", "evil.nl"],
    ["a mail address in base64", "From-b64: am9obi5kb2VAZXZpbDIuZXhhbXBsZQ==", "john.doe@evil2.example"],
    ["a URL in base64 as a path's last part", "https://redir.example/r/aHR0cHM6Ly9haXZkLXVybC5leGFtcGxlL2xvZ2lu", "https://aivd-url.example/login"],
    [
      "base64 decoded by a PowerShell encoded command",
      "powershell -enc SQBFAFgAIAAoAFsAVABlAHgAdAAuAEUAbgBjAG8AZABpAG4AZwBdADoAOgBVAFQARgA4AC4ARwBlAHQAUwB0AHIAaQBuAGcAKABbAEMAbwBuAHYAZQByAHQAXQA6ADoARgByAG8AbQBCAGEAcwBlADYANABTAHQAcgBpAG4AZwAoACcAYQBIAFIAMABjAEQAbwB2AEwAMgBWADIAYQBXAHcAdQBaAFgAaABoAGIAWABCAHMAWgBTADkANAAnACkAKQApAA==",
      "evil.example",
    ],
    ["a subresource integrity digest", 'integrity="sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="', "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["a hash as escaped bytes", "\\xd4\\x1d\\x8c\\xd9\\x8f\\x00\\xb2\\x04\\xe9\\x80\\x09\\x98\\xec\\xf8\\x42\\x7e", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a hash as a C array", "{ 0xd4, 0x1d, 0x8c, 0xd9, 0x8f, 0x00, 0xb2, 0x04, 0xe9, 0x80, 0x09, 0x98, 0xec, 0xf8, 0x42, 0x7e }", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a CVE in a Snort reference", "reference:cve,2021-45046;", "CVE-2021-45046"],
    ["a list of CVE ids", "CVE-2021-44228, 2021-45046", "CVE-2021-45046"],
    ["CVE ids in prose", "CVEs 2021-44228 and 2021-45046", "CVE-2021-45046"],
    ["the same year's number", "CVE-2021-44228 and -45046", "CVE-2021-45046"],
    ["a word hyphenated at a line's end", "evil.exam-\nple", "evil.example"],
    ["a name broken inside a label", "evil.ex\nample", "evil.example"],
    ["a name broken in a quoted reply", "evil.\n> example", "evil.example"],
    ["a URL broken and indented", "https://aivd-\n      url.example/login", "https://aivd-url.example/login"],
    ["an address broken and indented", "203.0.\n    113.9", "203.0.113.9"],
    ["a hash broken in a quoted reply", "d41d8cd98f00b204\n> e9800998ecf8427e", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a hash in indented lines", "e3b0c44298fc1c14\n    9afbf4c8996fb924\n    27ae41e4649b934c\n    a495991b7852b855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["Markdown bold inside a name", "**evil**.example", "evil.example"],
    ["chat italics inside a name", "_evil_.example", "evil.example"],
    ["PowerShell's backticks", "Invoke-WebRequest h`ttps://aivd-url.ex`ample/lo`gin", "https://aivd-url.example/login"],
    ["cmd's carets", "e^v^i^l.example", "evil.example"],
    ["strings joined in code", "('ev'+'il.exa'+'mple')", "evil.example"],
    ["strings joined in a spreadsheet", '="evil"&".example"', "evil.example"],
    ["a right-to-left override", "\u202eelpmaxe.live\u202c", "evil.example"],
    ["a capital I for an l", "eviI.example", "evil.example"],
    ["an HTML entity for a letter", "m&uuml;nchen-c2.example", "xn--mnchen-c2-q9a.example"],
    ["a glued AT", "john.doeATevil2[.]example", "john.doe@evil2.example"],
    ["an at sign as (a)", "john.doe(a)evil2.example", "john.doe@evil2.example"],
    ["a letter in quoted-printable", "Zie m=C3=BCnchen-c2.example", "xn--mnchen-c2-q9a.example"],
    ["a CVE in a JSON field", '{"cve": "2021-45046"}', "CVE-2021-45046"],
    ["a CVE in a table", "| CVE | 2021-45046 |", "CVE-2021-45046"],
    ["a range through another address", "10.20.0.0 through 10.20.255.255", "10.20.0.0/16"],
    ["a subnet mask in words", "10.20.0.0 subnet mask 255.255.0.0", "10.20.0.0/16"],
    ["a mask on the next line", "network 10.20.0.0\nnetmask 255.255.0.0", "10.20.0.0/16"],
    ["a mask in hex", "inet 10.20.0.1 netmask 0xffff0000 broadcast 10.20.255.255", "10.20.0.0/16"],
    ["a range as a pattern", 'src_ip matches "10\\.20\\.\\d{1,3}\\.\\d{1,3}"', "10.20.0.0/16"],
    ["a range as nmap takes it", "nmap -sS 10.20.0-255.0-255", "10.20.0.0/16"],
    ["item ids through another", "items I-11 through I-13", "I-12"],
    ["item ids with a dash", "I-11\u201313", "I-12"],
  ])("%s", async (_how, text, value) => {
    expect(await named(text)).toContain(value);
  });

  it("reads a dash after an item id as a range only up to a near, larger number", async () => {
    expect(await named("I-1 - 2024 review")).toEqual(["I-1"]);
    expect(await named("I-3 - 2")).toEqual(["I-3"]);
  });

  it("finds nothing in ordinary prose, code and logs without a stored value", async () => {
    for (const text of [
      "We looked at the logs at 09:00 and saw 1,234 hits (see (1) above).",
      "const total = 'a' + 'b'; // 2^10 = 1024",
      "GET /index.html HTTP/1.1\r\nHost: www.other.example",
      "Generated 2026-12-05; hash 0123456789abcdef0123456789abcdef.",
      // Long words, identifiers and base64 of a value not on record (other.example).
      "Arbeidsongeschiktheidsverzekering, internationalization, withBulkCache_settings, b3RoZXIuZXhhbXBsZQ==",
    ]) {
      expect(await named(text), text).toEqual([]);
    }
  });
});

describe("the steering group's words (Art 9)", () => {
  it("lose a word that is a value on record in base64, and keep the words around it", async () => {
    const t = translator("en");
    expect(await withholdData(store, "beacon MjAzLjAuMTEzLjk seen twice", t)).toBe(`beacon ${t.text("guard.withheld")} seen twice`);
  });

  it("keep 'punt' and 'dot' as the prose they are, and still lose a value on record spelled with them", async () => {
    const t = translator("nl");
    const marker = t.text("guard.withheld");
    for (const prose of ["Het volgende punt is de evaluatie; agenda punt 3.", "Een punt van zorg blijft de bezetting.", "The dot com era is over."]) {
      expect(await withholdData(store, prose, t)).toBe(prose);
    }
    expect(await withholdData(store, "Besproken: evil dot example.", t)).toBe(`Besproken: ${marker} ${marker} ${marker}`);
  });
});

describe("the readings of tool-forms.ts", () => {
  it("leave a text without their forms alone", () => {
    expect(withoutMarkup("plain prose, nothing else.")).toBeUndefined();
    expect(linesJoined("one line")).toBeUndefined();
    expect(composed("plain prose, nothing else.", "plain prose, nothing else.")).toBeUndefined();
  });

  it("join the words beside each line break, with and without a hyphen at the line's end, across lines of one word", () => {
    expect(linesJoined("see evil.exam-\n> ple today")).toBe("evil.exam-ple\nevil.example");
    expect(linesJoined("see https://aivd-url.example/a/\n    very/long/\n    path is it")).toBe("https://aivd-url.example/a/very/long/path\nvery/long/path");
    // Hex groups on both sides are left to extract.ts, which reads a hash in groups across lines.
    expect(linesJoined("hash e3b0c442\n    98fc1c14\n    9afbf4c8 is it")).toBeUndefined();
  });

  it("keep long lists of MAC addresses and certificate fingerprints checkable", () => {
    const byte = (n: number) => (n & 255).toString(16).padStart(2, "0");
    const macs = Array.from({ length: 1000 }, (_, n) => [n, n >> 8, 17, 34, 51, 68].map(byte).join(":")).join("\n");
    const fingerprints = Array.from({ length: 155 }, (_, n) => `SHA256 Fingerprint=${Array.from({ length: 32 }, (_, k) => byte((n * 32 + k) * 13).toUpperCase()).join(":")}`).join("\n");
    // With an ellipsis in it too: only the words around a doubled dot are read again (readings.ts).
    for (const text of [macs, fingerprints, `${macs}\nand so...on`]) {
      expect(text.length).toBeGreaterThan(17_000);
      expect(extract(text).tooMany).toBe(false);
    }
  });

  it("keep a long list of names checkable: only the words beside each break are joined", () => {
    const names = Array.from({ length: 400 }, (_, n) => `srv-${n}-prod-eu-west-${n % 7}.internal-zone-${n % 13}.corp-example.nl`).join("\n");
    expect(names.length).toBeGreaterThan(19_000);
    expect(extract(names).tooMany).toBe(false);
  });

  it("read no more runs of a kind than a few, however long the text", () => {
    const text = "ZXZpbC5leGFtcGxl ".repeat(5000);
    expect(composed(text, text)!.split("\n").length).toBe(50);
    expect(extract(text).tooMany).toBe(false);
  });
});
