import type { Member } from "../directory/types.js";
import { ownParty } from "../guard/audience.js";
import { guardTexts } from "../guard/guard.js";
import type { Transaction } from "../ports.js";
import type { LabelInput } from "./provenance.js";

/**
 * The free-text labels a member gives an item (note, source reference, legal basis) pass the
 * Art 7.2 guard: the party's own liaisons read them in its exports, so they may not carry what
 * another party supplied. `supplied` are the values this very command supplies.
 */
export async function labelProblems(tx: Transaction, member: Member, input: LabelInput, supplied: readonly string[]): Promise<string[]> {
  const audience = ownParty(member, supplied);
  const fields = [
    { what: "the note", text: input.note ?? "", audience },
    { what: "the source reference", text: input.sourceRef ?? "", audience },
    { what: "the legal basis", text: input.legalBasis ?? "", audience },
  ].filter((f) => f.text.trim() !== "");
  const guarded = await guardTexts(tx, member, fields);
  return guarded.ok ? [] : guarded.problems;
}
