import { DEFAULT_RELIABILITY, parseReliability } from "../covenant/reliability.js";
import { DEFAULT_TLP, TLP_LABELS, parseTlp, type TlpLabel } from "../covenant/tlp.js";
import { say, type Phrase } from "../i18n/phrase.js";
import type { Translator } from "../i18n/translator.js";

/** Labels a member may give with a submission or correction (Art 5.3: provenance on receipt). */
export interface LabelInput {
  tlp?: string;
  reliability?: string;
  sourceRef?: string;
  legalBasis?: string;
  note?: string;
  /** Problems found while reading the command's text (an unclosed quote, an option given twice). */
  syntaxProblems?: readonly Phrase[];
}

export interface Labels {
  tlp: TlpLabel;
  reliability: string;
  sourceRef: string | null;
  legalBasis: string | null;
  note: string | null;
}

const LIMITS = { sourceRef: 300, legalBasis: 300, note: 2000 } as const;

/** Validates the labels; returns every problem at once, in the member's language, so that one retry fixes them all. */
export function checkLabels(t: Translator, input: LabelInput, defaults?: Partial<Labels>): { labels: Labels; problems: string[] } {
  const problems: string[] = (input.syntaxProblems ?? []).map((p) => say(t, p));
  let tlp = defaults?.tlp ?? DEFAULT_TLP;
  if (input.tlp !== undefined && input.tlp !== "") {
    const parsed = parseTlp(input.tlp);
    if (parsed) tlp = parsed;
    else problems.push(t.text("items.not_tlp", { label: clip(input.tlp), labels: TLP_LABELS.join(", ") }));
  }
  let reliability = defaults?.reliability ?? DEFAULT_RELIABILITY;
  if (input.reliability !== undefined && input.reliability !== "") {
    const parsed = parseReliability(input.reliability);
    if (parsed) reliability = parsed;
    else problems.push(t.text("items.not_reliability", { code: clip(input.reliability) }));
  }
  const text = (field: keyof typeof LIMITS): string | null => {
    const value = input[field]?.trim();
    if (!value) return defaults?.[field] ?? null;
    const label = t.text("items.label", { label: field });
    if (value.length > LIMITS[field]) {
      problems.push(t.text("items.label_too_long", { label, length: value.length, max: LIMITS[field] }));
    }
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(value)) {
      problems.push(t.text("items.label_control", { label }));
    }
    return value;
  };
  const labels: Labels = {
    tlp,
    reliability,
    sourceRef: text("sourceRef"),
    legalBasis: text("legalBasis"),
    note: text("note"),
  };
  return { labels, problems };
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
