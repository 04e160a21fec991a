import type { TlpLabel } from "../../covenant/tlp.js";
import { fileHashOf } from "../../relations/relation-key.js";
import { classify, refang, type Indicator } from "../../indicators/index.js";
import { displayToken } from "../../indicators/unsafe-characters.js";
import { phrase } from "../../i18n/phrase.js";
import { fileDate, importRefusal, MalformedFileError, type ImportRecord, type ParseEvent } from "../types.js";
import { unneutralised } from "./csv-cell.js";
import { CSV_CODES } from "./errors.js";

// OWASP "CSV Injection": a spreadsheet may run a cell that starts with =, +, -, @, a tab or a
// carriage return as a formula. Leading spaces are skipped first because some spreadsheets trim
// them before deciding. Such a file is refused outright rather than cleaned: a feed that carries
// one is hostile or broken, and nobody should open it in a spreadsheet or store anything from it.
const FORMULA_START = /^ *[=+\-@\t\r]/;
// The exceptions cannot carry a formula: a plain negative number such as "-1" or "-0.5", and a
// lone "-", which feeds write for "no value". Anything else after a minus is refused, including
// "-abc.example": Excel reads "-abc" as the formula "=-abc", and no domain starts with a hyphen.
const HARMLESS = /^ *-(?:\d+(?:[.,]\d+)?)?$/;

/** Throws csv.formula_injection when a cell would be run as a formula; every cell is checked. */
export function checkFormula(cell: string, line: number, column?: string): void {
  if (!FORMULA_START.test(cell) || HARMLESS.test(cell)) return;
  throw column === undefined
    ? MalformedFileError.of(CSV_CODES.formulaInjection, "formats.file.formula", { line })
    : MalformedFileError.of(CSV_CODES.formulaInjection, "formats.file.formula_in_column", { line, column: displayToken(column) });
}

// How feeds write "no value" (MalwareBazaar writes "n/a", and "None" in its last row). These are
// skipped without a refusal: they say nothing is there, so there is nothing to report.
const PLACEHOLDERS = new Set(["", "-", "n/a", "na", "none", "null"]); // at most 4 characters

/** The labels a row's values take: from the row's own label columns, else the import's options. */
export interface RowLabels {
  tlp?: TlpLabel;
  reliability?: string;
  /** What the bot's own export wrote of the item's provenance (export-csv.ts). */
  legalBasis?: string;
  sourceRef?: string;
  note?: string;
  /** The file a hash came with other hashes of (the export's `same_file` column). */
  sameFile?: string;
  /** When the source first saw the row's values (the export's `first_seen` column). */
  firstSeen?: string;
}

/**
 * One cell to import: a record, a refusal with classify's own code and reason, or nothing for
 * an empty cell. Feeds are often defanged ("hxxp://evil[.]example"), so the cell is refanged
 * first; the refusal example shows the cell as the feed wrote it. A cell that a CSV writer
 * neutralised with an apostrophe (the bot's own exports do) is read without it.
 */
export function cellEvent(cell: string, line: number, column: string | undefined, labels: RowLabels): ParseEvent | undefined {
  const text = unneutralised(cell).trim();
  if (text.length <= 4 && PLACEHOLDERS.has(text.toLowerCase())) return undefined;
  const sourceObjectId = `line ${line}`;
  const refanged = refang(text);
  const read = classify(refanged);
  const atPort = read.ok ? undefined : endpoint(refanged);
  if (!read.ok && !atPort) {
    return { kind: "refused", refusal: importRefusal(read.code, read.why, displayToken(text), sourceObjectId) };
  }
  const { type, value, supplied } = read.ok ? read.indicator : atPort!.address;
  const record: ImportRecord = { type, value, sourceObjectId, ...(supplied ? { supplied } : {}) };
  if (labels.tlp) record.tlp = labels.tlp;
  if (labels.reliability) record.reliability = labels.reliability;
  if (labels.legalBasis) record.legalBasis = labels.legalBasis;
  if (labels.sourceRef) record.sourceRef = labels.sourceRef;
  const firstSeen = fileDate(labels.firstSeen);
  if (firstSeen) record.firstSeen = firstSeen;
  const sameFile = HASH_TYPES.has(type) ? fileHashOf(labels.sameFile) : undefined;
  if (sameFile) record.sameFile = sameFile;
  // A legal basis marks the bot's own export: the note column (or none) is the item's note.
  const note = labels.note ?? (column !== undefined && !labels.legalBasis ? column : undefined);
  const noted = [note, atPort && `port ${atPort.port}`].filter(Boolean).join("; ");
  if (noted) record.note = noted;
  return { kind: "record", record };
}

/** "203.0.113.5:443", "[2001:db8::1]:443": an address and a port. */
const ADDRESS_PORT = /^(?:(\d{1,3}(?:\.\d{1,3}){3})|\[([0-9a-f:.]+)\]):(\d{1,5})$/i;

/**
 * An address with its port, as feeds of command-and-control servers list their endpoints
 * (ThreatFox's `ip:port`): the address is the indicator the cell compares, and the port goes in
 * its note, as MISP's `ip-dst|port` is read. Typed into a submission such a value is refused with
 * a hint instead; a feed's lines cannot be corrected one by one.
 */
function endpoint(text: string): { address: Indicator; port: number } | undefined {
  const m = ADDRESS_PORT.exec(text);
  if (!m) return undefined;
  const port = Number(m[3]);
  const address = classify(m[1] ?? m[2]);
  if (port < 1 || port > 65535 || !address.ok || (address.indicator.type !== "ipv4" && address.indicator.type !== "ipv6")) return undefined;
  return { address: address.indicator, port };
}

/**
 * Feeds of TLS certificate fingerprints (abuse.ch SSLBL: "SSL Certificate Blacklist (SHA1
 * Fingerprints)") and JA3 client fingerprints write hashes that are no file's: stored as MD5,
 * SHA-1 or SHA-256 items they would match files they have nothing to do with. The file says what
 * it holds in its comments before the data.
 */
export const FINGERPRINT_FEED = /\b(certificates?|fingerprints?|x\.?509|ja3s?)\b/i;
const HASH_TYPES: ReadonlySet<string> = new Set(["md5", "sha1", "sha256"]);

/** A hash from a fingerprint feed, refused for what it is; any other event as it was. */
export function notAFileHash(event: ParseEvent | undefined): ParseEvent | undefined {
  if (event?.kind !== "record" || !HASH_TYPES.has(event.record.type)) return event;
  const { value, sourceObjectId } = event.record;
  return { kind: "refused", refusal: importRefusal("csv.fingerprint_not_file_hash", phrase("formats.refused.csv_fingerprint"), value, sourceObjectId) };
}
