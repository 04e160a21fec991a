import { createWriteStream } from "node:fs";
import { once } from "node:events";

/** Deterministic, distinct, valid indicators: IPv4 addresses, domains and SHA-256 hashes in turn. */
export function indicator(i: number): { type: "ipv4" | "domain" | "sha256"; value: string } {
  switch (i % 3) {
    case 0:
      return { type: "ipv4", value: `${11 + ((i >> 24) & 0x7f)}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
    case 1:
      return { type: "domain", value: `host-${i.toString(36)}.bench-${i % 97}.example` };
    default: {
      const hex = (i * 2654435761 >>> 0).toString(16).padStart(8, "0");
      return { type: "sha256", value: hex.repeat(8) };
    }
  }
}

export async function writeLines(path: string, lines: Iterable<string>) {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

const PATHS = { ipv4: "ipv4-addr:value", domain: "domain-name:value", sha256: "file:hashes.'SHA-256'" } as const;

/** A STIX 2.1 bundle of `count` indicators, TLP 2.0 AMBER by reference, written as a stream. */
export async function writeStixBundle(path: string, count: number, offset = 0) {
  function* lines() {
    yield '{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[\n';
    for (let n = 0; n < count; n++) {
      const { type, value } = indicator(offset + n);
      const id = `indicator--${(offset + n).toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
      yield `${n ? "," : ""}{"type":"indicator","spec_version":"2.1","id":"${id}","created":"2026-11-01T00:00:00.000Z","modified":"2026-11-01T00:00:00.000Z","pattern":"[${PATHS[type]} = '${value}']","pattern_type":"stix","valid_from":"2026-11-01T00:00:00Z","confidence":70,"object_marking_refs":["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"]}\n`;
    }
    yield "]}\n";
  }
  await writeLines(path, lines());
}

/** A CSV feed of `count` indicators with a header naming the column. */
export async function writeCsv(path: string, count: number, offset = 0) {
  function* lines() {
    yield "indicator\n";
    for (let n = 0; n < count; n++) yield `${indicator(offset + n).value}\n`;
  }
  await writeLines(path, lines());
}
