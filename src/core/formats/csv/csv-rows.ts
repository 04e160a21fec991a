import { CsvError, Parser, type Options } from "csv-parse";
import { malformed } from "./errors.js";
import { MAX_LINE_BYTES, type Line } from "./lines.js";

/**
 * The field separators a feed may use, tried in this order on its header: the comma; the
 * semicolon, which Excel writes where the decimal separator is a comma (Dutch settings among
 * them); the tab of a TSV export.
 */
export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** What every feed is read with, whatever separates its fields. */
const SHARED_OPTIONS = {
  // The line splitter already dropped the CR of CRLF and feeds lines ending in "\n".
  record_delimiter: "\n",
  // Trailing blanks (`"a" ,"b"`) are harmless and common in hand-made files.
  rtrim: true,
  // The field count is compared with the header by the caller, which knows the file's line.
  relax_column_count: true,
  // Bounds what a quote that is never closed can make the parser buffer.
  max_record_size: MAX_LINE_BYTES,
} satisfies Options;

/**
 * How csv-parse reads the feeds. Shared by the header check and the rows, so that a header is
 * split exactly like the rows under it.
 */
export const csvOptions = (delimiter: Delimiter = ",") =>
  ({
    ...SHARED_OPTIONS,
    // MalwareBazaar writes `"a", "b"`: a space after each comma, outside the quotes. Taking ", "
    // as a delimiter (tried first, so longer wins) reads that without `ltrim`, which would also
    // strip a leading tab from a cell and hide it from the formula-injection check.
    delimiter: delimiter === "\t" ? ["\t"] : [`${delimiter} `, delimiter],
  }) satisfies Options;

export interface Row {
  /** File line the record starts on. */
  line: number;
  cells: string[];
}

/**
 * A csv-parse stream fed one line at a time. Writes are synchronous (the transform calls back at
 * once), so the rows and the error a line produces can be read right after writing it.
 *
 * Line numbers are kept here, not taken from csv-parse: it holds each record back until it has
 * seen the start of the next line, and it counts a lone CR inside a value as a line break. So
 * the start line of every record written is queued, and records come back in the same order.
 * Whether a line starts a record or continues a quoted value (RFC 4180 allows line breaks in
 * quotes) follows from the parity of its quotes: in any line csv-parse accepts, quotes pair up.
 * Blank and `#` lines between records are skipped here, so that each queued line is one record.
 */
export class CsvRows {
  private readonly parser: Parser;
  /** Start lines of the records written and not yet read back, oldest first. */
  private readonly starts: number[] = [];
  private read = 0;
  private inQuotes = false;
  private last = 0;

  constructor(delimiter: Delimiter = ",") {
    this.parser = new Parser(csvOptions(delimiter));
    // Errors are read from `parser.errored` after each write; without a listener an error event
    // would be thrown from a later tick and crash the process.
    this.parser.on("error", () => undefined);
  }

  push(line: Line): Row[] {
    this.last = line.number;
    if (!this.inQuotes) {
      const start = line.text.trimStart();
      if (start === "" || start.startsWith("#")) return [];
      this.starts.push(line.number);
    }
    if (quotes(line.text) % 2 === 1) this.inQuotes = !this.inQuotes;
    this.parser.write(`${line.text}\n`);
    const rows: Row[] = [];
    for (let cells = this.parser.read() as string[] | null; cells !== null; cells = this.parser.read() as string[] | null) {
      rows.push(this.row(cells));
    }
    if (this.parser.errored) throw this.failure(this.parser.errored);
    return rows;
  }

  async end(): Promise<Row[]> {
    this.parser.end();
    const rows: Row[] = [];
    try {
      for await (const cells of this.parser) rows.push(this.row(cells as string[]));
    } catch (error) {
      throw this.failure(error);
    }
    return rows;
  }

  close(): void {
    this.parser.destroy();
  }

  private row(cells: string[]): Row {
    this.read++;
    return { line: this.starts.shift() ?? this.last, cells };
  }

  private failure(error: unknown): Error {
    if (!(error instanceof CsvError)) return error instanceof Error ? error : new Error(String(error));
    // csv-parse counts the records it completed before the bad one; those not yet read back
    // are still queued ahead of it.
    const before = typeof error.records === "number" ? error.records - this.read : 0;
    const line = this.starts[before] ?? this.starts.at(-1) ?? this.last;
    return malformed(line, WHY[error.code] ?? `is not valid CSV (${error.code})`);
  }
}

function quotes(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count;
}

// csv-parse 7 spells one code without its CSV_ prefix.
const WHY: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "opens a quoted value that is never closed",
  CSV_INVALID_OPENING_QUOTE: "has a quote inside a value that is not itself quoted",
  INVALID_OPENING_QUOTE: "has a quote inside a value that is not itself quoted",
  CSV_INVALID_CLOSING_QUOTE: "has text right after the closing quote of a value",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "has text right after the closing quote of a value",
  CSV_MAX_RECORD_SIZE: `holds a value longer than ${MAX_LINE_BYTES / 1024} KB, perhaps because a quote is never closed`,
};
