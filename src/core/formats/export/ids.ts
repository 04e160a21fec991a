import { createHash } from "node:crypto";

/**
 * A stable UUID for an exported object, derived from what it stands for (e.g. "item:42"), so
 * that exporting the same item twice gives the same STIX id or MISP uuid and importing tools
 * recognise it. Shaped as a version 5 (name-based) UUID.
 */
export function stableUuid(name: string): string {
  const hex = createHash("sha256").update(`ciic-bot:${name}`).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
