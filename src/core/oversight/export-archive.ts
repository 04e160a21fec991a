import { createHash } from "node:crypto";
import type { AuditEvent } from "../audit/chain.js";
import type { AuditReads } from "../ports.js";
import { ARCHIVE_FORMAT, ARCHIVE_KINDS, ARCHIVE_VERSION, FIRST_SEAL, sealLine, type ArchiveKind } from "./archive-format.js";
import type { RecordReads } from "./record-port.js";

const PAGE = 5000;

export interface ArchiveMeta {
  exportedAt: Date;
  /** Member id, or "cli:<user>" for the command-line tool. */
  exportedBy: string;
  /** "cli", or the chat platform the auditor asked on. */
  via: string;
}

export interface ArchiveSummary {
  lines: number;
  bytes: number;
  /** SHA-256 of the whole archive file, trailer included: compare it with `sha256sum`. */
  sha256: string;
  counts: Record<ArchiveKind, number>;
  head: { seq: number; hash: string };
}

/**
 * Writes the whole record as a sealed JSON Lines archive, a page at a time, so that a cell of a
 * million items is streamed, never held. The audit log goes in up to the head as it stood when
 * the export began, and the tables up to their last row then: the archive shows the record as of
 * that head. (Requests and asks still change state while a long export runs; the audit log up to
 * the head records every change before it.) `summary()` is complete once the chunks are.
 */
export function createArchive(source: { record: RecordReads; audit: AuditReads }, meta: ArchiveMeta) {
  const counts = Object.fromEntries(ARCHIVE_KINDS.map((k) => [k, 0])) as Record<ArchiveKind, number>;
  const file = createHash("sha256");
  const content = createHash("sha256");
  let previous = FIRST_SEAL;
  let lines = 0;
  let bytes = 0;
  let head = { seq: 0, hash: "" };

  const line = (record: Record<string, unknown>, trailer = false): string => {
    const sealed = sealLine(previous, record);
    previous = sealed.seal;
    lines++;
    bytes += Buffer.byteLength(sealed.text);
    file.update(sealed.text);
    if (!trailer) content.update(sealed.text);
    return sealed.text;
  };

  async function* pages<T>(kind: ArchiveKind, last: number, read: (after: number) => Promise<T[]>, key: (row: T) => number): AsyncGenerator<string> {
    for (let after = 0; after < last; ) {
      const rows = await read(after);
      if (rows.length === 0) return;
      for (const row of rows) {
        if (key(row) > last) return;
        counts[kind]++;
        yield line({ kind, ...row });
      }
      after = key(rows[rows.length - 1]);
    }
  }

  async function* chunks(): AsyncGenerator<string> {
    const { record, audit } = source;
    head = await audit.head();
    const extent = await record.extent();
    yield line({
      kind: "header",
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      exportedAt: meta.exportedAt.toISOString(),
      exportedBy: meta.exportedBy,
      via: meta.via,
      auditHead: head,
      basis: "Wiv 2017: the oversight committee (CTIVD) sees all data and all logs; CIIC covenant Art 3",
    });
    yield* pages("directory", extent.directories.last, (a) => record.directoryPage(a, 100), (d) => d.version);
    yield* pages("item", extent.items.last, (a) => record.itemPage(a, PAGE), (i) => i.id);
    yield* pages("analysis", extent.analyses.last, (a) => record.analysisPage(a, PAGE), (r) => r.id);
    yield* pages("request", extent.requests.last, (a) => record.requestPage(a, PAGE), (r) => r.id);
    yield* pages("ask", extent.asks.last, (a) => record.askPage(a, PAGE), (r) => r.id);
    yield* pages("provision", extent.provisions.last, (a) => record.provisionPage(a, PAGE), (r) => r.id);
    yield* pages("meeting", extent.meetings.last, (a) => record.meetingPage(a, PAGE), (r) => r.id);
    for (const reminder of await record.reminders()) {
      counts.reminder++;
      yield line({ kind: "reminder", ...reminder });
    }
    // A round's own `kind` (comms or amendment) would take the place of the line's kind.
    const rounds = async (after: number) => (await record.roundPage(after, PAGE)).map(({ kind: roundKind, ...round }) => ({ ...round, roundKind }));
    yield* pages("round", extent.rounds.last, rounds, (r) => r.id);
    yield* pages("roundAsk", extent.roundAsks.last, (a) => record.roundAskPage(a, PAGE), (r) => r.id);
    yield* pages("consultation", extent.consultations.last, (a) => record.consultationPage(a, PAGE), (r) => r.id);
    yield* pages("consultationNote", extent.consultationNotes.last, (a) => record.consultationNotePage(a, PAGE), (r) => r.id);
    for await (const entry of audit.entries(1)) {
      if (entry.seq > head.seq) break;
      counts.audit++;
      yield line({ kind: "audit", ...entry });
    }
    yield line({ kind: "trailer", lines, counts: { ...counts }, sha256: content.digest("hex") }, true);
  }

  let sha256: string | undefined;
  return {
    chunks,
    summary(): ArchiveSummary {
      sha256 ??= file.digest("hex");
      return { lines, bytes, sha256, counts: { ...counts }, head };
    },
  };
}

/** The one audit entry an export makes: what it holds, the head it carries, its digest. */
export function exportedEvent(actor: string, via: string, summary: ArchiveSummary): AuditEvent {
  return {
    action: "oversight.exported",
    actor,
    subject: `audit:${summary.head.seq}`,
    details: { via, lines: summary.lines, bytes: summary.bytes, counts: summary.counts, sha256: summary.sha256, head: summary.head },
  };
}
