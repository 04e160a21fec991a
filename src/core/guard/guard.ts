import { mayCompareAcrossParties } from "../access/policy.js";
import type { Member } from "../directory/types.js";
import { mayCarry, type Audience } from "./audience.js";
import { asChecked, type CheckedText } from "./checked-text.js";
import { findData, type GuardReads, type Mention } from "./find-data.js";

/**
 * The one outbound guard of Art 7.2 for text people write. Every text a person writes that the
 * bot shows to someone else — a purpose, conditions, a title, an analysis, a draft, a note, a
 * question, an answer, a reason — passes here with the audience that will read it. What it names
 * of a party whose data that audience may not see is refused, and the text is not stored or sent.
 * A refusal names the parties only to an author who may know them (cell staff, Art 6.1); to
 * anyone else it says only that the value cannot go to those readers.
 */
export type Guarded = { ok: true; text: CheckedText } | { ok: false; code: "text.names_data" | "text.too_dense"; problem: string };

export interface PersonText {
  /** How the refusal names the text: "the purpose", "the note". */
  what: string;
  text: string;
  audience: Audience;
}

const SHOWN = 5;

/** A request or an analysis named once, with all of its parties, however many items it holds. */
function bySaid(mentions: Mention[]): Mention[] {
  const merged = new Map<string, Mention>();
  for (const m of mentions) {
    const seen = merged.get(m.said);
    merged.set(m.said, seen ? { ...seen, owners: [...new Set([...seen.owners, ...m.owners])].sort(), recordIds: [...seen.recordIds, ...m.recordIds] } : m);
  }
  return [...merged.values()];
}

function problemFor(author: Member, field: PersonText, found: Mention[]): string {
  const blocked = bySaid(found);
  const shown = blocked.slice(0, SHOWN);
  const more = blocked.length > SHOWN ? ` and ${blocked.length - SHOWN} more` : "";
  const { who, remedy } = field.audience;
  if (mayCompareAcrossParties(author)) {
    const many = blocked.length > 1;
    const named = shown.map((m) => `${m.said} (data of ${m.owners.join(", ")})`).join(", ");
    return `${named}${more} ${many ? "are" : "is"} named in ${field.what}, which ${who} will read and may not see: ${remedy ?? "a party's data reach others only with its consent (Art 7.2); leave it out"}`;
  }
  // Not cell staff: the author may not learn whose data it is, nor more of it than they wrote —
  // a value is quoted only where it stands in the text as a word of its own (not the recorded
  // parent of a longer name, nor the stored part of a longer URL).
  const quoted = shown.filter((m) => standsAlone(field.text, m.said)).map((m) => m.said);
  const named = quoted.length === shown.length && !more ? quoted.join(", ") : quoted.length > 0 ? `${quoted.join(", ")} and what else it names` : "a value it names";
  const them = quoted.length > 1 || quoted.length < shown.length;
  return `${named} cannot be in ${field.what}: ${who} will read it (covenant Art 7.2); leave ${them ? "them" : "it"} out`;
}

/** Whether `value` is written in `text` as a word of its own, in any letter case. */
function standsAlone(text: string, value: string): boolean {
  const at = text.toLowerCase().indexOf(value.toLowerCase());
  if (at === -1) return false;
  const before = text[at - 1] ?? " ";
  const after = text[at + value.length] ?? " ";
  return !/[\p{L}\p{N}.@\/-]/u.test(before) && !/[\p{L}\p{N}\/-]/u.test(after);
}

export async function guardText(reads: GuardReads, author: Member, field: PersonText): Promise<Guarded> {
  const findings = await findData(reads, field.text);
  if (findings.tooMany) {
    return { ok: false, code: "text.too_dense", problem: `${field.what} holds more possible indicators than one text may carry and still be checked; shorten it` };
  }
  const blocked = findings.mentions.filter((m) => !mayCarry(m, field.audience));
  if (blocked.length > 0) return { ok: false, code: "text.names_data", problem: problemFor(author, field, blocked) };
  return { ok: true, text: asChecked(field.text) };
}

/**
 * Several texts of one command, each with its audience: every problem at once, so that the
 * author fixes them in one go. `texts` follows the order of `fields`, defined only when all passed.
 */
export async function guardTexts(
  reads: GuardReads,
  author: Member,
  fields: readonly PersonText[],
): Promise<{ ok: true; texts: CheckedText[] } | { ok: false; problems: string[] }> {
  const results = [];
  for (const field of fields) results.push(await guardText(reads, author, field));
  const problems = results.flatMap((r) => (r.ok ? [] : [r.problem]));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, texts: results.map((r) => (r as { text: CheckedText }).text) };
}

/**
 * Checks texts that passed the guard once, against the records on file now, just before a new
 * reader gets them (a release): a party may have supplied a value since, and a text may carry
 * only what each reader may read at the moment they read it. Returns what each failing text
 * names; empty when all may go.
 */
export async function recheckTexts(reads: GuardReads, fields: readonly PersonText[]): Promise<{ what: string; named: Mention[] }[]> {
  const failing: { what: string; named: Mention[] }[] = [];
  for (const field of fields) {
    const findings = await findData(reads, field.text);
    const named = findings.tooMany ? [] : bySaid(findings.mentions.filter((m) => !mayCarry(m, field.audience)));
    if (findings.tooMany || named.length > 0) failing.push({ what: field.what, named });
  }
  return failing;
}
