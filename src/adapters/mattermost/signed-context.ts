import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * What the bot hands Mattermost to echo back later — a button's context, a dialog's state — is
 * signed with MATTERMOST_ACTION_SECRET (HMAC-SHA256). Anyone who can reach the bot's URL can post
 * a click or a dialog submission; only one that carries what the bot itself signed is carried out.
 *
 * A token is `<payload as base64url JSON>.<signature as base64url>`. The purpose ("action",
 * "dialog") is signed with it, so that a dialog's state cannot pass for a button's context.
 */
export type Purpose = "action" | "dialog";
export type Payload = Record<string, string | number>;

const mac = (secret: string, purpose: Purpose, body: string) => createHmac("sha256", secret).update(`${purpose}.${body}`).digest();

export function signPayload(secret: string, purpose: Purpose, payload: Payload): string {
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${body}.${mac(secret, purpose, body).toString("base64url")}`;
}

/** The payload, if `token` is one the bot signed for this purpose; undefined otherwise. */
export function verifyPayload(secret: string, purpose: Purpose, token: unknown): Payload | undefined {
  if (typeof token !== "string" || token.length > 8192) return undefined;
  const dot = token.indexOf(".");
  if (dot <= 0) return undefined;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = mac(secret, purpose, body);
  // timingSafeEqual needs equal lengths; the length of a signature is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Payload) : undefined;
  } catch {
    return undefined;
  }
}

/** Compares a presented secret (the slash command's token) with the expected one in constant time. */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  // Digests have equal length whatever was presented, so the comparison time says nothing.
  const a = createHmac("sha256", "ciic-token-compare").update(presented).digest();
  const b = createHmac("sha256", "ciic-token-compare").update(expected).digest();
  return timingSafeEqual(a, b);
}
