import type { IndicatorType } from "../../core/indicators/index.js";
import type { KeyedRecord, NamedRecord, NewItem, SealableFields, StoredItem } from "../../core/ports.js";
import { HASH_TYPES, relationKeyOf } from "../../core/relations/relation-key.js";
import { headKey, headKeyParts, type HotQueries, type RawHotQueries, type SealedRow, type StoredNewItem } from "../hot-queries.js";
import { newNonce } from "./cell-keys.js";
import type { ItemCipher, ItemSecrets } from "./item-cipher.js";

/**
 * The nonces of the items a transaction read or stored, by id: sealing a text that names them
 * (a reply, an audit entry) then needs no second look-up of what the rows it read already held
 * (on PostgreSQL a round trip per command). Emptied at each transaction's start; an item it lets
 * go is taken out. An import stores a million items in one transaction: past MOST_BOOKED the rest
 * are looked up when a text names them (a 1,000,000-line import peaked at 851 MB instead of about
 * 620 with every one kept).
 */
export type NonceBook = Map<number, string>;
const MOST_BOOKED = 20_000;
const book = (nonces: NonceBook | undefined, id: number, nonce: unknown) => {
  if (nonces && typeof nonce === "string" && nonces.size < MOST_BOOKED) nonces.set(id, nonce);
};

const USER_INFO = /^([a-z][a-z0-9+.-]{0,20}:\/\/)[^/?#@\s]{0,256}@/i;
/**
 * Whether a stored URL begins with a prefix asked for ("scheme://host"), also without its user
 * info: "evil.example/x" names "https://user:pw@evil.example/x", whose host and path it writes.
 */
function namedByPrefix(value: string, prefixes: readonly string[]): boolean {
  const bare = value.replace(USER_INFO, "$1");
  return prefixes.some((p) => value.startsWith(p) || bare.startsWith(p));
}

/**
 * The hot queries as the store uses them, in clear, over a database that holds items only as
 * tokens, blinded keys and sealed texts (item-cipher.ts): values become tokens on their way in,
 * ranges blinded ranges; rows come back opened, with their clear relation keys made anew from
 * their values. What it opens or stores is noted in `nonces`.
 */
export function clearItemQueries(raw: RawHotQueries, cipher: ItemCipher, nonces?: NonceBook): HotQueries {
  const token = (type: string, value: string) => cipher.token(type, value);
  const storedHeadKey = (key: string) => {
    const [party, type, value] = headKeyParts(key);
    return headKey(party, type, token(type, value));
  };
  return {
    ...raw,
    async findHeads(keys) {
      const clearOf = new Map(keys.map((k) => [storedHeadKey(k), k]));
      const found = await raw.findHeads([...clearOf.keys()]);
      return new Map([...found].map(([k, id]) => [clearOf.get(k)!, id]));
    },
    async currentHolders(indicators, parties) {
      const asked = indicators.map((i) => ({ type: i.type, value: tokenOf(cipher, i) }));
      const found = await raw.currentHolders(asked, parties);
      // Most values of an import are held by no one: the way back is made only for what was found.
      if (found.length === 0) return [];
      const clearOf = new Map(asked.map((a, n) => [`${a.type}|${a.value}`, indicators[n].value]));
      return found.map((h) => ({ type: h.type, value: clearOf.get(`${h.type}|${h.value}`)!, party: h.party }));
    },
    async insertItems(items) {
      const rows = items.map((i) => storedItem(cipher, i));
      const ids = await raw.insertItems(rows);
      for (let n = 0; n < ids.length; n++) book(nonces, ids[n], rows[n].keyNonce);
      return ids;
    },
    async insertAbsentItems(items) {
      const rows = items.map((i) => storedItem(cipher, i));
      const ids = await raw.insertAbsentItems(rows);
      for (let n = 0; n < ids.length; n++) if (ids[n] !== null) book(nonces, ids[n]!, rows[n].keyNonce);
      return ids;
    },
    async itemsByValue(type, value) {
      // Asked by a command for the value it reads (a look-up's), which it seldom asks again: its
      // token is not kept for later, which would have it promoted out of the young generation.
      return (await raw.itemsByValue(type, cipher.probeToken(type, value))).map((row) => toStoredItem(row, cipher, nonces));
    },
    async namedRecords(probe) {
      const values = probe.values.map((v) => ({ type: v.type, value: cipher.probeToken(v.type, v.value) }));
      const clearOf = new Map(values.map((v, n) => [`${v.type}|${v.value}`, probe.values[n].value]));
      if (probe.namesOnly && probe.urlPrefixes.length === 0 && probe.emails.length === 0 && probe.itemIds.length === 0) {
        // Each value asked for is known here: nothing of the rows needs opening.
        const rows = await raw.valueRecords(values, probe.otherThan);
        return rows.map((row) => ({ id: Number(row.id), type: row.type as IndicatorType, value: clearOf.get(`${row.type}|${row.value}`)!, party: row.party as NamedRecord["party"] }));
      }
      const urlHosts = new Set<string>();
      for (const prefix of probe.urlPrefixes) {
        const key = relationKeyOf("url", prefix);
        if (key) urlHosts.add(cipher.storedKeyOf(key));
      }
      const emailDomains = new Set(probe.emails.map((e) => cipher.storedKeyOf(relationKeyOf("email", e)!)));
      const rows = await raw.namedRecords({
        values,
        urlHosts: [...urlHosts],
        emailDomains: [...emailDomains],
        itemIds: probe.itemIds,
      });
      // A URL or an e-mail address found by its host's or domain's key is one the probe names only
      // where its value begins with a prefix asked for, or is an address asked for in any case.
      const emails = new Set(probe.emails);
      const ids = new Set(probe.itemIds);
      const out: NamedRecord[] = [];
      for (const row of rows) {
        if (row.party === probe.otherThan) continue;
        const named = clearOf.get(`${row.type}|${row.value}`);
        const value = named ?? openRow(cipher, row)?.value;
        if (value === undefined) continue;
        book(nonces, Number(row.id), row.keyNonce);
        const record = { id: Number(row.id), type: row.type as IndicatorType, value, party: row.party as NamedRecord["party"] };
        if (named !== undefined || ids.has(record.id)) out.push(record);
        else if (row.type === "url" && namedByPrefix(value, probe.urlPrefixes)) out.push(record);
        else if (row.type === "email" && emails.has(value.toLowerCase())) out.push(record);
      }
      return out;
    },
    async underKeys(ranges, limit, otherThan) {
      const rows = await raw.underKeys(
        ranges.map((r) => cipher.storedRange(r)),
        limit,
        otherThan,
      );
      return keyedRows(cipher, rows, nonces);
    },
    async storedRanges(limit) {
      const out: { type: "ipv4-cidr" | "ipv6-cidr"; value: string }[] = [];
      for (const row of await raw.rangeRows(limit)) {
        const value = openRow(cipher, row)?.value;
        if (value !== undefined) out.push({ type: row.type as "ipv4-cidr" | "ipv6-cidr", value });
      }
      return out;
    },
    async keysOf(indicators) {
      const rows = await raw.keysOf(indicators.map((i) => ({ type: i.type, value: tokenOf(cipher, i) })));
      const out = new Map<string, { type: IndicatorType; value: string; key: string }>();
      for (const r of keyedRows(cipher, rows, nonces)) out.set(`${r.type}|${r.value}|${r.key}`, { type: r.type, value: r.value, key: r.key });
      return [...out.values()];
    },
  };
}

/**
 * What an item's row keeps in keyed and sealed form: its value's token, its blinded relation key,
 * its nonce and its texts sealed under that nonce's key.
 */
export interface PreparedItem {
  type: string;
  /** The value it was made for. */
  value: string;
  token: string;
  relKey: string | null;
  /** The clear key `relKey` blinds, where it is the item's own (not a range's): the store remembers it for the look-up of related records that follows. */
  clearKey: string | null;
  keyNonce: string;
  sealed: string;
}

/** What of an item is sealed: a hash's file only for a hash. */
const secretsOf = (i: SealableFields): ItemSecrets => ({
  value: i.value,
  supplied: i.supplied ?? null,
  sourceRef: i.sourceRef ?? null,
  note: i.note ?? null,
  sameFile: HASH_TYPES.has(i.type) ? (i.sameFile?.toLowerCase() ?? null) : null,
});

/** An item's keyed and sealed form, under a new key: here, or in an import's parsing thread (prepare-items.ts). */
export function prepareItem(cipher: ItemCipher, i: SealableFields): PreparedItem {
  const keyNonce = newNonce();
  const secrets = secretsOf(i);
  const range = i.type === "ipv4-cidr" || i.type === "ipv6-cidr";
  const clearKey = range ? null : relationKeyOf(i.type, i.value, i.sameFile);
  const relKey = range ? cipher.storedKey(i.type, i.value, i.sameFile) : clearKey === null ? null : cipher.storedKeyOf(clearKey);
  return { type: i.type, value: i.value, token: cipher.token(i.type, i.value), relKey, clearKey, keyNonce, sealed: cipher.seal(keyNonce, secrets) };
}

/**
 * The form an import's parsing thread made for this item's record, if any. It sealed the fields
 * importFile gives the item (formats/types.ts sealableFieldsOf, from the same record); type and
 * value are checked here, so that no form ever stands for another item.
 */
export function preparedFor(item: { type: string; value: string; prepared?: unknown }): PreparedItem | undefined {
  const p = item.prepared as PreparedItem | undefined;
  return typeof p === "object" && p !== null && p.type === item.type && p.value === item.value && typeof p.sealed === "string" ? p : undefined;
}

/** A value's token: the one its prepared form holds (a record of a large import), else made here. */
const tokenOf = (cipher: ItemCipher, i: { type: string; value: string; prepared?: unknown }): string => preparedFor(i)?.token ?? cipher.token(i.type, i.value);

/**
 * A new item's row: its value as a token, its relation key blinded, its texts sealed under a new
 * key, or all of that as the import's parsing thread made it. Written out field by field, as
 * prisma-store's asStored is: the fields both take, made by one helper and spread into each, made
 * a 100,000-item import 45 % slower (6.6 s against 9.3–10.6 s).
 */
export function storedItem(cipher: ItemCipher, i: NewItem): StoredNewItem {
  let p = preparedFor(i);
  // A large import's item (made in its parsing thread): its key is remembered for the look-up
  // below it that follows; its texts are not, since the import's look-ups ask for other parties'
  // records (`otherThan`) and seldom open its own, and keeping each cost 1.3 µs.
  if (p) {
    if (p.clearKey !== null && p.relKey !== null) cipher.adoptKey(p.clearKey, p.relKey);
  } else p = prepareItem(cipher, i);
  return {
    type: i.type,
    value: p.token,
    party: i.party,
    memberId: i.memberId,
    memberName: i.memberName,
    submittedAt: i.submittedAt,
    legalBasis: i.legalBasis,
    reliability: i.reliability,
    tlp: i.tlp,
    via: i.via,
    supersedesId: i.supersedesId,
    ...(i.firstSeen ? { firstSeen: i.firstSeen } : {}),
    relKey: p.relKey,
    keyNonce: p.keyNonce,
    sealed: p.sealed,
  };
}

/** A found row's sealed texts, or undefined when its key is gone (a removal) or it has none. */
export function openRow(cipher: ItemCipher, row: { sealed?: unknown; keyNonce?: unknown }): ItemSecrets | undefined {
  return typeof row.sealed === "string" && typeof row.keyNonce === "string" ? cipher.open(row.keyNonce, row.sealed) : undefined;
}

/** Found rows with their clear relation keys (as relation-key.ts makes them) and, for a page's cursor, their stored ones. */
export function keyedRows(cipher: ItemCipher, rows: readonly SealedRow[], nonces?: NonceBook): KeyedRecord[] {
  const out: KeyedRecord[] = [];
  for (const row of rows) {
    const opened = openRow(cipher, row);
    if (!opened) continue;
    book(nonces, Number(row.id), row.keyNonce);
    const key = relationKeyOf(row.type as IndicatorType, opened.value, opened.sameFile);
    if (key === null) continue;
    out.push({ id: Number(row.id), type: row.type as IndicatorType, value: opened.value, party: row.party as KeyedRecord["party"], key, storedKey: row.key ?? undefined });
  }
  return out;
}

const dateOf = (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number));

/**
 * An item as the store gives it, from its row as read (ITEM_SELECT, or Prisma's with its
 * correction): opened. A removed item's row keeps only the mark of its removal as its value, and
 * every row on file is sealed (seal-items.ts brings older ones over before the store opens).
 */
export function toStoredItem(row: Record<string, unknown>, cipher: ItemCipher, nonces?: NonceBook): StoredItem {
  const opened = openRow(cipher, row);
  if (opened && !row.removedAt) book(nonces, Number(row.id), row.keyNonce);
  const correctedBy = row.correctedBy as { id: number } | null | undefined;
  return {
    id: Number(row.id),
    type: row.type as IndicatorType,
    value: opened?.value ?? (row.value as string),
    party: row.party as StoredItem["party"],
    memberId: row.memberId as string,
    memberName: row.memberName as string,
    submittedAt: dateOf(row.submittedAt)!,
    legalBasis: row.legalBasis as string,
    reliability: row.reliability as string,
    tlp: row.tlp as StoredItem["tlp"],
    sourceRef: opened?.sourceRef ?? null,
    note: opened?.note ?? null,
    via: row.via as string,
    supersedesId: row.supersedesId === null || row.supersedesId === undefined ? null : Number(row.supersedesId),
    correctedById: correctedBy !== undefined ? (correctedBy?.id ?? null) : row.correctedById === null || row.correctedById === undefined ? null : Number(row.correctedById),
    removedAt: dateOf(row.removedAt),
    ...(opened?.supplied ? { supplied: opened.supplied } : {}),
    ...(row.firstSeen ? { firstSeen: dateOf(row.firstSeen)! } : {}),
    ...(opened?.sameFile && HASH_TYPES.has(row.type as IndicatorType) && opened.sameFile !== opened.value.toLowerCase() ? { sameFile: opened.sameFile } : {}),
  };
}
