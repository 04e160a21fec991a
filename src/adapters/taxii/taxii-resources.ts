import type { ServerResponse } from "node:http";
import type { Recipient } from "../../core/disclosure/types.js";
import { collectionId } from "../../core/taxii/released-objects.js";

/** The media types of TAXII 2.1 and of the STIX 2.1 it carries. */
export const TAXII_MEDIA = "application/taxii+json;version=2.1";
export const STIX_MEDIA = "application/stix+json;version=2.1";

/** The one API root, under the discovery path. */
export const DISCOVERY_PATH = "/taxii2/";
export const API_ROOT_PATH = "/taxii2/ciic/";

export const discovery = (base: string) => ({
  title: "CIIC releases",
  description: "What the Cyber Intel/Info Cel released to your organisation, each release with every supplying party's consent (covenant Art 7.2).",
  default: `${base}${API_ROOT_PATH}`,
  api_roots: [`${base}${API_ROOT_PATH}`],
});

export const apiRoot = () => ({
  title: "CIIC releases",
  description: "One read-only collection per recipient: the releases made to it.",
  versions: [TAXII_MEDIA],
  // Nothing is ever written here; a small figure keeps clients from sending large bodies.
  max_content_length: 1024,
});

export const collectionResource = (recipient: Recipient) => ({
  id: collectionId(recipient.id),
  title: `Releases to ${recipient.name}`,
  description: `Every disclosure the CIIC released to ${recipient.name}, as STIX 2.1 bundles marked with their TLP label and conditions.`,
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA],
});

/** TAXII's error message: a title, a description that says what to do, the HTTP status. */
export function sendError(res: ServerResponse, status: number, title: string, description: string, headers: Record<string, string> = {}): void {
  send(res, status, { title, description, http_status: String(status) }, headers);
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": TAXII_MEDIA, "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Whether the client takes TAXII 2.1 JSON: no Accept at all, `*\/*`, `application/*`, or
 * application/taxii+json without a version or with version 2.1.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(",").some((range) => {
    const [type, ...params] = range.split(";").map((p) => p.trim().toLowerCase());
    if (type === "*/*" || type === "application/*") return true;
    if (type !== "application/taxii+json") return false;
    const version = params.find((p) => p.startsWith("version="));
    return !version || version === "version=2.1";
  });
}
