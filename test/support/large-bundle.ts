import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";

/** A hex digest of the n-th made-up file, as the bundle's file objects carry it. */
export const fileHash = (algorithm: "md5" | "sha256", n: number) => createHash(algorithm).update(`file ${n}`).digest("hex");

/**
 * A STIX 2.1 bundle of `count` indicators, about 300 bytes each (4,000 make 1.2 MB, over the size
 * from which an import parses on a thread of its own): addresses 10.6.x.y, URLs written unlike
 * their normal form, the MD5 and SHA-256 of one file ANDed, subdomains; each named
 * "Indicator number n" with a confidence, which go into its note.
 */
export function writeLargeBundle(path: string, count = 4000): void {
  const patterns = (i: number) =>
    [
      `[ipv4-addr:value = '10.6.${i >> 8}.${i & 255}']`,
      `[url:value = 'HTTP://Host-${i}.Example.org/Path?q=${i}']`,
      `[file:hashes.MD5 = '${fileHash("md5", i)}' AND file:hashes.'SHA-256' = '${fileHash("sha256", i)}']`,
      `[domain-name:value = 'sub.zone-${i}.example.net']`,
    ][i % 4];
  const objects = Array.from(
    { length: count },
    (_, i) =>
      `{"type":"indicator","spec_version":"2.1","id":"indicator--${String(i).padStart(8, "0")}-0000-4000-8000-000000000000","created":"2026-11-01T00:00:00.000Z","modified":"2026-11-01T00:00:00.000Z","name":"Indicator number ${i}","pattern":"${patterns(i)}","pattern_type":"stix","valid_from":"2026-11-0${1 + (i % 9)}T00:00:00Z","confidence":${i % 100}}`,
  );
  writeFileSync(path, `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[\n${objects.join(",\n")}\n]}`);
}
