import { createHash } from "node:crypto";

/**
 * The oversight archive (Wiv 2017: the CTIVD sees all data and all logs) is JSON Lines: one
 * record a line, a header first, a trailer last. Each line ends with its `seal`: the SHA-256 of
 * the previous line's seal and this line's text before the seal, so that a change to any byte
 * names the line it is on, and a removed or reordered line breaks the seals after it.
 *
 *   {"kind":"header","format":"ciic-oversight-archive","version":1,…,"auditHead":{"seq":57,"hash":"…"},"seal":"…"}
 *   {"kind":"item","id":1,…,"seal":"…"}
 *   …
 *   {"kind":"audit","seq":57,…,"seal":"…"}
 *   {"kind":"trailer","lines":1233,"counts":{…},"sha256":"<digest of every byte before the trailer>","seal":"…"}
 */
export const ARCHIVE_FORMAT = "ciic-oversight-archive";
export const ARCHIVE_VERSION = 3;
/**
 * Versions this tool reads: version 1 was written before rounds and consultations were archived;
 * version 2 before the store sealed texts. From version 3 an audit line carries `details` as the
 * chain hashed it (sealed strings and all, so that it verifies) and `readable`: the same with those
 * strings opened, and "[destroyed]" where an item they named was let go (storage/sealing).
 */
export const READABLE_VERSIONS: readonly number[] = [1, 2, 3];
export const FIRST_SEAL = "0".repeat(64);

/** Record kinds in the order the archive lists them, between its header and its trailer. */
export const ARCHIVE_KINDS = [
  "directory",
  "item",
  "analysis",
  "request",
  "ask",
  "provision",
  "meeting",
  "reminder",
  "round",
  "roundAsk",
  "consultation",
  "consultationNote",
  "audit",
] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

/**
 * The format version that first holds each kind. An archive of an earlier version has no such
 * records and no count for them in its trailer; that is no finding.
 */
export const KIND_SINCE: Partial<Record<ArchiveKind, number>> = { round: 2, roundAsk: 2, consultation: 2, consultationNote: 2 };

const seal = (previous: string, body: string) => createHash("sha256").update(previous).update(body).digest("hex");

/** One record as a sealed line (with its line end). `record` must not hold a `seal` of its own. */
export function sealLine(previous: string, record: Record<string, unknown>): { text: string; seal: string } {
  const json = JSON.stringify(record);
  const body = json.slice(0, -1); // without the closing brace: the seal goes in before it
  const digest = seal(previous, body);
  return { text: `${body},"seal":"${digest}"}\n`, seal: digest };
}

const SEALED = /^(\{[\s\S]*),"seal":"([0-9a-f]{64})"\}$/;

/** The text a line's seal covers and the seal it carries, if the line ends as sealed lines do. */
export function openLine(line: string): { body: string; seal: string } | undefined {
  const match = SEALED.exec(line);
  return match ? { body: match[1], seal: match[2] } : undefined;
}

export const sealOf = seal;
