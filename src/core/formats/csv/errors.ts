import { MalformedFileError } from "../types.js";

/** Stable codes of the whole-file refusals this parser raises; tests and the audit log rely on them. */
export const CSV_CODES = Object.freeze({
  malformed: "csv.malformed",
  formulaInjection: "csv.formula_injection",
  unknownColumn: "csv.unknown_column",
} as const);

/** The file is not readable as CSV at this line; the import stores nothing. */
export const malformed = (line: number, why: string): MalformedFileError =>
  new MalformedFileError(CSV_CODES.malformed, `Line ${line} ${why}; fix the line and import the file again.`);
