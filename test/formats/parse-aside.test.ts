import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAside } from "../../src/core/formats/parse-aside.js";
import { parseFile, type FileToParse } from "../../src/core/formats/parse-file.js";
import type { FileFormat, ParseEvent } from "../../src/core/formats/types.js";

/**
 * A large file is parsed in a worker thread (parse-aside.ts): the import must not be able to tell
 * the difference, in what it reads, in what it is refused, or in when it stops reading.
 */
const tmp = mkdtempSync(join(tmpdir(), "ciic-aside-"));
const PUBLIC = "test/fixtures/public";
const fileOf = (path: string, format: FileFormat): FileToParse => ({ path, format, options: {} });

async function read(batches: AsyncGenerator<ParseEvent[]>): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const batch of batches) events.push(...batch);
  return events;
}

async function refusal(batches: AsyncGenerator<ParseEvent[]>) {
  let read = 0;
  try {
    for await (const batch of batches) read += batch.length;
  } catch (error) {
    const e = error as { code?: string; message: string; why?: unknown };
    return { read, code: e.code, message: e.message, why: e.why };
  }
  throw new Error("the file was not refused");
}

describe("parsing a file in a thread of its own", () => {
  it.each([
    ["stix", `${PUBLIC}/stix21/oasis_apt1.json`],
    ["stix", `${PUBLIC}/stix21/misp-stix_test_objects_collection_stix21.json`],
    ["misp", `${PUBLIC}/misp/pymisp_osint_hidden_cobra_fallchill.json`],
    ["csv", `${PUBLIC}/csv/abusech_malwarebazaar_dump_20260226_sample.csv`],
  ] as const)("gives the records and refusals of %s file %s exactly as parsing it here does", async (format, path) => {
    const here = await read(parseFile(fileOf(path, format)));
    const aside = await read(parseAside(fileOf(path, format), { sourcePrefix: "unused" }));
    expect(here.length).toBeGreaterThan(0);
    expect(aside).toEqual(here);
  });

  it("refuses a file cut off halfway with the same reason, after the same records", async () => {
    const path = join(tmp, "cut.json");
    const objects = Array.from({ length: 3000 }, (_, i) => `{"type":"indicator","spec_version":"2.1","id":"indicator--${String(i).padStart(8, "0")}-0000-4000-8000-000000000000","created":"2026-11-01T00:00:00.000Z","modified":"2026-11-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '10.7.${i >> 8}.${i & 255}']","pattern_type":"stix","valid_from":"2026-11-01T00:00:00Z"}`);
    const text = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[${objects.join(",\n")}]}`;
    writeFileSync(path, text.slice(0, Math.floor(text.length * 0.7)));
    const here = await refusal(parseFile(fileOf(path, "stix")));
    const aside = await refusal(parseAside(fileOf(path, "stix"), { sourcePrefix: "unused" }));
    expect(here.code).toBe("file.malformed_json");
    expect(aside).toEqual(here);
  });

  it("refuses a CSV formula far into the file as parsing it here does, with the reason in the member's words", async () => {
    const path = join(tmp, "late-formula.csv");
    writeFileSync(path, `indicator\n${Array.from({ length: 20_000 }, (_, i) => `10.98.${i >> 8}.${i & 255}`).join("\n")}\n=cmd|' /C calc'!A0\n`);
    const here = await refusal(parseFile(fileOf(path, "csv")));
    const aside = await refusal(parseAside(fileOf(path, "csv"), { sourcePrefix: "unused" }));
    expect(here.code).toBe("csv.formula_injection");
    expect(aside).toEqual(here);
    expect(aside.why).toBeDefined();
  });

  it("stops when the import stops reading, and a file read after it is read whole", async () => {
    const path = join(tmp, "long.csv");
    writeFileSync(path, `indicator\n${Array.from({ length: 50_000 }, (_, i) => `10.97.${i >> 8}.${i & 255}`).join("\n")}\n`);
    let batches = 0;
    for await (const _ of parseAside(fileOf(path, "csv"), { sourcePrefix: "unused" })) if (++batches === 2) break;
    expect(batches).toBe(2);
    expect(await read(parseAside(fileOf(path, "csv"), { sourcePrefix: "unused" }))).toHaveLength(50_000);
  });
});
