import type { CollectionObject } from "./released-objects.js";

/**
 * The URL parameters of TAXII 2.1's Get Objects, Get Object Manifests and Get Object Versions:
 * `added_after`, `limit`, `next` and `match[id|type|version|spec_version]`, read strictly (a
 * malformed one is a 400 that says which), applied to a collection's objects in the order they
 * were added.
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

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const VERSION_WORDS = new Set(["first", "last", "all"]);

export type QueryReading = { ok: true; query: Query } | { ok: false; problem: string };

export function readQuery(params: URLSearchParams): QueryReading {
  const list = (name: string) => params.get(name)?.split(",").map((v) => v.trim()).filter(Boolean);
  const addedAfter = params.get("added_after");
  if (addedAfter !== null && (!RFC3339.test(addedAfter) || Number.isNaN(Date.parse(addedAfter)))) {
    return { ok: false, problem: `added_after must be an RFC 3339 timestamp such as 2026-12-01T09:00:00.000Z; it was "${addedAfter.slice(0, 40)}".` };
  }
  const limitText = params.get("limit");
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) return { ok: false, problem: `limit must be a whole number of 1 or more; it was "${limitText?.slice(0, 20)}".` };
  const nextText = params.get("next");
  const after = nextText === null ? undefined : positionOf(nextText);
  if (after === null) return { ok: false, problem: "next is not one this server gave out; start again without it, or use added_after with X-TAXII-Date-Added-Last." };
  const versions = list("match[version]") ?? ["last"];
  const wrong = versions.find((v) => !VERSION_WORDS.has(v) && (!RFC3339.test(v) || Number.isNaN(Date.parse(v))));
  if (wrong) return { ok: false, problem: `match[version] takes first, last, all or a timestamp; "${wrong.slice(0, 40)}" is none of these.` };
  const ids = list("match[id]");
  const types = list("match[type]");
  const specVersions = list("match[spec_version]");
  return {
    ok: true,
    query: {
      ...(addedAfter === null ? {} : { addedAfter: microsOf(addedAfter) }),
      limit: Math.min(limit, MAX_LIMIT),
      ...(after ? { after } : {}),
      ...(ids ? { ids: new Set(ids) } : {}),
      ...(types ? { types: new Set(types) } : {}),
      versions,
      ...(specVersions ? { specVersions: new Set(specVersions) } : {}),
    },
  };
}

/** `next` as this server writes it: where the page ended, in base64url. */
export const nextOf = (p: Position): string => Buffer.from(`${p.added}.${p.provision}.${p.ordinal}`).toString("base64url");

function positionOf(next: string): Position | null {
  const parts = Buffer.from(next, "base64url").toString("utf8").split(".").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
  return { added: parts[0], provision: parts[1], ordinal: parts[2] };
}

export const positionOfObject = (o: CollectionObject): Position => ({ added: o.added, provision: o.provisionId, ordinal: o.ordinal });

/** An RFC 3339 timestamp in microseconds since 1970: the digits past the millisecond count too. */
function microsOf(timestamp: string): number {
  const fraction = /\.(\d+)/.exec(timestamp)?.[1] ?? "";
  return Date.parse(timestamp) * 1000 + Number(fraction.slice(3, 6).padEnd(3, "0"));
}

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
