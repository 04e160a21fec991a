import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { KNOWN_COLUMNS, MAX_LINE_BYTES, parseCsv, type ParseCsvOptions } from "../../../src/core/formats/csv/parse-csv.js";
import { MalformedFileError, type ImportRecord, type ImportRefusal, type ParseEvent } from "../../../src/core/formats/types.js";
import { exportCsv } from "../../../src/core/formats/export/export-csv.js";
import { say } from "../../../src/core/i18n/phrase.js";
import { translator } from "../../../src/core/i18n/translator.js";
import type { StoredItem } from "../../../src/core/ports.js";

const fixture = (file: string) => path.resolve("test/fixtures/public/csv", file);
const IPSUM = fixture("ipsum_top5000.txt");
const BAZAAR = fixture("abusech_malwarebazaar_dump_20260226_sample.csv");

const bytes = (data: string | Buffer | number[]): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.from(data) : Buffer.from(data, "utf8");

/** A stream of the data in chunks of `size` bytes, to cut lines and characters anywhere. */
function streamOf(data: string | Buffer | number[], size = 64 * 1024): Readable {
  const all = bytes(data);
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += size) chunks.push(all.subarray(i, i + size));
  return Readable.from(chunks);
}

async function events(input: Readable | string, options?: ParseCsvOptions): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const event of parseCsv(typeof input === "string" ? streamOf(input) : input, options)) out.push(event);
  return out;
}

const records = (all: ParseEvent[]): ImportRecord[] => all.flatMap((e) => (e.kind === "record" ? [e.record] : []));
const refusals = (all: ParseEvent[]): ImportRefusal[] => all.flatMap((e) => (e.kind === "refused" ? [e.refusal] : []));

/** The whole-file refusal: the generator must throw rather than finish. */
async function refusal(input: Readable | string | Buffer | number[], options?: ParseCsvOptions): Promise<MalformedFileError> {
  try {
    await events(input instanceof Readable || typeof input === "string" ? input : streamOf(input), options);
  } catch (error) {
    if (error instanceof MalformedFileError) return error;
    throw error;
  }
  throw new Error("expected the file to be refused, but the parser finished");
}

describe("parseCsv on the IPsum list (plain text)", () => {
  const lines = readFileSync(IPSUM, "utf8").split("\n");
  // Computed independently of the parser: every line that is neither blank nor a # comment.
  const data = lines.map((text, i) => ({ text, line: i + 1 })).filter(({ text }) => text.trim() !== "" && !text.startsWith("#"));

  it("yields one ipv4 record per address line: 5,000 lines minus the comment lines", async () => {
    expect(lines.filter((l) => l !== "")).toHaveLength(5000);
    const all = await events(createReadStream(IPSUM), { tlp: "CLEAR" });
    expect(refusals(all)).toEqual([]);
    const got = records(all);
    expect(got).toHaveLength(data.length);
    expect(got.length).toBe(5000 - lines.filter((l) => l.startsWith("#")).length);
    expect(got.every((r) => r.type === "ipv4" && r.tlp === "CLEAR" && r.note === undefined)).toBe(true);
    expect(got.map((r) => r.value)).toEqual(data.map(({ text }) => text.split("\t")[0]));
    expect(got[0]).toEqual({ type: "ipv4", value: data[0].text.split("\t")[0], tlp: "CLEAR", sourceObjectId: `line ${data[0].line}` });
  });

  it("gives the same result when the file arrives in small, odd-sized chunks", async () => {
    const whole = await events(createReadStream(IPSUM));
    expect(await events(streamOf(readFileSync(IPSUM), 7))).toEqual(whole);
  });
});

describe("parseCsv on the MalwareBazaar dump (header in a comment, `\", \"` separators)", () => {
  const text = readFileSync(BAZAAR, "utf8");
  const rows = text.split("\n").map((t, i) => ({ line: i + 1, t })).filter(({ t }) => t.trim() !== "" && !t.startsWith("#"));
  const field = (row: string, n: number) => row.split('", "')[n].replace(/^"|"$/g, "");

  it("gives every row's sha256, md5 and sha1, labelled with the column and line", async () => {
    expect(rows).toHaveLength(39);
    const all = await events(createReadStream(BAZAAR));
    expect(refusals(all)).toEqual([]);
    const got = records(all);
    expect(got).toHaveLength(rows.length * 3);
    const expected = rows.flatMap(({ line, t }) => [
      { type: "sha256", value: field(t, 1), sourceObjectId: `line ${line}`, note: "sha256_hash" },
      { type: "md5", value: field(t, 2), sourceObjectId: `line ${line}`, note: "md5_hash" },
      { type: "sha1", value: field(t, 3), sourceObjectId: `line ${line}`, note: "sha1_hash" },
    ]);
    expect(got).toEqual(expected);
    expect(got.every((r) => r.tlp === undefined)).toBe(true);
  });

  it("takes only the named columns", async () => {
    const got = records(await events(createReadStream(BAZAAR), { columns: ["sha256_hash"], tlp: "AMBER" }));
    expect(got).toHaveLength(rows.length);
    expect(got.every((r) => r.type === "sha256" && r.note === "sha256_hash" && r.tlp === "AMBER")).toBe(true);
  });

  it("reports a named column the header lacks, listing the columns it has", async () => {
    const error = await refusal(createReadStream(BAZAAR), { columns: ["sha256_hash", "dst_ip"] });
    expect(error.code).toBe("csv.unknown_column");
    expect(error.message).toContain('"dst_ip"');
    expect(error.message).toContain('"first_seen_utc", "sha256_hash", "md5_hash"');
  });
});

describe("parseCsv on synthetic files", () => {
  it("refangs defanged values in lists and in CSV cells", async () => {
    const list = records(await events("hxxps://evil[.]example/x\n1.2.3[.]4\nevil(.)example\nuser[@]evil[.]example\n"));
    expect(list.map((r) => `${r.type} ${r.value}`)).toEqual([
      "url https://evil.example/x",
      "ipv4 1.2.3.4",
      "domain evil.example",
      "email user@evil.example",
    ]);
    const csv = records(await events('indicator,comment\n"hxxp://bad[.]example/a?b=1",seen\n'));
    expect(csv).toEqual([{ type: "url", value: "http://bad.example/a?b=1", sourceObjectId: "line 2", note: "indicator" }]);
  });

  it("reads a URLhaus-style header: takes `url`, not the other columns; skips n/a; refuses what classify refuses", async () => {
    const file = [
      "# URLhaus export",
      "id,dateadded,url,url_status,threat,urlhaus_link",
      "1,2026-02-26,http://a.example/x.sh,online,malware_download,https://urlhaus.abuse.ch/url/1/",
      "2,2026-02-26,n/a,offline,malware_download,https://urlhaus.abuse.ch/url/2/",
      "3,2026-02-26,,offline,malware_download,https://urlhaus.abuse.ch/url/3/",
      "4,2026-02-26,gopher://b.example/1,online,malware_download,https://urlhaus.abuse.ch/url/4/",
    ].join("\r\n");
    const all = await events(file, { tlp: "GREEN" });
    expect(records(all)).toEqual([{ type: "url", value: "http://a.example/x.sh", tlp: "GREEN", sourceObjectId: "line 3", note: "url" }]);
    expect(refusals(all)).toEqual([
      // The reason in English, and as a phrase said to a member in their language.
      { code: "indicator.url_scheme", reason: expect.any(String), why: expect.objectContaining({ key: "indicators.url_scheme" }), example: "gopher://b.example/1", sourceObjectId: "line 6" },
    ]);
  });

  it("reads a file Excel saved with semicolons (Dutch settings), and a tab-separated export, by their header", async () => {
    const semicolons = ["\ufeffIndicator;Type;Opmerking", '203.0.113.10;ip;"gezien; vaak, ook 2024"', "evil-x.example;domein;", "; ;"].join("\r\n");
    expect(records(await events(semicolons)).map((r) => [r.type, r.value, r.sourceObjectId, r.note])).toEqual([
      ["ipv4", "203.0.113.10", "line 2", "Indicator"],
      ["domain", "evil-x.example", "line 3", "Indicator"],
    ]);
    const tabs = ["# exported", "first_seen\tdst_ip\tdomain", "2026-12-01\t203.0.113.11\tevil-y.example", "2026-12-02\t203.0.113.12\t"].join("\n");
    expect(records(await events(tabs)).map((r) => r.value)).toEqual(["203.0.113.11", "evil-y.example", "203.0.113.12"]);
    // A comma file whose values hold semicolons is still read by its commas.
    const commas = ["indicator,comment", '198.51.100.1,"a; b"'].join("\n");
    expect(records(await events(commas)).map((r) => r.value)).toEqual(["198.51.100.1"]);
  });

  it("shortens a refused cell to a safe example", async () => {
    const [refused] = refusals(await events(`url\nhttp://${"a".repeat(3000)}.example/\n`));
    expect(refused.code).toBe("indicator.too_long");
    expect(refused.example.length).toBeLessThanOrEqual(120);
  });

  it("numbers lines in the file, also after a quoted value spanning lines", async () => {
    const file = 'domain,comment\n\n"a.example","two\nlines"\n# note\nb.example,"a lone\rCR"\n  \nc.example,"#1"\n';
    expect(records(await events(file)).map((r) => `${r.sourceObjectId} ${r.value}`)).toEqual([
      "line 3 a.example",
      "line 6 b.example",
      "line 8 c.example",
    ]);
  });

  it("refuses named columns in a list without a header", async () => {
    const error = await refusal("1.2.3.4\n5.6.7.8\n", { columns: ["ip"] });
    expect(error.code).toBe("csv.unknown_column");
    expect(error.message).toMatch(/no header line/);
  });

  it.each([
    ["=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"],
    ["@SUM(1)", "@SUM(1)"],
    ["+1+1", "+1+1"],
    ["a leading tab", "\tevil"],
    ["a carriage return", '"\r=1"'],
    ["a formula after blanks", "  =1+1"],
    ["-abc.example (Excel reads it as =-abc…)", "-abc.example"],
    ["a negative number used in a sum", "-1+2"],
  ])("refuses the whole file for %s, even in a column that is not imported", async (_name, cell) => {
    const file = `url,comment\nhttp://fine.example/,ok\nhttp://also-fine.example/,${cell}\nhttp://later.example/,ok\n`;
    const error = await refusal(file);
    expect(error.code).toBe("csv.formula_injection");
    expect(error.message).toMatch(/^Line 3 /);
  });

  it("refuses a formula in a quoted MalwareBazaar-style cell, in an imported column and in a list", async () => {
    expect((await refusal('# "sha256_hash","reporter"\n"=HYPERLINK(""http://x"")", "a"\n')).code).toBe("csv.formula_injection");
    expect((await refusal('url,comment\n"=cmd|\' /C calc\'!A0",x\n')).code).toBe("csv.formula_injection");
    const list = await refusal("1.2.3.4\t10\n5.6.7.8\t@SUM(1)\n");
    expect(list.code).toBe("csv.formula_injection");
    expect(list.message).toMatch(/^Line 2 /);
  });

  it("destroys the input when it refuses the file halfway", async () => {
    const input = streamOf("url,comment\nhttp://a.example/,=1\n");
    await refusal(input);
    expect(input.destroyed).toBe(true);
  });

  it("accepts plain negative numbers and a lone '-' (documented exceptions)", async () => {
    const file = "ip,score,delta,first_seen\n1.2.3.4,-1,-0.5,-\n";
    expect(records(await events(file)).map((r) => r.value)).toEqual(["1.2.3.4"]);
  });

  it("refuses Windows-1252 and UTF-16 files with file.encoding, and accepts a UTF-8 byte-order mark", async () => {
    // "café.example" as Windows-1252 writes it: é is the single byte 0xE9.
    const cp1252 = [...Buffer.from("domain\ncaf"), 0xe9, ...Buffer.from(".example\n")];
    expect((await refusal(cp1252)).code).toBe("file.encoding");
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("url\nhttp://a.example/\n", "utf16le")]);
    expect((await refusal(utf16le)).code).toBe("file.encoding");
    const utf16be = Buffer.from([0xfe, 0xff, 0x00, 0x75, 0x00, 0x72, 0x00, 0x6c]);
    expect((await refusal(utf16be)).code).toBe("file.encoding");
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("url,comment\nhttp://a.example/,x\n")]);
    expect(records(await events(streamOf(bom)))).toEqual([{ type: "url", value: "http://a.example/", sourceObjectId: "line 2", note: "url" }]);
  });

  it("refuses a workbook, an old Office file, a PDF and a gzip archive as what they are, whole", async () => {
    const starts: [string, number[]][] = [
      ["a ZIP archive", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]],
      ["an Office file in the older format", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
      ["a PDF document", [...Buffer.from("%PDF-1.7\n"), 0xe2, 0xe3]],
      ["compressed with gzip", [0x1f, 0x8b, 0x08, 0x00]],
    ];
    for (const [said, bytes] of starts) {
      const error = await refusal(bytes);
      expect(error.code).toBe("file.binary");
      expect(error.message).toContain(`The file is ${said}`);
      expect(error.message).toContain("save or export what it holds as CSV (UTF-8) or JSON");
    }
  });

  it("reads a file whose first line names its separator, as Excel writes sep=; before the header", async () => {
    const semicolons = ["sep=;", "Indicator;Type;Opmerking", "203.0.113.130;ip;gezien"].join("\r\n");
    expect(records(await events(semicolons)).map((r) => [r.value, r.sourceObjectId])).toEqual([["203.0.113.130", "line 3"]]);
    // A comma named, though the values hold semicolons.
    const commas = ["sep=,", "url,note", "http://sep.example/a;b,x"].join("\n");
    expect(records(await events(commas)).map((r) => r.value)).toEqual(["http://sep.example/a;b"]);
    expect(refusals(await events(commas))).toEqual([]);
  });

  it.each([
    ["too many fields", "ip,comment\n1.2.3.4,a\n5.6.7.8,b,c\n", 3],
    ["too few fields", "ip,comment\n1.2.3.4,a\n5.6.7.8\n", 3],
    ["a quote inside an unquoted value", 'ip,comment\n1.2.3.4,a"b\n', 2],
    ["text after a closing quote", 'ip,comment\n"1.2.3.4"x,a\n', 2],
    ["a quote that is never closed", 'ip,comment\n1.2.3.4,a\n5.6.7.8,"b\nc\n', 3],
  ])("refuses ragged or broken rows (%s) with csv.malformed and the line", async (_name, file, line) => {
    const error = await refusal(file);
    expect(error.code).toBe("csv.malformed");
    expect(error.message).toMatch(new RegExp(`^Line ${line} `));
  });

  it("refuses a line longer than 64 KB, in a list and in a file without any line break", async () => {
    const long = `1.2.3.4\n${"a".repeat(MAX_LINE_BYTES + 1)}\n`;
    const error = await refusal(long);
    expect(error.code).toBe("csv.malformed");
    expect(error.message).toMatch(/^Line 2 /);
    // Fed in small chunks without a newline: refused once past the limit, not at the end.
    const endless = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 0x61));
      },
    });
    expect((await refusal(endless)).code).toBe("csv.malformed");
    // Exactly at the limit is still a line.
    const fits = await events(`${"a".repeat(MAX_LINE_BYTES)}\n1.2.3.4\n`);
    expect(records(fits).map((r) => r.value)).toEqual(["1.2.3.4"]);
    expect(refusals(fits).map((r) => r.code)).toEqual(["indicator.too_long"]);
  });

  it("documents the columns it takes by default", () => {
    for (const name of ["sha256_hash", "md5_hash", "sha1_hash", "url", "domain", "ip", "ip_address", "indicator", "value", "ioc"]) {
      expect(KNOWN_COLUMNS).toContain(name);
    }
  });
});

describe("parseCsv on a feed of command-and-control endpoints (address:port)", () => {
  it("takes the address of each endpoint with its port in the note, as ThreatFox lists ip:port; a port out of range is refused", async () => {
    const file = [
      "################################################################",
      "# ThreatFox IOCs: recent                                       #",
      '# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","malware_printable","confidence_level"',
      '"2026-12-01 10:00:00", "1001", "198.51.100.44:8443", "ip:port", "botnet_cc", "Cobalt Strike", "100"',
      '"2026-12-01 10:01:00", "1002", "[2001:DB8::44]:443", "ip:port", "botnet_cc", "Sliver", "75"',
      '"2026-12-01 10:02:00", "1003", "c2.threatfox.example", "domain", "botnet_cc", "Sliver", "75"',
      '"2026-12-01 10:03:00", "1004", "198.51.100.45:70000", "ip:port", "botnet_cc", "Sliver", "75"',
    ].join("\n");
    const all = await events(file);
    expect(records(all).map((r) => [r.type, r.value, r.note, r.sourceObjectId])).toEqual([
      ["ipv4", "198.51.100.44", "ioc_value; port 8443", "line 4"],
      ["ipv6", "2001:db8::44", "ioc_value; port 443", "line 5"],
      ["domain", "c2.threatfox.example", "ioc_value", "line 6"],
    ]);
    expect(refusals(all).map((r) => [r.code, r.example])).toEqual([["indicator.url_without_scheme", "198.51.100.45:70000"]]);
    // A plain list of endpoints too.
    expect(records(await events("203.0.113.77:4444\n")).map((r) => [r.value, r.note])).toEqual([["203.0.113.77", "port 4444"]]);
  });
});

describe("parseCsv on MISP's CSV export", () => {
  const header = "uuid,event_id,category,type,value,comment,to_ids,date,object_relation,attribute_tag,object_uuid,object_name,object_meta_category";
  const row = (type: string, value: string, more: { comment?: string; toIds?: string; tags?: string; category?: string } = {}) =>
    `5c0e3b8e-0001-4c6e-9f2e-0a0a0a0a0a01,1,${more.category ?? "Network activity"},${type},${value},${more.comment ?? ""},${more.toIds ?? "1"},1544437400,,${more.tags ?? ""},,,`;

  it("reads each value by its attribute type, as MISP's JSON is read: both halves of domain|ip, the address of ip-dst|port, the hash of filename|sha256", async () => {
    const sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const file = [
      header,
      row("ip-dst", "203.0.113.90", { comment: "C2 server", tags: '"tlp:red,admiralty-scale:source-reliability=""b"""' }),
      row("ip-dst|port", "203.0.113.91|8443"),
      row("filename|sha256", `invoice.exe|${sha256}`, { category: "Payload delivery" }),
      row("domain|ip", "csv-c2.example|203.0.113.92"),
      row("hostname|port", "csv-host.example|443", { toIds: "0" }),
    ].join("\n");
    const all = await events(file, { tlp: "GREEN" });
    expect(refusals(all)).toEqual([]);
    expect(records(all).map((r) => [r.type, r.value, r.tlp, r.reliability, r.note, r.sourceObjectId])).toEqual([
      ["ipv4", "203.0.113.90", "RED", "B6", "to_ids=true; category=Network activity; comment=C2 server", "line 2"],
      ["ipv4", "203.0.113.91", "GREEN", undefined, "to_ids=true; category=Network activity", "line 3"],
      ["sha256", sha256, "GREEN", undefined, "to_ids=true; category=Payload delivery", "line 4"],
      ["domain", "csv-c2.example", "GREEN", undefined, "to_ids=true; category=Network activity", "line 5"],
      ["ipv4", "203.0.113.92", "GREEN", undefined, "to_ids=true; category=Network activity", "line 5"],
      ["domain", "csv-host.example", "GREEN", undefined, "to_ids=false; category=Network activity", "line 6"],
    ]);
  });

  it("refuses a report's link, a file name and text by their type, where read as plain values they were a URL and domains", async () => {
    const file = [header, row("link", "https://blog.example/report", { category: "External analysis" }), row("filename", "dropper.example.exe"), row("text", "agent.example"), row("ip-dst", "csv-c2.example"), row("", "203.0.113.93")].join("\n");
    const all = await events(file);
    expect(records(all)).toEqual([]);
    expect(refusals(all).map((r) => [r.code, r.example])).toEqual([
      ["misp.unsupported_type", "https://blog.example/report"],
      ["misp.unsupported_type", "dropper.example.exe"],
      ["misp.unsupported_type", "agent.example"],
      ["misp.type_mismatch", "csv-c2.example"],
      ["misp.invalid_attribute", "203.0.113.93"],
    ]);
    expect(refusals(all)[0].reason).toContain('type "link"');
  });

  it("reads a CSV with a type column that is not MISP's export as before: every value by what it is", async () => {
    const all = await events(["indicator,type,comment", "203.0.113.94,ip,seen", "evil-y.example,domain,"].join("\n"));
    expect(records(all).map((r) => [r.type, r.value])).toEqual([
      ["ipv4", "203.0.113.94"],
      ["domain", "evil-y.example"],
    ]);
  });
});

describe("parseCsv on a 100 MB generated feed", () => {
  it("streams it with bounded memory", { timeout: 300_000 }, async () => {
    const TARGET = 100 * 1024 * 1024;
    let rows = 0;
    let produced = 0;
    function* feed(): Generator<Buffer> {
      yield Buffer.from("first_seen_utc,url,sha256_hash,reporter\n");
      while (produced < TARGET) {
        const lines: string[] = [];
        for (let i = 0; i < 2000; i++, rows++) {
          lines.push(`2026-02-26 13:41:09,http://host${rows}.example/payload.sh,${rows.toString(16).padStart(64, "0")},abuse_ch\n`);
        }
        const chunk = Buffer.from(lines.join(""));
        produced += chunk.length;
        yield chunk;
      }
    }
    // What the parser holds, not garbage it left: the heap is measured after a collection, since
    // how much garbage piles up between collections depends on what ran before in this worker.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    let refused = 0;
    for await (const event of parseCsv(Readable.from(feed()))) {
      if (event.kind === "refused") refused++;
      // Sampled: a collection per event would cost more than the parsing.
      if (++count % 100_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    const growthMb = (peak - before) / 1024 / 1024;
    console.log(`100 MB feed: ${(produced / 1024 / 1024).toFixed(1)} MB, ${rows} rows, ${count} records, peak live heap growth ${growthMb.toFixed(1)} MB`);
    expect(refused).toBe(0);
    expect(count).toBe(rows * 2);
    expect(growthMb).toBeLessThan(150);
  });
});

describe("parseCsv keeps the labels a row carries (the bot's own export, issue 16)", () => {
  const stored = (id: number, type: string, value: string, tlp: string, reliability: string) =>
    ({ id, type, value, tlp, reliability, submittedAt: new Date("2026-11-30T09:00:00Z"), legalBasis: "Wiv 2017", sourceRef: null, note: null }) as StoredItem;

  it("reads back every item of its own export with its TLP and reliability: RED stays RED", async () => {
    const items = [
      stored(1, "domain", "red.example", "RED", "A1"),
      stored(2, "ipv4", "198.51.100.7", "AMBER+STRICT", "B2"),
      stored(3, "url", "http://clear.example/x", "CLEAR", "F6"),
      stored(4, "sha256", "a".repeat(64), "GREEN", "C3"),
      stored(5, "cve", "CVE-2021-44228", "AMBER", "E5"),
    ];
    let file = "";
    for await (const line of exportCsv(items)) file += line;
    const back = records(await events(file, { tlp: "GREEN" }));
    expect(back.map((r) => [r.type, r.value, r.tlp, r.reliability])).toEqual(items.map((i) => [i.type, i.value, i.tlp, i.reliability]));
  });

  it("labels the rows without a label of their own with the import's option, and reads labels in any case and with a TLP: prefix", async () => {
    const back = records(await events("value,tlp,reliability\n1.2.3.4,,\n5.6.7.8,tlp:red,b2\n9.9.9.9, Amber+Strict ,\n", { tlp: "CLEAR" }));
    expect(back.map((r) => [r.value, r.tlp, r.reliability])).toEqual([
      ["1.2.3.4", "CLEAR", undefined],
      ["5.6.7.8", "RED", "B2"],
      ["9.9.9.9", "AMBER+STRICT", undefined],
    ]);
  });

  it("refuses the values of a row whose label cannot be read, rather than share them under another, and takes the other rows", async () => {
    const all = await events("value,tlp,reliability\nkept.example,RED,A1\nlost.example,PURPLE,A1\nalso-lost.example,GREEN,Z9\n");
    expect(records(all).map((r) => r.value)).toEqual(["kept.example"]);
    expect(refusals(all).map((r) => [r.code, r.example, r.sourceObjectId])).toEqual([
      ["csv.unreadable_label", "lost.example", "line 3"],
      ["csv.unreadable_label", "also-lost.example", "line 4"],
    ]);
    expect(refusals(all)[0].reason).toContain('The row\'s tlp "PURPLE" cannot be read (expected CLEAR, GREEN, AMBER, AMBER+STRICT or RED)');
    expect(say(translator("nl"), refusals(all)[1].why)).toContain('De reliability "Z9" van deze regel is onleesbaar (verwacht: een Admiraliteitscode zoals B2');
  });
});

describe("parseCsv on fingerprint feeds (issue 16)", () => {
  const SSLBL = [
    "################################################################",
    "# abuse.ch SSLBL SSL Certificate Blacklist (SHA1 Fingerprints) #",
    "# Last updated: 2026-12-01 08:00:00 UTC                        #",
    "################################################################",
    "#",
    "# Listingdate,SHA1,Listingreason",
    `2026-11-30 10:11:12,${"a1".repeat(20)},AsyncRAT C&C`,
    `2026-11-29 09:00:00,${"b2".repeat(20)},QakBot C&C`,
  ].join("\n");

  it("does not take a certificate blacklist's SHA-1 fingerprints as file hashes, and says why", async () => {
    const all = await events(SSLBL);
    expect(records(all)).toEqual([]);
    expect(refusals(all).map((r) => [r.code, r.example, r.sourceObjectId])).toEqual([
      ["csv.fingerprint_not_file_hash", "a1".repeat(20), "line 7"],
      ["csv.fingerprint_not_file_hash", "b2".repeat(20), "line 8"],
    ]);
    expect(refusals(all)[0].reason).toContain("certificate or client fingerprints");
  });

  it("does not take JA3 fingerprints of a plain list as MD5 file hashes, and takes the addresses of a fingerprint feed", async () => {
    const ja3 = await events(`# JA3 Fingerprints blacklist\n${"c3".repeat(16)}\n`);
    expect(records(ja3)).toEqual([]);
    expect(refusals(ja3).map((r) => r.code)).toEqual(["csv.fingerprint_not_file_hash"]);
    const ips = await events("# abuse.ch SSLBL botnet C2 IP blacklist, from SSL certificates\n# Firstseen,DstIP,DstPort\n2026-11-30 10:00:00,198.51.100.23,443\n", { columns: ["DstIP"] });
    expect(records(ips).map((r) => [r.type, r.value])).toEqual([["ipv4", "198.51.100.23"]]);
  });
});
