import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Reading and answering the workspace's HTTP requests. Every answer forbids caching, framing by
 * other pages, content sniffing and loading anything from outside this machine.
 */
const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
} as const;

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": contentType, ...headers });
  res.end(body);
}

export const sendJson = (res: ServerResponse, status: number, body: unknown): void => send(res, status, "application/json; charset=utf-8", JSON.stringify(body));

/** A clear answer to a request the workspace will not carry out; nothing was done. */
export const sendError = (res: ServerResponse, status: number, message: string): void => sendJson(res, status, { error: message });

export class RequestTooLarge extends Error {}

/** The whole body, refused once it grows past `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new RequestTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RequestTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The media type of a request body, without parameters such as charset. */
export const mediaType = (req: IncomingMessage): string => (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
