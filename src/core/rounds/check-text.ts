import { mayCompareAcrossParties } from "../access/policy.js";
import { findUnsafeCharacter } from "../indicators/unsafe-characters.js";
import { parseIndicators } from "../indicators/index.js";
import type { Member } from "../directory/types.js";
import type { Transaction } from "../ports.js";
import type { RoundKind } from "./round-state.js";

/** A press line, a statement or an amendment fits in a few messages. */
export const MAX_ROUND_TEXT = 3000;
const MIN_ROUND_TEXT = 10;

/**
 * What is wrong with a draft, if anything. The text goes to every party's liaisons and, once
 * cleared, to third parties: so it may carry no data supplied to the cell (Art 7.2). An item id
 * is refused outright; an indicator is refused when it is on record among what the author may
 * have learned in the cell — every party's records for cell staff (Art 6.1), their own party's
 * for anyone else — so that the refusal itself tells nobody of another party's data.
 */
export async function problemsOfText(tx: Transaction, member: Member, kind: RoundKind, text: string): Promise<string[]> {
  const problems: string[] = [];
  const what = kind === "comms" ? "the draft" : "the amendment";
  if (text.length < MIN_ROUND_TEXT) problems.push(`write ${what} itself after the command (at least ${MIN_ROUND_TEXT} characters)`);
  if (text.length > MAX_ROUND_TEXT) problems.push(`${what} is ${text.length} characters; at most ${MAX_ROUND_TEXT}`);
  // Line breaks and tabs are layout; other invisible characters could make the parties agree to
  // something other than what they read.
  const unsafe = findUnsafeCharacter(text.replace(/[\n\r\t]/g, " "));
  if (unsafe) problems.push(`${what} contains the invisible character ${unsafe}; remove it`);
  if (problems.length > 0) return problems;
  return dataMentioned(tx, member, what, text);
}

/**
 * What a text says of the cell's data: item ids, and indicators on record that its writer may
 * know of. Used for drafts and for the notes that go from one party to another's author.
 */
export async function dataMentioned(tx: Transaction, member: Member, what: string, text: string): Promise<string[]> {
  const problems: string[] = [];
  const ids = [...new Set([...text.matchAll(/\bI-\d{1,12}\b/gi)].map((m) => m[0].toUpperCase()))];
  if (ids.length > 0) problems.push(`${what} refers to ${ids.slice(0, 5).join(", ")}: items of the cell leave it only by a disclosure with their party's consent (Art 7.2); leave them out`);
  const onRecord: string[] = [];
  const crossParty = mayCompareAcrossParties(member);
  for (const indicator of parseIndicators(text).accepted) {
    const records = (await tx.items.byValue(indicator.type, indicator.value)).filter((r) => r.correctedById === null);
    if (records.some((r) => crossParty || r.party === member.party)) onRecord.push(indicator.value);
  }
  if (onRecord.length > 0) {
    problems.push(`${what} names ${onRecord.slice(0, 5).join(", ")}, on record in the cell: a party's data leave the cell only by a disclosure with its consent (Art 7.2); leave it out`);
  }
  return problems;
}
