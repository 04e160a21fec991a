// Splits a STIX pattern (STIX 2.1 part 9, "STIX Patterning") into tokens with a hand-written
// scanner: every character is looked at once, so no input can make it slow, and the positions it
// keeps let a refusal quote the part of the pattern it is about.

export type PatternToken =
  | { kind: "punct"; text: "[" | "]" | "(" | ")" | ","; start: number; end: number }
  /** A '…' literal with its escapes undone. */
  | { kind: "string"; value: string; start: number; end: number }
  /** t'…' (timestamp), h'…' (hex) or b'…' (binary): never one of the values we take. */
  | { kind: "typed"; start: number; end: number }
  /** An object path such as file:hashes.'SHA-256', as its object type and property steps. */
  | { kind: "path"; objectType: string; steps: string[]; start: number; end: number }
  | { kind: "op"; text: string; start: number; end: number }
  /** A keyword (upper-cased: OR, AND, NOT, WITHIN, …) or a number. */
  | { kind: "word"; text: string; start: number; end: number };

export class PatternSyntaxError extends Error {}

const isNameChar = (code: number): boolean =>
  (code >= 0x61 && code <= 0x7a) || // a-z
  (code >= 0x41 && code <= 0x5a) || // A-Z
  (code >= 0x30 && code <= 0x39) || // 0-9
  code === 0x5f || // _
  code === 0x2d; // -

const PUNCT = new Set(["[", "]", "(", ")", ","]);
const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

// Anything beyond printable ASCII is named by code point: it may be invisible or reorder text.
function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x21 || code > 0x7e ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}` : `'${ch}'`;
}

/** Methods on a class rather than closures, so that nothing is created per pattern but the tokens. */
class Lexer {
  private i = 0;
  readonly tokens: PatternToken[] = [];

  constructor(private readonly pattern: string) {}

  run(): PatternToken[] {
    const pattern = this.pattern;
    while (this.i < pattern.length) {
      const start = this.i;
      const ch = pattern[start];
      if (WHITESPACE.has(ch)) {
        this.i++;
      } else if (PUNCT.has(ch)) {
        this.i++;
        this.tokens.push({ kind: "punct", text: ch as "[" | "]" | "(" | ")" | ",", start, end: this.i });
      } else if (ch === "'") {
        const value = this.readString();
        this.tokens.push({ kind: "string", value, start, end: this.i });
      } else if (ch === "=" || ch === "!" || ch === "<" || ch === ">") {
        this.i++;
        if (pattern[this.i] === "=") this.i++;
        const text = pattern.slice(start, this.i);
        if (text === "!") throw new PatternSyntaxError(`'!' at position ${start + 1} is not followed by '='`);
        this.tokens.push({ kind: "op", text, start, end: this.i });
      } else if (isNameChar(pattern.charCodeAt(start))) {
        this.word(start);
      } else {
        throw new PatternSyntaxError(`unexpected character ${describe(ch)} at position ${start + 1}`);
      }
    }
    return this.tokens;
  }

  /** A path (name followed by ':'), a typed literal (t'…'), or a keyword or number. */
  private word(start: number): void {
    const pattern = this.pattern;
    const name = this.readName();
    if (pattern[this.i] === ":") {
      this.tokens.push(this.readPath(start, name));
    } else if (pattern[this.i] === "'" && /^[thb]$/i.test(name)) {
      this.readString();
      this.tokens.push({ kind: "typed", start, end: this.i });
    } else {
      // A number may have a fraction: "1.5".
      if (pattern[this.i] === "." && /^-?\d+$/.test(name)) {
        this.i++;
        this.readName();
      }
      this.tokens.push({ kind: "word", text: pattern.slice(start, this.i).toUpperCase(), start, end: this.i });
    }
  }

  private readName(): string {
    const from = this.i;
    while (this.i < this.pattern.length && isNameChar(this.pattern.charCodeAt(this.i))) this.i++;
    return this.pattern.slice(from, this.i);
  }

  /** A '…' literal: the only escapes are \' and \\ (STIX 2.1 section 9.2). */
  private readString(): string {
    const pattern = this.pattern;
    const open = this.i++;
    let value = "";
    let from = this.i;
    while (this.i < pattern.length) {
      const ch = pattern[this.i];
      if (ch === "'") {
        value += pattern.slice(from, this.i++);
        return value;
      }
      if (ch === "\\") {
        const next = pattern[this.i + 1];
        if (next !== "'" && next !== "\\") throw new PatternSyntaxError(`the string at position ${open + 1} has an invalid escape \\${next ?? ""}`);
        value += pattern.slice(from, this.i) + next;
        this.i += 2;
        from = this.i;
        continue;
      }
      this.i++;
    }
    throw new PatternSyntaxError(`the string at position ${open + 1} is not closed`);
  }

  private readPath(start: number, objectType: string): PatternToken {
    const pattern = this.pattern;
    this.i++; // the colon
    const steps = [this.readName()];
    if (!steps[0]) throw new PatternSyntaxError(`the object path at position ${start + 1} has no property`);
    for (;;) {
      if (pattern[this.i] === "." && pattern[this.i + 1] === "'") {
        this.i++;
        steps.push(this.readString());
      } else if (pattern[this.i] === ".") {
        this.i++;
        const name = this.readName();
        if (!name) throw new PatternSyntaxError(`the object path at position ${start + 1} ends in a dot`);
        steps.push(name);
      } else if (pattern[this.i] === "[") {
        // A list index directly after a property name: [*] or [0]. Looked for within a few
        // characters only, so that many "[" cannot make this quadratic.
        const close = pattern.slice(this.i, this.i + 12).indexOf("]") + this.i;
        const index = close < this.i ? "" : pattern.slice(this.i + 1, close);
        if (index !== "*" && !/^\d{1,9}$/.test(index)) throw new PatternSyntaxError(`the object path at position ${start + 1} has an invalid list index`);
        steps.push(`[${index}]`);
        this.i = close + 1;
      } else {
        return { kind: "path", objectType, steps, start, end: this.i };
      }
    }
  }
}

export function lexPattern(pattern: string): PatternToken[] {
  return new Lexer(pattern).run();
}
