import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import { storeHolding, namedIn } from "../support/guard-store.js";

/**
 * Ways of writing a stored value that a fifth review of the guard, done as an attacker would, got
 * past it into a disclosure's purpose (Art 7.2): what a mail's source, a mail gateway, a PDF's copy
 * and code leave of a value, the query of a URL with text glued on, ranges in prose, and letters
 * read as digits. On the real SQLite store.
 */
const MD5 = "1cb2dad7320e8935649e7a49b0d5ce56";
const STORED = [
  "mivd-only.example",
  "203.0.113.9",
  "198.51.100.0/24",
  "john.doe@mivd2.example",
  "http://mivd-url.example/login",
  "https://mivd4.example/a/b?id=7",
  "c2.mivd-zone.example",
  "CVE-2021-44228",
  MD5,
  "online.com",
];

let store: Store;
beforeAll(async () => {
  store = await storeHolding(STORED, "MIVD");
});
afterAll(async () => store.close());

const named = (text: string) => namedIn(store, text);
const b64 = (text: string, encoding: BufferEncoding = "utf8") => Buffer.from(text, encoding).toString("base64");
const charCodes = (text: string, joiner: string) => [...text].map((c) => `CHAR(${c.charCodeAt(0)})`).join(joiner);

describe("the guard finds values written as a fifth review found them missing", () => {
  it.each([
    // A URL's query with text glued on after it, or kept after "#", or with path parameters.
    ["in a comma-separated list of URLs", "https://x.test/,https://mivd4.example/a/b?id=7,https://y.test/", "https://mivd4.example/a/b?id=7"],
    ["in BBCode", "[url=https://mivd4.example/a/b?id=7]klik[/url]", "https://mivd4.example/a/b?id=7"],
    ["in a CSV row", "https://mivd4.example/a/b?id=7,200,GET", "https://mivd4.example/a/b?id=7"],
    ["before a JSON string's escaped line break", '{"message":"GET https://mivd4.example/a/b?id=7\\nHost: x"}', "https://mivd4.example/a/b?id=7"],
    ["with the query after #", "https://mivd4.example/a/b#id=7", "https://mivd4.example/a/b?id=7"],
    ["with a path parameter", "https://mivd4.example/a/b;jsessionid=1?id=7", "https://mivd4.example/a/b?id=7"],
    ["with an array parameter", "https://mivd4.example/a/b?id[]=7", "https://mivd4.example/a/b?id=7"],
    ["with curl's -d as its query", "curl -G -d 'id=7' https://mivd4.example/a/b", "https://mivd4.example/a/b?id=7"],
    ["with a form body on the line after the request", "POST https://mivd4.example/a/b\nid=7", "https://mivd4.example/a/b?id=7"],
    ["with a HAR entry's queryString", '{"request":{"url":"https://mivd4.example/a/b","queryString":[{"name":"id","value":"7"}]}}', "https://mivd4.example/a/b?id=7"],
    // A mail's source and its gateways.
    ["with quoted-printable's =3D", '<a href=3D"https://mivd4.example/a/b?id=3D7">hier</a>', "https://mivd4.example/a/b?id=7"],
    ["inside a URL Defense link (v2)", "https://urldefense.proofpoint.com/v2/url?u=http-3A__mivd-2Durl.example_login&d=DwMFaQ", "http://mivd-url.example/login"],
    ["inside a URL Defense link (v3)", "https://urldefense.com/v3/__https://mivd4.example/a/b?id=7__;!!Dw!abc$", "https://mivd4.example/a/b?id=7"],
    ["in a mail body's base64 over lines", b64("Beste collega, graag de volgende blokkeren: mivd-only.example en dank voor de moeite. Groet, Jan").match(/.{1,76}/g)!.join("\r\n"), "mivd-only.example"],
    ["in base64 of a sentence with an accented letter", b64("Melding é: mivd-only.example"), "mivd-only.example"],
    ["in hex of a sentence with an accented letter", Buffer.from("café mivd-only.example").toString("hex"), "mivd-only.example"],
    ["as a bang path", "mivd2.example!john.doe", "john.doe@mivd2.example"],
    ["with the percent hack", "john.doe%mivd2.example@relay.test", "john.doe@mivd2.example"],
    ["with a comment beside the at sign", "john.doe(work)@mivd2.example", "john.doe@mivd2.example"],
    ["with a quoted local part and a spaced at sign", '"john.doe" @ mivd2.example', "john.doe@mivd2.example"],
    // A PDF's or a table's copy that lost its line breaks.
    ["glued to the next field's name (domain)", "Domeinnaam:mivd-only.exampleBron:AIVD", "mivd-only.example"],
    ["glued to the next field's name (mail address)", "E-mail:john.doe@mivd2.exampleTelefoon:0612345678", "john.doe@mivd2.example"],
    ["glued to the next field's name (URL)", "URL:http://mivd-url.example/loginStatus:actief", "http://mivd-url.example/login"],
    // Letters a reader takes for digits or leaves out.
    ["with O for 0 in an address", "2O3.O.113.9", "203.0.113.9"],
    ["with l for 1 in an address", "203.0.ll3.9", "203.0.113.9"],
    ["with O for 0 in a CVE id", "CVE-2O21-44228", "CVE-2021-44228"],
    ["with O for 0 in a hash", MD5.replace(/0/g, "O"), MD5],
    ["with a precomposed accent", "mívd-only.example", "mivd-only.example"],
    ["in punycode, with a look-alike letter", "xn--mvd-only-thh.example", "mivd-only.example"],
    ["defanged with doubled brackets", "mivd-only[[.]]example", "mivd-only.example"],
    ["with a space after a hyphen", "mivd- only.example", "mivd-only.example"],
    // Ranges in prose and fields.
    ["as an address with a mask in words", "198.51.100.0 with mask 255.255.255.0", "198.51.100.0/24"],
    ["as an address with a prefix in Dutch", "198.51.100.0 met prefix 24", "198.51.100.0/24"],
    ["up to a last octet with its dot", "198.51.100.0 t/m .255", "198.51.100.0/24"],
    ["as start and end fields (RDAP)", '{"startAddress":"198.51.100.0","endAddress":"198.51.100.255"}', "198.51.100.0/24"],
    ["as an address and a length field", '{"v4prefix":"198.51.100.0","length":24}', "198.51.100.0/24"],
    // Character codes and bytes in other notations.
    ["as SQL character codes", charCodes("mivd-only.example", "+"), "mivd-only.example"],
    ["as a spreadsheet's character codes", `=${charCodes("mivd-only.example", "&")}`, "mivd-only.example"],
    ["as hex bytes with colons", [...Buffer.from("mivd-only.example")].map((b) => b.toString(16).padStart(2, "0")).join(":"), "mivd-only.example"],
    ["as a registry file's UTF-16 hex", `"Url"=hex(2):${[...Buffer.from("http://mivd-url.example/login", "utf16le")].map((b) => b.toString(16).padStart(2, "0")).join(",")},00,00`, "http://mivd-url.example/login"],
    ["as UTF-16 with escaped zero bytes", [..."mivd-only.example"].join("\\x00"), "mivd-only.example"],
    ["as a mailbox and its domain in JSON", '{"from":{"local":"john.doe","domain":"mivd2.example"}}', "john.doe@mivd2.example"],
  ])("%s", async (_how, text, value) => {
    expect(await named(text)).toContain(value);
  });

  it("leaves prose with capitals inside words, accents, digits beside letters and gateways' links alone", async () => {
    for (const prose of [
      "We ran PowerShell and JavaScript on the iPhone; McAfee and GitHub flagged nothing.",
      "Overleg in café De Hoek over de naïeve aanpak; ideeën volgen vóór 12 december.",
      "Room 2O3, floor l1, and 10l of water; meet at 3o'clock.",
      "Mail gateways rewrite links: https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.org&d=DwMFaQ",
      "Zie https://www.example.org/page#section=3 en https://www.example.org/a;b?c[]=1,2",
      "In- en uitvoer, op- en overslag; 10.0.0.0 met prefix 8 is privé.",
      "Bestelcode =3D4 en =26 in de tabel.",
      "curl -d 'name=test' https://www.example.org/form and xn--caf-dma.example",
      // A name in CamelCase is a name of its own; a flow's two addresses are no range; a line's
      // hyphen before an address is a list's; another value after a comma is another query.
      "Log in at login.MicrosoftOnline.com or https://www.PayPal.com/signin.",
      '{"src_ip":"198.51.99.1","to_ip":"198.51.101.1"}',
      "198.51.100.0- 198.51.100.255",
      "https://mivd4.example/a/b?id=7,8",
    ]) {
      expect(await named(prose), prose).toEqual([]);
    }
  });
});
