import { everyParty } from "../guard/audience.js";
import type { CheckedText } from "../guard/checked-text.js";
import { guardText } from "../guard/guard.js";
import { findUnsafeCharacter } from "../indicators/unsafe-characters.js";
import type { Member } from "../directory/types.js";
import type { Translator } from "../i18n/translator.js";
import type { Transaction } from "../ports.js";
import type { RoundKind } from "./round-state.js";

/** A press line, a statement or an amendment fits in a few messages. */
export const MAX_ROUND_TEXT = 3000;
const MIN_ROUND_TEXT = 10;

export type CheckedRoundText = { ok: true; text: CheckedText; problems: [] } | { ok: false; problems: string[] };

/**
 * What is wrong with a draft, if anything. The text goes to every party's liaisons and the NCTV's
 * coordinator and, once cleared, to third parties: it passes the Art 7.2 guard for that audience.
 * A party's data may be in it only where its author speaks for that party (a liaison of the
 * party that supplied it): an analyst consents for no party.
 */
export async function checkRoundText(tx: Transaction, member: Member, kind: RoundKind, text: string, t: Translator): Promise<CheckedRoundText> {
  const problems: string[] = [];
  if (text.length < MIN_ROUND_TEXT) problems.push(t.text("rounds.text.too_short", { kind, min: MIN_ROUND_TEXT }));
  if (text.length > MAX_ROUND_TEXT) problems.push(t.text("rounds.text.too_long", { kind, length: text.length, max: MAX_ROUND_TEXT }));
  // Line breaks and tabs are layout; other invisible characters could make the parties agree to
  // something other than what they read.
  const unsafe = findUnsafeCharacter(text.replace(/[\n\r\t]/g, " "));
  if (unsafe) problems.push(t.text("rounds.text.invisible", { kind, character: unsafe }));
  if (problems.length > 0) return { ok: false, problems };
  return checkRoundNote(tx, member, t.text("rounds.what", { kind }), text, t);
}

/** A note on a round (an objection, changes asked for) goes to the author, of another party, and is on the round for every party: the same guard as the draft. */
export async function checkRoundNote(tx: Transaction, member: Member, what: string, text: string, t: Translator): Promise<CheckedRoundText> {
  const guarded = await guardText(tx, member, { what, text, audience: everyParty(member) }, t);
  return guarded.ok ? { ok: true, text: guarded.text, problems: [] } : { ok: false, problems: [guarded.problem] };
}
