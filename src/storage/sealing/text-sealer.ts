import type { Extracted } from "../../core/guard/extract.js";
import { recordsNamedIn } from "../../core/guard/find-data.js";
import type { ItemReads, NamedRecord } from "../../core/ports.js";
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
   * The values and own free texts (source references, notes) of the items the transaction wrote
   * or read, with the items they belong to: a string that holds one is sealed under their keys.
   * No extraction can tell a source reference from other prose, and a reply is matched against
   * them instead of being read through.
   */
  ownTexts?: ReadonlyMap<string, OwnText>;
  /**
   * The values and own texts of items the transaction let go: a string that holds one is stored
   * as "[destroyed]", since the key it would be sealed under is already gone.
   */
  destroyedTexts?: ReadonlySet<string>;
  /** The records of values ("type|value") the transaction read already, none included (recordsNamedIn's `known`). */
  readRecords?: ReadonlyMap<string, readonly NamedRecord[]>;
  /** What extraction found in texts the transaction read ahead (recordsNamedIn's `extracted`). */
  extracted?: ReadonlyMap<string, Extracted>;
}

/**
 * A source reference or note shorter than this is too common to say whose a text is ("NCSC",
 * "n/a"): a party's code in an entry must not be sealed because someone's note was "NCSC".
 */
const SHORTEST_OWN_TEXT = 8;
/** Values are specific: "a.nl" is one. */
const SHORTEST_VALUE = 4;
/**
 * Beyond this many own texts (an export reads every item of a party), strings are matched against
 * them whole, not searched for each: 20,000 texts searched in 40,000 strings took 10 s.
 */
const MOST_SEARCHED = 200;

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
    // Of those, what names none of the items the transaction read and could still hold a value
    // (a typed one it repeats) is read through after all.
    const known = new Map(all.filter((s) => generated.has(s)).map((s) => [s, withOwnTexts(s, { valueLike: false, recordIds: [] }, reads.ownTexts)]));
    const unknown = [...known].filter(([s, n]) => n.recordIds.length === 0 && mayHoldValue(s)).map(([s]) => s);
    const read = [...candidates, ...unknown];
    const found = await recordsNamedIn(reads.items, read, reads.readRecords && ((key) => reads.readRecords!.get(key)), reads.extracted);
    const byText = new Map([...known, ...read.map((s, n) => [s, withOwnTexts(s, found[n], reads.ownTexts)] as const)]);
    const nonces = await reads.nonces([...new Set([...byText.values()].flatMap((n) => n.recordIds))]);
    for (const [plain, { valueLike, recordIds }] of byText) {
      if (destroys(plain, reads.destroyedTexts) || recordIds.some((id) => !nonces.has(id))) {
        // It names what this transaction let go (or another one just did): nothing of it is kept.
        sealed.set(plain, DESTROYED);
        continue;
      }
      // A string that merely looks sealed is sealed too, so that every stored one is a real seal.
      if (!valueLike && !plain.includes(SEALED_PREFIX)) continue;
      sealed.set(plain, sealString(keys, plain, recordIds, recordIds.map((id) => nonces.get(id)!)));
    }
    return sealed;
  }

  return {
    /** What an item's row keeps, under the same keys (item-cipher.ts). */
    items: keys.items,
    /**
     * JSON values (plain data: objects, arrays, strings, numbers) with their telling strings
     * sealed. `generated`: which of them the bot wrote from what the transaction read (a reply).
     */
    async sealValues<T>(values: readonly T[], reads: SealingReads, generated?: readonly boolean[]): Promise<T[]> {
      // Plain data as JSON would store it (dates as text, no undefined); a string, or a reply the
      // store has just parsed from its JSON text, is that already.
      const plain = values.map((v, n) => (typeof v === "string" || generated?.[n] ? v : (JSON.parse(JSON.stringify(v)) as T)));
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

/** An item's own text as a transaction met it: the items it belongs to (none: shared too widely), and whether it is a value. */
export interface OwnText {
  owners: Set<number>;
  value: boolean;
}

/**
 * Whether a string the bot wrote, that names no item the transaction read, could still hold a
 * value (one a person typed and the reply repeats): four numbers with dots, hex groups with
 * colons, two labels joined by a dot (also defanged: "[.]", "(dot)", " punt "), an @, a run of
 * 32 hex digits, a URL's "://", a run that may be base64. What could is sealed under the cell
 * key; what could not — a time, an id, "TLP:GREEN", a member's name — stays readable, and costs
 * no encryption.
 */
const MAY_HOLD_VALUE = /cve-\d{4}-\d{4,}|\d{1,3}(?:\s*[.,．。]\s*\d{1,3}){3}|[0-9a-f]{0,4}:[0-9a-f]{0,4}:[0-9a-f]{0,4}|[\p{L}\p{N}-]\s*(?:[.．。｡]|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)| dot | punt )\s*[\p{L}\p{N}-]|@|[0-9a-f]{32}|:\/\/|hxxp/iu;
/**
 * A run that may be a value in base64 ("MjAzLjAuMTEzLjk"): long, with a capital and a digit, as
 * prose words are not; longer than a chat platform's ids ("C0123456789"), which the bot writes often.
 */
const MAY_BE_BASE64 = /[\w+/-]{12,}/g;
const mayBeBase64 = (text: string): boolean => {
  for (const [run] of text.matchAll(MAY_BE_BASE64)) if (/\d/.test(run) && /[A-Z]/.test(run.slice(1))) return true;
  return false;
};
const mayHoldValue = (text: string): boolean => MAY_HOLD_VALUE.test(text) || mayBeBase64(text);

const destroys = (text: string, destroyed: ReadonlySet<string> | undefined): boolean => {
  if (!destroyed) return false;
  for (const gone of destroyed) if (gone.length >= SHORTEST_VALUE && text.includes(gone)) return true;
  return false;
};

function withOwnTexts(text: string, named: { valueLike: boolean; recordIds: number[]; tooMany?: true }, ownTexts: ReadonlyMap<string, OwnText> | undefined) {
  if (!ownTexts || ownTexts.size === 0) return named;
  const ids = new Set(named.recordIds);
  const add = (owners: ReadonlySet<number>) => {
    for (const id of owners) ids.add(id);
  };
  if (named.tooMany) {
    // Too long to read through (an export sent in chat): sealed under every item the transaction
    // read or stored, whose values it may hold, so that letting any of them go destroys it.
    for (const own of ownTexts.values()) if (own.value) add(own.owners);
  } else if (ownTexts.size > MOST_SEARCHED) {
    const whole = ownTexts.get(text);
    if (whole && whole.owners.size > 0) add(whole.owners);
  } else {
    // forEach: a for…of over the entries makes a pair for each, for every string sealed.
    ownTexts.forEach(({ owners, value }, own) => {
      if (owners.size > 0 && own.length >= (value ? SHORTEST_VALUE : SHORTEST_OWN_TEXT) && text.includes(own)) add(owners);
    });
  }
  if (ids.size === named.recordIds.length) return named;
  return { valueLike: true, recordIds: [...ids].sort((a, b) => a - b) };
}
