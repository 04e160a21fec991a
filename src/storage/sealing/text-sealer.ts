import { recordsNamedIn } from "../../core/guard/find-data.js";
import type { ItemReads } from "../../core/ports.js";
import type { CellKeys } from "./cell-keys.js";
import { DESTROYED, openSealedJson, SEALED_PREFIX, sealedItemIds, sealString, stringsIn, mapStrings } from "./sealed-text.js";

/** The nonces of items on file (not let go), by id: an item without one is absent from the answer. */
export interface NonceReads {
  nonces(itemIds: readonly number[]): Promise<Map<number, string>>;
}

/** What sealing asks the store: the records a text names, and their nonces. */
export interface SealingReads extends NonceReads {
  items: Pick<ItemReads, "named">;
  /**
   * An item's own free text (its source reference and note) as the transaction wrote or read it,
   * with the items it belongs to: a string that holds one is sealed under their keys, as no
   * extraction can tell a source reference from other prose.
   */
  ownTexts?: ReadonlyMap<string, ReadonlySet<number>>;
}

/** Own texts shorter than this are too common to say whose they are ("x", "n/a"). */
const SHORTEST_OWN_TEXT = 4;

/**
 * Seals and opens the strings of stored JSON texts (audit details, replies kept for retries,
 * messages in the outbox, records of provision): a string that writes anything that could be an
 * indicator is sealed under the keys of every item on file whose value it names (one look-up for
 * all strings of a call), or under the cell text key when it names none. Strings that could name
 * nothing (ids, codes, counts, names) stay readable.
 */
export function textSealer(keys: CellKeys) {
  async function sealStrings(strings: readonly string[], reads: SealingReads): Promise<Map<string, string>> {
    const sealed = new Map<string, string>();
    const candidates = [...new Set(strings.filter((s) => s.length > 0 && s !== DESTROYED))];
    if (candidates.length === 0) return sealed;
    const named = (await recordsNamedIn(reads.items, candidates)).map((n, i) => withOwnTexts(candidates[i], n, reads.ownTexts));
    const nonces = await reads.nonces([...new Set(named.flatMap((n) => n.recordIds))]);
    candidates.forEach((plain, n) => {
      const { valueLike, recordIds } = named[n];
      // A string that merely looks sealed is sealed too, so that every stored one is a real seal.
      if (!valueLike && !plain.includes(SEALED_PREFIX)) return;
      const ids = recordIds.filter((id) => nonces.has(id));
      sealed.set(plain, sealString(keys, plain, ids, ids.map((id) => nonces.get(id)!)));
    });
    return sealed;
  }

  return {
    /** JSON values (plain data: objects, arrays, strings, numbers) with their telling strings sealed. */
    async sealValues<T>(values: readonly T[], reads: SealingReads): Promise<T[]> {
      const plain = values.map((v) => JSON.parse(JSON.stringify(v)) as T);
      const sealed = await sealStrings(plain.flatMap((v) => stringsIn(v)), reads);
      if (sealed.size === 0) return plain;
      return plain.map((v) => mapStrings(v, (s) => sealed.get(s) ?? s) as T);
    },

    /** JSON texts with their telling strings sealed. */
    async sealJsonTexts(texts: readonly string[], reads: SealingReads): Promise<string[]> {
      const values = await this.sealValues(texts.map((t) => JSON.parse(t) as unknown), reads);
      return values.map((v) => JSON.stringify(v));
    },

    /**
     * JSON texts with their sealed strings opened: DESTROYED where the key of an item a string
     * named is gone. Everything else stays exactly as stored.
     */
    async openJsonTexts(texts: readonly string[], reads: NonceReads): Promise<string[]> {
      const ids = [...new Set(texts.flatMap((t) => sealedItemIds(t)))];
      if (!texts.some((t) => t.includes(SEALED_PREFIX))) return [...texts];
      const nonces = ids.length > 0 ? await reads.nonces(ids) : new Map<number, string>();
      return texts.map((t) => openSealedJson(keys, t, (id) => nonces.get(id)));
    },
  };
}

export type TextSealer = ReturnType<typeof textSealer>;

function withOwnTexts(text: string, named: { valueLike: boolean; recordIds: number[] }, ownTexts: ReadonlyMap<string, ReadonlySet<number>> | undefined) {
  if (!ownTexts || ownTexts.size === 0) return named;
  const ids = new Set(named.recordIds);
  for (const [own, owners] of ownTexts) if (owners.size > 0 && own.length >= SHORTEST_OWN_TEXT && text.includes(own)) for (const id of owners) ids.add(id);
  if (ids.size === named.recordIds.length) return named;
  return { valueLike: true, recordIds: [...ids].sort((a, b) => a - b) };
}
