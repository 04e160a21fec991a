import { MalformedFileError } from "../types.js";
import type { JsonToken } from "./json-tokens.js";

/** Deeper nesting than this is refused; real STIX stays well under ten levels. */
export const MAX_DEPTH = 64;

/** One element of the bundle's `objects`, holding only the properties the import reads. */
export type StixObject = Record<string, unknown>;

// Everything else in an object is skipped token by token, so that a report with a million
// object_refs or a long description costs no memory.
const COMMON = new Set(["type", "id", "name"]);
const BY_TYPE = new Map<string, ReadonlySet<string>>([
  ["indicator", new Set(["pattern", "pattern_type", "object_marking_refs", "confidence", "extensions", "valid_from", "valid_until", "created_by_ref", "revoked"])],
  ["marking-definition", new Set(["definition_type", "definition", "extensions"])],
  ["vulnerability", new Set(["external_references", "object_marking_refs", "confidence", "extensions", "created_by_ref", "revoked"])],
]);
const ANY_TYPE = new Set([...BY_TYPE.values()].flatMap((keys) => [...keys]));

function wanted(object: StixObject, key: string): boolean {
  if (COMMON.has(key)) return true;
  // "type" usually comes first; until it has been seen, keep whatever some type needs.
  const type = object.type;
  if (typeof type !== "string") return ANY_TYPE.has(key);
  return BY_TYPE.get(type)?.has(key) ?? false;
}

function scalarOf(token: JsonToken): unknown {
  switch (token.name) {
    case "stringValue":
      return token.value;
    case "numberValue":
      return Number(token.value);
    case "trueValue":
      return true;
    case "falseValue":
      return false;
    default:
      return null;
  }
}

const notABundle = (detail: string) =>
  new MalformedFileError("stix.not_a_bundle", `The file is not a STIX 2.1 bundle: ${detail}. Export the indicators as a STIX bundle.`);

/**
 * Builds one property value (an array of marking ids, a marking's `definition`) from tokens.
 * Objects have no prototype, so a key such as "__proto__" in the file is just a key.
 */
class ValueBuilder {
  readonly root: unknown[] | StixObject;
  private current: unknown[] | StixObject;
  private key: string | null = null;
  private readonly stack: { container: unknown[] | StixObject; key: string | null }[] = [];

  constructor(isObject: boolean) {
    this.root = this.current = isObject ? Object.create(null) : [];
  }
  open(isObject: boolean): void {
    const container = isObject ? Object.create(null) : [];
    this.put(container);
    this.stack.push({ container: this.current, key: this.key });
    this.current = container;
    this.key = null;
  }
  close(): void {
    const parent = this.stack.pop();
    if (parent) ({ container: this.current, key: this.key } = parent);
  }
  setKey(key: string): void {
    this.key = key;
  }
  put(value: unknown): void {
    if (Array.isArray(this.current)) this.current.push(value);
    else if (this.key !== null) this.current[this.key] = value;
  }
}

/**
 * Walks the token stream of a STIX bundle and hands over each element of its `objects` array as
 * soon as that element is complete. The depth is counted from the tokens, never by recursing.
 */
export class BundleWalker {
  private depth = 0;
  private topKey: string | null = null;
  private sawBundleType = false;
  private inObjects = false;
  private element: StixObject | null = null;
  private elementKey: string | null = null;
  private index = -1;
  /** When > 0: inside a value being skipped, which opened at this depth. */
  private skipFrom = 0;
  private builder: ValueBuilder | null = null;

  constructor(private readonly onObject: (object: StixObject, index: number) => void) {}

  consume(token: JsonToken): void {
    switch (token.name) {
      case "startObject":
      case "startArray":
        if (++this.depth > MAX_DEPTH) {
          throw new MalformedFileError("file.too_deep", `The file nests its data more than ${MAX_DEPTH} levels deep, which no STIX bundle does.`);
        }
        this.open(token.name === "startObject");
        return;
      case "endObject":
      case "endArray":
        this.close();
        this.depth--;
        return;
      case "keyValue":
        this.setKey(token.value as string);
        return;
      default:
        this.scalar(scalarOf(token));
    }
  }

  /** After the last token: the object must have said it is a bundle. */
  finish(): void {
    if (!this.sawBundleType) throw notABundle('its top level has no "type": "bundle"');
  }

  private open(isObject: boolean): void {
    if (this.skipFrom) return;
    if (this.builder) return this.builder.open(isObject);
    switch (this.depth) {
      case 1:
        if (!isObject) throw notABundle("it holds a JSON list, not an object");
        return;
      case 2:
        if (this.topKey === "objects" && !isObject) this.inObjects = true;
        else if (this.topKey === "objects" || this.topKey === "type") throw notABundle(`its "${this.topKey}" has the wrong shape`);
        else this.skipFrom = 2;
        return;
      case 3:
        this.index++;
        if (isObject) this.element = Object.create(null) as StixObject;
        else this.skipFrom = 3;
        return;
      default: // 4: the value of one of an element's properties
        if (this.element && this.elementKey !== null && wanted(this.element, this.elementKey)) this.builder = new ValueBuilder(isObject);
        else this.skipFrom = this.depth;
    }
  }

  private close(): void {
    if (this.skipFrom) {
      if (this.depth === this.skipFrom) this.skipFrom = 0;
      return;
    }
    if (this.builder) {
      if (this.depth > 4) return this.builder.close();
      if (this.element && this.elementKey !== null) this.element[this.elementKey] = this.builder.root;
      this.builder = null;
      return;
    }
    if (this.depth === 3 && this.element) {
      const element = this.element;
      this.element = null;
      this.onObject(element, this.index);
    } else if (this.depth === 2) {
      this.inObjects = false;
    }
  }

  private setKey(key: string): void {
    if (this.skipFrom) return;
    if (this.builder) return this.builder.setKey(key);
    if (this.depth === 1) this.topKey = key;
    else if (this.depth === 3) this.elementKey = key;
  }

  private scalar(value: unknown): void {
    if (this.skipFrom) return;
    if (this.builder) return this.builder.put(value);
    switch (this.depth) {
      case 0:
        throw notABundle("it holds a single JSON value, not an object");
      case 1:
        if (this.topKey === "type") {
          if (value !== "bundle") throw notABundle(`its type is ${JSON.stringify(value)?.slice(0, 40)}, not "bundle"`);
          this.sawBundleType = true;
        } else if (this.topKey === "objects") {
          throw notABundle('its "objects" is not a list');
        }
        return;
      case 2:
        if (this.inObjects) this.index++; // a stray value in the list: nothing to take
        return;
      case 3:
        if (this.element && this.elementKey !== null && wanted(this.element, this.elementKey)) this.element[this.elementKey] = value;
    }
  }
}
