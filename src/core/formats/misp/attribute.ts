import { parseTlp, strictestTlp, type TlpLabel } from "../../covenant/tlp.js";
import { classify, type Indicator } from "../../indicators/index.js";
import { displayToken } from "../../indicators/unsafe-characters.js";
import { phrase, type Phrase } from "../../i18n/phrase.js";
import { fileDate, importRefusal, type ParseEvent } from "../types.js";
import { partsOf } from "./attribute-types.js";
import { EventBuffer, type AttributeRef } from "./event-buffer.js";
import { fileHashOf, HASH_TYPES } from "../../relations/relation-key.js";

/** Stable codes of the refusals of single attributes; tests and the import summary rely on them. */
export const MISP_REFUSALS = Object.freeze({
  unsupportedType: "misp.unsupported_type",
  typeMismatch: "misp.type_mismatch",
  invalidAttribute: "misp.invalid_attribute",
} as const);

/** The fields of one MISP attribute the import uses; everything else in it is skipped unread. */
export interface AttributeDraft {
  type?: string;
  value?: string;
  uuid?: string;
  id?: string;
  toIds?: boolean;
  deleted?: boolean;
  category?: string;
  comment?: string;
  /** MISP's `first_seen` (ISO 8601), when the attribute has one. */
  firstSeen?: string;
  tlps: TlpLabel[];
  admiralty: Admiralty;
  /** What a party's own export recorded with the item, from its `ciic:` tags (export-misp.ts). */
  provenance?: Provenance;
}

/** An item's legal basis, source reference and note, as the bot's own MISP export tags them. */
export interface Provenance {
  legalBasis?: string;
  sourceRef?: string;
  note?: string;
  sameFile?: string;
}

const PROVENANCE_TAGS = { legalBasis: "ciic:legal-basis", sourceRef: "ciic:source-ref", note: "ciic:note", sameFile: "ciic:same-file" } as const;

/** The `ciic:` tags of what a party recorded with an item (in its own exports only, never a release). */
export function provenanceTags(item: { legalBasis: string; sourceRef: string | null; note: string | null; sameFile?: string | null }): string[] {
  const tags = [`${PROVENANCE_TAGS.legalBasis}="${item.legalBasis}"`];
  if (item.sourceRef) tags.push(`${PROVENANCE_TAGS.sourceRef}="${item.sourceRef}"`);
  if (item.note) tags.push(`${PROVENANCE_TAGS.note}="${item.note}"`);
  if (item.sameFile) tags.push(`${PROVENANCE_TAGS.sameFile}="${item.sameFile}"`);
  return tags;
}

/**
 * The Admiralty code as MISP tags it (the admiralty-scale taxonomy): a source-reliability tag
 * ("b") and an information-credibility tag ("2"), each optional.
 */
export interface Admiralty {
  source?: string;
  credibility?: string;
}

const ADMIRALTY_TAG = /^admiralty-scale:(source-reliability|information-credibility)="?([a-f1-6])"?$/i;

/** What a tag says: a TLP label, a part of the Admiralty code, or nothing the import reads. */
export function readTag(name: string, into: { tlps: TlpLabel[]; admiralty: Admiralty; provenance?: Provenance }): void {
  if (into.provenance && name.startsWith("ciic:")) {
    // namespace:predicate="value": the value runs from the first `="` to the last quote.
    for (const [field, prefix] of Object.entries(PROVENANCE_TAGS) as [keyof Provenance, string][]) {
      if (name.startsWith(`${prefix}="`) && name.endsWith('"') && name.length > prefix.length + 3) into.provenance[field] = name.slice(prefix.length + 2, -1).slice(0, 300);
    }
    return;
  }
  const tlp = tagTlp(name);
  if (tlp) {
    into.tlps.push(tlp);
    return;
  }
  const admiralty = ADMIRALTY_TAG.exec(name.trim());
  if (!admiralty) return;
  const code = admiralty[2].toUpperCase();
  if (admiralty[1].toLowerCase() === "source-reliability" && /[A-F]/.test(code)) into.admiralty.source = code;
  else if (admiralty[1].toLowerCase() === "information-credibility" && /[1-6]/.test(code)) into.admiralty.credibility = code;
}

/** The tags of one item's reliability, as MISP's admiralty-scale taxonomy writes them. */
export const admiraltyTags = (reliability: string): string[] => [
  `admiralty-scale:source-reliability="${reliability[0].toLowerCase()}"`,
  `admiralty-scale:information-credibility="${reliability[1]}"`,
];

/** Keeps the attribute fields the import uses; strings are copied later, only if they are kept. */
export function readAttributeField(draft: AttributeDraft, key: string | undefined, value: string | boolean | null): void {
  const text = typeof value === "string" ? value : undefined;
  switch (key) {
    case "type":
      draft.type = text;
      break;
    case "value":
      draft.value = text;
      break;
    case "uuid":
      draft.uuid = text || undefined;
      break;
    case "id":
      draft.id = text || undefined;
      break;
    case "category":
      draft.category = text;
      break;
    case "comment":
      draft.comment = text;
      break;
    case "first_seen":
      draft.firstSeen = text;
      break;
    case "to_ids":
      draft.toIds = mispBoolean(value);
      break;
    case "deleted":
      draft.deleted = mispBoolean(value);
      break;
  }
}

/** What is known of one event while its tokens go by. */
export interface EventState {
  uuid?: string;
  id?: string;
  /** Set once the object shows event fields; a bare `{"Event": …}` wrapper never does. */
  isEvent: boolean;
  tlps: TlpLabel[];
  admiralty: Admiralty;
  buffer: EventBuffer;
  /** Attributes taken so far, to name one that has neither a uuid nor an id. */
  ordinal: number;
}

export const newEvent = (): EventState => ({ isEvent: false, tlps: [], admiralty: {}, buffer: new EventBuffer(), ordinal: 0 });

/** MISP booleans: true/false in current exports, "1"/"0" in older ones. */
export const mispBoolean = (value: string | boolean | null): boolean => value === true || value === "1" || value === "true";

/**
 * The TLP a tag names, if it is a TLP tag. Only "tlp:…" names count: parseTlp alone would read
 * a tag called "red" or "clear" as a label. tlp:white is TLP 1.0 for CLEAR.
 */
export function tagTlp(name: string): TlpLabel | undefined {
  return /^\s*tlp:/i.test(name) ? parseTlp(name) : undefined;
}

/** A reference for this event in the source ids of attributes without a uuid. */
export const eventRef = (event: EventState): string => event.uuid ?? (event.id ? `event ${event.id}` : "event");

const NOTE_LIMIT = 299;

/**
 * A free-text field on one line: line breaks, invisible characters and half characters (also
 * those the first cut may leave) become single spaces.
 */
const flatten = (text: string): string => text.slice(0, NOTE_LIMIT + 1).replace(/[\s\p{Cc}\p{Cf}\p{Cs}]+/gu, " ").trim();

/** The source facts kept with the item: to_ids, category and comment, under 300 characters. */
export function noteOf(draft: AttributeDraft): string {
  const facts: string[] = [];
  if (draft.toIds !== undefined) facts.push(`to_ids=${draft.toIds}`);
  if (draft.category) facts.push(`category=${flatten(draft.category)}`);
  const comment = draft.comment ? flatten(draft.comment) : "";
  if (comment) facts.push(`comment=${comment}`);
  const note = facts.join("; ");
  if (note.length <= NOTE_LIMIT) return note;
  // Never cut between the two halves of a surrogate pair.
  let end = NOTE_LIMIT - 1;
  if (/[\ud800-\udbff]/.test(note[end - 1])) end--;
  return `${note.slice(0, end)}…`;
}

/**
 * Turns one attribute into records (held in the event's buffer until its TLP is known) and
 * refusals (emitted at once: they need no label). Deleted attributes are skipped without a word:
 * the source withdrew them.
 */
export function takeAttribute(draft: AttributeDraft, event: EventState, emit: (event: ParseEvent) => void, sameFile?: string): void {
  if (draft.deleted) return;
  event.ordinal++;
  const ref: AttributeRef = draft.uuid ? { uuid: draft.uuid } : { local: draft.id ?? `#${event.ordinal}` };
  const sourceObjectId = "uuid" in ref ? ref.uuid : `${eventRef(event)}/${ref.local}`;
  const refuse = (code: string, why: Phrase, example: string): void => emit({ kind: "refused", refusal: importRefusal(code, why, displayToken(example), sourceObjectId) });

  if (!draft.type || draft.value === undefined) {
    refuse(
      MISP_REFUSALS.invalidAttribute,
      phrase("formats.refused.misp_empty_attribute"),
      draft.type ?? draft.value ?? "(attribute without type and value)",
    );
    return;
  }
  const tlp = draft.tlps.length > 0 ? strictestTlp(draft.tlps) : undefined;
  const note = noteOf(draft);
  for (const part of attributeValues(draft.type, draft.value)) {
    if (!part.ok) {
      refuse(part.code, part.why, part.example);
    } else {
      const { indicator: result } = part;
      event.buffer.add(result.type, result.value, tlp, draft.admiralty, ref, draft.provenance?.legalBasis ? (draft.provenance.note ?? "") : note, {
        sameFile: HASH_TYPES.has(result.type) ? (sameFile ?? fileHashOf(draft.provenance?.sameFile)) : undefined,
        legalBasis: draft.provenance?.legalBasis,
        sourceRef: draft.provenance?.sourceRef,
        supplied: result.supplied ?? undefined,
        firstSeen: fileDate(draft.firstSeen)?.toISOString(),
      });
    }
  }
}

/**
 * The indicators a value of one MISP attribute type carries, each classified as a typed value
 * is, or why one is not taken: a context type, a value that is no indicator, or one of another
 * kind than the type says. MISP's JSON and its CSV export (formats/csv) read values through this.
 */
export function attributeValues(mispType: string, value: string): ({ ok: true; indicator: Indicator } | { ok: false; code: string; why: Phrase; example: string })[] {
  const type = mispType.trim().toLowerCase();
  const parts = partsOf(type, value);
  if (!parts) return [{ ok: false, code: MISP_REFUSALS.unsupportedType, why: phrase("formats.refused.misp_context_type", { type: displayToken(type) }), example: value }];
  return parts.map((part) => {
    const result = classify(part.text.trim());
    if (!result.ok) return { ok: false, code: result.code, why: result.why, example: part.text };
    if (!part.accepts.includes(result.indicator.type)) {
      return { ok: false, code: MISP_REFUSALS.typeMismatch, why: phrase("formats.refused.misp_type_mismatch", { type, read: result.indicator.type }), example: part.text };
    }
    return { ok: true, indicator: result.indicator };
  });
}
