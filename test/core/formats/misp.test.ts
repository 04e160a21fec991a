import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { parseMisp } from "../../../src/core/formats/misp/parse-misp.js";
import type { ImportRecord, ImportRefusal } from "../../../src/core/formats/types.js";
import { classify } from "../../../src/core/indicators/index.js";

const fixture = (name: string): string => path.resolve("test/fixtures/public/misp", name);

async function collect(input: Readable): Promise<{ records: ImportRecord[]; refusals: ImportRefusal[] }> {
  const records: ImportRecord[] = [];
  const refusals: ImportRefusal[] = [];
  for await (const event of parseMisp(input)) {
    if (event.kind === "record") records.push(event.record);
    else refusals.push(event.refusal);
  }
  return { records, refusals };
}

/** Text as a stream of small chunks, so that tokens and UTF-8 characters straddle chunk borders. */
function streamOf(text: string | Buffer, chunk = 7): Readable {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) chunks.push(bytes.subarray(at, at + chunk));
  return Readable.from(chunks);
}

const parseText = (text: string | Buffer) => collect(streamOf(text));
const event = (attributes: unknown[], rest: Record<string, unknown> = {}) =>
  JSON.stringify({ Event: { info: "test", uuid: "e0000000-0000-4000-8000-000000000000", Attribute: attributes, ...rest } });
const attr = (type: string, value: string, more: Record<string, unknown> = {}) => ({ type, value, category: "Network activity", to_ids: true, uuid: `a-${type}-${value}`, ...more });
const count = (keys: string[]) => keys.reduce<Record<string, number>>((acc, key) => ({ ...acc, [key]: (acc[key] ?? 0) + 1 }), {});

// An independent reading of the fixtures: JSON.parse, and the attribute mapping written out again.
const IPS = ["ipv4", "ipv6", "ipv4-cidr", "ipv6-cidr"];
function simpleParts(type: string, value: string): [string, string[]][] | undefined {
  const pieces = value.split("|");
  const [first, last] = [pieces[0], pieces[pieces.length - 1]];
  if (type === "ip-src" || type === "ip-dst") return [[value, IPS]];
  if (type === "ip-src|port" || type === "ip-dst|port") return [[first, IPS]];
  if (type === "domain" || type === "hostname") return [[value, ["domain"]]];
  if (type === "url") return [[value, ["url", "domain", "ipv4", "ipv6"]]];
  if (["email", "email-src", "email-dst", "target-email", "email-reply-to", "whois-registrant-email", "dns-soa-email"].includes(type)) return [[value, ["email"]]];
  if (["md5", "sha1", "sha256"].includes(type)) return [[value, [type]]];
  if (type.startsWith("filename|")) return [[last, [type.slice("filename|".length)]]];
  if (type === "vulnerability") return [[value, ["cve"]]];
  return undefined;
}

interface Expected {
  records: string[];
  refusals: Record<string, number>;
  unsupported: Record<string, number>;
  toIds: Map<string, boolean>;
  tlp: string | undefined;
}

function expectedOf(file: string): Expected {
  const json = JSON.parse(readFileSync(fixture(file), "utf8"));
  const events = json.response ? json.response.map((r: { Event: unknown }) => r.Event) : [json.Event ?? json];
  const out: Expected = { records: [], refusals: {}, unsupported: {}, toIds: new Map(), tlp: undefined };
  const refuse = (code: string) => (out.refusals[code] = (out.refusals[code] ?? 0) + 1);
  for (const e of events) {
    const tags: string[] = (e.Tag ?? []).map((t: { name: string }) => t.name.toLowerCase());
    out.tlp = tags.includes("tlp:white") ? "CLEAR" : tags.find((t) => t.startsWith("tlp:"))?.slice(4).toUpperCase();
    const attributes = [...(e.Attribute ?? []), ...(e.Object ?? []).filter((o: { deleted?: boolean }) => !o.deleted).flatMap((o: { Attribute: unknown[] }) => o.Attribute)];
    for (const a of attributes.filter((a) => !a.deleted)) {
      out.toIds.set(a.uuid, a.to_ids);
      const parts = simpleParts(a.type, a.value);
      if (!parts) {
        refuse("misp.unsupported_type");
        out.unsupported[a.type] = (out.unsupported[a.type] ?? 0) + 1;
        continue;
      }
      for (const [text, accepts] of parts) {
        const result = classify(text.trim());
        if (!result.ok) refuse(result.code);
        else if (!accepts.includes(result.indicator.type)) refuse("misp.type_mismatch");
        else out.records.push(`${result.indicator.type}|${result.indicator.value}`);
      }
    }
  }
  return out;
}

describe("parseMisp on real MISP exports", () => {
  // [file, attributes in the file (SOURCES.md), TLP of the event]
  const files: [string, number, string | undefined][] = [
    ["pymisp_osint_asert_four_element_sword.json", 370, "CLEAR"],
    ["pymisp_osint_hidden_cobra_fallchill.json", 111 + 17, "CLEAR"],
    ["eset_sednit_zebrocy_2018-11-20.json", 32, undefined],
    ["eset_invisimole.json", 319, undefined],
  ];
  it.each(files)("%s: every attribute is a record or a refusal, as a plain reading expects", async (file, attributes, tlp) => {
    const expected = expectedOf(file);
    const { records, refusals } = await collect(createReadStream(fixture(file)));
    expect(records.map((r) => `${r.type}|${r.value}`).sort()).toEqual([...expected.records].sort());
    expect(count(refusals.map((r) => r.code))).toEqual(expected.refusals);
    const unsupported = refusals.filter((r) => r.code === "misp.unsupported_type").map((r) => /type "([^"]+)"/.exec(r.reason)?.[1] ?? "?");
    expect(count(unsupported)).toEqual(expected.unsupported);
    // Only a domain|ip attribute yields two values; none of these files has one.
    expect(records.length + refusals.length).toBe(attributes);
    expect(expected.tlp).toBe(tlp);
    for (const record of records) {
      expect(record.tlp).toBe(tlp);
      expect(record.note).toMatch(new RegExp(`^to_ids=${expected.toIds.get(record.sourceObjectId)}; category=`));
    }
    for (const refusal of refusals) expect(refusal.example.length).toBeLessThanOrEqual(120);
  });

  it("reads the ASERT event: hashes from filename|hash, CVEs, link refused by type, a file name in a domain attribute refused", async () => {
    const { records, refusals } = await collect(createReadStream(fixture("pymisp_osint_asert_four_element_sword.json")));
    // 29 domains: its "igfxtray.exe" (a file name) and "uyguhr.sov.te" are no domains, as no
    // top-level domain is ".exe" or ".te".
    expect(count(records.map((r) => r.type))).toEqual({ md5: 77, sha1: 58, sha256: 87, domain: 29, url: 3, ipv4: 9, email: 2, cve: 4 });
    expect(refusals.filter((r) => r.reason.includes("no top-level domain")).map((r) => r.example)).toEqual(["uyguhr.sov.te", "igfxtray.exe"]);
    expect(records).toContainEqual({
      type: "sha256",
      value: "7a200c4df99887991c638fe625d07a4a3fc2bdc887112437752b3df5c8da79b6",
      tlp: "CLEAR",
      sourceObjectId: "5715f3b4-c4f0-4b6b-8661-494f950d210f",
      note: "to_ids=true; category=Payload delivery",
    });
    expect(records).toContainEqual(expect.objectContaining({ type: "cve", value: "CVE-2012-0158", note: "to_ids=false; category=Payload delivery" }));
    expect(records).toContainEqual(expect.objectContaining({ type: "domain", value: "akm.epac.to", sourceObjectId: "571620af-e57c-4008-80f2-4933950d210f" }));
    expect(refusals.filter((r) => r.reason.includes('type "link"'))).toHaveLength(64);
    expect(refusals).toContainEqual(expect.objectContaining({ code: "indicator.invalid_ipv4", example: "107.183.86", sourceObjectId: "571620b0-5e38-4e8c-9c29-416d950d210f" }));
  });

  it("reads FALLCHILL: attributes inside MISP Objects, and ip-dst|port", async () => {
    const { records } = await collect(createReadStream(fixture("pymisp_osint_hidden_cobra_fallchill.json")));
    expect(count(records.map((r) => r.type))).toEqual({ ipv4: 93, md5: 16, sha1: 2, sha256: 2 });
    expect(records).toContainEqual({
      type: "ipv4",
      value: "98.101.211.162",
      tlp: "CLEAR",
      sourceObjectId: "5a0d5cac-2ef4-4bae-baa4-4a91950d210f",
      note: "to_ids=true; category=Network activity; comment=C2",
    });
    expect(records).toContainEqual(expect.objectContaining({ value: "125.212.132.222", sourceObjectId: "5a0d6a76-7878-4cec-ad85-76fa950d210f" }));
    expect(records).toContainEqual(expect.objectContaining({ value: "125.212.132.222", sourceObjectId: "5a0d6aa6-ab7c-45af-a562-45d4950d210f" }));
    expect(records).toContainEqual(expect.objectContaining({ type: "sha1", value: "5ee752a1b2bcdb84243e615cd67397d965b16490" }));
  });

  it("reads the ESET files in the response wrapper: no TLP, to_ids false", async () => {
    const zebrocy = await collect(createReadStream(fixture("eset_sednit_zebrocy_2018-11-20.json")));
    expect(count(zebrocy.records.map((r) => r.type))).toEqual({ email: 11, md5: 5, sha1: 5, sha256: 5, url: 2 });
    expect(zebrocy.records).toContainEqual({
      type: "email",
      value: "rishit333@ambcomission.com",
      sourceObjectId: "5bf42950-1904-48ad-a609-13fc0a016219",
      note: "to_ids=false; category=Network activity",
    });
    const invisimole = await collect(createReadStream(fixture("eset_invisimole.json")));
    expect(count(invisimole.records.map((r) => r.type))).toEqual({ sha1: 89, domain: 13, ipv4: 6 });
    expect(invisimole.refusals).toHaveLength(211);
    expect(invisimole.records).toContainEqual(expect.objectContaining({ type: "ipv4", value: "46.165.220.228", sourceObjectId: "7d28c0e1-430f-4174-879a-34c0188ea815" }));
  });
});

describe("parseMisp on synthetic events", () => {

  it("reads every event of a response list, each with its own TLP from tags after the attributes", async () => {
    const text = JSON.stringify({
      response: [
        { Event: { info: "one", Attribute: [attr("ip-dst", "198.51.100.7")], Tag: [{ name: "TLP:RED" }] } },
        { Event: { info: "two", Attribute: [attr("domain", "Evil.Example")], Tag: [{ name: "type:OSINT" }, { name: "tlp:amber+strict" }] } },
        { Event: { info: "three", Attribute: [attr("sha1", "A".repeat(40))] } },
      ],
    });
    const { records } = await parseText(text);
    expect(records.map((r) => [r.type, r.value, r.tlp])).toEqual([
      ["ipv4", "198.51.100.7", "RED"],
      ["domain", "evil.example", "AMBER+STRICT"],
      ["sha1", "a".repeat(40), undefined],
    ]);
  });

  it("reads a bare event object, and a top-level list of wrapped events", async () => {
    const bare = await parseText(JSON.stringify({ info: "bare", Attribute: [attr("md5", "d41d8cd98f00b204e9800998ecf8427e")] }));
    expect(bare.records.map((r) => r.type)).toEqual(["md5"]);
    const list = await parseText(JSON.stringify([JSON.parse(event([attr("hostname", "a.example")])), JSON.parse(event([attr("url", "https://b.example/x")]))]));
    expect(list.records.map((r) => r.value)).toEqual(["a.example", "https://b.example/x"]);
  });

  it("lets an attribute's own TLP tag override the event's, and ignores tags that only look like TLP", async () => {
    const text = event(
      [
        attr("ip-dst", "192.0.2.1", { Tag: [{ name: "tlp:green" }] }),
        attr("ip-dst", "192.0.2.2", { Tag: [{ name: "TLP:WHITE" }, { name: "osint" }] }),
        attr("ip-dst", "192.0.2.3", { Tag: [{ name: "red" }, { name: "misp-galaxy:x=\"tlp:green\"" }] }),
        attr("ip-dst", "192.0.2.4"),
      ],
      { Tag: [{ name: "tlp:amber" }] },
    );
    const { records } = await parseText(text);
    expect(records.map((r) => r.tlp)).toEqual(["GREEN", "CLEAR", "AMBER", "AMBER"]);
  });

  it("reads reliability from the admiralty-scale taxonomy's tags: an attribute's own over the event's, a missing part as 'cannot be judged'", async () => {
    const admiralty = (source?: string, credibility?: string) => [
      ...(source ? [{ name: `admiralty-scale:source-reliability="${source}"` }] : []),
      ...(credibility ? [{ name: `admiralty-scale:information-credibility="${credibility}"` }] : []),
    ];
    const text = event(
      [
        attr("ip-dst", "192.0.2.1", { Tag: admiralty("a", "1") }),
        attr("ip-dst", "192.0.2.2", { Tag: admiralty(undefined, "5") }),
        attr("ip-dst", "192.0.2.3", { Tag: [{ name: "Admiralty-Scale:Source-Reliability=\"E\"" }] }),
        attr("ip-dst", "192.0.2.4", { Tag: admiralty("z", "9") }),
        attr("ip-dst", "192.0.2.5"),
      ],
      { Tag: [{ name: "tlp:amber" }, ...admiralty("b")] },
    );
    const { records } = await parseText(text);
    expect(records.map((r) => r.reliability)).toEqual(["A1", "B5", "E6", "B6", "B6"]);
    const untagged = await parseText(event([attr("ip-dst", "192.0.2.6")]));
    expect(untagged.records[0].reliability).toBeUndefined();
  });

  it("takes the indicator out of composite types", async () => {
    const { records, refusals } = await parseText(
      event([
        attr("filename|sha256", "setup|x.exe|" + "AB".repeat(32), { uuid: "u1" }),
        attr("filename|md5", "a.exe|d41d8cd98f00b204e9800998ecf8427e", { uuid: "u2" }),
        attr("ip-dst|port", "198.51.100.9|443", { uuid: "u3" }),
        attr("ip-src|port", "2001:db8::1|8080", { uuid: "u4" }),
        attr("domain|ip", "c2.example|203.0.113.5", { uuid: "u5" }),
        attr("vulnerability", "cve-2021-44228", { uuid: "u6" }),
        attr("email-src", "Bad@Evil.Example", { uuid: "u7" }),
        attr("email-reply-to", "drop@evil.example", { uuid: "u8" }),
        attr("whois-registrant-email", "registrant@evil.example", { uuid: "u9" }),
        attr("dns-soa-email", "hostmaster@evil.example", { uuid: "u10" }),
      ]),
    );
    expect(refusals).toEqual([]);
    expect(records.map((r) => [r.type, r.value, r.sourceObjectId])).toEqual([
      ["sha256", "ab".repeat(32), "u1"],
      ["md5", "d41d8cd98f00b204e9800998ecf8427e", "u2"],
      ["ipv4", "198.51.100.9", "u3"],
      ["ipv6", "2001:db8::1", "u4"],
      ["domain", "c2.example", "u5"],
      ["ipv4", "203.0.113.5", "u5"],
      ["cve", "CVE-2021-44228", "u6"],
      ["email", expect.stringMatching(/^bad@evil\.example$/i), "u7"],
      ["email", "drop@evil.example", "u8"],
      ["email", "registrant@evil.example", "u9"],
      ["email", "hostmaster@evil.example", "u10"],
    ]);
  });

  it("refuses non-indicator types by name, values classify refuses, and mistyped values", async () => {
    const { records, refusals } = await parseText(
      event([
        attr("link", "https://report.example/apt"),
        attr("uri", "/gate.php"),
        attr("regkey", "HKLM\\Software\\Evil"),
        attr("ip-dst", "999.1.1.1"),
        attr("md5", "a".repeat(40)),
        { uuid: "no-type", value: "x" },
      ]),
    );
    expect(records).toEqual([]);
    expect(refusals.map((r) => [r.code, /type "([^"]+)"/.exec(r.reason)?.[1]])).toEqual([
      ["misp.unsupported_type", "link"],
      ["misp.unsupported_type", "uri"],
      ["misp.unsupported_type", "regkey"],
      ["indicator.invalid_ipv4", undefined],
      ["misp.type_mismatch", undefined],
      ["misp.invalid_attribute", undefined],
    ]);
    expect(refusals[0]).toMatchObject({ example: "https://report.example/apt", sourceObjectId: "a-link-https://report.example/apt" });
  });

  it("relates the hashes of one file object (FALLCHILL's two files, MD5 and SHA-1 each) and no other hashes", async () => {
    const { records } = await collect(createReadStream(fixture("pymisp_osint_hidden_cobra_fallchill.json")));
    const grouped = records.filter((r) => r.sameFile).map((r) => [r.type, r.value, r.sameFile]);
    expect(grouped).toEqual([
      ["md5", "e48fe20eb1f5a5887f2ac631fed9ed63", "f83f30bd284074d1daaf2e262a280ca780791f2c"],
      ["sha1", "f83f30bd284074d1daaf2e262a280ca780791f2c", "f83f30bd284074d1daaf2e262a280ca780791f2c"],
      ["md5", "1216da2b3d6e64075e8434be1058de06", "5ee752a1b2bcdb84243e615cd67397d965b16490"],
      ["sha1", "5ee752a1b2bcdb84243e615cd67397d965b16490", "5ee752a1b2bcdb84243e615cd67397d965b16490"],
    ]);
  });

  it("relates a file object's hashes by its strongest, in any letter case, but not a deleted one's, nor one hash alone, nor another object's", async () => {
    const sha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    const text = event([attr("md5", "7d793037a0760186574b0282f2f435e7")], {
      Object: [
        { name: "file", Attribute: [attr("md5", "5D41402ABC4B2A76B9719D911017C592"), attr("filename", "a.exe"), attr("sha256", sha256.toUpperCase())] },
        { name: "file", Attribute: [attr("md5", "9e107d9d372bb6826bd81d3542a419d6"), attr("sha1", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", { deleted: true })] },
        { name: "file", Attribute: [attr("sha1", "de9f2c7fd25e1b3afad3e85a0bd17d9b100db4b3")] },
        { name: "pe", Attribute: [attr("md5", "e4d909c290d0fb1ca068ffaddf22cbd0"), attr("sha1", "0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33")] },
      ],
    });
    const { records } = await parseText(text);
    expect(records.map((r) => [r.value, r.sameFile])).toEqual([
      ["7d793037a0760186574b0282f2f435e7", undefined],
      ["5d41402abc4b2a76b9719d911017c592", sha256],
      [sha256, sha256],
      ["9e107d9d372bb6826bd81d3542a419d6", undefined],
      ["de9f2c7fd25e1b3afad3e85a0bd17d9b100db4b3", undefined],
      ["e4d909c290d0fb1ca068ffaddf22cbd0", undefined],
      ["0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33", undefined],
    ]);
  });

  it("skips deleted attributes and the attributes of deleted objects silently, wherever 'deleted' stands", async () => {
    const text = event([attr("ip-dst", "192.0.2.10", { deleted: true }), attr("text", "gone", { deleted: "1" }), attr("ip-dst", "192.0.2.11", { deleted: false })], {
      Object: [
        { name: "ip-port", Attribute: [attr("ip-dst", "192.0.2.12")], deleted: true },
        { name: "ip-port", deleted: false, Attribute: [attr("ip-dst", "192.0.2.13"), attr("port", "80")] },
      ],
    });
    const { records, refusals } = await parseText(text);
    expect(records.map((r) => r.value)).toEqual(["192.0.2.11", "192.0.2.13"]);
    expect(refusals.map((r) => r.example)).toEqual(["80"]);
  });

  it("names attributes without a uuid by the event's uuid (even when it comes last) and their id", async () => {
    const text = JSON.stringify({ Event: { info: "x", Attribute: [{ id: "17", type: "domain", value: "a.example" }, { type: "domain", value: "b.example" }], uuid: "ev-1" } });
    const { records } = await parseText(text);
    expect(records.map((r) => r.sourceObjectId)).toEqual(["ev-1/17", "ev-1/#2"]);
    expect(records[0].note).toBeUndefined();
  });

  it("keeps to_ids, category and a flattened comment in a note under 300 characters, across chunk borders", async () => {
    const comment = `Grüße € 😀\nline two\t${"x".repeat(400)}`;
    const { records } = await parseText(event([attr("domain", "n.example", { to_ids: false, comment })]));
    expect(records[0].note).toMatch(/^to_ids=false; category=Network activity; comment=Grüße € 😀 line two x+…$/);
    expect(records[0].note!.length).toBeLessThan(300);
  });
});

describe("parseMisp on files it cannot read", () => {
  const code = (text: string | Buffer) => parseText(text).then(() => "read", (error: { code?: string; message: string }) => `${error.code}: ${error.message}`);

  it("refuses truncated JSON and says so", async () => {
    const bytes = readFileSync(fixture("eset_sednit_zebrocy_2018-11-20.json"));
    expect(await code(bytes.subarray(0, 8000))).toMatch(/^file\.malformed_json: The file ends at line \d+ before its JSON is complete; it is probably truncated/);
    expect(await code("")).toMatch(/^file\.malformed_json: The file is empty/);
  });

  it("refuses invalid JSON with the place of the error", async () => {
    const lines = JSON.stringify(JSON.parse(event([attr("domain", "a.example"), attr("domain", "b.example")])), null, 2).split("\n");
    const broken = lines.findIndex((line) => line.includes('"b.example"')); // 0-based; the value line ends in ","
    lines[broken] = lines[broken].replace(/,$/, "");
    const message = await code(lines.join("\n"));
    expect(message).toMatch(/^file\.malformed_json: The file is not valid JSON in lines \d+–\d+ \(expected ','\)/);
    const [from, to] = /lines (\d+)–(\d+)/.exec(message)!.slice(1).map(Number);
    // The fault is the missing comma after line broken + 1 (1-based), noticed where line broken + 2 starts.
    expect(from).toBeLessThanOrEqual(broken + 2);
    expect(to).toBeGreaterThanOrEqual(broken + 2);
    expect(to - from).toBeLessThan(10);
    const minified = await code(JSON.stringify(JSON.parse(event([attr("domain", "a.example")]))).replace('"type":', '"type"'));
    expect(minified).toMatch(/^file\.malformed_json: The file is not valid JSON in line 1, columns \d+–\d+ \(expected ':'\)/);
  });

  it("refuses JSON that holds no MISP event", async () => {
    expect(await code(JSON.stringify({ type: "bundle", id: "bundle--1", objects: [] }))).toMatch(/^misp\.not_an_event: /);
    expect(await code(JSON.stringify({ response: [] }))).toMatch(/^misp\.not_an_event: /);
    expect(await code('"Event"')).toMatch(/^misp\.not_an_event: /);
  });

  it("refuses nesting deeper than 64 levels, also where the parser skips, without recursing", async () => {
    const nested = (depth: number) => `{"Event":{"info":"x","Galaxy":${"[".repeat(depth - 2)}${"]".repeat(depth - 2)}}}`;
    expect(await code(nested(64))).toBe("read");
    expect(await code(nested(65))).toMatch(/^file\.too_deep: /);
    expect(await code("[".repeat(1_000_000))).toMatch(/^file\.too_deep: /);
  });

  it("passes on the UTF-8 guard's refusal", async () => {
    const bytes = Buffer.concat([Buffer.from('{"Event":{"info":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]);
    expect(await code(bytes)).toMatch(/^file\.encoding: /);
  });
});

describe("parseMisp on a large event", () => {
  const ATTRIBUTES = 200_000;
  const TYPES = ["ip-dst", "domain", "sha256", "text"];

  /** An export-shaped event, written in 64 KB chunks and never held whole; its TLP tag comes last. */
  function* bigEvent(): Generator<Buffer> {
    let text = '{"Event":{"id":"1","info":"generated","uuid":"b0000000-0000-4000-8000-000000000000","Attribute":[';
    for (let i = 0; i < ATTRIBUTES; i++) {
      const type = TYPES[i % 4];
      const value = type === "ip-dst" ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : type === "domain" ? `host${i}.example` : type === "sha256" ? i.toString(16).padStart(64, "f") : `note ${i}`;
      const a = {
        id: String(i), type, category: "Network activity", to_ids: i % 2 === 0, uuid: `a0000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        event_id: "1", distribution: "5", timestamp: "1541533312", comment: i % 3 === 0 ? `seen ${i}` : "", sharing_group_id: "0", deleted: false,
        disable_correlation: false, object_id: "0", object_relation: null, value, Galaxy: [], ShadowAttribute: [],
        ...(i % 1000 === 1 ? { Tag: [{ name: "tlp:red" }] } : {}),
      };
      text += `${i === 0 ? "" : ","}${JSON.stringify(a)}`;
      if (text.length > 65_536) {
        yield Buffer.from(text);
        text = "";
      }
    }
    yield Buffer.from(`${text}],"Tag":[{"name":"tlp:green"},{"name":"type:OSINT"}]}}`);
  }

  it(`streams ${ATTRIBUTES.toLocaleString("en")} attributes without holding them as objects`, { timeout: 180_000 }, async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let fullBuffer = 0;
    const started = performance.now();
    const types: Record<string, number> = {};
    const tlps: Record<string, number> = {};
    let refused = 0;
    let seen = 0;
    for await (const item of parseMisp(Readable.from(bigEvent()))) {
      // What is held, after a collection: how much garbage piles up between collections depends
      // on what ran before in this worker.
      if (++seen % 50_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      if (item.kind === "refused") {
        refused++;
        continue;
      }
      if (fullBuffer === 0) {
        // The first record comes when the event ends: the buffer holds every record now.
        gc();
        fullBuffer = process.memoryUsage().heapUsed - before;
      }
      types[item.record.type] = (types[item.record.type] ?? 0) + 1;
      tlps[item.record.tlp ?? "none"] = (tlps[item.record.tlp ?? "none"] ?? 0) + 1;
    }
    const ms = performance.now() - started;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(`MISP ${ATTRIBUTES} attributes: ${Math.round(ms)} ms; heap growth: peak ${mb(peak - before)} (sampled after collections), with all records buffered ${mb(fullBuffer)} (after GC)`);

    expect(types).toEqual({ ipv4: 50_000, domain: 50_000, sha256: 50_000 });
    expect(refused).toBe(50_000);
    expect(tlps).toEqual({ GREEN: 150_000 - 200, RED: 200 });
    expect(fullBuffer).toBeLessThan(150 * 1024 * 1024);
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
  });
});
