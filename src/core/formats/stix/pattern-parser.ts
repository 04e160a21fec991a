import { lexPattern, PatternSyntaxError, type PatternToken } from "./pattern-lexer.js";

type PathToken = Extract<PatternToken, { kind: "path" }>;

/** The shape of a pattern, with each part's place in the text so that a refusal can quote it. */
export type PatternNode =
  | { kind: "or" | "and" | "followedby"; items: PatternNode[]; start: number; end: number }
  | { kind: "qualified"; qualifier: string; inner: PatternNode; start: number; end: number }
  | {
      kind: "comparison";
      path: PathToken;
      /** "=", "!=", "<", …, or a keyword operator (LIKE, MATCHES, IN, ISSUBSET, ISSUPERSET, EXISTS). */
      operator: string;
      negated: boolean;
      /** The value when it is a plain string literal; undefined for numbers, sets, t'…' and so on. */
      value: string | undefined;
      start: number;
      end: number;
    };

/** Brackets and parentheses nest at most this deep; the parser recurses once per level. */
const MAX_NESTING = 32;
const KEYWORD_OPERATORS = new Set(["LIKE", "MATCHES", "IN", "ISSUBSET", "ISSUPERSET"]);

/**
 * Recursive descent over the STIX 2.1 pattern grammar (section 9), loosest binding first:
 * FOLLOWEDBY, then OR and AND between observations, then qualifiers, then inside brackets
 * OR and AND between comparisons. Chains of OR/AND are read in a loop, so only nesting recurses.
 */
class Parser {
  private i = 0;
  private nesting = 0;

  constructor(private readonly tokens: PatternToken[]) {}

  parse(): PatternNode {
    if (this.tokens.length === 0) throw new PatternSyntaxError("the pattern is empty");
    const node = this.observations();
    const rest = this.tokens[this.i];
    if (rest) throw new PatternSyntaxError(`unexpected ${this.show(rest)} at position ${rest.start + 1}`);
    return node;
  }

  private observations(): PatternNode {
    return this.chain("FOLLOWEDBY", "followedby", () => this.chain("OR", "or", () => this.chain("AND", "and", () => this.qualified())));
  }

  private qualified(): PatternNode {
    let node = this.observation();
    for (;;) {
      const word = this.peekWord();
      if (word === "WITHIN") this.words("WITHIN", null, "SECONDS");
      else if (word === "REPEATS") this.words("REPEATS", null, "TIMES");
      else if (word === "START") this.words("START", "typed", "STOP", "typed");
      else return node;
      node = { kind: "qualified", qualifier: word, inner: node, start: node.start, end: this.tokens[this.i - 1].end };
    }
  }

  private observation(): PatternNode {
    const token = this.tokens[this.i];
    if (this.isPunct("[")) return this.nested("[", "]", () => this.comparisons());
    if (this.isPunct("(")) return this.nested("(", ")", () => this.observations());
    throw this.unexpected(token, "'[' or '('");
  }

  private comparisons(): PatternNode {
    return this.chain("OR", "or", () => this.chain("AND", "and", () => this.comparison()));
  }

  private comparison(): PatternNode {
    if (this.isPunct("(")) return this.nested("(", ")", () => this.comparisons());
    const start = this.tokens[this.i]?.start ?? 0;
    const exists = this.peekWord() === "EXISTS";
    if (exists) this.i++;
    const path = this.tokens[this.i];
    if (path?.kind !== "path") throw this.unexpected(path, "an object path such as ipv4-addr:value");
    this.i++;
    if (exists) return { kind: "comparison", path, operator: "EXISTS", negated: false, value: undefined, start, end: path.end };
    const negated = this.peekWord() === "NOT";
    if (negated) this.i++;
    const op = this.tokens[this.i];
    let operator: string;
    if (op?.kind === "op") operator = op.text;
    else if (op?.kind === "word" && KEYWORD_OPERATORS.has(op.text)) operator = op.text;
    else throw this.unexpected(op, "a comparison operator");
    this.i++;
    let value: string | undefined;
    if (this.isPunct("(")) {
      this.skipSet();
    } else {
      const literal = this.tokens[this.i];
      if (literal?.kind !== "string" && literal?.kind !== "typed" && literal?.kind !== "word") throw this.unexpected(literal, "a value");
      if (literal.kind === "string") value = literal.value;
      this.i++;
    }
    return { kind: "comparison", path, operator, negated, value, start, end: this.tokens[this.i - 1].end };
  }

  /** IN ('a', 'b'): read past it; a set is never a value we take. */
  private skipSet(): void {
    this.i++;
    while (!this.isPunct(")")) {
      if (this.i >= this.tokens.length) throw new PatternSyntaxError("a set of values is not closed");
      this.i++;
    }
    this.i++;
  }

  private chain(keyword: string, kind: "or" | "and" | "followedby", next: () => PatternNode): PatternNode {
    const items = [next()];
    while (this.peekWord() === keyword) {
      this.i++;
      items.push(next());
    }
    if (items.length === 1) return items[0];
    return { kind, items, start: items[0].start, end: items[items.length - 1].end };
  }

  private nested(open: string, close: string, inner: () => PatternNode): PatternNode {
    if (++this.nesting > MAX_NESTING) throw new PatternSyntaxError(`the pattern nests brackets more than ${MAX_NESTING} deep`);
    const start = this.tokens[this.i++].start;
    const node = inner();
    if (!this.isPunct(close)) throw this.unexpected(this.tokens[this.i], `'${close}'`);
    const end = this.tokens[this.i++].end;
    this.nesting--;
    // The brackets belong to what they enclose, so that a refusal quotes "[file:name = 'x']".
    return open === "[" ? { ...node, start, end } : node;
  }

  /** A qualifier's fixed words; null stands for a number, "typed" for a t'…' timestamp. */
  private words(...expected: (string | null)[]): void {
    for (const want of expected) {
      const token = this.tokens[this.i];
      const ok =
        want === "typed" ? token?.kind === "typed" : want === null ? token?.kind === "word" && /^\d/.test(token.text) : token?.kind === "word" && token.text === want;
      if (!ok) throw this.unexpected(token, want === "typed" ? "a t'…' timestamp" : want ?? "a number");
      this.i++;
    }
  }

  private peekWord(): string | undefined {
    const token = this.tokens[this.i];
    return token?.kind === "word" ? token.text : undefined;
  }

  private isPunct(text: string): boolean {
    const token = this.tokens[this.i];
    return token?.kind === "punct" && token.text === text;
  }

  private show(token: PatternToken): string {
    return token.kind === "word" || token.kind === "op" || token.kind === "punct" ? `'${token.text}'` : token.kind;
  }

  private unexpected(token: PatternToken | undefined, expected: string): PatternSyntaxError {
    if (!token) return new PatternSyntaxError(`the pattern ends where ${expected} was expected`);
    return new PatternSyntaxError(`expected ${expected} at position ${token.start + 1}, found ${this.show(token)}`);
  }
}

/** Parses a pattern; throws PatternSyntaxError with a short, readable message. */
export function parsePattern(pattern: string): PatternNode {
  return new Parser(lexPattern(pattern)).parse();
}
