import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { StoreUnavailableError, type Clock, type Store } from "../../core/ports.js";
import { keyHolder } from "../../core/taxii/keys.js";
import { holdsCollection, readCollection, type CollectionAsk, type CollectionEndpoint } from "../../core/taxii/read-collection.js";
import { collectionId, taxiiTime, type CollectionObject } from "../../core/taxii/released-objects.js";
import type { KeyHolder } from "../../core/taxii/types.js";
import type { HttpRoute } from "../../http-server.js";
import { readQuery } from "./taxii-query.js";
import { acceptsTaxii, API_ROOT_PATH, apiRoot, collectionResource, DISCOVERY_PATH, discovery, send, sendError, STIX_MEDIA } from "./taxii-resources.js";

/**
 * TAXII 2.1 for recipients' systems: a SOC's MISP, OpenCTI or SIEM pulls what was released to
 * its organisation, and nothing else (covenant Art 7.2). Read-only; every request needs a key
 * made with `ciic taxii key add` (HTTP Basic with the key as password, or a bearer token); TLS
 * is left to the proxy in front, as for Slack. This route speaks HTTP; the core decides whose
 * key it is (core/taxii/keys.ts) and what it reads, and audits every pull of a collection's
 * content (core/taxii/read-collection.ts).
 */
export function createTaxiiRoute(deps: { store: Store; clock: Clock; logger: Logger; publicUrl?: string }): HttpRoute {
  return {
    prefix: DISCOVERY_PATH,
    async handle(req, res) {
      try {
        await answer(deps, req, res);
      } catch (error) {
        const unavailable = error instanceof StoreUnavailableError;
        deps.logger.error({ err: error, path: pathOf(req) }, "TAXII request failed");
        if (!res.headersSent) {
          sendError(
            res,
            unavailable ? 503 : 500,
            unavailable ? "Unavailable" : "Server error",
            !unavailable
              ? "The request could not be answered; the operators' log says why."
              : error.diskFull
                ? "The database has no room left to write (its disk is full); try again once its operators have made room."
                : "The database did not answer in time; try again shortly.",
          );
        } else res.end();
      }
    },
  };
}

async function answer(deps: { store: Store; clock: Clock; logger: Logger; publicUrl?: string }, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://taxii.invalid");
  // TAXII's paths end in "/"; one written without it is the same resource.
  const path = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  if (!acceptsTaxii(req.headers.accept)) {
    return sendError(res, 406, "Not acceptable", `This server answers in ${"application/taxii+json;version=2.1"}; send that in Accept.`);
  }
  const holder = await keyHolder(deps.store, presentedKey(req));
  if (!holder) {
    deps.logger.warn({ path, reason: req.headers.authorization ? "key unknown, revoked, or its recipient left the directory" : "no key" }, "TAXII request refused");
    return sendError(res, 401, "Unauthorized", "Give the key an administrator made for your organisation (ciic taxii key add): as the password of HTTP Basic, or as a bearer token.", {
      "www-authenticate": 'Basic realm="ciic-bot TAXII", charset="UTF-8"',
    });
  }
  const { recipient } = holder;
  const get = (respond: () => Promise<void> | void) => (req.method === "GET" || req.method === "HEAD" ? respond() : sendError(res, 405, "Method not allowed", "This resource is read with GET.", { allow: "GET, HEAD" }));

  if (path === DISCOVERY_PATH) return get(() => send(res, 200, discovery(baseUrl(deps.publicUrl, req))));
  if (path === API_ROOT_PATH) return get(() => send(res, 200, apiRoot()));
  if (path === `${API_ROOT_PATH}collections/`) return get(() => send(res, 200, { collections: [collectionResource(recipient)] }));
  const inCollection = path.match(/^\/taxii2\/ciic\/collections\/([^/]+)\/(.*)$/);
  if (!inCollection || !holdsCollection(holder, inCollection[1])) {
    if (path.startsWith(`${API_ROOT_PATH}status/`)) return sendError(res, 404, "Not found", "This server takes no objects, so it has no status resources.");
    return notYourCollection(res, holder);
  }
  const rest = inCollection[2];
  if (rest === "") return get(() => send(res, 200, collectionResource(recipient)));
  if (rest === "objects/" && req.method === "POST") return sendError(res, 403, "Forbidden", "This collection is read-only (can_write is false): the cell releases, recipients read.");
  const object = rest.match(/^objects\/([^/]+)\/(versions\/)?$/);
  if (object && req.method === "DELETE") return sendError(res, 403, "Forbidden", "This collection is read-only (can_write is false).");
  const endpoint: CollectionEndpoint | undefined = rest === "objects/" ? "objects" : rest === "manifest/" ? "manifest" : object ? (object[2] ? "versions" : "object") : undefined;
  if (!endpoint) return sendError(res, 404, "Not found", "A collection has objects/, objects/<id>/, objects/<id>/versions/ and manifest/.");
  return get(async () => {
    const reading = readQuery(url.searchParams);
    if (!reading.ok) return sendError(res, 400, "Bad request", reading.problem);
    const objectId = object ? decodedId(object[1]) : undefined;
    if (object && objectId === undefined) return sendError(res, 404, "Not found", "That is no object id: ids look like indicator--<uuid>.");
    await serveContent(deps, res, { holder, collection: inCollection[1], endpoint, query: reading.query, objectId });
  });
}

/** What the core read (and audited) for the ask, written as TAXII writes each endpoint. */
async function serveContent(deps: { store: Store; clock: Clock }, res: ServerResponse, ask: CollectionAsk): Promise<void> {
  const shown = await readCollection(deps, ask);
  if (shown.kind === "unknown-collection") return notYourCollection(res, ask.holder);
  if (shown.kind === "unknown-object") return sendError(res, 404, "Not found", `No object ${ask.objectId!.slice(0, 100)} was released to ${ask.holder.recipient.name}.`);
  const headers = dateHeaders(shown.objects);
  const paging = { more: shown.more, ...(shown.next ? { next: shown.next } : {}) };
  if (ask.endpoint === "versions") return send(res, 200, { ...paging, ...(shown.objects.length ? { versions: shown.objects.map((o) => o.version) } : {}) }, headers);
  if (ask.endpoint === "manifest") {
    const entries = shown.objects.map((o) => ({ id: o.id, date_added: taxiiTime(o.added), version: o.version, media_type: STIX_MEDIA }));
    return send(res, 200, { ...paging, ...(entries.length ? { objects: entries } : {}) }, headers);
  }
  return send(res, 200, { ...paging, ...(shown.objects.length ? { objects: shown.objects.map((o) => o.object) } : {}) }, headers);
}

/** Another recipient's collection, or none: one answer, which says nothing of others. */
const notYourCollection = (res: ServerResponse, holder: KeyHolder) =>
  sendError(res, 404, "Not found", `No such resource. Your collection is ${API_ROOT_PATH}collections/${collectionId(holder.recipient.id)}/.`);

/** X-TAXII-Date-Added-First and -Last: when the first and last object of the page were added. */
function dateHeaders(objects: readonly CollectionObject[]): Record<string, string> {
  if (objects.length === 0) return {};
  return { "x-taxii-date-added-first": taxiiTime(objects[0].added), "x-taxii-date-added-last": taxiiTime(objects[objects.length - 1].added) };
}

/** The key from `Authorization`: a bearer token, or HTTP Basic's password (its user name when the password is empty). */
function presentedKey(req: IncomingMessage): string {
  const header = req.headers.authorization ?? "";
  const [scheme, value = ""] = header.split(/\s+/, 2);
  if (scheme.toLowerCase() === "bearer") return value;
  if (scheme.toLowerCase() !== "basic") return "";
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const password = colon < 0 ? "" : decoded.slice(colon + 1);
  return password || (colon < 0 ? decoded : decoded.slice(0, colon));
}

/** Where clients reach the bot: the setting, else the request's own host (behind a proxy, its forwarded host and scheme). */
function baseUrl(publicUrl: string | undefined, req: IncomingMessage): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, "");
  const forwarded = (name: string) => String(req.headers[name] ?? "").split(",")[0].trim();
  const scheme = forwarded("x-forwarded-proto") || "http";
  return `${scheme}://${forwarded("x-forwarded-host") || req.headers.host || "localhost"}`;
}

/** A path segment's text; undefined when its %-escapes are broken. */
function decodedId(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const pathOf = (req: IncomingMessage) => (req.url ?? "/").split("?")[0];
