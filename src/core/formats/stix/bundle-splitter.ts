import { MalformedFileError } from "../types.js";
import { BundleWalker, MAX_DEPTH, type StixObject } from "./bundle-walker.js";
import { JsonTokenizer, type JsonToken, type Place } from "./json-tokens.js";

/**
 * An element of `objects` longer than this (in characters) is not held whole: it is walked token
 * by token instead, so that a report with a million `object_refs` costs no more memory than a
 * small one. Real indicators, markings and identities are a few hundred characters.
 */
export const WHOLE_ELEMENT_LIMIT = 1024 * 1024;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const NEWLINE = 10;

/** Where in the `objects` list the scan is. */
const enum Between {
  /** Not in the list: the text belongs to the bundle's own properties. */
  Outside,
  /** Right after `[`: an element or `]` comes next. */
  First,
  /** After `,`: an element comes next. */
  Next,
  /** Inside an element. */
  Element,
  /** After an element: `,` or `]` comes next. */
  After,
}

/** Characters kept of a top-level key: enough for "objects", even spelt with escapes. */
const KEY_KEPT = 64;

const isSpace = (c: number) => c === 32 || c === NEWLINE || c === 13 || c === 9;

/**
 * Splits a STIX bundle's text into its `objects`, one element at a time, and hands each to
 * JSON.parse. The engine's own parser is about ten times faster than tokenizing in JavaScript and
 * allocates nothing but the object itself, which is where a large import spent most of its
 * parsing time and garbage collection.
 *
 * The scan only follows strings and brackets. Everything outside the list (the bundle's own
 * properties, and the list's brackets) still goes through the streaming tokenizer and walker,
 * which check that the text is JSON and a bundle; each element is checked by JSON.parse. An
 * element that JSON.parse refuses is tokenized again to say where it goes wrong, and one longer
 * than WHOLE_ELEMENT_LIMIT is walked token by token, so that memory stays flat.
 */
export class BundleSplitter {
  private readonly skeleton = new JsonTokenizer();
  private readonly walker: BundleWalker;
  private readonly toWalker = (token: JsonToken) => this.walker.consume(token);

  private depth = 0;
  private topIsObject = false;
  private inString = false;
  /** Inside a string, the last character seen was a backslash that escapes the next one. */
  private escaped = false;
  /** The start of the last string at the top level: the key, when a list follows. */
  private topString = "";
  private readingKey = false;
  private between = Between.Outside;
  private index = -1;

  /** The element being read: its text so far, or a token stream once it grew too long. */
  private parts: string[] = [];
  private partsLength = 0;
  private elementAt: Place = { line: 1, column: 1 };
  private elementIsScalar = false;
  private long: LongElement | null = null;

  /** Characters before the current piece, and where the current line began, for places. */
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly onObject: (object: StixObject, index: number) => void) {
    // The walker sees the list as empty, so it never calls back; were the two ever to disagree
    // on where the list is, its elements would still be taken.
    this.walker = new BundleWalker(onObject);
  }

  /** Reads the next piece of the file. */
  feed(text: string): void {
    const n = text.length;
    let skeletonFrom = this.between === Between.Outside ? 0 : -1;
    let elementFrom = this.between === Between.Element ? 0 : -1;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        const close = this.closingQuote(text, i);
        if (this.readingKey) this.keepKey(text, i, close);
        if (close === -1) break;
        this.inString = false;
        i = close + 1;
        if (this.between === Between.Element && this.elementIsScalar) {
          this.endElement(text, elementFrom, i);
          elementFrom = -1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.between === Between.Element && this.elementIsScalar && (isSpace(c) || c === COMMA || c === CLOSE_ARRAY || c === CLOSE_OBJECT)) {
        this.endElement(text, elementFrom, i);
        elementFrom = -1;
      }
      if (c === NEWLINE) {
        this.line++;
        this.lineStart = this.offset + i + 1;
        i++;
        continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (this.between !== Between.Outside && this.between !== Between.Element && c > 127 && /\s/.test(text[i])) throw this.strangeSpace(text, i);
      if (this.between === Between.First || this.between === Between.Next) {
        if (c === CLOSE_ARRAY && this.between === Between.First) {
          // The list ends: the tokenizer sees `[]` and goes on with the bundle's properties.
          this.between = Between.Outside;
          this.skeleton.moveTo(this.place(i));
          skeletonFrom = i;
        } else if (c === COMMA || c === CLOSE_ARRAY) {
          const what = c === CLOSE_ARRAY ? "a comma before the end of the list" : this.between === Between.First ? "a comma before the list's first object" : "two commas with nothing between them";
          throw this.malformed(i, what);
        } else {
          this.startElement(i, c);
          elementFrom = i;
        }
      } else if (this.between === Between.After) {
        if (c === COMMA) {
          this.between = Between.Next;
          i++;
          continue;
        }
        if (c !== CLOSE_ARRAY) throw this.malformed(i, "a comma or the end of the list is missing after an object");
        this.between = Between.Outside;
        this.skeleton.moveTo(this.place(i));
        skeletonFrom = i;
      }
      if (c === QUOTE) {
        // The string itself is read at the top of the loop.
        this.inString = true;
        this.escaped = false;
        if (this.depth === 1 && this.between === Between.Outside) {
          this.readingKey = true;
          this.topString = "";
        }
        i++;
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (++this.depth > MAX_DEPTH) {
          throw new MalformedFileError("file.too_deep", `The file nests its data more than ${MAX_DEPTH} levels deep, which no STIX bundle does.`);
        }
        if (this.depth === 1) this.topIsObject = c === OPEN_OBJECT;
        if (this.depth === 2 && c === OPEN_ARRAY && this.topIsObject && this.between === Between.Outside && this.objectsKey()) {
          // The tokenizer gets the text up to and including `[`, so that it checks the key; the
          // elements go around it.
          this.skeleton.feed(text.slice(skeletonFrom, i + 1), this.toWalker);
          skeletonFrom = -1;
          this.between = Between.First;
        }
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (this.depth > 0) this.depth--;
        if (this.depth === 2 && this.between === Between.Element) {
          this.endElement(text, elementFrom, i + 1);
          elementFrom = -1;
        }
      }
      i++;
    }
    if (skeletonFrom !== -1) this.skeleton.feed(skeletonFrom === 0 ? text : text.slice(skeletonFrom), this.toWalker);
    if (elementFrom !== -1) this.holdElement(elementFrom === 0 ? text : text.slice(elementFrom));
    this.offset += n;
  }

  /** The file has ended: it must have been a whole bundle. */
  end(): void {
    // An element or the list still open means the file was cut off; the tokenizer, which has
    // seen `[` but not `]`, says so.
    if (this.between !== Between.Outside) this.skeleton.moveTo(this.place(0));
    this.skeleton.end(this.toWalker);
    this.walker.finish();
  }

  /** The index of the quote that closes the string the scan is in, from `from`; -1 if not in this piece. */
  private closingQuote(text: string, from: number): number {
    let at = from;
    if (this.escaped) {
      this.escaped = false;
      at++;
    }
    const start = at;
    for (;;) {
      const quote = text.indexOf('"', at);
      if (quote === -1) {
        // Remember whether the piece ends in an escaping backslash.
        let k = text.length - 1;
        while (k >= start && text.charCodeAt(k) === BACKSLASH) k--;
        this.escaped = (text.length - 1 - k) % 2 === 1;
        return -1;
      }
      let k = quote - 1;
      while (k >= start && text.charCodeAt(k) === BACKSLASH) k--;
      if ((quote - 1 - k) % 2 === 0) return quote;
      at = quote + 1;
    }
  }

  /** Keeps the start of a top-level string, from `from` to its end (`close`, or -1: the piece's end). */
  private keepKey(text: string, from: number, close: number): void {
    const room = KEY_KEPT - this.topString.length;
    if (room > 0) this.topString += text.slice(from, Math.min(close === -1 ? text.length : close, from + room));
    if (close !== -1) this.readingKey = false;
  }

  private objectsKey(): boolean {
    const key = this.topString;
    if (key.length >= KEY_KEPT) return false;
    if (!key.includes("\\")) return key === "objects";
    try {
      return JSON.parse(`"${key}"`) === "objects";
    } catch {
      return false;
    }
  }

  private startElement(i: number, c: number): void {
    this.between = Between.Element;
    this.index++;
    this.elementAt = this.place(i);
    this.elementIsScalar = c !== OPEN_OBJECT && c !== OPEN_ARRAY;
  }

  /** Part of an element that continues in the next piece. */
  private holdElement(text: string): void {
    if (this.long) return this.long.feed(text);
    this.parts.push(text);
    this.partsLength += text.length;
    if (this.partsLength > WHOLE_ELEMENT_LIMIT) {
      this.long = new LongElement(this.elementAt, this.index, this.onObject);
      for (const part of this.parts) this.long.feed(part);
      this.parts = [];
      this.partsLength = 0;
    }
  }

  /** The element ends just before `end` in this piece; it began at `from` in it, or in an earlier piece when `from` is -1. */
  private endElement(text: string, from: number, end: number): void {
    this.between = Between.After;
    const tail = text.slice(Math.max(from, 0), end);
    if (this.long) {
      this.long.feed(tail);
      this.long.end();
      this.long = null;
      return;
    }
    const whole = this.parts.length ? this.parts.join("") + tail : tail;
    this.parts = [];
    this.partsLength = 0;
    let value: unknown;
    try {
      value = JSON.parse(whole);
    } catch (error) {
      throw explain(whole, this.elementAt, error);
    }
    if (typeof value === "object" && value !== null && !Array.isArray(value)) this.onObject(value as StixObject, this.index);
  }

  private place(i: number): Place {
    return { line: this.line, column: this.offset + i - this.lineStart + 1 };
  }

  /** A Unicode space (a no-break space, say) where JSON allows only spaces, tabs and line breaks. */
  private strangeSpace(text: string, i: number): MalformedFileError {
    return this.malformed(i, `the character ${codePoint(text[i])}, which JSON does not allow between values (only spaces, tabs and line breaks)`);
  }

  private malformed(i: number, what: string): MalformedFileError {
    const { line, column } = this.place(i);
    return new MalformedFileError("file.malformed_json", `The file is not valid JSON: ${what} in line ${line}, around column ${column.toLocaleString("en")}.`);
  }
}

/** An element too long to hold, walked token by token as if it were a bundle's only object. */
class LongElement {
  private readonly tokenizer = new JsonTokenizer();
  private readonly walker: BundleWalker;
  private readonly sink = (token: JsonToken) => this.walker.consume(token);

  constructor(at: Place, index: number, onObject: (object: StixObject, index: number) => void) {
    this.walker = new BundleWalker((object) => onObject(object, index));
    this.tokenizer.feed('{"objects":[', this.sink);
    this.tokenizer.moveTo(at);
  }

  feed(text: string): void {
    this.tokenizer.feed(text, this.sink);
  }

  end(): void {
    this.tokenizer.feed("]}", this.sink);
    this.tokenizer.end(this.sink);
  }
}

/**
 * JSON.parse says what is wrong but not in which line; the tokenizer, given the same text from
 * the element's place in the file, does. Should it find nothing wrong, the engine's reason stands.
 */
function explain(text: string, at: Place, error: unknown): MalformedFileError {
  const tokenizer = new JsonTokenizer();
  tokenizer.moveTo(at);
  try {
    // The tokenizer holds up to 16 characters before it judges a token: the spaces after the
    // element make it judge them all. (Ending it instead would read as a file cut off.)
    tokenizer.feed(`${text}${" ".repeat(32)}`, () => {});
  } catch (located) {
    if (located instanceof MalformedFileError) return located;
  }
  // The tokenizer took it (it is laxer: it allows any Unicode space, for one). The engine's
  // reason then stands, without the text it quotes.
  const reason = (error instanceof Error ? error.message : String(error))
    .replace(/, ".*" is not valid JSON$/s, "")
    .replace(/ in JSON at position \d+$/, "")
    .replace(/^Unexpected token '(.)'/su, (_, ch: string) => `Unexpected character ${/[\s\p{C}]/u.test(ch) ? codePoint(ch) : `'${ch}'`}`);
  return new MalformedFileError("file.malformed_json", `The file is not valid JSON: ${reason} in the object that starts in line ${at.line}.`);
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
