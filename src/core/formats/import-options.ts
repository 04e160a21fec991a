import { parseOptions } from "../commands/parse-options.js";
import { parseTlp, type TlpLabel } from "../covenant/tlp.js";
import type { FileFormat } from "./types.js";

export interface ImportOptions {
  format?: FileFormat;
  tlp?: TlpLabel;
  columns?: string[];
}

const FORMATS: readonly string[] = ["stix", "misp", "csv"] satisfies FileFormat[];

/**
 * The options of `/ciic import` on every platform: `format:stix|misp|csv`, `tlp:<label>` and
 * `column:<name>`. Undefined when the text holds anything else, or a value that cannot be taken;
 * the adapter then shows how to write the command, and nothing is imported.
 */
export function readImportOptions(text: string): ImportOptions | undefined {
  const { options, problems, rest } = parseOptions(text, { format: "format", tlp: "tlp", column: "column" });
  if (problems.length > 0 || rest.trim() !== "") return undefined;
  const format = options.get("format")?.toLowerCase();
  const tlpText = options.get("tlp");
  const tlp = tlpText ? parseTlp(tlpText) : undefined;
  if ((format && !FORMATS.includes(format)) || (tlpText && !tlp)) return undefined;
  const column = options.get("column");
  return { format: format as FileFormat | undefined, tlp, columns: column ? [column] : undefined };
}
