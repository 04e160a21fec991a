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
  /** When it was released to the recipient: the first release that carried this version. */
  dateAdded: Date;
  /** The record of provision (Wiv 2017) of that release, and its request. */
  provisionId: number;
  requestId: number;
  /** Its place in that release's bundle: with the two above, its place in the collection. */
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
    const items = (await itemsOfRequest(store.items, request)).filter((i) => !i.removedAt);
    const analysis = request.analysisId ? await store.analyses.byId(request.analysisId) : undefined;
    const file = await releaseFile("stix", request, items, release.releasedAt, analysis, { provisionId: release.provisionId });
    const bundle = JSON.parse(file.content) as { objects: Record<string, unknown>[] };
    for (const [ordinal, object] of bundle.objects.entries()) {
      const version = String(object.modified ?? object.created);
      const key = `${object.id}|${version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: String(object.id), type: String(object.type), version, dateAdded: release.releasedAt, provisionId: release.provisionId, requestId: request.id, ordinal, object });
    }
  }
  return out;
}
