import { PARTY_CODES, type PartyCode } from "../covenant/parties.js";
import type { ItemReads } from "../ports.js";
import { rangePrefixesOf, relatedOfEach, relationBelow, relationKey, type RangePrefixes, type Related, type RelationReads } from "../relations/related.js";
import { keysBelow } from "../relations/relation-key.js";
import { letOthersRun } from "../let-others-run.js";
import type { KeyCursor, OverlapCounts, PeriodIndicator, SteeringReads } from "./types.js";

/** Records read per page: a year of a million items is counted a few thousand at a time. */
const PAGE = 2000;
/**
 * Indicators per relation look-up: an IPv6 address asks for up to 127 ranges (where ranges of
 * every length are on file), and a store that reads through Prisma's raw queries on SQLite (where
 * the native connection is not to be had) binds each as a parameter, which SQLite caps at 32,766.
 * A thousand instead of 200 made the report no faster.
 */
const SLICE = 200;

/**
 * Related overlaps (Art 6.1, issue 15), counted for the steering group (Art 9): the indicators
 * with a record in the period that relate — by a relation of relations/related.ts (an address in
 * a range, a URL and its host, a domain and its subdomains, the hashes of one file, …), not by
 * being the same value — to a record of another party supplied by the period's end and not
 * removed. In total and per pair of parties, as the identical overlaps are counted: an indicator
 * counts once however many records it relates to, once per pair of parties it joins, and not at
 * all when it relates only to records of the parties that supplied it. Two related indicators
 * both supplied in the period each count, as each is an indicator of the period that another
 * party's record relates to.
 *
 * The relations are those analysts are shown (relatedOfEach), read page by page so that memory
 * stays flat; a record counts if it was supplied before the period's end. Below a large range or
 * domain the relations' own look-up stops at a few dozen records; there every record under it is
 * read, so that no party's record is missed behind another's.
 */
export async function countRelatedOverlaps(reads: SteeringReads, items: RelationReads & Pick<ItemReads, "rangePrefixes" | "storedRanges">, from: Date, to: Date): Promise<OverlapCounts> {
  const pairs = new Map<string, number>();
  let indicators = 0;
  // Read once: an address is probed only for the lengths of the ranges on file, not all 31 (127).
  const rangePrefixes = await rangePrefixesOf(items);
  for (let after = 0; ; ) {
    const page = await reads.periodIndicators(from, to, after, PAGE);
    for (const { indicator, parties } of await relatedParties(reads, items, rangePrefixes, page.indicators, to)) {
      const joined = pairsJoined(indicator.parties, parties);
      if (joined.length === 0) continue;
      indicators++;
      for (const pair of joined) pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    }
    if (page.lastId === null) break;
    after = page.lastId;
    // A year of a large cell is hundreds of pages: a report in chat held the bot (its requests,
    // its /healthz, its own time limit) for as long as it ran.
    await letOthersRun();
  }
  return {
    indicators,
    pairs: [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([pair, n]) => ({ parties: pair.split("|") as [PartyCode, PartyCode], indicators: n })),
  };
}

/** A record of `party` can join an indicator to another party only if someone else supplied the indicator. */
const mayPair = (indicator: PeriodIndicator, party: PartyCode) => indicator.parties.some((p) => p !== party);

/** Each indicator with the parties of its related records supplied before `to`. */
async function relatedParties(reads: SteeringReads, items: RelationReads, rangePrefixes: RangePrefixes, indicators: readonly PeriodIndicator[], to: Date) {
  const related = new Map<string, Related>();
  for (let at = 0; at < indicators.length; at += SLICE) {
    for (const [key, r] of await relatedOfEach(items, indicators.slice(at, at + SLICE), { rangePrefixes, namesOnly: true })) related.set(key, r);
  }
  // The ids of each indicator's related records per party that could make a pair, oldest first.
  const candidates = indicators.map((indicator) => {
    const byParty = new Map<PartyCode, number[]>();
    for (const { record } of related.get(relationKey(indicator))?.records ?? []) {
      if (mayPair(indicator, record.party)) (byParty.get(record.party) ?? byParty.set(record.party, []).get(record.party)!).push(record.id);
    }
    return byParty;
  });
  // relatedOfEach reads every record on file, also those supplied after the period: the report of
  // a past quarter counts only what the parties had supplied by its end. One record of a party
  // is enough, so each party's first is asked about first (the lowest id, most likely supplied by
  // then), and the others only where it was not: a range relates to dozens of one party's.
  const lists = candidates.flatMap((byParty) => [...byParty.values()]);
  const first = [...new Set(lists.map((ids) => ids[0]))];
  const supplied = new Set(first.length > 0 ? await reads.suppliedBefore(first, to) : []);
  const rest = new Set(lists.filter((ids) => !supplied.has(ids[0])).flatMap((ids) => ids.slice(1)));
  for (const id of rest.size > 0 ? await reads.suppliedBefore([...rest], to) : []) supplied.add(id);

  const out: { indicator: PeriodIndicator; parties: Set<PartyCode> }[] = [];
  for (const [n, indicator] of indicators.entries()) {
    const parties = new Set([...candidates[n]].filter(([, ids]) => ids.some((id) => supplied.has(id))).map(([party]) => party));
    if (related.get(relationKey(indicator))?.more) await addPartiesUnder(reads, indicator, to, parties);
    out.push({ indicator, parties });
  }
  return out;
}

/**
 * Adds the parties of every record under a range or domain, supplied before `to`, that relates
 * to it: read whole where the relations' look-up stopped at BELOW_LIMIT records, which may all
 * have been one party's (or supplied after the period) while another party's lies further on.
 * Stops once every party that could still make a pair is found.
 */
async function addPartiesUnder(reads: SteeringReads, indicator: PeriodIndicator, to: Date, found: Set<PartyCode>): Promise<void> {
  const range = keysBelow(indicator.type, indicator.value);
  const wanted = PARTY_CODES.filter((p) => mayPair(indicator, p));
  for (let after: KeyCursor | null = null; range && !wanted.every((p) => found.has(p)); ) {
    const records = await reads.recordsUnder(range, to, after, PAGE);
    for (const r of records) if (!(r.type === indicator.type && r.value === indicator.value) && relationBelow(indicator, r)) found.add(r.party);
    if (records.length < PAGE) return;
    const last = records[records.length - 1];
    after = { key: last.storedKey ?? last.key, id: last.id };
  }
}

/** The pairs of parties ("AIVD|MIVD", in code order) that one supplied the indicator and the other a related record. */
function pairsJoined(holders: readonly PartyCode[], related: ReadonlySet<PartyCode>): string[] {
  const pairs = new Set<string>();
  for (const p of holders) for (const q of related) if (p !== q) pairs.add(p < q ? `${p}|${q}` : `${q}|${p}`);
  return [...pairs];
}
