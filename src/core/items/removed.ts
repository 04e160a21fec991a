import type { StoredItem } from "../ports.js";
import type { Translator } from "../i18n/translator.js";
import type { Inline } from "../views/message.js";

/** Whether the item's party let it go at a retention review (Wiv 2017): its value is destroyed. */
export const isRemoved = (item: Pick<StoredItem, "removedAt">): boolean => Boolean(item.removedAt);

/** The value as messages show it: a removed item shows that it was removed, never a value. */
export const shownValue = (item: Pick<StoredItem, "value" | "removedAt">, t: Translator): Inline =>
  item.removedAt ? { strong: t.text("common.removed", { time: t.time(item.removedAt) }) } : { code: item.value };
