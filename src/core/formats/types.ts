import type { TlpLabel } from "../covenant/tlp.js";
import type { IndicatorType } from "../indicators/index.js";
import { phrase, say, type Phrase, type PhraseValues } from "../i18n/phrase.js";
import type { TextKey } from "../i18n/catalogue/index.js";
import { translator } from "../i18n/translator.js";
import type { SealableFields } from "../ports.js";

/**
 * What a file parser hands the import: each indicator the file holds, classified and
 * normalised by the same rules as a typed submission (src/core/indicators), with the labels
 * the source gave it. Parsers read streams and yield records one by one, so that a file of a
 * million indicators is never held as objects.
 */
export interface ImportRecord {
  type: IndicatorType;
  /** Normalised value (as `classify` returns it). */
  value: string;
  /** TLP from the source's markings or tags; undefined when the source has none. */
  tlp?: TlpLabel;
  /** Admiralty code mapped from the source (e.g. STIX `confidence`), when it has one. */
  reliability?: string;
  /** Id of the object the value came from (STIX indicator id, MISP attribute uuid, CSV line). */
  sourceObjectId: string;
  /** Further source facts kept with the item's note, e.g. `valid_until`, MISP `to_ids`. */
  note?: string;
  /**
   * The legal basis and source reference the item had where the file came from: the bot's own
   * export writes them (STIX extension, MISP tags, CSV columns), so that another cell's import
   * keeps them. Undefined in files from elsewhere.
   */
  legalBasis?: string;
  sourceRef?: string;
  /** A URL as the file wrote it (refanged), where its normal form `value` differs. */
  supplied?: string;
  /** When its source first saw it, where the file says (STIX valid_from, MISP first_seen, CSV first_seen). */
  firstSeen?: Date;
  /**
   * For a hash that a file object carried with other hashes of the same file (a STIX `file`
   * object, a MISP `file` object): that file's strongest hash (relations/relation-key.ts).
   */
  sameFile?: string;
  /** The store's form of the item this record becomes, when the thread that parsed it made one (NewItem.prepared). */
  prepared?: unknown;
}

/**
 * The item's source reference: the file's own where it kept one (the import's file and digest are
 * in the audit entry), else where in the file the value was found.
 */
export const sourceRefOf = (r: ImportRecord, sourcePrefix: string): string => (r.sourceRef ?? `${sourcePrefix} ${r.sourceObjectId}`).slice(0, 300);

/** What of the item a record becomes its store seals (ports.ts SealableFields), as importFile makes that item. */
export const sealableFieldsOf = (r: ImportRecord, sourcePrefix: string): SealableFields => ({
  type: r.type,
  value: r.value,
  supplied: r.supplied,
  sourceRef: sourceRefOf(r, sourcePrefix),
  note: r.note ?? null,
  sameFile: r.sameFile,
});

/** One value or object the parser could not take, with a stable reason code. */
export interface ImportRefusal {
  /** Stable code, e.g. "stix.unsupported_pattern", "indicator.unrecognised". */
  code: string;
  /** One sentence a person understands, in English (the audit log, the command line, logs). */
  reason: string;
  /** The same sentence, said to a member in their language. */
  why: Phrase;
  /** What was refused, shortened to at most 120 characters. */
  example: string;
  sourceObjectId?: string;
}

/** A file's timestamp as a date, when it is one between 1970 and 2100; else undefined. */
export function fileDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const at = new Date(text);
  const time = at.getTime();
  return Number.isNaN(time) || time < 0 || time > Date.UTC(2100, 0, 1) ? undefined : at;
}

/** A refusal of one part of a file, with its reason in English beside the phrase. */
export const importRefusal = (code: string, why: Phrase, example: string, sourceObjectId?: string): ImportRefusal => ({
  code,
  reason: say(translator("en"), why),
  why,
  example,
  ...(sourceObjectId === undefined ? {} : { sourceObjectId }),
});

/** Yielded by a parser: a record, or a refusal of one part of the file. */
export type ParseEvent = { kind: "record"; record: ImportRecord } | { kind: "refused"; refusal: ImportRefusal };

/**
 * A file that cannot be read as its format at all (truncated JSON, wrong encoding, a CSV formula
 * injection): the whole import is refused and nothing is stored. The message is English (logs,
 * the audit log, the operator's command line); `why`, where the catalogue has the text, is said
 * to the member in their language.
 */
export class MalformedFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly why?: Phrase,
  ) {
    super(message);
  }

  /** A refusal whose text is in the catalogue (formats.file.*). */
  static of(code: string, key: TextKey, values?: PhraseValues): MalformedFileError {
    const why = phrase(key, values);
    return new MalformedFileError(code, say(translator("en"), why), why);
  }
}

export type FileFormat = "stix" | "misp" | "csv";
