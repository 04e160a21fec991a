import type { SealableFields } from "../../core/ports.js";
import { cellKeys } from "./cell-keys.js";
import { prepareItem, type PreparedItem } from "./sealed-items.js";

/** What the store gives a parsing thread (prisma-store.ts): the cell's root key, which never leaves the process. */
export interface PreparerData {
  root: Uint8Array;
}

/**
 * Runs in a large import's parsing thread (core/formats/parse-aside.ts): each new item's token,
 * blinded relation key and sealed texts made there, under the keys the store derives from the
 * same root, and handed to the store with the item (NewItem.prepared).
 */
export function itemPreparer(data: PreparerData): (fields: SealableFields) => PreparedItem {
  // This thread never opens what it seals: it keeps none of it.
  const cipher = cellKeys(Buffer.from(data.root), false).items;
  return (fields) => prepareItem(cipher, fields);
}
