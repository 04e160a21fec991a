import { DEFAULT_RELIABILITY, parseReliability } from "../covenant/reliability.js";
import { DEFAULT_TLP, TLP_LABELS, parseTlp, type TlpLabel } from "../covenant/tlp.js";

/** Labels a member may give with a submission or correction (Art 5.3: provenance on receipt). */
export interface LabelInput {
  tlp?: string;
  reliability?: string;
  sourceRef?: string;
  legalBasis?: string;
  note?: string;
  /** Problems found while reading the command's text (an unclosed quote, an option given twice). */
  syntaxProblems?: string[];
}

export interface Labels {
  tlp: TlpLabel;
  reliability: string;
  sourceRef: string | null;
  legalBasis: string | null;
  note: string | null;
}

const LIMITS = { sourceRef: 300, legalBasis: 300, note: 2000 } as const;

/** Validates the labels; returns every problem at once so that one retry fixes them all. */
export function checkLabels(input: LabelInput, defaults?: Partial<Labels>): { labels: Labels; problems: string[] } {
  const problems: string[] = [...(input.syntaxProblems ?? [])];
  let tlp = defaults?.tlp ?? DEFAULT_TLP;
  if (input.tlp !== undefined && input.tlp !== "") {
    const parsed = parseTlp(input.tlp);
    if (parsed) tlp = parsed;
    else problems.push(`\`${clip(input.tlp)}\` is not a TLP 2.0 label: use one of ${TLP_LABELS.join(", ")}`);
  }
  let reliability = defaults?.reliability ?? DEFAULT_RELIABILITY;
  if (input.reliability !== undefined && input.reliability !== "") {
    const parsed = parseReliability(input.reliability);
    if (parsed) reliability = parsed;
    else problems.push(`\`${clip(input.reliability)}\` is not a reliability code: use a source letter A–F and an information digit 1–6, e.g. B2`);
  }
  const text = (field: keyof typeof LIMITS, label: string): string | null => {
    const value = input[field]?.trim();
    if (!value) return defaults?.[field] ?? null;
    if (value.length > LIMITS[field]) {
      problems.push(`the ${label} is ${value.length} characters long; at most ${LIMITS[field]} are kept`);
    }
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(value)) {
      problems.push(`the ${label} contains control characters; remove them`);
    }
    return value;
  };
  const labels: Labels = {
    tlp,
    reliability,
    sourceRef: text("sourceRef", "source reference"),
    legalBasis: text("legalBasis", "legal basis"),
    note: text("note", "note"),
  };
  return { labels, problems };
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
