import { DEFAULT_LIMIT, MAX_LIMIT, positionOf, type Query } from "../../core/taxii/query.js";

/**
 * The URL parameters of TAXII 2.1's Get Objects, Get Object Manifests and Get Object Versions,
 * read strictly: a malformed one is a 400 that says which. What they select is the core's
 * (core/taxii/query.ts).
 */
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

/** An RFC 3339 timestamp in microseconds since 1970: the digits past the millisecond count too. */
function microsOf(timestamp: string): number {
  const fraction = /\.(\d+)/.exec(timestamp)?.[1] ?? "";
  return Date.parse(timestamp) * 1000 + Number(fraction.slice(3, 6).padEnd(3, "0"));
}

