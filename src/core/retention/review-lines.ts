import type { ItemReads } from "../ports.js";
import type { ReviewEntry } from "./types.js";
import type { ReviewLine } from "./views.js";

/** A review's entries with their items, as the question shows them. */
export async function reviewLines(items: Pick<ItemReads, "byId">, entries: readonly ReviewEntry[]): Promise<ReviewLine[]> {
  const out: ReviewLine[] = [];
  for (const entry of entries) out.push({ entry, item: await items.byId(entry.itemId) });
  return out;
}
