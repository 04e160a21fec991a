import type { Readable } from "node:stream";
import type { TlpLabel } from "../../covenant/tlp.js";
import { guardedUtf8 } from "../guard.js";
import type { ParseEvent } from "../types.js";
import { checkFormula, FINGERPRINT_FEED } from "./cells.js";
import { columnKey, KNOWN_COLUMNS, noHeader, readHeader, selectColumns } from "./columns.js";
import { CsvReader } from "./csv-reader.js";
import { DELIMITERS, type Delimiter } from "./csv-rows.js";
import { LineSplitter, type Line } from "./lines.js";
import { TextReader } from "./plain-text.js";

export { KNOWN_COLUMNS } from "./columns.js";
export { CSV_CODES } from "./errors.js";
export { MAX_LINE_BYTES } from "./lines.js";

export interface ParseCsvOptions {
  /** Header columns to import; without it, every column named in KNOWN_COLUMNS. */
  columns?: string[];
  /** Label for every record: CSV and plain lists carry none of their own. */
  tlp?: TlpLabel;
}

type Reader = CsvReader | TextReader;

/** Excel's first line naming the separator of the file it saved (`sep=;`, `sep=,`, a tab). */
const SEPARATOR_LINE = /^\ufeff?sep=([,;\t])\s*$/i;

/**
 * Reads a CSV feed or a plain list of indicators, one event per value, without holding the file.
 *
 * The layout is decided at the first line that is neither blank nor a `#` comment (nor the
 * `sep=;` line Excel may write first, whose separator is then the file's):
 * - that line is a CSV header when it names a known (or requested) column;
 * - otherwise, the last comment line before it is the header when it holds at least two
 *   comma-separated fields naming one: MalwareBazaar's dump writes `# "first_seen_utc",…`;
 * - otherwise the file is a plain list, one value a line.
 *
 * Records carry `sourceObjectId` "line <n>", the caller's TLP and, for CSV, the column name as
 * note. Whole-file refusals (MalformedFileError): file.encoding / file.too_large from the guard,
 * csv.formula_injection, csv.malformed (field count, quoting, a line over 64 KB) and
 * csv.unknown_column. They are thrown when met, after the records of earlier lines: the caller
 * stores nothing until the generator has finished.
 */
export async function* parseCsv(input: Readable, options: ParseCsvOptions = {}): AsyncGenerator<ParseEvent> {
  const splitter = new LineSplitter();
  let reader: Reader | undefined;
  let lastComment: Line | undefined;
  /** The comments before the data said the file lists fingerprints, not file hashes. */
  let fingerprints = false;
  // Events are gathered per chunk, then yielded one by one: delegating with yield* to a sync
  // generator from an async one would cost several promises per event.
  const out: ParseEvent[] = [];

  /** The separator Excel names on a first line of its own (`sep=;`), when the file has one. */
  let named: Delimiter | undefined;
  const onLine = (line: Line): void => {
    if (reader) return reader.line(line, out);
    const start = line.text.trimStart();
    if (start === "") return;
    const sep = SEPARATOR_LINE.exec(line.text);
    if (sep && named === undefined && lastComment === undefined) {
      named = DELIMITERS.find((d) => d === sep[1]);
      if (named) return;
    }
    if (start.startsWith("#")) {
      lastComment = line;
      fingerprints ||= FINGERPRINT_FEED.test(start);
      return;
    }
    const chosen = choose(line, lastComment, { ...options, fingerprints, named });
    reader = chosen.reader;
    if (!chosen.isHeader) reader.line(line, out);
  };

  try {
    for await (const chunk of guardedUtf8(input)) {
      for (const line of splitter.push(chunk as Buffer)) onLine(line);
      for (const event of out) yield event;
      out.length = 0;
    }
    for (const line of splitter.end()) onLine(line);
    await reader?.end(out);
    for (const event of out) yield event;
  } finally {
    reader?.close();
    // Also when the file is refused halfway: release the source (a file descriptor, a download).
    input.destroy();
  }
}

function choose(line: Line, lastComment: Line | undefined, options: ParseCsvOptions & { fingerprints: boolean; named?: Delimiter }): { reader: Reader; isHeader: boolean } {
  const wanted = new Set([...KNOWN_COLUMNS, ...(options.columns ?? []).map(columnKey)]);
  // The separator is the one the file names, else the first (comma, semicolon, tab) that makes the line a header.
  const headerOf = (text: string, minFields: number) => {
    for (const delimiter of options.named ? [options.named] : DELIMITERS) {
      const fields = readHeader(text, wanted, minFields, delimiter);
      if (fields) return { fields, delimiter };
    }
    return undefined;
  };
  const header = headerOf(line.text, 1);
  if (header) {
    for (const name of header.fields) checkFormula(name, line.number);
    return { reader: new CsvReader(header.fields, selectColumns(header.fields, options.columns), options.tlp, options.fingerprints, header.delimiter), isHeader: true };
  }
  // A comment is only taken as a header with two or more fields, so that prose such as
  // "# domain list" or IPsum's "# IP<TAB>number of (black)lists" is not mistaken for one.
  const commented = lastComment && headerOf(lastComment.text.replace(/^\s*#\s*/, ""), 2);
  if (commented) {
    return { reader: new CsvReader(commented.fields, selectColumns(commented.fields, options.columns), options.tlp, options.fingerprints, commented.delimiter), isHeader: false };
  }
  if (options.columns && options.columns.length > 0) throw noHeader(options.columns);
  return { reader: new TextReader(options.tlp, options.fingerprints), isHeader: false };
}
