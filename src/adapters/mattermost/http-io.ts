import type { IncomingMessage, ServerResponse } from "node:http";
import { makeWellFormed, wellFormed } from "../../core/text/well-formed.js";

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Reads a request body up to `limit` bytes; a larger one is refused before it is all in memory. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Parses a JSON object body; anything else is undefined. Its strings come out well-formed: JSON
 * may carry half a surrogate pair ("\ud800"), which no database stores as sent.
 */
export function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? makeWellFormed(value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  // Mattermost reads a slash command's answer as JSON only with this content type (else as text).
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(text);
}

/**
 * A form body's fields (a slash command). URLSearchParams decodes percent-escapes as UTF-8 and
 * so yields well-formed text already; each value still passes the same door as every other
 * platform's, so that this holds whatever the parsing becomes.
 */
export function parseForm(raw: string): { get(name: string): string | undefined } {
  const form = new URLSearchParams(raw);
  return { get: (name) => (form.has(name) ? wellFormed(form.get(name)!) : undefined) };
}

export const str = (value: unknown): string => (typeof value === "string" ? value : "");
