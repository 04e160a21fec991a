import { mayCompareAcrossParties } from "../access/policy.js";
import type { Member } from "../directory/types.js";
import { say } from "../i18n/phrase.js";
import type { Translator } from "../i18n/translator.js";
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
  /** How the refusal names the text, in the author's language: "the purpose", "de aantekening" (`guard.what.*`). */
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

function problemFor(t: Translator, author: Member, field: PersonText, found: Mention[]): string {
  const blocked = bySaid(found);
  const shown = blocked.slice(0, SHOWN);
  const more = blocked.length > SHOWN ? t.text("guard.more", { count: blocked.length - SHOWN }) : "";
  const who = say(t, field.audience.who);
  if (mayCompareAcrossParties(author)) {
    const named = shown.map((m) => t.text("guard.named_value", { said: m.said, owners: m.owners.join(", ") })).join(", ");
    const remedy = say(t, field.audience.remedy ?? { key: "guard.remedy.leave_out" });
    return t.text("guard.named_to_staff", { named, more, count: blocked.length, what: field.what, who, remedy });
  }
  // Not cell staff: the author may not learn whose data it is, nor more of it than they wrote —
  // a value is quoted only where it stands in the text as a word of its own (not the recorded
  // parent of a longer name, nor the stored part of a longer URL).
  const quoted = shown.filter((m) => standsAlone(field.text, m.said)).map((m) => m.said);
  const named =
    quoted.length === shown.length && !more ? quoted.join(", ") : quoted.length > 0 ? t.text("guard.and_what_else", { quoted: quoted.join(", ") }) : t.text("guard.a_value");
  const them = quoted.length > 1 || quoted.length < shown.length;
  return t.text("guard.named_to_others", { named, what: field.what, who, them: them ? "yes" : "no" });
}

/** Whether `value` is written in `text` as a word of its own, in any letter case. */
function standsAlone(text: string, value: string): boolean {
  const at = text.toLowerCase().indexOf(value.toLowerCase());
  if (at === -1) return false;
  const before = text[at - 1] ?? " ";
  const after = text[at + value.length] ?? " ";
  return !/[\p{L}\p{N}.@\/-]/u.test(before) && !/[\p{L}\p{N}\/-]/u.test(after);
}

/**
 * The ids a text may not carry whatever they hold, for an author who is not cell staff writing to
 * readers who may not see every party's data: every request and analysis id, and every item id
 * but their own party's records'. Refused only where it holds another party's data, an id would
 * tell the author which requests, analyses and items do (Art 7.2): a liaison shown R-1 and R-2 on
 * their consent questions would learn which of them held another party's data by naming each.
 */
export function idsRefusedAlike(author: Member, field: Pick<PersonText, "audience">, findings: { mentions: Mention[]; ids: string[] }): string[] {
  if (mayCompareAcrossParties(author) || field.audience.readers.every((r) => r.kind === "cell-staff")) return [];
  const own = new Set(findings.mentions.filter((m) => m.owners.every((party) => party === author.party)).map((m) => m.said));
  return findings.ids.filter((id) => !field.audience.allowed?.has(id) && !(id.startsWith("I-") && own.has(id)));
}

/** Checks one text; a refusal's problem is in `t`, the author's language. */
export async function guardText(reads: GuardReads, author: Member, field: PersonText, t: Translator): Promise<Guarded> {
  const findings = await findData(reads, field.text);
  if (findings.tooMany) {
    return { ok: false, code: "text.too_dense", problem: t.text("guard.too_dense", { what: field.what }) };
  }
  const ids = idsRefusedAlike(author, field, findings);
  if (ids.length > 0) {
    return { ok: false, code: "text.names_data", problem: t.text("guard.ids_to_others", { ids: t.list(ids.slice(0, SHOWN)), what: field.what, who: say(t, field.audience.who) }) };
  }
  const blocked = findings.mentions.filter((m) => !mayCarry(m, field.audience));
  if (blocked.length > 0) return { ok: false, code: "text.names_data", problem: problemFor(t, author, field, blocked) };
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
  t: Translator,
): Promise<{ ok: true; texts: CheckedText[] } | { ok: false; problems: string[] }> {
  const results = [];
  for (const field of fields) results.push(await guardText(reads, author, field, t));
  const problems = results.flatMap((r) => (r.ok ? [] : [r.problem]));
  const split = problems.length === 0 ? await splitOver(reads, fields) : undefined;
  if (split) {
    const what = t.list(split.texts.map((f) => f.what));
    problems.push(split.blocked.length === 0 ? t.text("guard.too_dense", { what }) : problemFor(t, author, { what, text: joined(split.texts), audience: split.audience }, split.blocked));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, texts: results.map((r) => (r as { text: CheckedText }).text) };
}

/**
 * A value split over two texts of one command ("Report on ncsc-only" as an analysis's title,
 * ".example seen in our logs" as its text) passes each text's check, and whoever is shown both
 * reads it whole. So the texts are read once more together, in their order, a line each, as a
 * message shows them: what they name only together must be something every reader of the texts
 * it stands in may see. Those texts are the ones without which it is no longer named. Undefined
 * when nothing is split so; `blocked` empty when the texts together are too long to read.
 */
async function splitOver<F extends PersonText>(reads: GuardReads, fields: readonly F[]): Promise<{ texts: F[]; blocked: Mention[]; audience: Audience } | undefined> {
  const written = fields.filter((f) => f.text.trim() !== "");
  if (written.length < 2) return undefined;
  const findings = await findData(reads, joined(written));
  if (findings.tooMany) return { texts: written, blocked: [], audience: written[0].audience };
  if (findings.mentions.length === 0) return undefined;
  const alone = new Set<string>();
  for (const field of written) {
    const one = await findData(reads, field.text);
    if (!one.tooMany) for (const m of one.mentions) alone.add(m.said);
  }
  const split = findings.mentions.filter((m) => !alone.has(m.said));
  if (split.length === 0) return undefined;
  // Only on the way to a refusal: which texts it stands in.
  const texts: F[] = [];
  for (const field of written) {
    const without = await findData(reads, joined(written.filter((f) => f !== field)));
    if (without.tooMany || split.some((m) => !without.mentions.some((w) => w.said === m.said))) texts.push(field);
  }
  // Split more than once over the texts, no one of them is needed: then all of them are.
  if (texts.length === 0) texts.push(...written);
  const strictest = texts.find((f) => split.some((m) => !mayCarry(m, f.audience)));
  if (!strictest) return undefined;
  return { texts, blocked: bySaid(split.filter((m) => !mayCarry(m, strictest.audience))), audience: strictest.audience };
}

const joined = (texts: readonly PersonText[]) => texts.map((f) => f.text).join("\n");

/**
 * Checks texts that passed the guard once, against the records on file now, just before a new
 * reader gets them (a release): a party may have supplied a value since, and a text may carry
 * only what each reader may read at the moment they read it. Returns what each failing text
 * names; empty when all may go.
 */
export async function recheckTexts<F extends PersonText>(reads: GuardReads, fields: readonly F[]): Promise<{ field: F; named: Mention[] }[]> {
  const failing: { field: F; named: Mention[] }[] = [];
  for (const field of fields) {
    const findings = await findData(reads, field.text);
    const named = findings.tooMany ? [] : bySaid(findings.mentions.filter((m) => !mayCarry(m, field.audience)));
    if (findings.tooMany || named.length > 0) failing.push({ field, named });
  }
  // A value supplied since may complete one split over the texts: each text it stands in fails.
  const split = failing.length === 0 ? await splitOver(reads, fields) : undefined;
  if (split) for (const field of split.texts) failing.push({ field, named: split.blocked });
  return failing;
}
