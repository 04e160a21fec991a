/**
 * Cells for every CSV the bot writes (item exports, release files, the steering report), so that
 * a spreadsheet opens each one as text and never runs it as a formula (OWASP "CSV Injection").
 *
 * A spreadsheet may run a cell that starts with "=", "+", "-", "@", a tab or a carriage return.
 * Some trim leading blanks before they decide, and a quoted value starts after its quote, so the
 * test looks past leading white space (any kind) and double quotes. Such a cell gets an apostrophe in front:
 * spreadsheets then show it as text. The bot's own importer (cells.ts) refuses a file with a
 * formula-like cell, and reads a cell that starts with an apostrophe as text, so what the bot
 * writes stays importable.
 */
const FORMULA_START = /^[\s"]*[=+\-@\t\r]/u;

/**
 * Where a reader could start a new cell inside person-written text: after a comma or a
 * semicolon (a spreadsheet set to Dutch splits CSV at ";", and a naive reader at "," whatever the
 * quotes), a tab, or a line break. The apostrophe goes right after that separator. The blanks
 * skipped before the formula sign exclude the separators, so that each of "\t\t=" is seen.
 */
const INNER_FORMULA = /([,;\t\r\n])((?:[^\S\t\r\n]|")*)(?=[=+\-@\t\r])/gu;

/** True when a spreadsheet could read the cell as a formula. */
export const looksLikeFormula = (cell: string): boolean => FORMULA_START.test(cell);

/**
 * One cell as written to the file: neutralised when it looks like a formula, and quoted (RFC
 * 4180) when it holds a comma, a quote or a line break. A number the bot computed (a count, hours)
 * is written as it is; null is an empty cell.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = looksLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A cell as its writer meant it, when the writer neutralised it: an apostrophe before what would
 * run as a formula is taken off again. Without that, an e-mail address that starts with "-" or
 * "+" (a valid one) would come back from the bot's own export with an apostrophe, a different
 * value. Any other cell is left as it is.
 */
export const unneutralised = (cell: string): string => (cell.startsWith("'") && looksLikeFormula(cell.slice(1)) ? cell.slice(1) : cell);

/** One line of cells, ending in a line break. */
export const csvRecord = (cells: readonly (string | number | null)[]): string => `${cells.map(csvCell).join(",")}\n`;

/**
 * Text a person wrote (a purpose, conditions, a denial's reason), before it goes into a cell:
 * every place inside it where another reader would start a cell is neutralised too, since such a
 * reader never sees the quotes that keep it one cell here. Only for free text: an indicator value
 * is written as it is, so that importing the file gives the same value back.
 */
export const freeText = (text: string): string => text.replace(INNER_FORMULA, "$1'$2");

/** Person-written text as it was before freeText, read back from a cell (the bot's own import). */
const NEUTRALISED_INSIDE = /([,;\t\r\n])'((?:[^\S\t\r\n]|")*)(?=[=+\-@\t\r])/gu;
export const freeTextRead = (cell: string): string => unneutralised(cell).replace(NEUTRALISED_INSIDE, "$1$2");
