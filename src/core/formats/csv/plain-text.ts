import type { TlpLabel } from "../../covenant/tlp.js";
import type { ParseEvent } from "../types.js";
import { cellEvent, checkFormula, notAFileHash } from "./cells.js";
import type { Line } from "./lines.js";

/**
 * A plain list, one value a line (IPsum, most blocklists). A line may hold further fields
 * separated by tabs or spaces, such as IPsum's `IP<TAB>count`; the first is the value. The other
 * fields are not imported but are still checked for formulas: opened as TSV in a spreadsheet,
 * each would be a cell. A CR inside a line also separates, as a spreadsheet would start a new
 * row there.
 */
export class TextReader {
  constructor(
    private readonly tlp: TlpLabel | undefined,
    /** The file lists fingerprints: its hashes are not taken as file hashes (cells.ts). */
    private readonly fingerprints = false,
  ) {}

  line(line: Line, out: ParseEvent[]): void {
    const text = line.text.trim();
    if (text === "" || text.startsWith("#")) return;
    const fields = text.split(/[\t\r ]+/);
    for (const field of fields) checkFormula(field, line.number);
    const read = cellEvent(fields[0], line.number, undefined, { tlp: this.tlp });
    const event = this.fingerprints ? notAFileHash(read) : read;
    if (event) out.push(event);
  }

  async end(): Promise<void> {}

  close(): void {}
}
