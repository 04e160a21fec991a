import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { parseStix, type ParseStixOptions } from "../../../src/core/formats/stix/parse-stix.js";
import { MalformedFileError, type ImportRecord, type ImportRefusal } from "../../../src/core/formats/types.js";
import { say } from "../../../src/core/i18n/phrase.js";
import { translator } from "../../../src/core/i18n/translator.js";
import { RELIABILITY_EXTENSION } from "../../../src/core/formats/stix/reliability.js";
import { classify } from "../../../src/core/indicators/index.js";

const fixture = (name: string): string => path.resolve("test/fixtures/public/stix21", name);

async function collect(input: Readable, options?: ParseStixOptions): Promise<{ records: ImportRecord[]; refusals: ImportRefusal[] }> {
  const records: ImportRecord[] = [];
  const refusals: ImportRefusal[] = [];
  for await (const event of parseStix(input, options)) {
    if (event.kind === "record") records.push(event.record);
    else refusals.push(event.refusal);
  }
  return { records, refusals };
}

/** Text as a stream of small chunks, so that tokens and UTF-8 characters straddle chunk borders. */
function streamOf(text: string | Buffer, chunk = 5): Readable {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) chunks.push(bytes.subarray(at, at + chunk));
  return Readable.from(chunks);
}

const readFixture = (name: string) => collect(createReadStream(fixture(name)));
const bundle = (objects: unknown[]) => JSON.stringify({ type: "bundle", id: "bundle--1", objects });
const parseObjects = (objects: unknown[], options?: ParseStixOptions) => collect(streamOf(bundle(objects)), options);
let serial = 0;
const indicator = (pattern: string, more: Record<string, unknown> = {}) => ({
  type: "indicator",
  spec_version: "2.1",
  id: `indicator--${String(++serial).padStart(8, "0")}-0000-4000-8000-000000000000`,
  pattern,
  pattern_type: "stix",
  valid_from: "2024-01-01T00:00:00Z",
  ...more,
});
const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});
const normalised = (value: string) => {
  const result = classify(value);
  if (!result.ok) throw new Error(`classify refused ${value}`);
  return result.indicator;
};
async function malformed(input: Readable): Promise<MalformedFileError> {
  const error = await collect(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MalformedFileError);
  return error as MalformedFileError;
}

const TLP1_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
const TLP2_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
const TLP2_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
const TLP2_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

describe("parseStix on the real fixtures", () => {
  it("APT1: four /15 ranges, three domains, three MD5s; the x509 AND patterns are refused", async () => {
    const { records, refusals } = await readFixture("oasis_apt1.json");
    expect(countBy(records, (r) => r.type)).toEqual({ "ipv4-cidr": 4, domain: 3, md5: 3 });
    expect(records.filter((r) => r.type === "ipv4-cidr").map((r) => r.value)).toEqual(
      ["223.166.0.0/15", "58.246.0.0/15", "112.64.0.0/15", "139.226.0.0/15"].map((v) => normalised(v).value),
    );
    expect(records.find((r) => r.type === "md5")?.value).toBe("001dd76872d80801692ff942308c64e6");
    expect(records.every((r) => r.tlp === undefined && r.reliability === undefined)).toBe(true);
    expect(refusals).toHaveLength(2);
    expect(refusals.every((r) => r.code === "stix.unsupported_pattern" && r.example.includes("x509-certificate") && r.reason.includes("AND"))).toBe(true);
    // Said to a Dutch member in Dutch.
    expect(say(translator("nl"), refusals[0].why)).toBe("Het patroon verbindt voorwaarden met AND, dus de waarden zeggen alleen samen iets en geen ervan wordt los overgenomen.");
  });

  it("Poison Ivy: every OR term is its own record; the spaced domain and file:name are refused; its CVEs are taken", async () => {
    const { records, refusals } = await readFixture("oasis_poisonivy.json");
    expect(countBy(records, (r) => r.type)).toEqual({ ipv4: 40, domain: 24, cve: 6 });
    // The report's vulnerability objects, each a CVE the campaign exploited.
    expect(records.filter((r) => r.type === "cve").every((r) => r.sourceObjectId.startsWith("vulnerability--"))).toBe(true);
    const spaced = classify("domain autuo.xicp.net");
    expect(spaced.ok).toBe(false);
    expect(countBy(refusals, (r) => r.code)).toEqual({ [spaced.ok ? "" : spaced.code]: 1, "stix.unsupported_pattern": 2 });
    expect(refusals.find((r) => r.code !== "stix.unsupported_pattern")?.example).toBe("domain autuo.xicp.net");
    // The other term of that indicator is still taken.
    expect(records.some((r) => r.value === "60.10.1.115" && r.sourceObjectId === "indicator--4e4c4ad7-4909-456a-b6fa-e24a6f682a40")).toBe(true);
    expect(refusals.filter((r) => r.code === "stix.unsupported_pattern").every((r) => r.reason.includes("file:name"))).toBe(true);
  });

  it("the marking example: TLP 1.0 AMBER embedded, the statement ignored, the creator named", async () => {
    const { records, refusals } = await readFixture("oasis_using-marking-definitions.json");
    expect(refusals).toEqual([]);
    expect(records).toEqual([
      {
        type: "ipv4",
        value: "10.0.0.0",
        tlp: "AMBER",
        reliability: undefined,
        sourceObjectId: "indicator--33fe3b22-0201-47cf-85d0-97c02164528d",
        note: 'STIX "Known malicious IP Address" by Stark Industries; valid from 2017-04-14T13:07:49.812Z',
        // Its valid_from is when its source first saw it (kept with the item since issue 16).
        firstSeen: new Date("2017-04-14T13:07:49.812Z"),
      },
    ]);
  });

  it("the IPsum feed: 58 IPv4 addresses under TLP 2.0 CLEAR, referred to by id only", async () => {
    const { records, refusals } = await readFixture("feeds2stix_ipsum_level_8.json");
    expect(refusals).toEqual([]);
    expect(records).toHaveLength(58);
    expect(records.every((r) => r.type === "ipv4" && r.tlp === "CLEAR" && r.reliability === "F1" && r.note?.includes("by IPSum"))).toBe(true);
    expect(records[0]).toMatchObject({ value: "45.148.10.151", sourceObjectId: "indicator--0f9d8244-e3d4-5479-ae96-05f67643207d" });
  });

  it("the MISP export: a mail's sender, a file object's three hashes as one file, a domain and its address; the file's name refused", async () => {
    // MISP writes a file object as one observation ANDing the file's hashes and name: the hashes
    // are the same file (issue 15), the name is no indicator on its own. Its domain|ip attribute
    // is a domain ANDed with the address it resolves to: both halves, as its MISP form is read.
    const { records, refusals } = await readFixture("misp-stix_test_objects_collection_stix21.json");
    const sha256 = "ec5aedf5ecc6bdadd4120932170d1b10f6cfa175cfda22951dfd882928ab279b";
    expect(records.map((r) => [r.type, r.value, r.sameFile])).toEqual([
      ["email", normalised("donald.duck@disney.com").value, undefined],
      ["md5", "8764605c6f388c89096b534d33565802", sha256],
      ["sha1", "46aba99aa7158e4609aaa72b50990842fd22ae86", sha256],
      ["sha256", sha256, sha256],
      ["domain", "circl.lu", undefined],
      ["ipv4", "149.13.33.14", undefined],
    ]);
    expect(refusals.map((r) => r.code)).toEqual(["stix.unsupported_pattern"]);
    expect(refusals[0].example).toBe("file:name = 'oui'");
    expect(refusals[0].reason).toContain("file:name");
  });

  it("takes the hashes ANDed in one observation as one file, and nothing else ANDed", async () => {
    const [md5, sha1] = ["5d41402abc4b2a76b9719d911017c592", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"];
    const { records, refusals } = await parseObjects([
      indicator(`[file:hashes.MD5 = '${md5.toUpperCase()}' AND file:hashes.'SHA-1' = '${sha1}']`),
      // Two observations may be two files; a hash named twice, a NOT and another object are no file.
      indicator(`[file:hashes.MD5 = '${md5}'] AND [file:hashes.'SHA-1' = '${sha1}']`),
      indicator(`[file:hashes.MD5 = '${md5}' AND file:hashes.md5 = '${md5}']`),
      indicator(`[file:hashes.MD5 = '${md5}' AND file:hashes.'SHA-1' NOT = '${sha1}']`),
      indicator(`[file:hashes.MD5 = '${md5}' AND ipv4-addr:value = '192.0.2.1']`),
      indicator(`[file:name = 'a.exe' AND file:size = '3']`),
    ]);
    expect(records.map((r) => [r.type, r.value, r.sameFile])).toEqual([
      ["md5", md5, sha1],
      ["sha1", sha1, sha1],
    ]);
    expect(refusals.map((r) => r.reason.includes("AND"))).toEqual([true, true, true, true, true]);
  });

  it("the sighting example: an identity after its indicator still names the creator", async () => {
    const { records } = await readFixture("oasis_sighting-of-an-indicator.json");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ type: "url", value: normalised("http://paypa1.banking.com").value });
    expect(records[0].note).toContain("by Alpha Threat Analysis Org.");
  });
});

describe("parseStix patterns", () => {
  it("reads IPv6, e-mail and hash paths, normalised as typed submissions are", async () => {
    const { records, refusals } = await parseObjects([
      indicator("[ipv6-addr:value = '2001:DB8::1' OR ipv6-addr:value = '2001:db8::/32'] OR [email-addr:value = 'Evil@Example.COM']"),
      indicator("[file:hashes.'SHA-256' = 'EC5AEDF5ECC6BDADD4120932170D1B10F6CFA175CFDA22951DFD882928AB279B' OR file:hashes.SHA1 = '46aba99aa7158e4609aaa72b50990842fd22ae86' OR file:hashes.'sha-1' = '46aba99aa7158e4609aaa72b50990842fd22ae87']"),
    ]);
    expect(refusals).toEqual([]);
    expect(records.map(({ type, value }) => ({ type, value }))).toEqual(
      ["2001:DB8::1", "2001:db8::/32", "Evil@Example.COM", "EC5AEDF5ECC6BDADD4120932170D1B10F6CFA175CFDA22951DFD882928AB279B", "46aba99aa7158e4609aaa72b50990842fd22ae86", "46aba99aa7158e4609aaa72b50990842fd22ae87"].map(normalised),
    );
    expect(records.map((r) => r.type)).toEqual(["ipv6", "ipv6-cidr", "email", "sha256", "sha1", "sha1"]);
  });

  it("undoes the \\' and \\\\ escapes of string literals", async () => {
    const { records } = await parseObjects([indicator("[url:value = 'http://evil.example/it\\'s/a\\\\b']")]);
    expect(records.map((r) => r.value)).toEqual([normalised("http://evil.example/it's/a\\b").value]);
  });

  it.each([
    ["[ipv4-addr:value != '1.2.3.4']", "!="],
    ["[ipv4-addr:value NOT = '1.2.3.4']", "NOT"],
    ["[url:value MATCHES '^http://evil']", "MATCHES"],
    ["[domain-name:value LIKE '%.evil.example']", "LIKE"],
    ["[ipv4-addr:value IN ('1.2.3.4', '5.6.7.8')]", "IN"],
    ["[file:size > 1000]", ">"],
    ["[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS", "WITHIN"],
    ["[ipv4-addr:value = '1.2.3.4'] REPEATS 5 TIMES", "REPEATS"],
    ["[ipv4-addr:value = '1.2.3.4'] START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'", "START"],
    ["[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [domain-name:value = 'evil.example']", "FOLLOWEDBY"],
    ["[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'evil.example']", "AND"],
    ["[ipv4-addr:value = '1.2.3.4' AND domain-name:value = 'evil.example']", "AND"],
    ["[x509-certificate:serial_number = '4c:0b']", "x509-certificate:serial_number"],
    ["[file:hashes.'SHA-512' = 'ab']", "file:hashes.'SHA-512'"],
  ])("%s is one refusal naming %s", async (pattern, construct) => {
    const { records, refusals } = await parseObjects([indicator(pattern)]);
    expect(records).toEqual([]);
    expect(refusals).toHaveLength(1);
    expect(refusals[0].code).toBe("stix.unsupported_pattern");
    expect(refusals[0].reason).toContain(construct);
  });

  it("under OR takes the supported terms and refuses the others one by one", async () => {
    const { records, refusals } = await parseObjects([
      indicator("[ipv4-addr:value = '1.2.3.4' OR file:name = 'evil.exe'] OR [url:value != 'http://a.example/'] OR [domain-name:value = 'a.example' AND file:name = 'x']"),
      indicator("([domain-name:value = 'b.example'] OR [ipv4-addr:value = '5.6.7.8'] REPEATS 2 TIMES)"),
    ]);
    expect(records.map((r) => r.value)).toEqual(["1.2.3.4", "b.example"]);
    expect(refusals.map((r) => r.reason.match(/file:name|!=|AND|REPEATS/)?.[0])).toEqual(["file:name", "!=", "AND", "REPEATS"]);
  });

  it("takes an IPv4-mapped address under ipv6-addr as the IPv4 address it is, and still refuses a plain IPv4 address there", async () => {
    const { records, refusals } = await parseObjects([
      indicator("[ipv6-addr:value = '::ffff:192.0.2.1']"),
      indicator("[ipv6-addr:value = '::ffff:10.1.2.3/104']"),
      indicator("[ipv6-addr:value = '192.0.2.9']"),
    ]);
    expect(records.map((r) => [r.type, r.value])).toEqual([
      ["ipv4", "192.0.2.1"],
      ["ipv4-cidr", "10.0.0.0/8"],
    ]);
    expect(refusals.map((r) => r.code)).toEqual(["stix.type_mismatch"]);
  });

  it("refuses other pattern languages, wrong value types and unreadable patterns", async () => {
    const { records, refusals } = await parseObjects([
      indicator("alert tcp any any -> any any (msg:\"x\";)", { pattern_type: "snort" }),
      indicator("[domain-name:value = '1.2.3.4']"),
      indicator("[ipv4-addr:value = '1.2.3.4'"),
      indicator("[ipv4-addr:value = '1.2.3.4']", { revoked: true }),
    ]);
    expect(records).toEqual([]);
    expect(refusals.map((r) => r.code)).toEqual(["stix.unsupported_pattern_type", "stix.type_mismatch", "stix.invalid_pattern", "stix.revoked"]);
  });

  it("reads an address, a domain or a sender where other tools write it: traffic's host, a domain's address, a mail's sender, a range by ISSUBSET", async () => {
    const { records, refusals } = await parseObjects([
      // MISP's ip-dst, ip-src and ip-dst|port attributes.
      indicator("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.77']"),
      indicator("[network-traffic:src_ref.type = 'ipv6-addr' AND network-traffic:src_ref.value = '2001:DB8::7']"),
      indicator("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '198.51.100.9' AND network-traffic:dst_port = '8080']"),
      indicator("[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'C2.Evil.example']"),
      indicator("[network-traffic:dst_ref.value = '203.0.113.78'] OR [network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24']"),
      indicator("[ipv4-addr:value ISSUBSET '10.20.0.0/16'] OR [ipv6-addr:value ISSUBSET '2001:db8:abcd::/48']"),
      indicator("[domain-name:value = 'a5.example' AND domain-name:resolves_to_refs[*].value = '203.0.113.79']"),
      indicator("[domain-name:resolves_to_refs[0].value = '192.0.2.44']"),
      indicator("[email-message:sender_ref.value = 'Bad@Evil.example' AND email-message:subject = 'Invoice' AND email-message:to_refs[*].value = 'someone@ministry.example']"),
    ]);
    expect(records.map((r) => [r.type, r.value])).toEqual(
      [
        "203.0.113.77",
        "2001:DB8::7",
        "198.51.100.9",
        "C2.Evil.example",
        "203.0.113.78",
        "198.51.100.0/24",
        "10.20.0.0/16",
        "2001:db8:abcd::/48",
        "a5.example",
        "203.0.113.79",
        "192.0.2.44",
        "Bad@Evil.example",
      ].map((v) => [normalised(v).type, normalised(v).value]),
    );
    // What describes the traffic or the mail, not the host or the sender, is refused one by one;
    // a mail's recipients are whom it reached, not indicators.
    expect(refusals.map((r) => r.example)).toEqual(["network-traffic:dst_port = '8080'", "email-message:subject = 'Invoice'", "email-message:to_refs[*].value = 'someone@ministry.example'"]);
    expect(refusals.every((r) => r.code === "stix.unsupported_pattern")).toBe(true);
  });

  it("refuses traffic between two hosts, a host of another type than its reference says, and other ranges' comparisons", async () => {
    const { records, refusals } = await parseObjects([
      indicator("[network-traffic:src_ref.value = '192.0.2.1' AND network-traffic:dst_ref.value = '192.0.2.2']"),
      indicator("[network-traffic:dst_port = '443' AND network-traffic:protocols[*] = 'tcp']"),
      indicator("[domain-name:value = 'a.example' AND domain-name:value = 'b.example']"),
      indicator("[email-message:subject = 'Invoice' AND email-message:body = 'x']"),
      indicator("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '2001:db8::1']"),
      indicator("[email-message:to_refs[*].value = 'someone@ministry.example']"),
      indicator("[ipv4-addr:value ISSUPERSET '10.0.0.1']"),
      indicator("[domain-name:value ISSUBSET 'evil.example']"),
    ]);
    expect(records).toEqual([]);
    expect(refusals.map((r) => r.code)).toEqual([
      "stix.unsupported_pattern",
      "stix.unsupported_pattern",
      "stix.unsupported_pattern",
      "stix.unsupported_pattern",
      "stix.type_mismatch",
      "stix.unsupported_pattern",
      "stix.unsupported_pattern",
      "stix.unsupported_pattern",
    ]);
    expect(refusals.map((r) => r.reason.match(/AND|network-traffic:dst_ref.value|email-message:to_refs|ISSUPERSET|ISSUBSET/)?.[0])).toEqual([
      "AND",
      "AND",
      "AND",
      "AND",
      "network-traffic:dst_ref.value",
      "email-message:to_refs",
      "ISSUPERSET",
      "ISSUBSET",
    ]);
  });
});

describe("parseStix on a bundle of observed values", () => {
  const observed = [
    { type: "ipv4-addr", spec_version: "2.1", id: "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd", value: "198.51.100.3" },
    { type: "domain-name", spec_version: "2.1", id: "domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5", value: "obs.example" },
    { type: "file", spec_version: "2.1", id: "file--5a27d487-c542-5f97-a131-a8866b477b46", hashes: { "SHA-256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" } },
    { type: "url", spec_version: "2.1", id: "url--c1477287-23ac-5971-a010-5c287877fa60", value: "https://obs.example/x" },
  ];

  it("imports none of them, and says once why, with the first values, in the reader's language", async () => {
    const { records, refusals } = await parseObjects(observed);
    expect(records).toEqual([]);
    expect(refusals).toHaveLength(1);
    expect(refusals[0].code).toBe("stix.observables_only");
    expect(refusals[0].example).toBe("198.51.100.3, obs.example, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(refusals[0].reason).toContain("4 observed values (ipv4-addr, domain-name, file, url) but no indicators");
    expect(say(translator("nl"), refusals[0].why)).toContain("4 waargenomen waarden (ipv4-addr, domain-name, file, url) maar geen indicatoren");
  });

  it("says nothing of them beside an indicator or a CVE, which are imported", async () => {
    for (const other of [indicator("[ipv4-addr:value = '198.51.100.3']"), { type: "vulnerability", spec_version: "2.1", id: "vulnerability--1", name: "CVE-2021-44228" }]) {
      const { records, refusals } = await parseObjects([...observed, other]);
      expect(records).toHaveLength(1);
      expect(refusals).toEqual([]);
    }
  });
});

describe("parseStix labels", () => {
  it("honours an embedded TLP 2.0 definition that comes after its indicator", async () => {
    const custom = "marking-definition--00000000-0000-4000-8000-0000000000a1";
    const { records } = await parseObjects([
      indicator("[ipv4-addr:value = '1.2.3.4']", { object_marking_refs: [custom] }),
      { type: "marking-definition", spec_version: "2.1", id: custom, name: "TLP:AMBER+STRICT", extensions: { [TLP2_EXTENSION]: { extension_type: "property-extension", tlp_2_0: "amber+strict" } } },
    ]);
    expect(records.map((r) => r.tlp)).toEqual(["AMBER+STRICT"]);
  });

  it("takes the strictest of several TLP markings and ignores statements and unknown ids", async () => {
    const statement = "marking-definition--00000000-0000-4000-8000-0000000000b2";
    const { records } = await parseObjects([
      { type: "marking-definition", id: statement, definition_type: "statement", definition: { statement: "(c) someone" } },
      indicator("[ipv4-addr:value = '1.1.1.1']", { object_marking_refs: [TLP1_GREEN, TLP2_RED, statement] }),
      indicator("[ipv4-addr:value = '2.2.2.2']", { object_marking_refs: [TLP2_AMBER, TLP2_CLEAR, "marking-definition--00000000-0000-4000-8000-00000000dead"] }),
      indicator("[ipv4-addr:value = '3.3.3.3']", { object_marking_refs: [statement] }),
    ]);
    expect(records.map((r) => [r.value, r.tlp])).toEqual([["1.1.1.1", "RED"], ["3.3.3.3", undefined], ["2.2.2.2", "AMBER"]]);
  });

  it("maps confidence to Admiralty F plus the STIX credibility digit", async () => {
    const confidences = [0, 19, 20, 39, 40, 59, 60, 79, 80, 100, 101, undefined];
    const { records } = await parseObjects(confidences.map((confidence, i) => indicator(`[ipv4-addr:value = '10.0.0.${i}']`, { confidence })));
    expect(records.map((r) => r.reliability)).toEqual(["F5", "F5", "F4", "F4", "F3", "F3", "F2", "F2", "F1", "F1", undefined, undefined]);
  });

  it("takes a vulnerability's CVE id, by its name or its cve reference, with its marking; passes over one without a CVE id or revoked", async () => {
    const vulnerability = (id: number, more: Record<string, unknown>) => ({ type: "vulnerability", spec_version: "2.1", id: `vulnerability--00000000-0000-4000-8000-00000000000${id}`, ...more });
    const { records, refusals } = await parseObjects([
      vulnerability(1, { name: "cve-2021-44228", object_marking_refs: [TLP2_RED] }),
      vulnerability(2, { name: "Heartbleed", external_references: [{ source_name: "cve", external_id: "CVE-2014-0160" }] }),
      vulnerability(3, { name: "A flaw without an id" }),
      vulnerability(4, { name: "CVE-2017-0144", revoked: true }),
    ]);
    expect(records.map((r) => [r.type, r.value, r.tlp])).toEqual([
      ["cve", "CVE-2021-44228", "RED"],
      ["cve", "CVE-2014-0160", undefined],
    ]);
    expect(refusals).toEqual([]);
  });

  it("takes the exact Admiralty code from a cell's own reliability extension, and confidence when the code is unreadable", async () => {
    const ours = (reliability: unknown) => ({ [RELIABILITY_EXTENSION]: { extension_type: "property-extension", reliability } });
    const { records } = await parseObjects([
      indicator("[ipv4-addr:value = '10.1.0.1']", { confidence: 90, extensions: ours("B1") }),
      indicator("[ipv4-addr:value = '10.1.0.2']", { extensions: ours("c5") }),
      indicator("[ipv4-addr:value = '10.1.0.3']", { confidence: 70, extensions: ours("Z9") }),
      indicator("[ipv4-addr:value = '10.1.0.4']", { confidence: 30, extensions: { "extension-definition--00000000-0000-4000-8000-000000000001": { reliability: "A1" } } }),
    ]);
    expect(records.map((r) => r.reliability)).toEqual(["B1", "C5", "F2", "F4"]);
  });

  it("refuses a TLP marking defined after indicators it could no longer wait for", async () => {
    const custom = "marking-definition--00000000-0000-4000-8000-0000000000c3";
    const objects = [
      ...[1, 2, 3].map((i) => indicator(`[ipv4-addr:value = '10.1.0.${i}']`, { object_marking_refs: [custom] })),
      { type: "marking-definition", id: custom, definition_type: "tlp", definition: { tlp: "red" } },
    ];
    expect((await parseObjects(objects)).records.map((r) => r.tlp)).toEqual(["RED", "RED", "RED"]);
    const error = await parseObjects(objects, { pendingLimit: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "stix.marking_after_use" });
  });
});

describe("parseStix on broken files", () => {
  it("a truncated bundle is malformed JSON", async () => {
    const bytes = readFileSync(fixture("oasis_apt1.json"));
    const error = await malformed(streamOf(bytes.subarray(0, bytes.length >> 1), 4096));
    expect(error.code).toBe("file.malformed_json");
    expect(error.message).toMatch(/cut off/);
  });

  it("a syntax error is placed within a few lines", async () => {
    const lines = readFileSync(fixture("oasis_apt1.json"), "utf8").split("\n");
    lines[499] = `@${lines[499]}`; // line 500; a JSON string never spans lines, so this is outside one
    const error = await malformed(streamOf(lines.join("\n"), 4096));
    expect(error.code).toBe("file.malformed_json");
    const [, from, to = from] = /lines? (\d+)(?: and (\d+))?/.exec(error.message) ?? [];
    expect(Number(from)).toBeLessThanOrEqual(500);
    expect(Number(to)).toBeGreaterThanOrEqual(500);
    expect(Number(to) - Number(from)).toBeLessThan(6);
  });

  it.each([["[]"], ['{"type": "indicator", "id": "indicator--1"}'], ['{"id": "bundle--1", "objects": []}'], ['{"type": "bundle", "objects": {}}'], ['"bundle"']])(
    "%s is not a bundle",
    async (text) => {
      expect((await malformed(streamOf(text))).code).toBe("stix.not_a_bundle");
    },
  );

  it("nesting 100 levels deep is refused, even inside a property the parser skips", async () => {
    const deep = "[".repeat(100) + "]".repeat(100);
    expect((await malformed(streamOf(`{"type":"bundle","objects":[${deep}]}`))).code).toBe("file.too_deep");
    expect((await malformed(streamOf(`{"type":"bundle","x_other":${deep},"objects":[]}`))).code).toBe("file.too_deep");
  });

  it("invalid UTF-8 passes the guard's error through", async () => {
    const bytes = Buffer.concat([Buffer.from('{"type":"bundle","objects":[{"type":"identity","name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]);
    expect((await malformed(streamOf(bytes))).code).toBe("file.encoding");
  });

  it("keys such as __proto__ in the file are only keys", async () => {
    const text = `{"type":"bundle","objects":[{"type":"__proto__"},{"type":"constructor"},{"__proto__":{"pattern":"[ipv4-addr:value = '6.6.6.6']"},"type":"indicator","id":"indicator--p","pattern":"[ipv4-addr:value = '7.7.7.7']","pattern_type":"stix"}]}`;
    expect((await collect(streamOf(text))).records.map((r) => r.value)).toEqual(["7.7.7.7"]);
  });
});

describe("parseStix splitting the objects list", () => {
  const values = (result: { records: ImportRecord[] }) => result.records.map((r) => `${r.type}:${r.value}|${r.sourceObjectId}|${r.note ?? ""}`);

  it("reads the same records however the text is cut, escapes and all", async () => {
    // Quotes and backslashes inside strings, a key spelt with an escape, stray values in the list.
    const text = JSON.stringify({
      type: "bundle",
      id: "bundle--cut",
      x_before: { nested: ['"]}', "\\", "\"", "{[", "]"] },
      objects: [
        indicator("[domain-name:value = 'ex\\'ample.com']", { name: 'quote " and brace } and bracket ]' }),
        "a stray string ]}",
        42,
        [1, [2, "]"]],
        indicator("[ipv4-addr:value = '198.51.100.7']", { name: "back\\slash\\" }),
      ],
      x_after: ["objects", { objects: [indicator("[ipv4-addr:value = '203.0.113.99']")] }],
    }).replace('"objects":[', '"obj\\u0065cts":[');
    const whole = values(await collect(streamOf(text, text.length)));
    expect(whole).toHaveLength(1); // the first pattern's domain is refused (a quote in a domain)
    expect(whole[0]).toMatch(/^ipv4:198\.51\.100\.7\|indicator--/);
    for (const size of [1, 2, 3, 7, 64]) expect(values(await collect(streamOf(text, size)))).toEqual(whole);
  });

  it("walks an element longer than it holds whole token by token, and goes on after it", async () => {
    const refs = Array.from({ length: 40_000 }, (_, i) => `indicator--${String(i).padStart(8, "0")}-0000-4000-8000-000000000000`);
    const report = { type: "report", id: "report--big", name: "Big report", object_refs: refs };
    const big = indicator("[ipv4-addr:value = '192.0.2.1']", { description: "d".repeat(1_200_000) });
    const after = indicator("[ipv4-addr:value = '192.0.2.2']");
    const { records } = await collect(streamOf(bundle([report, big, after]), 64 * 1024));
    expect(records.map((r) => [r.value, r.sourceObjectId])).toEqual([
      ["192.0.2.1", big.id],
      ["192.0.2.2", after.id],
    ]);
    // Without an id an object is named by its place in the list, long or not.
    const { refusals } = await collect(streamOf(bundle([report, { type: "indicator", pattern: "[x", description: "d".repeat(1_200_000) }]), 64 * 1024));
    expect(refusals.map((r) => r.sourceObjectId)).toEqual(["objects[1]"]);
  });

  it.each([
    ['{"type":"bundle","objects":[{"type":"identity"} {"type":"identity"}]}', /comma or the end of the list is missing .*line 1, around column 49/],
    ['{"type":"bundle","objects":[{"type":"identity"},]}', /comma before the end of the list in line 1/],
    ['{"type":"bundle","objects":[,{"type":"identity"}]}', /a comma before the list's first object in line 1/],
    ['{"type":"bundle","objects":[{"type":"identity"},,{"type":"identity"}]}', /two commas with nothing between them in line 1/],
    ['{"type":"bundle","objects":[{"type":"identity",}]}', /line 1/],
    ['{"type":"bundle",\n"objects":[\n{"type":"identity"},\n{"type": tru}]}', /line 4/],
    ['{"type":"bundle","objects":[tru]}', /line 1/],
    ['{"type":"bundle","objects":[{"type":"identity","name":"a\tb"}]}', /line 1/],
    ['{"type":"bundle","objects":[\u00a0{"type":"identity"}]}', /U\+00A0, which JSON does not allow between values .*line 1, around column 29/],
    ['{"type":"bundle","objects":[{"type":"identity"},\n\u00a0{"type":"identity"}]}', /U\+00A0.*line 2, around column 1\b/],
    ['{"type":"bundle","objects":[\n{"type":\u00a0"identity"}]}', /U\+00A0 in the object that starts in line 2/],
  ])("%s is malformed JSON, placed", async (text, message) => {
    const error = await malformed(streamOf(text, 3));
    expect(error.code).toBe("file.malformed_json");
    expect(error.message).toMatch(message);
    // The file is whole: it must not be taken for one cut off.
    expect(error.message).not.toMatch(/cut off/);
  });

  it("a file cut off inside an element, or between elements, says so", async () => {
    for (const text of ['{"type":"bundle","objects":[{"type":"ident', '{"type":"bundle","objects":[{"type":"identity"},', '{"type":"bundle","objects":[{"type":"identity"}']) {
      const error = await malformed(streamOf(text, 4));
      expect(error.code).toBe("file.malformed_json");
      expect(error.message).toMatch(/cut off/);
    }
  });
});

describe("parseStix at scale", () => {
  // Markings and identity at the very end: the worst order, which makes the parser wait.
  function* bigBundle(count: number): Generator<string> {
    const statement = "marking-definition--00000000-0000-4000-8000-00000000abcd";
    yield '{"type":"bundle","id":"bundle--big","objects":[';
    let batch: string[] = [];
    for (let i = 0; i < count; i++) {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      batch.push(JSON.stringify(indicator(`[ipv4-addr:value = '${ip}']`, { name: `IPv4: ${ip}`, confidence: 70, created_by_ref: "identity--big", object_marking_refs: [TLP2_AMBER, statement], description: "x".repeat(100) })));
      if (batch.length === 1000) {
        yield batch.join(",") + ",";
        batch = [];
      }
    }
    yield batch.join(",") + (batch.length ? "," : "");
    yield JSON.stringify({ type: "identity", id: "identity--big", name: "Big Feed" }) + ",";
    yield JSON.stringify({ type: "marking-definition", id: statement, definition_type: "statement", definition: { statement: "feed" } }) + "]}";
  }

  it("streams 200,000 indicators with flat memory", { timeout: 120_000 }, async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const total = 200_000;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let records = 0;
    let amber = 0;
    const started = performance.now();
    for await (const event of parseStix(Readable.from(bigBundle(total), { objectMode: false }))) {
      if (event.kind !== "record") continue;
      if (event.record.tlp === "AMBER" && event.record.reliability === "F2") amber++;
      // At the first record (the 20,000 values that waited for the late identity are queued then)
      // and every 10,000 after it.
      if (++records % 10_000 === 1) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    const ms = performance.now() - started;
    gc();
    const after = process.memoryUsage().heapUsed - before;
    console.log(`STIX ${total.toLocaleString("en")} indicators: ${Math.round(ms)} ms; heap growth peak ${(peak / 1e6).toFixed(1)} MB, after ${(after / 1e6).toFixed(1)} MB`);
    expect(records).toBe(total);
    expect(amber).toBe(total);
    expect(peak).toBeLessThan(100e6);
  });
});
