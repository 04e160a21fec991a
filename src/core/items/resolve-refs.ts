import { classify, refang } from "../indicators/index.js";
import type { StoredItem, Transaction } from "../ports.js";
import { formatItemId, parseItemId } from "./item-id.js";

/**
 * Turns what an analyst typed — item ids ("I-42") or indicator values — into the current items
 * they stand for. A value stands for every party's current record of it. Cell staff may see
 * all of these (Art 6.1); callers decide what to show to whom.
 */
export async function resolveItemRefs(tx: Transaction, refs: readonly string[]): Promise<{ items: StoredItem[]; problems: string[] }> {
  const found = new Map<number, StoredItem>();
  const problems: string[] = [];
  for (const ref of refs) {
    const id = parseItemId(ref);
    if (id !== undefined) {
      const item = await tx.items.byId(id);
      if (!item) problems.push(`there is no item ${formatItemId(id)}`);
      else if (item.correctedById) problems.push(`${formatItemId(id)} was corrected by ${formatItemId(item.correctedById)}; name the current version`);
      else found.set(item.id, item);
      continue;
    }
    const classified = classify(refang(ref));
    if (!classified.ok) {
      problems.push(`\`${ref.slice(0, 60)}\` is neither an item id nor an indicator: ${classified.reason}`);
      continue;
    }
    const current = (await tx.items.byValue(classified.indicator.type, classified.indicator.value)).filter((i) => i.correctedById === null);
    if (current.length === 0) problems.push(`no party has supplied ${classified.indicator.value}`);
    for (const item of current) found.set(item.id, item);
  }
  return { items: [...found.values()].sort((a, b) => a.id - b.id), problems };
}
