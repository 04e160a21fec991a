import type { PartyCode } from "../covenant/parties.js";
import type { Indicator } from "../indicators/index.js";
import { formatItemId } from "../items/item-id.js";
import type { AnalysisReads, DataProbe, DisclosureReads, ItemReads, NamedRecord } from "../ports.js";
import { formatAnalysisId, formatRequestId } from "../disclosure/types.js";
import { extract, looksLikeValue, urlKey, type Extracted } from "./extract.js";

/** One thing a text names of the cell's data. */
export interface Mention {
  /** The value as stored (which may be only part of what the text wrote), or the id ("I-42", "R-4", "A-2"). */
  said: string;
  /** The parties whose data it is: every party with a record of the value, or the item's party. */
  owners: PartyCode[];
  /** The records it names (every party's, every version not removed), by id. */
  recordIds: number[];
}

/** What the guard reads: a transaction or the store. */
export interface GuardReads {
  items: ItemReads;
  disclosures: Pick<DisclosureReads, "byId">;
  analyses: Pick<AnalysisReads, "byId">;
}

/**
 * `ids`: every item, request and analysis id the text writes ("I-42", "R-4", "A-2"), on record or
 * not, whoever's data it holds.
 */
export type Findings = { tooMany: false; mentions: Mention[]; ids: string[] } | { tooMany: true };

const PARAM_MARKS = /[&;]/;
const params = (query: string) => new Set(query.split(PARAM_MARKS).filter(Boolean));
// Where text glued on after a parameter's value begins: "id=7,https://…" (a list), "id=7]klik[/url]"
// (BBCode), "id=7,200,GET" (a CSV row's next fields), "id=7\\nHost: …" (a line break inside a JSON
// string), a closing quote or bracket at the end. Not any comma or pipe: "id=7,8" is another value.
const GLUED_AFTER_VALUE = /,(?=(?:https?|ftp):\/\/)|,(?=(?:\d{3}|get|post|put|head|delete|patch|options)(?:,|$))|\](?=[^\s\]]{0,80}\[\/)|\\[nrt]|['")]$/i;
// Parameters in a URL's path ("/b;jsessionid=1"), which the server reads apart from the path.
const PATH_PARAMS = /;[^/?#]*/g;
const TRAILING_SLASHES = /\/+$/;

/**
 * The parameters a text's URL carries: its query's and its fragment's (single-page sites keep
 * them after "#"), each also cut where glued-on text begins, and "id[]=7" also as "id=7".
 */
function writtenParams(query: string): Set<string> {
  const out = new Set<string>();
  for (const p of params(query)) {
    out.add(p);
    const cut = p.search(GLUED_AFTER_VALUE);
    if (cut > 0) out.add(p.slice(0, cut));
    if (p.includes("[]=")) for (const q of [...out]) out.add(q.replace("[]=", "="));
  }
  return out;
}

/**
 * Whether a stored URL is what a URL in the text names: the same, or the text's goes on past it
 * ("…/login/step2", "…/login&data=…" inside a mail gateway's link). A stored query is named when
 * the text's path is the same (path parameters aside) and carries each of its parameters, in any
 * order, in its query or its fragment.
 */
export function names(textKey: string, storedKey: string): boolean {
  const q = storedKey.indexOf("?");
  if (q === -1) return textKey.startsWith(storedKey) && !/[\p{L}\p{N}]/u.test(textKey.charAt(storedKey.length));
  const path = storedKey.slice(0, q).replace(TRAILING_SLASHES, "");
  const textQ = textKey.indexOf("?");
  const textHash = textKey.indexOf("#");
  const end = textQ !== -1 ? textQ : textHash;
  if (end === -1) return false;
  const textPath = textKey.slice(0, end).replace(TRAILING_SLASHES, "");
  if (textPath !== path && textPath.replace(PATH_PARAMS, "").replace(TRAILING_SLASHES, "") !== path) return false;
  const written = writtenParams(textKey.slice(end + 1).replace("#", "&"));
  return [...params(storedKey.slice(q + 1).split("#")[0])].every((p) => written.has(p));
}

/**
 * Every record on file that a text names, however it is written (see extract.ts): the store is
 * asked once for all candidates, so a long text costs one query.
 */
export async function findData(reads: GuardReads, text: string): Promise<Findings> {
  return (await findDataInEach(reads, [text]))[0];
}

/**
 * findData for several texts, with one question to the store for all of them: an import's
 * labels, a thousand texts a slice, cost one query instead of a thousand. In the order given.
 */
export async function findDataInEach(reads: GuardReads, texts: readonly string[]): Promise<Findings[]> {
  const found = texts.map((text) => extract(text));
  const readable = found.filter((f) => !f.tooMany);
  // One after another: they share the caller's transaction, and most texts name no request or analysis.
  const grouped: Mention[][] = [];
  for (const f of found) grouped.push(f.tooMany ? [] : await groupedItems(reads, f.requestIds, f.analysisIds));
  const itemIds = new Set(readable.flatMap((f) => [...f.itemIds]));
  const asks = readable.some((f) => f.values.size > 0 || f.urls.length > 0 || f.itemIds.size > 0);
  const records = asks ? await reads.items.named(probeFor(readable, itemIds)) : [];
  return found.map((f, n) => (f.tooMany ? { tooMany: true } : { tooMany: false, mentions: mentionsIn(f, records, grouped[n]), ids: idsIn(f) }));
}

const idsIn = (found: Extracted): string[] => [...[...found.itemIds].map(formatItemId), ...[...found.requestIds].map(formatRequestId), ...[...found.analysisIds].map(formatAnalysisId)];

/** What one text names among the records a probe found (for it and perhaps other texts). */
function mentionsIn(found: Extracted, records: readonly NamedRecord[], grouped: readonly Mention[]): Mention[] {
  const byValue = new Map<string, NamedRecord[]>();
  const byId = new Map<number, PartyCode>();
  const add = (r: NamedRecord) => byValue.set(r.value, [...(byValue.get(r.value) ?? []), r]);
  const namedHere = valueMatcher(found);
  for (const r of records) {
    if (found.itemIds.has(r.id)) byId.set(r.id, r.party);
    if (namedHere(r)) add(r);
  }
  return [
    ...[...byId].sort(([a], [b]) => a - b).map(([id, party]) => ({ said: formatItemId(id), owners: [party], recordIds: [id] })),
    ...[...byValue].map(([said, records]) => ({ said, owners: [...new Set(records.map((r) => r.party))].sort(), recordIds: records.map((r) => r.id) })),
    ...grouped,
  ];
}

/** One probe for the values and URLs of several extractions (and the item ids given). */
function probeFor(found: readonly Extracted[], itemIds: ReadonlySet<number> = new Set()): DataProbe {
  const values = found.flatMap((f) => [...f.values.values()]);
  return {
    values,
    urlPrefixes: [...new Set(found.flatMap((f) => f.urls.flatMap((u) => u.prefixes)))],
    emails: [...new Set(values.filter((v) => v.type === "email").map((v) => v.value.toLowerCase()))],
    itemIds: [...itemIds],
  };
}

/** Whether a record the probe found is one that this text names by its value (not by its id). */
function valueMatcher(found: Extracted): (r: NamedRecord) => boolean {
  const textUrls = found.urls.map((u) => u.key);
  const emails = new Set([...found.values.values()].filter((v) => v.type === "email").map((v) => v.value.toLowerCase()));
  return (r) => {
    if (found.values.has(`${r.type}|${r.value}`) || (r.type === "email" && emails.has(r.value.toLowerCase()))) return true;
    if (r.type !== "url") return false;
    const stored = urlKey(r.value);
    return stored !== undefined && textUrls.some((t) => names(t, stored));
  };
}

/**
 * Most strings a command stores are the same from one command to the next (a reply's labels, a
 * member's name, a code): that extraction found nothing in the latest short ones is remembered,
 * so that only the new ones (the values) are read through again. A text that names something is
 * remembered only once it was met among the latest few before (a help's examples, met at every
 * help): most are new at each command and never met again (a look-up's reply: 2 of 12,011 on the
 * look-up bench). Remembered at first sight, three a look-up passed through the map, and the young
 * collector copied what it held and what its let-go tables still pointed at: 40 % of each
 * collection's pause, which sets the look-up's slowest one in a hundred. Extraction depends on the
 * text alone.
 */
const namingNothing = new Set<string>();
const NAMING_NOTHING = 5_000;
/** What extraction finds in a text that names nothing: one answer shared by all (recordsNamedIn only reads it). */
const NOTHING: Extracted = { values: new Map(), urls: [], itemIds: new Set(), requestIds: new Set(), analysisIds: new Set(), tooMany: false, wordNames: new Set() };
const naming = new Map<string, Extracted>();
const NAMING = 64;
const LONGEST_REMEMBERED = 500;

/** The latest texts met that name something, in a ring that neither grows nor leaves a table behind. */
const MET = 64;
const met: string[] = new Array<string>(MET).fill("");
let metAt = 0;
/** Whether this text is among the latest met; noted if not. */
function metBefore(text: string): boolean {
  if (met.includes(text)) return true;
  met[metAt] = text;
  metAt = (metAt + 1) % MET;
  return false;
}

function extractRemembered(text: string): Extracted {
  if (text.length > LONGEST_REMEMBERED) return extract(text);
  if (namingNothing.has(text)) return NOTHING;
  const known = naming.get(text);
  if (known) return known;
  const found = extract(text);
  if (found.tooMany || found.values.size > 0 || found.urls.length > 0 || found.itemIds.size > 0 || found.requestIds.size > 0 || found.analysisIds.size > 0) {
    // The oldest is let go: a remembered text's extraction is the same the next time, wherever it stands.
    if (metBefore(text)) {
      naming.set(text, found);
      if (naming.size > NAMING) naming.delete(naming.keys().next().value!);
    }
    return found;
  }
  namingNothing.add(text);
  if (namingNothing.size > NAMING_NOTHING) namingNothing.delete(namingNothing.values().next().value!);
  return NOTHING;
}

/**
 * For each text, whether it writes anything that could be an indicator (or is too long to tell),
 * and the records on file (not removed) whose value it names: with one probe for all the texts.
 * Used to seal stored texts under the keys of the items they name (storage/sealing).
 */
export async function recordsNamedIn(
  items: Pick<ItemReads, "named">,
  texts: readonly string[],
  /** The records of a value ("type|value") the caller has read already (possibly none), or undefined. */
  known?: (key: string) => readonly NamedRecord[] | undefined,
  /** What extraction found in texts the caller read already (valuesNamedIn's `extracted`). */
  extracted?: ReadonlyMap<string, Extracted>,
): Promise<{ valueLike: boolean; recordIds: number[]; tooMany?: true }[]> {
  const found = texts.map((t) => extracted?.get(t) ?? extractRemembered(t));
  // Words that would make a name (Extracted.wordNames) are looked up too, and make a text look
  // like a value only when they name one on record.
  const mayName = (f: Extracted) => !f.tooMany && (f.values.size > 0 || f.urls.length > 0);
  // A text whose every candidate is a value already read needs no look-up: a URL (named by its
  // prefix) or an e-mail address (in any case) always does.
  const readAlready = (f: Extracted) => known !== undefined && f.urls.length === 0 && [...f.values].every(([key, v]) => v.type !== "email" && known(key) !== undefined);
  const checked = found.filter((f) => mayName(f) && !readAlready(f));
  const records = checked.length === 0 ? [] : await items.named(probeFor(checked));
  return found.map((f) => {
    if (f.tooMany) return { valueLike: true, recordIds: [], tooMany: true };
    if (!mayName(f)) return { valueLike: false, recordIds: [] };
    const named = readAlready(f) ? [...f.values.keys()].flatMap((key) => known!(key)!) : records.filter(valueMatcher(f));
    const recordIds = [...new Set(named.map((r) => r.id))].sort((a, b) => a - b);
    return { valueLike: looksLikeValue(f) || recordIds.length > 0, recordIds };
  });
}

/**
 * The values recordsNamedIn would read for a text whose every candidate is a value, for a caller
 * that reads them ahead, beside reads of its own, and passes what it found as `known` later (the
 * store does so with a value looked up, which the transaction's audit entry and reply repeat).
 * Empty for a text recordsNamedIn reads in any case: one naming a URL (by its prefix) or an
 * e-mail address, or too long to read.
 */
export function valuesNamedIn(text: string, extracted?: Map<string, Extracted>): Indicator[] {
  // Not through the remembered texts: recordsNamedIn meets the same text again at commit, and a
  // text met twice is remembered, which put every value looked up in the map (see
  // extractRemembered). What was found is kept in `extracted` instead, which the caller keeps for
  // the rest of its transaction and passes to recordsNamedIn: the text is read once.
  const found = extracted?.get(text) ?? extract(text);
  extracted?.set(text, found);
  if (found.tooMany || found.urls.length > 0) return [];
  const values = [...found.values.values()];
  return values.some((v) => v.type === "email") ? [] : values;
}

/**
 * A request or an analysis named by its id ("R-4", "A-2") is named with the items it holds: one
 * mention for each, so that every party whose item it holds must be allowed, or cited. Their
 * parties come from one look-up of all their items (removed ones no longer count).
 */
async function groupedItems(reads: GuardReads, requestIds: ReadonlySet<number>, analysisIds: ReadonlySet<number>): Promise<Mention[]> {
  const holders: { said: string; itemIds: number[] }[] = [];
  for (const id of requestIds) {
    const request = await reads.disclosures.byId(id);
    if (request) holders.push({ said: formatRequestId(id), itemIds: request.items.map((i) => i.itemId) });
  }
  for (const id of analysisIds) {
    const analysis = await reads.analyses.byId(id);
    if (analysis) holders.push({ said: formatAnalysisId(id), itemIds: analysis.itemIds });
  }
  const itemIds = [...new Set(holders.flatMap((h) => h.itemIds))];
  if (itemIds.length === 0) return [];
  const parties = new Map((await reads.items.named({ values: [], urlPrefixes: [], emails: [], itemIds })).map((r) => [r.id, r.party]));
  return holders.flatMap((h) => h.itemIds.filter((id) => parties.has(id)).map((id) => ({ said: h.said, owners: [parties.get(id)!], recordIds: [id] })));
}
