import { createHash } from "node:crypto";
import { GENESIS_HASH, hashEntry, type StoredAuditEntry } from "../audit/chain.js";
import { ARCHIVE_FORMAT, ARCHIVE_KINDS, ARCHIVE_VERSION, FIRST_SEAL, KIND_SINCE, READABLE_VERSIONS, openLine, sealOf, type ArchiveKind } from "./archive-format.js";

/** Lines longer than this are no lines the bot wrote; reading on would only fill memory. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** Problems kept to show; the rest are counted. */
const MAX_PROBLEMS = 50;

export interface ArchiveVerdict {
  ok: boolean;
  /** What is wrong, each naming the line (and the audit entry) it is about. */
  problems: string[];
  /** Problems found beyond those listed. */
  moreProblems: number;
  lines: number;
  counts: Record<ArchiveKind, number>;
  /** The head of the audit chain the archive claims, from its header. */
  head?: { seq: number; hash: string };
  exportedAt?: string;
  exportedBy?: string;
  /** SHA-256 of the file as read: compare it with the `oversight.exported` audit entry. */
  sha256: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
/** The record kinds an archive of this format version holds. */
const kindsOf = (version: number): readonly ArchiveKind[] => ARCHIVE_KINDS.filter((k) => (KIND_SINCE[k] ?? 1) <= version);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks an oversight archive from its bytes, without a database: on the oversight committee's
 * own machine. It re-verifies every line's seal, re-walks the audit chain inside the archive from
 * genesis to the head the header claims, checks the content digest and the counts in the trailer,
 * and says what is wrong where. A damaged file is a finding, never a crash.
 */
export async function verifyArchive(bytes: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): Promise<ArchiveVerdict> {
  const counts = Object.fromEntries(ARCHIVE_KINDS.map((k) => [k, 0])) as Record<ArchiveKind, number>;
  const file = createHash("sha256");
  const content = createHash("sha256");
  const problems: string[] = [];
  let moreProblems = 0;
  const problem = (text: string) => (problems.length < MAX_PROBLEMS ? problems.push(text) : moreProblems++);
  const decoder = new TextDecoder("utf-8", { fatal: true });

  let lineNo = 0;
  let stop = false;
  /** Seals the next line may continue from: the one stored on the line before, and the one its content gives. */
  let previous: string[] | undefined = [FIRST_SEAL];
  let header: { seq: number; hash: string } | undefined;
  let exported: { at?: string; by?: string } = {};
  let trailerAt = 0;
  let version = ARCHIVE_VERSION;
  let chain = { seq: 0, hash: GENESIS_HASH };
  let chainBroken = false;

  const readLine = (raw: Buffer) => {
    lineNo++;
    if (trailerAt) {
      problem(`line ${lineNo}: comes after the trailer (line ${trailerAt}); an archive ends at its trailer`);
      return;
    }
    let text: string;
    try {
      text = decoder.decode(raw);
    } catch {
      problem(`line ${lineNo}: is not valid UTF-8 text; the archive was changed after export`);
      previous = undefined;
      content.update(raw).update("\n");
      return;
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      problem(`line ${lineNo}: is not valid JSON (${(error as Error).message.slice(0, 120)}); the archive was changed after export`);
    }
    const opened = openLine(text);
    if (!opened) {
      if (record !== undefined) problem(`line ${lineNo}: has no seal (the digest each line ends with); the archive was changed after export`);
      previous = undefined;
    } else {
      const candidates: string[] = previous ?? [];
      const matched = candidates.find((p) => sealOf(p, opened.body) === opened.seal);
      if (previous && !matched && record !== undefined) {
        // Reported unless the audit check below names the same line more precisely.
        if (!(isObject(record) && record.kind === "audit" && auditProblem(record, true))) {
          problem(`line ${lineNo}: content does not match its seal; the line was changed after export`);
        }
      }
      const recomputed = sealOf(matched ?? candidates[0] ?? FIRST_SEAL, opened.body);
      previous = [...new Set([opened.seal, recomputed])];
    }
    if (lineNo === 1) {
      if (!isObject(record) || record.kind !== "header" || record.format !== ARCHIVE_FORMAT) {
        problem("line 1: is not the header of a CIIC oversight archive; this file is not one (or its first line was changed)");
        stop = true;
        return;
      }
      if (typeof record.version !== "number" || !READABLE_VERSIONS.includes(record.version)) {
        problem(`line 1: the archive has format version ${JSON.stringify(record.version)}; this tool reads versions ${READABLE_VERSIONS.join(" to ")} (it writes ${ARCHIVE_VERSION})`);
        stop = true;
        return;
      }
      version = record.version;
      const head = record.auditHead;
      if (!isObject(head) || !Number.isInteger(head.seq) || (head.seq as number) < 0 || typeof head.hash !== "string" || !HEX64.test(head.hash)) {
        problem("line 1: the header names no readable audit head (seq and hash)");
      } else header = { seq: head.seq as number, hash: head.hash };
      exported = { at: typeof record.exportedAt === "string" ? record.exportedAt : undefined, by: typeof record.exportedBy === "string" ? record.exportedBy : undefined };
      content.update(raw).update("\n");
      return;
    }
    if (isObject(record) && record.kind === "trailer") {
      trailerAt = lineNo;
      checkTrailer(record);
      return;
    }
    content.update(raw).update("\n");
    if (record === undefined) return;
    if (!isObject(record) || typeof record.kind !== "string" || !(kindsOf(version) as readonly string[]).includes(record.kind)) {
      problem(`line ${lineNo}: is no record kind an archive holds (${isObject(record) ? JSON.stringify(record.kind)?.slice(0, 40) : "not an object"})`);
      return;
    }
    counts[record.kind as ArchiveKind]++;
    if (record.kind === "audit") {
      const found = auditProblem(record, false);
      if (found) problem(`line ${lineNo}: ${found}`);
    }
  };

  /**
   * Checks one audit entry against the chain so far and moves the chain on. With `peek`, only
   * says whether the entry's own hash fails, without moving anything.
   */
  function auditProblem(record: Record<string, unknown>, peek: boolean): string | undefined {
    const { seq, at, actor, action, subject, details, prevHash, hash } = record;
    const wellFormed =
      Number.isInteger(seq) &&
      typeof at === "string" &&
      (actor === null || typeof actor === "string") &&
      typeof action === "string" &&
      (subject === null || typeof subject === "string") &&
      typeof details === "string" &&
      typeof prevHash === "string" &&
      typeof hash === "string";
    if (!wellFormed) return peek ? "malformed" : `audit entry ${Number.isInteger(seq) ? seq : "?"} is malformed (a field is missing or of the wrong kind); it was altered`;
    const when = new Date(at as string);
    let intact = false;
    if (!Number.isNaN(when.getTime())) {
      const entry: StoredAuditEntry = { seq: seq as number, at: when, actor: actor as string | null, action: action as string, subject: subject as string | null, details: details as string, prevHash: prevHash as string, hash: hash as string };
      intact = hashEntry(entry) === hash;
    }
    if (peek) return intact ? undefined : "altered";
    const n = seq as number;
    let found: string | undefined;
    if (n <= chain.seq) found = `audit entry ${n} appears again after entry ${chain.seq}; entries were duplicated or reordered`;
    else if (n !== chain.seq + 1) found = `audit entries ${chain.seq + 1} to ${n - 1} are missing: after entry ${chain.seq} comes entry ${n}`;
    else if (!intact) found = `audit entry ${n} was altered: its content no longer matches its hash`;
    else if (prevHash !== chain.hash && !chainBroken) found = `audit entry ${chain.seq} was altered or replaced: entry ${n} no longer links to it`;
    else if (header && n > header.seq) found = `audit entry ${n} lies beyond the head the archive claims (entry ${header.seq})`;
    chainBroken = found !== undefined && !intact;
    if (n > chain.seq) chain = { seq: n, hash: hash as string };
    return found;
  }

  function checkTrailer(record: Record<string, unknown>) {
    const where = `line ${lineNo} (trailer)`;
    if (!Number.isInteger(record.lines) || !isObject(record.counts) || typeof record.sha256 !== "string") {
      problem(`${where}: does not say how many lines and records the archive holds, or its digest`);
      return;
    }
    if (record.sha256 !== content.digest("hex")) problem(`${where}: the archive's content does not match the digest in its trailer; it was changed after export`);
    if (record.lines !== lineNo - 1) problem(`${where}: counts ${record.lines} lines before it, but the archive has ${lineNo - 1}; lines were added or removed`);
    for (const kind of kindsOf(version)) {
      const said = record.counts[kind];
      if (said !== counts[kind]) problem(`${where}: counts ${JSON.stringify(said)} ${kind} records, but the archive holds ${counts[kind]}`);
    }
  }

  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of bytes) {
    if (stop) break;
    let data = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    file.update(data);
    for (let nl = data.indexOf(10); nl !== -1 && !stop; nl = data.indexOf(10)) {
      pending.push(data.subarray(0, nl));
      readLine(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
      data = data.subarray(nl + 1);
    }
    pending.push(data);
    pendingBytes += data.length;
    if (pendingBytes > MAX_LINE_BYTES) {
      problem(`line ${lineNo + 1}: is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB without a line end; this is not an archive the bot wrote`);
      stop = true;
    }
  }
  if (!stop && pendingBytes > 0) {
    readLine(Buffer.concat(pending));
    problem(`line ${lineNo}: has no line end; the archive was cut short or changed`);
  }
  if (lineNo === 0) problem("the file is empty; it is not an oversight archive");
  if (!stop && lineNo > 0) {
    if (!trailerAt) problem(`the archive ends at line ${lineNo} without its trailer; it was cut short`);
    if (header) {
      if (chain.seq < header.seq) problem(`audit entries ${chain.seq + 1} to ${header.seq} are missing: the archive claims the audit log's head is entry ${header.seq}`);
      else if (chain.seq === header.seq && chain.hash !== header.hash) {
        problem(`the audit head the header claims (entry ${header.seq}, ${header.hash.slice(0, 12)}…) is not the archive's last audit entry (${chain.hash.slice(0, 12)}…); the header or the log was altered`);
      }
    }
  }
  return {
    ok: problems.length === 0 && moreProblems === 0,
    problems,
    moreProblems,
    lines: lineNo,
    counts,
    head: header,
    exportedAt: exported.at,
    exportedBy: exported.by,
    sha256: file.digest("hex"),
  };
}
