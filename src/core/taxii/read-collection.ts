import type { Clock, Store } from "../ports.js";
import { matching, page, type Query } from "./query.js";
import { collectionId, releasedObjects, type CollectionObject } from "./released-objects.js";
import type { KeyHolder } from "./types.js";

/** What a collection's content is read as: its objects, one object's versions, or its manifest. */
export type CollectionEndpoint = "objects" | "object" | "versions" | "manifest";

export interface CollectionAsk {
  holder: KeyHolder;
  /** The collection named in the request. */
  collection: string;
  endpoint: CollectionEndpoint;
  query: Query;
  /** For "object" and "versions": the STIX id asked for. */
  objectId?: string;
}

export type CollectionRead =
  /** Not the holder's collection (another recipient's, or none): told apart from nothing else, so that it says nothing of others. */
  | { kind: "unknown-collection" }
  /** The holder's collection holds no such object. */
  | { kind: "unknown-object" }
  | { kind: "page"; objects: CollectionObject[]; more: boolean; next?: string };

/** A key reads one collection: its recipient's (Art 7.2: nothing released to someone else). */
export const holdsCollection = (holder: KeyHolder, collection: string): boolean => collection === collectionId(holder.recipient.id);

/**
 * A page of what was released to the key's recipient, as TAXII 2.1 asks for it (query.ts), and
 * its audit entry in the same transaction: the entry names exactly what was read, so a pull is a
 * provision known to have been picked up (Wiv 2017) before anything is sent.
 */
export async function readCollection(deps: { store: Store; clock: Clock }, ask: CollectionAsk): Promise<CollectionRead> {
  if (!holdsCollection(ask.holder, ask.collection)) return { kind: "unknown-collection" };
  const { endpoint, query, objectId } = ask;
  return deps.store.transaction(
    async (tx): Promise<CollectionRead> => {
      const all = await releasedObjects(tx, ask.holder.recipient.id);
      // One object's versions: every version unless asked otherwise; elsewhere `last` by default.
      const scoped = objectId !== undefined ? all.filter((o) => o.id === objectId) : all;
      if (objectId !== undefined && scoped.length === 0) return { kind: "unknown-object" };
      const selected = endpoint === "versions" ? matching(scoped, { ...query, versions: ["all"] }) : matching(scoped, query);
      const result = page(selected, query);
      await tx.audit.append([fetchEntry(ask, result.objects)], deps.clock.now());
      return { kind: "page", ...result };
    },
    { auditAtCommit: true },
  );
}

/** The pull's audit entry: which key, which endpoint, how many objects, of which records of provision. */
function fetchEntry(ask: CollectionAsk, objects: readonly CollectionObject[]) {
  const { key, recipient } = ask.holder;
  const provisions = [...new Set(objects.map((o) => o.provisionId))];
  return {
    action: "taxii.fetched",
    actor: `taxii:${key.id}`,
    subject: `recipient:${recipient.id}`,
    details: { key: key.id, label: key.label, endpoint: ask.endpoint, ...(ask.objectId !== undefined ? { object: ask.objectId } : {}), objects: objects.length, provisions },
  };
}
