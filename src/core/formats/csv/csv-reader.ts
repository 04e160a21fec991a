import type { TlpLabel } from "../../covenant/tlp.js";
import type { ParseEvent } from "../types.js";
import { cellEvent, checkFormula } from "./cells.js";
import type { Column } from "./columns.js";
import { CsvRows, type Row } from "./csv-rows.js";
import { malformed } from "./errors.js";
import type { Line } from "./lines.js";

/** The rows under a CSV header: every cell checked, the chosen columns imported. */
export class CsvReader {
  private readonly rows: CsvRows;

  constructor(
    private readonly header: readonly string[],
    private readonly columns: readonly Column[],
    private readonly tlp: TlpLabel | undefined,
  ) {
    this.rows = new CsvRows();
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
    for (const column of this.columns) {
      const event = cellEvent(row.cells[column.index], row.line, column.name, this.tlp);
      if (event) out.push(event);
    }
  }
}
