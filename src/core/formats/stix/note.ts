import { clip, detach } from "./text.js";

/** What the source said about an indicator besides its value, for the item's note. */
export interface NoteFacts {
  name?: unknown;
  /** The creating identity's name when the bundle holds it, else its id. */
  creator?: string;
  validFrom?: unknown;
  validUntil?: unknown;
  confidence?: unknown;
}

const MAX_NOTE = 300;

/**
 * One short line, e.g. `STIX "FQDN hugesoft.org" by Mandiant; valid from 2015-05-15T09:12:16Z;
 * confidence 85`. The validity matters to a person deciding whether an indicator is still worth
 * acting on; the creator and name let them find it back in the source.
 */
export function buildNote(facts: NoteFacts): string | undefined {
  const parts: string[] = [];
  const head: string[] = [];
  if (typeof facts.name === "string" && facts.name.trim()) head.push(`"${clip(facts.name, 120)}"`);
  if (facts.creator) head.push(`by ${clip(facts.creator, 80)}`);
  if (head.length) parts.push(`STIX ${head.join(" ")}`);
  if (typeof facts.validFrom === "string") parts.push(`valid from ${clip(facts.validFrom, 35)}`);
  if (typeof facts.validUntil === "string") parts.push(`valid until ${clip(facts.validUntil, 35)}`);
  if (typeof facts.confidence === "number" && Number.isFinite(facts.confidence)) parts.push(`confidence ${facts.confidence}`);
  if (parts.length === 0) return undefined;
  const note = parts.join("; ");
  return detach(note.length > MAX_NOTE ? `${note.slice(0, MAX_NOTE - 1)}…` : note);
}
