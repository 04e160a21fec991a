import { releaseFile } from "../disclosure/release-file.js";
import { itemsOfRequest } from "../disclosure/request-items.js";
import { stableUuid } from "../formats/export/ids.js";
import type { Store } from "../ports.js";

/** A STIX object in a recipient's collection, with what TAXII says of it. */
export interface CollectionObject {
  id: string;
  type: string;
  /** The object's `modified` (its `created` where it has none): TAXII's version. */
  version: string;
  /**
   * When it was added, in microseconds since 1970: the release's time, plus its place in the
   * release, so that no two objects share one and a client paging by `added_after` misses none.
   */
  added: number;
  /** The record of provision (Wiv 2017) of that release, and its request. */
  provisionId: number;
  requestId: number;
  /**
   * Its place in the release, stable when an item is let go later: the bundle's head first, then
   * each item by its place in the request, then what follows them (the report, the markings).
   */
  ordinal: number;
  object: Record<string, unknown>;
}

/** The id of a recipient's collection: the same on every instance and after every restart. */
export const collectionId = (recipientId: string): string => stableUuid(`taxii-collection:${recipientId}`);

/**
 * Exactly what was released to one recipient (Art 7.2: nothing before every consent, nothing
 * released to someone else): each release's STIX bundle as the release file carries it, marked
 * with its TLP and its conditions, objects in the order they were added. An item its party let
 * go at a retention review since (Wiv 2017) is no longer served: its value is destroyed.
 */
export async function releasedObjects(store: Pick<Store, "disclosures" | "items" | "analyses">, recipientId: string): Promise<CollectionObject[]> {
  const out: CollectionObject[] = [];
  const seen = new Set<string>();
  for (const release of await store.disclosures.releasesTo(recipientId)) {
    const { request } = release;
    const all = await itemsOfRequest(store.items, request);
    const items = all.filter((i) => !i.removedAt);
    // Its analysis may name an item let go since: then the analysis is no longer served either.
    const analysis = request.analysisId && items.length === all.length ? await store.analyses.byId(request.analysisId) : undefined;
    const file = await releaseFile("stix", request, items, release.releasedAt, analysis, { provisionId: release.provisionId });
    const bundle = JSON.parse(file.content) as { objects: Record<string, unknown>[] };
    const place = placesIn(request.items.map((i) => i.itemId));
    for (const [index, object] of bundle.objects.entries()) {
      const ordinal = place(object, index);
      const version = String(object.modified ?? object.created);
      const key = `${object.id}|${version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: String(object.id), type: String(object.type), version, added: release.releasedAt.getTime() * 1000 + ordinal, provisionId: release.provisionId, requestId: request.id, ordinal, object });
    }
  }
  return out;
}

/** An object's place in a release (see CollectionObject.ordinal), from its bundle and the request's items. */
function placesIn(itemIds: readonly number[]): (object: Record<string, unknown>, index: number) => number {
  const itemPlace = new Map(itemIds.map((id, n) => [`I-${id}`, n]));
  let seenItem = false;
  let after = 0;
  return (object, index) => {
    const refs = Array.isArray(object.external_references) ? (object.external_references as { source_name?: unknown; external_id?: unknown }[]) : [];
    const item = refs.find((r) => r.source_name === "ciic-bot" && typeof r.external_id === "string" && itemPlace.has(r.external_id));
    if (item) {
      seenItem = true;
      return HEAD + itemPlace.get(item.external_id as string)!;
    }
    return seenItem ? HEAD + itemIds.length + after++ : index;
  };
}

/** The objects a release bundle starts with: the identity, the extension, the statement. */
const HEAD = 3;

/** A TAXII timestamp at microsecond precision, as `date_added` is written. */
export function taxiiTime(micros: number): string {
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return `${iso.slice(0, -1)}${String(micros % 1000).padStart(3, "0")}Z`;
}
