import type { TlpLabel } from "../../covenant/tlp.js";
import { classify } from "../../indicators/index.js";
import { phrase } from "../../i18n/phrase.js";
import { fileDate, importRefusal, MalformedFileError, type ParseEvent } from "../types.js";
import type { StixObject } from "./bundle-walker.js";
import { reliabilityFromConfidence } from "./confidence.js";
import { provenanceFromExtension, reliabilityFromExtension } from "./reliability.js";
import { readIndicator, type Draft } from "./indicator.js";
import { strictest, tlpOfDefinition, WELL_KNOWN_TLP } from "./markings.js";
import { buildNote } from "./note.js";
import { detach } from "./text.js";

export interface ResolverOptions {
  /** Values waiting for a marking or identity defined later in the bundle; see StixResolver. */
  pendingLimit?: number;
}

/** About 300 bytes each: the default keeps the wait at a few megabytes. */
const DEFAULT_PENDING_LIMIT = 20_000;
/** Real bundles define a handful of markings and identities; these caps keep hostile ones flat. */
const MAX_MARKINGS = 10_000;
const MAX_NAMES = 10_000;

/** What an indicator needs kept to be finished later: compact, never the object itself. */
interface Pending {
  drafts: Draft[];
  markingRefs: string[];
  creatorRef?: string;
  id: string;
  name?: string;
  validFrom?: string;
  validUntil?: string;
  /** When its source first saw it: an indicator's valid_from, a vulnerability's created. */
  firstSeen?: string;
  confidence?: number;
  /** The Admiralty code from the bot's own extension, when the object carries one. */
  reliability?: string;
  /** What a party's own export recorded with the item (the same extension). */
  provenance: { legalBasis?: string; sourceRef?: string; note?: string; sameFile?: string };
}

/** The CVE id a vulnerability names: its name, or an external reference from the "cve" source. */
function cveOf(object: StixObject): string | undefined {
  const refs = Array.isArray(object.external_references) ? object.external_references : [];
  const candidates = [object.name, ...refs.map((r) => (typeof r === "object" && r !== null && (r as Record<string, unknown>).source_name === "cve" ? (r as Record<string, unknown>).external_id : undefined))];
  for (const candidate of candidates) {
    if (typeof candidate !== "string" || candidate.length > 40) continue;
    const result = classify(candidate.trim());
    if (result.ok && result.indicator.type === "cve") return result.indicator.value;
  }
  return undefined;
}

/**
 * Observed values (STIX cyber-observable objects) of the kinds the cell stores. They are not
 * imported: an indicator says a value points to a threat, an observation only that it was seen.
 */
const OBSERVABLE_TYPES = new Set(["ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "file"]);
/** Observed values quoted when a bundle holds nothing else (see finish). */
const OBSERVED_EXAMPLES = 3;

const str = (value: unknown, max: number): string | undefined => (typeof value === "string" ? detach(value.slice(0, max)) : undefined);

/**
 * Turns the bundle's objects into events. A marking definition or identity may come after the
 * indicators that refer to it, so an indicator that refers to one not seen yet waits, compactly,
 * until the end of the bundle. If more than `pendingLimit` values wait, they are finished with
 * what is known, and from then on references still unknown are taken not to be TLP; should such
 * a marking later turn out to be TLP, the file is refused rather than imported under a label
 * looser than its source set. The fixed TLP ids never wait.
 */
export class StixResolver {
  events: ParseEvent[] = [];
  private readonly markings = new Map<string, TlpLabel | null>();
  private readonly names = new Map<string, string>();
  private pending: Pending[] = [];
  private pendingValues = 0;
  private readonly pendingLimit: number;
  /** Set once waiting overflowed: unknown references are then resolved at once. */
  private streaming = false;
  private readonly assumedNotTlp = new Set<string>();
  private assumedOverflow = false;
  /** Whether the bundle held an indicator or a CVE (taken or refused), and the observed values it held (see finish). */
  private heldIndicators = false;
  private readonly observed = { count: 0, types: new Set<string>(), examples: [] as string[] };

  constructor(options: ResolverOptions = {}) {
    this.pendingLimit = options.pendingLimit ?? DEFAULT_PENDING_LIMIT;
  }

  take(object: StixObject, index: number): void {
    const id = typeof object.id === "string" ? object.id : `objects[${index}]`;
    if (object.type === "indicator") this.indicator(object, id);
    else if (object.type === "vulnerability") this.vulnerability(object, id);
    else if (typeof object.type === "string" && OBSERVABLE_TYPES.has(object.type)) this.observe(object, object.type);
    else if (object.type === "marking-definition") this.marking(object, id);
    else if (object.type === "identity" && !this.names.has(id) && this.names.size < MAX_NAMES) {
      this.names.set(detach(id), str(object.name, 200) ?? detach(id));
    }
  }

  /**
   * The end of the bundle: everything still waiting is finished with what is now known. A bundle
   * of observed values only (as a platform exports its observables) would otherwise import
   * nothing without a word: it is told why, once.
   */
  finish(): void {
    this.flush();
    const { count, types, examples } = this.observed;
    if (this.heldIndicators || count === 0) return;
    const why = phrase("formats.refused.stix_observables_only", { count, types: [...types].join(", ") });
    this.events.push({ kind: "refused", refusal: importRefusal("stix.observables_only", why, detach(examples.join(", "))) });
  }

  private observe(object: StixObject, type: string): void {
    this.observed.count++;
    this.observed.types.add(type);
    if (this.observed.examples.length >= OBSERVED_EXAMPLES) return;
    const hashes = typeof object.hashes === "object" && object.hashes !== null ? Object.values(object.hashes as Record<string, unknown>) : [];
    const example = str(object.value, 200) ?? hashes.map((h) => str(h, 200)).find((h) => h !== undefined);
    if (example) this.observed.examples.push(example);
  }

  drain(): ParseEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  private marking(object: StixObject, id: string): void {
    if (WELL_KNOWN_TLP.has(id) || this.markings.has(id)) return; // the standards fix these ids
    const label = tlpOfDefinition(object) ?? null;
    if (label && (this.assumedNotTlp.has(id) || this.assumedOverflow)) {
      throw new MalformedFileError(
        "stix.marking_after_use",
        `The bundle defines the TLP marking ${id.slice(0, 80)} after indicators that use it, further on than the import can wait (${this.pendingLimit.toLocaleString("en")} values); put the marking definitions before the indicators and import it again.`,
      );
    }
    if (this.markings.size >= MAX_MARKINGS) {
      throw new MalformedFileError("stix.too_many_markings", `The bundle defines more than ${MAX_MARKINGS.toLocaleString("en")} marking definitions, which no real bundle does.`);
    }
    this.markings.set(detach(id), label);
  }

  private indicator(object: StixObject, id: string): void {
    this.heldIndicators = true;
    const { drafts, refusals } = readIndicator(object, id);
    for (const refusal of refusals) this.events.push({ kind: "refused", refusal });
    this.hold(object, id, drafts);
  }

  /**
   * A vulnerability with a CVE id is the cell's `cve` item (the bot's own export writes CVEs so,
   * since STIX patterns have no CVE path). Without one, like any other object the cell does not
   * store (malware, reports), it is passed over without a word.
   */
  private vulnerability(object: StixObject, id: string): void {
    if (object.revoked === true) return;
    const cve = cveOf(object);
    this.heldIndicators ||= cve !== undefined;
    if (cve) this.hold(object, id, [{ type: "cve", value: detach(cve) }], "created");
  }

  /** An object's values, finished now when its markings and creator are known, else later. */
  private hold(object: StixObject, id: string, drafts: Draft[], firstSeenAt: "valid_from" | "created" = "valid_from"): void {
    if (drafts.length === 0) return;
    const refs = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
    const pending: Pending = {
      drafts,
      markingRefs: refs.filter((ref): ref is string => typeof ref === "string").slice(0, 100).map(detach),
      creatorRef: str(object.created_by_ref, 200),
      id: detach(id),
      name: str(object.name, 500),
      validFrom: str(object.valid_from, 100),
      validUntil: str(object.valid_until, 100),
      firstSeen: str(object[firstSeenAt], 100),
      confidence: typeof object.confidence === "number" ? object.confidence : undefined,
      reliability: reliabilityFromExtension(object.extensions),
      provenance: Object.fromEntries(Object.entries(provenanceFromExtension(object.extensions)).map(([k, v]) => [k, detach(v)])),
    };
    if (this.streaming || this.known(pending)) return this.emit(pending);
    this.pending.push(pending);
    this.pendingValues += drafts.length;
    if (this.pendingValues > this.pendingLimit) {
      this.streaming = true;
      this.flush();
    }
  }

  private known(pending: Pending): boolean {
    if (pending.creatorRef !== undefined && !this.names.has(pending.creatorRef)) return false;
    return pending.markingRefs.every((ref) => WELL_KNOWN_TLP.has(ref) || this.markings.has(ref) || this.assumedNotTlp.has(ref));
  }

  private flush(): void {
    for (const pending of this.pending) this.emit(pending);
    this.pending = [];
    this.pendingValues = 0;
  }

  private emit(pending: Pending): void {
    let tlp: TlpLabel | undefined;
    for (const ref of pending.markingRefs) {
      const label = WELL_KNOWN_TLP.get(ref) ?? this.markings.get(ref);
      if (label) tlp = strictest(tlp, label);
      else if (label === undefined && this.streaming) this.assume(ref);
    }
    const creator = pending.creatorRef === undefined ? undefined : (this.names.get(pending.creatorRef) ?? pending.creatorRef);
    // The note a party recorded, where its own export kept it; else what the object says of itself.
    // A legal basis marks a party's own export: its note (or none) is the item's, as recorded.
    const { legalBasis, sourceRef, note: recorded } = pending.provenance;
    const firstSeen = fileDate(pending.firstSeen);
    const note = legalBasis ? recorded : buildNote({ name: pending.name, creator, validFrom: pending.validFrom, validUntil: pending.validUntil, confidence: pending.confidence });
    // The exact code from a cell's own export, else what STIX's confidence says of the information.
    const reliability = pending.reliability ?? reliabilityFromConfidence(pending.confidence);
    for (const draft of pending.drafts) {
      this.events.push({
        kind: "record",
        record: {
          type: draft.type,
          value: draft.value,
          tlp,
          reliability,
          sourceObjectId: pending.id,
          note,
          ...(legalBasis ? { legalBasis } : {}),
          ...(sourceRef ? { sourceRef } : {}),
          ...(draft.sameFile || pending.provenance.sameFile ? { sameFile: draft.sameFile ?? pending.provenance.sameFile } : {}),
          ...(draft.supplied ? { supplied: draft.supplied } : {}),
          ...(firstSeen ? { firstSeen } : {}),
        },
      });
    }
  }

  /** Remembers that an unknown marking was taken not to be TLP, so a late definition is caught. */
  private assume(ref: string): void {
    if (this.assumedNotTlp.has(ref)) return;
    if (this.assumedNotTlp.size < MAX_MARKINGS) this.assumedNotTlp.add(ref);
    else this.assumedOverflow = true;
  }
}
