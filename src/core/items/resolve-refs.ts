import { parseIndicators, type Indicator } from "../indicators/index.js";
import type { StoredItem, Transaction } from "../ports.js";
import { formatItemId, parseItemId } from "./item-id.js";
import type { Translator } from "../i18n/translator.js";
import { say } from "../i18n/phrase.js";

/** As for a submission: more references than this belong in a file. */
export const MAX_REFS = 1000;

/**
 * Turns what an analyst typed — item ids ("I-42") or indicator values — into the current items
 * they stand for. Values are read as a submission reads them (Slack markup, escapes, defanged
 * forms), and a value stands for every party's current record of it. Cell staff may see all of
 * these (Art 6.1); callers decide what to show to whom.
 */
export async function resolveItemRefs(tx: Transaction, refs: readonly string[], t: Translator): Promise<{ items: StoredItem[]; problems: string[] }> {
  const found = new Map<number, StoredItem>();
  const problems: string[] = [];
  if (refs.length > MAX_REFS) return { items: [], problems: [t.text("items.too_many_refs", { count: refs.length, max: MAX_REFS })] };
  for (const ref of refs) {
    const id = parseItemId(ref);
    if (id !== undefined) {
      const item = await tx.items.byId(id);
      if (!item) problems.push(t.text("items.no_item", { item: formatItemId(id) }));
      else if (item.removedAt) problems.push(t.text("items.removed", { item: formatItemId(id) }));
      else if (item.correctedById) problems.push(t.text("items.corrected", { item: formatItemId(id), current: formatItemId(item.correctedById) }));
      else found.set(item.id, item);
      continue;
    }
    const parsed = parseIndicators(ref);
    if (parsed.refused.length > 0) {
      problems.push(t.text("items.not_a_ref", { raw: parsed.refused[0].raw, reason: say(t, parsed.refused[0].why) }));
      continue;
    }
    for (const indicator of parsed.accepted) {
      const current = await currentRecords(tx, indicator);
      if (current.length === 0) problems.push(t.text("items.not_supplied", { value: indicator.value }));
      for (const item of current) found.set(item.id, item);
    }
  }
  return { items: [...found.values()].sort((a, b) => a.id - b.id), problems };
}

export const currentRecords = async (tx: Transaction, indicator: Indicator) =>
  (await tx.items.byValue(indicator.type, indicator.value)).filter((i) => i.correctedById === null);
