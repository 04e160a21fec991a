import { parseReliability } from "../../covenant/reliability.js";
import { parseTlp, type TlpLabel } from "../../covenant/tlp.js";
import { displayToken } from "../../indicators/unsafe-characters.js";
import { phrase } from "../../i18n/phrase.js";
import { importRefusal, type ParseEvent } from "../types.js";
import { cellEvent, checkFormula, notAFileHash, type RowLabels } from "./cells.js";
import { freeTextRead, unneutralised } from "./csv-cell.js";
import { columnKey, type Column } from "./columns.js";
import { CsvRows, type Delimiter, type Row } from "./csv-rows.js";
import { malformed } from "./errors.js";
import { mispColumns, mispRowEvents, type MispColumns } from "./misp-csv.js";
import type { Line } from "./lines.js";

/**
 * Columns whose cells label the row's values rather than being values: the bot's own CSV export
 * writes them, so that an export imported into another cell keeps every label (a RED item stays
 * RED). A label in the row wins over the import's `tlp:` option, as a STIX or MISP file's own
 * marking does; the option labels the rows that carry none.
 */
const LABEL_COLUMNS = { tlp: parseTlp, reliability: parseReliability } as const;
type LabelName = keyof typeof LABEL_COLUMNS;
/** Columns of person-written text the export carries per item, read back as they were written. */
const TEXT_COLUMNS = { legal_basis: "legalBasis", source_ref: "sourceRef", note: "note", same_file: "sameFile", first_seen: "firstSeen" } as const;
type TextName = keyof typeof TEXT_COLUMNS;

/** The rows under a CSV header: every cell checked, the chosen columns imported. */
export class CsvReader {
  private readonly rows: CsvRows;
  /** Where the header has a label column, by label. */
  private readonly labelAt: [LabelName, number][];
  private readonly textAt: [TextName, number][];
  /** Where MISP's export has its columns, when the file is one (misp-csv.ts). */
  private readonly misp: MispColumns | undefined;

  constructor(
    private readonly header: readonly string[],
    private readonly columns: readonly Column[],
    private readonly tlp: TlpLabel | undefined,
    /** The file lists fingerprints: its hashes are not taken as file hashes (cells.ts). */
    private readonly fingerprints = false,
    /** What separates the fields, as the header was read. */
    delimiter: Delimiter = ",",
  ) {
    this.rows = new CsvRows(delimiter);
    const at = <N extends string>(names: N[]) =>
      names.flatMap((name) => {
        const index = header.findIndex((field) => columnKey(field) === name);
        return index < 0 ? [] : [[name, index] as [N, number]];
      });
    this.labelAt = at(Object.keys(LABEL_COLUMNS) as LabelName[]);
    this.textAt = at(Object.keys(TEXT_COLUMNS) as TextName[]);
    this.misp = mispColumns(header);
  }

  line(line: Line, out: ParseEvent[]): void {
    for (const row of this.rows.push(line)) this.row(row, out);
  }

  async end(out: ParseEvent[]): Promise<void> {
    for (const row of await this.rows.end()) this.row(row, out);
  }

  close(): void {
    this.rows.close();
  }

  private row(row: Row, out: ParseEvent[]): void {
    if (row.cells.length !== this.header.length) {
      throw malformed(row.line, `has ${row.cells.length} fields where the header has ${this.header.length}`);
    }
    // Every cell, not only the imported ones: a formula anywhere makes the file unsafe to open.
    for (let i = 0; i < row.cells.length; i++) checkFormula(row.cells[i], row.line, this.header[i]);
    const labels = this.labelsOf(row, out);
    if (!labels) return;
    for (const column of this.columns) {
      if (column.index === this.misp?.value) {
        mispRowEvents(row.cells, row.line, this.misp, labels, out);
        continue;
      }
      const read = cellEvent(row.cells[column.index], row.line, column.name, labels);
      const event = this.fingerprints ? notAFileHash(read) : read;
      if (event) out.push(event);
    }
  }

  /**
   * The row's labels; undefined when one cannot be read, and then each of its values is refused:
   * taken with another label, a value could be shared more widely than its source allowed.
   */
  private labelsOf(row: Row, out: ParseEvent[]): RowLabels | undefined {
    const labels: RowLabels = { tlp: this.tlp };
    for (const [name, index] of this.labelAt) {
      const cell = unneutralised(row.cells[index]).trim();
      if (cell === "") continue;
      const read = LABEL_COLUMNS[name](cell);
      if (read === undefined) {
        const why = phrase("formats.refused.csv_label", { label: name, column: displayToken(this.header[index]), cell: displayToken(cell) });
        for (const column of this.columns) {
          const value = unneutralised(row.cells[column.index]).trim();
          if (value !== "") out.push({ kind: "refused", refusal: importRefusal("csv.unreadable_label", why, displayToken(value), `line ${row.line}`) });
        }
        return undefined;
      }
      if (name === "tlp") labels.tlp = read as TlpLabel;
      else labels.reliability = read;
    }
    for (const [name, index] of this.textAt) {
      const text = freeTextRead(row.cells[index]).trim();
      if (text !== "") labels[TEXT_COLUMNS[name]] = text;
    }
    return labels;
  }
}
