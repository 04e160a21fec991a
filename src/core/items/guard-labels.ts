import type { Member } from "../directory/types.js";
import { ownParty } from "../guard/audience.js";
import { guardTexts } from "../guard/guard.js";
import type { Transaction } from "../ports.js";
import type { Translator } from "../i18n/translator.js";
import type { LabelInput } from "./provenance.js";

/**
 * The free-text labels a member gives an item (note, source reference, legal basis) pass the
 * Art 7.2 guard: the party's own liaisons read them in its exports, so they may not carry what
 * another party supplied. `supplied` are the values this very command supplies.
 */
export async function labelProblems(t: Translator, tx: Transaction, member: Member, input: LabelInput, supplied: readonly string[]): Promise<string[]> {
  const audience = ownParty(member, supplied);
  const fields = [
    { what: t.text("guard.what.note"), text: input.note ?? "", audience },
    { what: t.text("guard.what.source_ref"), text: input.sourceRef ?? "", audience },
    { what: t.text("guard.what.legal_basis"), text: input.legalBasis ?? "", audience },
  ].filter((f) => f.text.trim() !== "");
  const guarded = await guardTexts(tx, member, fields, t);
  return guarded.ok ? [] : guarded.problems;
}
