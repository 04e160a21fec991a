import type { CollectionObject } from "./released-objects.js";

/**
 * What TAXII 2.1's Get Objects, Get Object Manifests and Get Object Versions select: `added_after`,
 * `limit`, `next` and `match[id|type|version|spec_version]`, applied to a collection's objects in
 * the order they were added. The HTTP route reads them from the URL (adapters/taxii/taxii-query.ts).
 */
export interface Query {
  /** In microseconds since 1970, as objects' `added`. */
  addedAfter?: number;
  limit: number;
  /** Where the previous page ended (an opaque `next` as this server writes it). */
  after?: Position;
  ids?: Set<string>;
  types?: Set<string>;
  versions: string[];
  specVersions?: Set<string>;
}

/** An object's place in a collection: when it was added, by which provision, where in that bundle. */
export interface Position {
  added: number;
  provision: number;
  ordinal: number;
}

/** A page when a client asks for none, and the most a page holds whatever it asks. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** `next` as this server writes it: where the page ended, in base64url. */
export const nextOf = (p: Position): string => Buffer.from(`${p.added}.${p.provision}.${p.ordinal}`).toString("base64url");

/** The place a `next` names; null when it is not one this server wrote. */
export function positionOf(next: string): Position | null {
  const parts = Buffer.from(next, "base64url").toString("utf8").split(".").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
  return { added: parts[0], provision: parts[1], ordinal: parts[2] };
}

export const positionOfObject = (o: CollectionObject): Position => ({ added: o.added, provision: o.provisionId, ordinal: o.ordinal });

const comesAfter = (a: Position, b: Position) => a.added - b.added || a.provision - b.provision || a.ordinal - b.ordinal;

/**
 * The objects that match, by id, type and spec_version, then by version among each id's matching
 * versions (`last` by default: one version of each object), in the order they were added.
 */
export function matching(objects: readonly CollectionObject[], query: Query): CollectionObject[] {
  const candidates = objects.filter(
    (o) =>
      (!query.ids || query.ids.has(o.id)) &&
      (!query.types || query.types.has(o.type)) &&
      // Every object the cell serves is STIX 2.1; without the parameter that is the latest.
      (!query.specVersions || query.specVersions.has(String(o.object.spec_version ?? "2.1"))),
  );
  const versionsOf = new Map<string, string[]>();
  for (const o of candidates) versionsOf.set(o.id, [...(versionsOf.get(o.id) ?? []), o.version]);
  const wanted = (o: CollectionObject) => {
    const all = versionsOf.get(o.id)!.sort();
    return query.versions.some((v) => v === "all" || (v === "first" && o.version === all[0]) || (v === "last" && o.version === all[all.length - 1]) || Date.parse(v) === Date.parse(o.version));
  };
  return candidates.filter(wanted);
}

/** One page after `added_after` and `next`: the objects, whether more follow, and where to go on. */
export function page<T extends CollectionObject>(objects: readonly T[], query: Query): { objects: T[]; more: boolean; next?: string } {
  const after = query.after;
  const from = objects.filter((o) => (query.addedAfter === undefined || o.added > query.addedAfter) && (!after || comesAfter(positionOfObject(o), after) > 0));
  const taken = from.slice(0, query.limit);
  const more = from.length > taken.length;
  return { objects: taken, more, ...(more ? { next: nextOf(positionOfObject(taken[taken.length - 1])) } : {}) };
}
