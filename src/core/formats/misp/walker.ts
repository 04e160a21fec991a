import type { TlpLabel } from "../../covenant/tlp.js";
import { MalformedFileError, type ParseEvent } from "../types.js";
import { mispBoolean, newEvent, readAttributeField, readTag, takeAttribute, type Admiralty, type AttributeDraft, type EventState } from "./attribute.js";
import type { Token } from "./json-tokens.js";
import { classify, type IndicatorType } from "../../indicators/index.js";
import { HASH_TYPES, strongestHash } from "../../relations/relation-key.js";

/** Deeper nesting than this is no MISP export (they need about ten levels) but an attack. */
export const MAX_DEPTH = 64;

/** An event or an attribute, as far as its tags label it. */
type Tagged = { tlps: TlpLabel[]; admiralty: Admiralty };

/** Emitted when an event's object closes: its buffered records can now be labelled. */
export interface EventEnd {
  kind: "event-end";
  event: EventState;
}

/**
 * What each open object or array is to us. "host" is an object that may be an event, a
 * `{"Event": …}` wrapper, or (at the top) a `{"response": […]}` wrapper; "list" is an array
 * of hosts. Anything not named here is skipped without being assembled.
 */
type Frame =
  | { role: "host"; key?: string; event: EventState; top: boolean; wrapper: boolean }
  | { role: "list" }
  | { role: "attributes"; event: EventState; into?: AttributeDraft[] }
  | { role: "attribute"; key?: string; draft: AttributeDraft; event: EventState; into?: AttributeDraft[] }
  | { role: "tags"; into: Tagged }
  | { role: "tag"; key?: string; into: Tagged }
  | { role: "objects"; event: EventState }
  | { role: "object"; key?: string; event: EventState; drafts: AttributeDraft[]; deleted: boolean; name?: string };

/**
 * A MISP `file` object's hashes are one file's: with two or more of them, the strongest relates
 * them (relations/relation-key.ts). Undefined for a file object with one hash, or none.
 */
function fileOfHashes(drafts: readonly AttributeDraft[]): string | undefined {
  const hashes = drafts.flatMap((d) => {
    if (d.deleted || !d.type || d.value === undefined || !HASH_TYPES.has(d.type.trim().toLowerCase() as IndicatorType)) return [];
    const read = classify(d.value.trim());
    return read.ok && read.indicator.type === d.type.trim().toLowerCase() ? [read.indicator] : [];
  });
  return new Set(hashes.map((h) => h.value)).size > 1 ? strongestHash(hashes) : undefined;
}

/**
 * Reads a MISP file's tokens one at a time and keeps only what the import needs: one attribute
 * (or one MISP Object's attributes) at a time, and a compact buffer of records per event.
 * Depth is counted from the tokens, and nothing here recurses on the input.
 */
export class MispWalker {
  /** Events found so far; zero at the end means the file is no MISP event at all. */
  events = 0;
  private readonly stack: Frame[] = [];
  private depth = 0;
  /** Depth of the container being skipped, or 0 when reading. */
  private skipFrom = 0;
  private out: (ParseEvent | EventEnd)[] = [];
  private readonly emit = (event: ParseEvent): void => void this.out.push(event);

  /** What the tokens so far yielded, in file order; the caller drains it after each piece. */
  take(): (ParseEvent | EventEnd)[] {
    const taken = this.out;
    this.out = [];
    return taken;
  }

  consume(tokens: Token[]): void {
    for (const token of tokens) {
      switch (token.name) {
        case "startObject":
        case "startArray":
          if (++this.depth > MAX_DEPTH) {
            throw new MalformedFileError("file.too_deep", `The file nests objects more than ${MAX_DEPTH} levels deep, which no MISP export does; it was not read.`);
          }
          if (this.skipFrom === 0) this.open(token.name === "startObject");
          break;
        case "endObject":
        case "endArray":
          if (this.skipFrom === 0) this.close(this.stack.pop() as Frame);
          else if (this.skipFrom === this.depth) this.skipFrom = 0;
          this.depth--;
          break;
        case "keyValue":
          if (this.skipFrom === 0) this.key(token.value as string);
          break;
        case "stringValue":
        case "numberValue":
          if (this.skipFrom === 0) this.scalar(token.value as string);
          break;
        case "trueValue":
        case "falseValue":
        case "nullValue":
          if (this.skipFrom === 0) this.scalar(token.value as boolean | null);
          break;
      }
    }
  }

  private open(isObject: boolean): void {
    const frame = this.child(this.stack.at(-1), isObject);
    if (frame) this.stack.push(frame);
    else this.skipFrom = this.depth;
  }

  /** The role of a container opened inside `parent`, or undefined to skip it. */
  private child(parent: Frame | undefined, isObject: boolean): Frame | undefined {
    if (!parent) return isObject ? { role: "host", event: newEvent(), top: true, wrapper: true } : { role: "list" };
    switch (parent.role) {
      case "host":
        if (isObject && parent.key === "Event" && parent.wrapper) return { role: "host", event: newEvent(), top: false, wrapper: false };
        if (parent.key === "response" && parent.top) return isObject ? { role: "host", event: newEvent(), top: false, wrapper: true } : { role: "list" };
        if (isObject) return undefined;
        if (parent.key === "Attribute") {
          parent.event.isEvent = true;
          return { role: "attributes", event: parent.event };
        }
        if (parent.key === "Object") {
          parent.event.isEvent = true;
          return { role: "objects", event: parent.event };
        }
        if (parent.key === "Tag") return { role: "tags", into: parent.event };
        return undefined;
      case "list":
        return isObject ? { role: "host", event: newEvent(), top: false, wrapper: true } : undefined;
      case "attributes":
        return isObject ? { role: "attribute", draft: { tlps: [], admiralty: {}, provenance: {} }, event: parent.event, into: parent.into } : undefined;
      case "attribute":
        return !isObject && parent.key === "Tag" ? { role: "tags", into: parent.draft } : undefined;
      case "tags":
        return isObject ? { role: "tag", into: parent.into } : undefined;
      case "objects":
        return isObject ? { role: "object", event: parent.event, drafts: [], deleted: false } : undefined;
      case "object":
        return !isObject && parent.key === "Attribute" ? { role: "attributes", event: parent.event, into: parent.drafts } : undefined;
      case "tag":
        return undefined;
    }
  }

  private close(frame: Frame): void {
    switch (frame.role) {
      case "attribute":
        // An attribute inside a MISP Object waits for the Object's end: "deleted" may follow it.
        if (frame.into) frame.into.push(frame.draft);
        else takeAttribute(frame.draft, frame.event, this.emit);
        break;
      case "object": {
        if (frame.deleted) break;
        const sameFile = frame.name === "file" ? fileOfHashes(frame.drafts) : undefined;
        for (const draft of frame.drafts) takeAttribute(draft, frame.event, this.emit, sameFile);
        break;
      }
      case "host":
        if (frame.event.isEvent) {
          this.events++;
          this.out.push({ kind: "event-end", event: frame.event });
        }
        break;
    }
  }

  private key(name: string): void {
    const frame = this.stack.at(-1);
    if (frame?.role === "host" || frame?.role === "attribute" || frame?.role === "tag" || frame?.role === "object") frame.key = name;
  }

  private scalar(value: string | boolean | null): void {
    const frame = this.stack.at(-1);
    if (!frame) return;
    const text = typeof value === "string" ? value : undefined;
    switch (frame.role) {
      case "host":
        if (frame.key === "info") frame.event.isEvent = true;
        else if (frame.key === "uuid" && text) frame.event.uuid = text;
        else if (frame.key === "id" && text) frame.event.id = text;
        break;
      case "attribute":
        readAttributeField(frame.draft, frame.key, value);
        break;
      case "tag":
        if (frame.key === "name" && text) readTag(text, frame.into);
        break;
      case "object":
        if (frame.key === "deleted") frame.deleted = mispBoolean(value);
        else if (frame.key === "name" && text) frame.name = text.trim().toLowerCase();
        break;
    }
  }
}
