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
  async function sealStrings(strings: readonly string[], reads: SealingReads, generated: ReadonlySet<string> = new Set()): Promise<Map<string, string>> {
    const sealed = new Map<string, string>();
    const all = [...new Set(strings.filter((s) => s.length > 0 && s !== DESTROYED))];
    if (all.length === 0) return sealed;
    // What the bot wrote itself from what the transaction read (a reply) names no item it did
    // not read: its strings are matched against those items' texts, without reading them through.
    const candidates = all.filter((s) => !generated.has(s));
    const found = await recordsNamedIn(reads.items, candidates);
    const byText = new Map(candidates.map((s, n) => [s, withOwnTexts(s, found[n], reads.ownTexts)]));
    for (const s of all) if (!byText.has(s)) byText.set(s, withOwnTexts(s, { valueLike: mayHoldValue(s), recordIds: [] }, reads.ownTexts));
    const nonces = await reads.nonces([...new Set([...byText.values()].flatMap((n) => n.recordIds))]);
    for (const [plain, { valueLike, recordIds }] of byText) {
      // A string that merely looks sealed is sealed too, so that every stored one is a real seal.
      if (!valueLike && !plain.includes(SEALED_PREFIX)) continue;
      const ids = recordIds.filter((id) => nonces.has(id));
      sealed.set(plain, sealString(keys, plain, ids, ids.map((id) => nonces.get(id)!)));
    }
    return sealed;
  }

  return {
    /**
     * JSON values (plain data: objects, arrays, strings, numbers) with their telling strings
     * sealed. `generated`: which of them the bot wrote from what the transaction read (a reply).
     */
    async sealValues<T>(values: readonly T[], reads: SealingReads, generated?: readonly boolean[]): Promise<T[]> {
      const plain = values.map((v) => JSON.parse(JSON.stringify(v)) as T);
      const typed = new Set(plain.flatMap((v, n) => (generated?.[n] ? [] : stringsIn(v))));
      const bot = new Set(plain.flatMap((v, n) => (generated?.[n] ? stringsIn(v) : [])).filter((s) => !typed.has(s)));
      const sealed = await sealStrings(plain.flatMap((v) => stringsIn(v)), reads, bot);
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

/**
 * Whether a string the bot wrote, that names no item the transaction read, could still hold a
 * value (one a person typed and the reply repeats): four numbers with dots, hex groups with
 * colons, two labels joined by a dot (also defanged: "[.]", "(dot)", " punt "), an @, a run of
 * 32 hex digits, a URL's "://". What could is sealed under the cell key; what could not — a time,
 * an id, "TLP:GREEN", a member's name — stays readable, and costs no encryption.
 */
const MAY_HOLD_VALUE = /\d{1,3}(?:\s*[.,．。]\s*\d{1,3}){3}|[0-9a-f]{0,4}:[0-9a-f]{0,4}:[0-9a-f]{0,4}|[\p{L}\p{N}-]\s*(?:[.．。｡]|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)| dot | punt )\s*[\p{L}\p{N}-]|@|[0-9a-f]{32}|:\/\/|hxxp/iu;
const mayHoldValue = (text: string): boolean => MAY_HOLD_VALUE.test(text);

function withOwnTexts(text: string, named: { valueLike: boolean; recordIds: number[] }, ownTexts: ReadonlyMap<string, ReadonlySet<number>> | undefined) {
  if (!ownTexts || ownTexts.size === 0) return named;
  const ids = new Set(named.recordIds);
  for (const [own, owners] of ownTexts) if (owners.size > 0 && own.length >= SHORTEST_OWN_TEXT && text.includes(own)) for (const id of owners) ids.add(id);
  if (ids.size === named.recordIds.length) return named;
  return { valueLike: true, recordIds: [...ids].sort((a, b) => a - b) };
}
