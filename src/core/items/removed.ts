import type { StoredItem } from "../ports.js";
import { formatTime, type Inline } from "../views/message.js";

/** Whether the item's party let it go at a retention review (Wiv 2017): its value is destroyed. */
export const isRemoved = (item: Pick<StoredItem, "removedAt">): boolean => Boolean(item.removedAt);

/** The value as messages show it: a removed item shows that it was removed, never a value. */
export const shownValue = (item: Pick<StoredItem, "value" | "removedAt">): Inline =>
  item.removedAt ? { strong: `removed ${formatTime(item.removedAt)}` } : { code: item.value };
