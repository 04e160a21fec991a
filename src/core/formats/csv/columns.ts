import { parse } from "csv-parse/sync";
import { displayToken } from "../../indicators/unsafe-characters.js";
import { MalformedFileError } from "../types.js";
import { csvOptions, type Delimiter } from "./csv-rows.js";
import { CSV_CODES } from "./errors.js";

/**
 * Header names whose cells are imported when the caller names no columns (compared without
 * case and surrounding blanks). Only names that hold one indicator per cell in the feeds the
 * cell receives: the generic ones (`indicator`, `ioc`, `value`, `observable`, ThreatFox's
 * `ioc_value`), addresses (`ip`, `ip_address`, `ipv4`, `ipv6`, Feodo Tracker's `dst_ip`),
 * `domain`, `hostname`, `url`, `email`, `cve`, and the hashes with and without MalwareBazaar's
 * `_hash` suffix. Anything else (names, tags, dates, links to the source's own site such as
 * URLhaus' `urlhaus_link`) would be noise or a wrong indicator, so it needs `columns`.
 */
export const KNOWN_COLUMNS: readonly string[] = Object.freeze([
  "indicator",
  "ioc",
  "ioc_value",
  "value",
  "observable",
  "ip",
  "ip_address",
  "ipv4",
  "ipv6",
  "dst_ip",
  "domain",
  "hostname",
  "url",
  "email",
  "cve",
  "md5",
  "md5_hash",
  "sha1",
  "sha1_hash",
  "sha256",
  "sha256_hash",
]);

export const columnKey = (name: string): string => name.trim().toLowerCase();

/**
 * The fields of a line when it reads as a CSV header that names at least one wanted column;
 * undefined otherwise (a plain indicator, prose in a comment, a line csv-parse cannot read).
 */
export function readHeader(text: string, wanted: ReadonlySet<string>, minFields: number, delimiter: Delimiter = ","): string[] | undefined {
  let records: string[][];
  try {
    records = parse(text, csvOptions(delimiter));
  } catch {
    return undefined;
  }
  const fields = records.length === 1 ? records[0].map((field) => field.trim()) : [];
  if (fields.length < minFields || !fields.some((field) => wanted.has(columnKey(field)))) return undefined;
  return fields;
}

export interface Column {
  index: number;
  /** As the header spells it; kept as the record's note. */
  name: string;
}

/** The header's columns to import: those named by the caller, else the known indicator columns. */
export function selectColumns(header: readonly string[], requested: readonly string[] | undefined): Column[] {
  const all = header.map((name, index) => ({ name, index }));
  if (!requested || requested.length === 0) {
    const known = new Set(KNOWN_COLUMNS);
    return all.filter((column) => known.has(columnKey(column.name)));
  }
  const present = new Set(header.map(columnKey));
  const missing = requested.filter((name) => !present.has(columnKey(name)));
  if (missing.length > 0) {
    throw new MalformedFileError(
      CSV_CODES.unknownColumn,
      `The file has no column ${list(missing)}; its columns are ${list(header)}.`,
    );
  }
  const wanted = new Set(requested.map(columnKey));
  return all.filter((column) => wanted.has(columnKey(column.name)));
}

/** Columns were named, but the file is a plain list without a header line to find them in. */
export function noHeader(requested: readonly string[]): MalformedFileError {
  return new MalformedFileError(
    CSV_CODES.unknownColumn,
    `The file has no column ${list(requested)}: it has no header line naming columns, so it is read as a plain list with one value a line.`,
  );
}

// Names come from the file or the user: shown escaped and shortened, and at most 30 of them.
const list = (names: readonly string[]): string => {
  const shown = names.slice(0, 30).map((name) => `"${displayToken(name)}"`);
  return shown.join(", ") + (names.length > 30 ? ` and ${names.length - 30} more` : "");
};
