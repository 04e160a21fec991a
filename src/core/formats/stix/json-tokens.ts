import parser from "stream-json/parser.js";
import { MalformedFileError } from "../types.js";

// stream-chain, the pipeline library under stream-json, marks "no value" and "several values"
// with these registered symbols (stream-chain/src/defs.js). Symbol.for gives us the same ones
// without depending on stream-chain ourselves.
const NONE = Symbol.for("object-stream.none");
const MANY = Symbol.for("object-stream.many");

// Text is handed to the JSON tokenizer this many characters at a time. The tokenizer reports no
// position, so a syntax error is placed by the slice it appeared in: a line or three of
// pretty-printed JSON. On a 93 MB bundle the small slices cost nothing measurable (about 1.6 s
// of tokenizing either way, against 1.5 s when fed 64 KB at once).
const SLICE = 64;

/** A stream-json token: startObject, keyValue, stringValue, numberValue (as text), … */
export interface JsonToken {
  name: string;
  value?: unknown;
}

/** A place in the file: line and column, both counted from 1. */
export interface Place {
  line: number;
  column: number;
}

type Step = (input: string | symbol) => unknown;

/**
 * stream-json's parser() is its tokenizer behind a UTF-8 fixer, composed by stream-chain, which
 * exposes the parts as the function list `fList`. We call the tokenizer directly with decoded
 * text: it is synchronous, whereas the composed function is an async generator that costs an
 * await per token (3.5 times slower on a large bundle). The check makes an upgrade of the pinned
 * stream-json that changes this fail loudly, not silently.
 */
function tokenizer(): Step {
  const composed = parser({ packValues: true, streamValues: false }) as unknown as { fList?: unknown };
  const list = composed.fList;
  if (!Array.isArray(list) || list.length !== 2 || typeof list[1] !== "function") {
    throw new Error("stream-json's parser no longer exposes its tokenizer as fList[1]; check the installed version");
  }
  return list[1] as Step;
}

/** What the tokenizer said, without its "Parser cannot parse input:" preamble. */
function detail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Parser (?:cannot parse input: |has )/, "");
}

/** Turns text into JSON tokens, keeping count of lines so that an error can say where it is. */
export class JsonTokenizer {
  private readonly step = tokenizer();
  private line = 1;
  private column = 1;
  private sawContent = false;

  /** Tokenises the next piece of the file and hands each token to `sink`, in order. */
  feed(text: string, sink: (token: JsonToken) => void): void {
    for (let start = 0; start < text.length; start += SLICE) {
      const slice = text.length <= SLICE ? text : text.slice(start, start + SLICE);
      if (!this.sawContent && /\S/.test(slice)) this.sawContent = true;
      this.run(slice, sink, slice);
      this.advance(slice);
    }
  }

  /** The next text fed starts at `place` in the file (text in between went elsewhere). */
  moveTo(place: Place): void {
    this.line = place.line;
    this.column = place.column;
  }

  /** The file has ended: anything still open means the JSON is incomplete. */
  end(sink: (token: JsonToken) => void): void {
    this.run(NONE, sink, "");
  }

  private run(input: string | symbol, sink: (token: JsonToken) => void, slice: string): void {
    let result: unknown;
    try {
      result = this.step(input);
    } catch (error) {
      throw this.malformed(error, input === NONE, slice);
    }
    if (result === NONE) return;
    const many = result as { [MANY]?: number; values?: JsonToken[] };
    const tokens = many[MANY] === 1 && many.values ? many.values : [result as JsonToken];
    for (let i = 0; i < tokens.length; i++) sink(tokens[i]);
  }

  private advance(slice: string): void {
    let lastBreak = -1;
    for (let i = slice.indexOf("\n"); i !== -1; i = slice.indexOf("\n", i + 1)) {
      this.line++;
      lastBreak = i;
    }
    this.column = lastBreak === -1 ? this.column + slice.length : slice.length - lastBreak;
  }

  private malformed(error: unknown, atEnd: boolean, slice: string): MalformedFileError {
    if (atEnd && !this.sawContent) return MalformedFileError.of("file.malformed_json", "formats.file.empty");
    if (atEnd) {
      return new MalformedFileError(
        "file.malformed_json",
        `The file ends before its JSON is complete (${detail(error)} after line ${this.line}); it may have been cut off, so export it again.`,
      );
    }
    // The error lies in this slice (or just before it, in what the tokenizer was still holding).
    let lastLine = this.line;
    for (let i = slice.indexOf("\n"); i !== -1; i = slice.indexOf("\n", i + 1)) lastLine++;
    const where =
      lastLine === this.line
        ? `in line ${this.line}, around column ${this.column.toLocaleString("en")}`
        : `between lines ${this.line} and ${lastLine}`;
    return new MalformedFileError("file.malformed_json", `The file is not valid JSON: ${detail(error)} ${where}.`);
  }
}
