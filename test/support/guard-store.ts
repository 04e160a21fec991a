import type { PartyCode } from "../../src/core/covenant/parties.js";
import { findData } from "../../src/core/guard/find-data.js";
import { classify } from "../../src/core/indicators/index.js";
import type { Store } from "../../src/core/ports.js";
import { openStore } from "../../src/storage/database.js";
import { freshSqliteUrl } from "./databases.js";
import { newItem } from "./new-item.js";

/** A fresh SQLite store holding these values (as a submission classifies them), supplied by `party`. */
export async function storeHolding(values: readonly string[], party: PartyCode = "AIVD"): Promise<Store> {
  const store = await openStore(freshSqliteUrl());
  const items = values.map((raw) => {
    const result = classify(raw);
    if (!result.ok) throw new Error(`${raw}: ${result.reason}`);
    return newItem(result.indicator.type, result.indicator.value, party);
  });
  await store.transaction((tx) => tx.items.insert(items));
  return store;
}

/** What the guard finds a text names, as stored ("said"); a text too dense to check throws. */
export async function namedIn(store: Store, text: string): Promise<string[]> {
  const found = await findData(store, text);
  if (found.tooMany) throw new Error("too many");
  return found.mentions.map((m) => m.said);
}
