import parser from "stream-json/parser.js";
import { MalformedFileError } from "../types.js";

export type Token = parser.Token;

// stream-chain's markers; it registers them with Symbol.for so that copies of it interoperate.
const NONE = Symbol.for("object-stream.none");
const MANY = Symbol.for("object-stream.many");
const FLUSH = Symbol.for("object-stream.flush");

/**
 * Text is fed to the parser in pieces this long, so that when it fails we know the place to
 * within a line or two. Measured: pieces of 64 to 16,384 characters parse equally fast.
 */
const PIECE = 128;

type Stage = ((value: unknown) => unknown) & { [FLUSH]?: number };
type Many = { [MANY]: number; values: Token[] };
const isMany = (value: unknown): value is Many => typeof value === "object" && value !== null && (value as Many)[MANY] === 1;

/**
 * stream-json's parser is a list of plain synchronous functions (text fix-up, then the tokenizer)
 * wrapped in an async generator that awaits once per token. We call the functions directly,
 * as stream-chain's own `chain()` does through the same `fList`: it parses 2.5 times faster and
 * every error belongs to the piece of text just given. If a later stream-json drops `fList`,
 * this fails loudly here (and in the tests) rather than parsing wrongly.
 */
function stagesOf(): Stage[] {
  const made = parser({ packValues: true, streamValues: false }) as unknown as { fList?: unknown };
  const stages = made.fList;
  if (!Array.isArray(stages) || stages.length === 0 || !stages.every((stage) => typeof stage === "function")) {
    throw new Error("stream-json's parser no longer exposes its function list (fList); json-tokens.ts needs updating");
  }
  return stages as Stage[];
}

/** Passes one value through the stages from `start` on; recursion is bounded by the stage count. */
function run(stages: Stage[], start: number, value: unknown, out: Token[]): void {
  for (let i = start; i < stages.length; i++) {
    if (value === NONE) return;
    if (isMany(value)) {
      for (const item of value.values) run(stages, i, item, out);
      return;
    }
    value = stages[i](value);
  }
  if (value === NONE) return;
  if (isMany(value)) for (const token of value.values) out.push(token);
  else out.push(value as Token);
}

interface Position {
  line: number;
  column: number;
}

/** Where the text stands after `piece` (columns count UTF-16 units, as editors mostly do). */
function advance(at: Position, piece: string): Position {
  let newline = piece.indexOf("\n");
  if (newline === -1) return { line: at.line, column: at.column + piece.length };
  let { line } = at;
  let last = newline;
  while (newline !== -1) {
    line++;
    last = newline;
    newline = piece.indexOf("\n", newline + 1);
  }
  return { line, column: piece.length - last };
}

/**
 * The parser does not say where it failed, only in which piece; so the message gives the span of
 * that piece, a line or a few, which is enough to find the fault in an editor.
 */
function malformedAt(error: unknown, start: Position, end: Position): MalformedFileError {
  const detail = (error instanceof Error ? error.message : String(error)).replace(/^Parser (cannot parse input: )?/, "");
  const where = start.line === end.line ? `in line ${start.line}, columns ${start.column}–${end.column - 1}` : `in lines ${start.line}–${end.line}`;
  return new MalformedFileError("file.malformed_json", `The file is not valid JSON ${where} (${detail}); check that it is an unedited MISP export.`);
}

/** Turns JSON text, given in any slices, into stream-json tokens (keys, strings and numbers packed). */
export class JsonTokens {
  private readonly stages = stagesOf();
  private at: Position = { line: 1, column: 1 };
  private tokens = 0;

  /** Tokenises `text`, handing the tokens of each piece to `sink` before reading the next. */
  write(text: string, sink: (tokens: Token[]) => void): void {
    for (let at = 0; at < text.length; at += PIECE) {
      const piece = text.slice(at, at + PIECE);
      const tokens: Token[] = [];
      const start = this.at;
      this.at = advance(start, piece);
      try {
        run(this.stages, 0, piece, tokens);
      } catch (error) {
        throw malformedAt(error, start, this.at);
      }
      this.tokens += tokens.length;
      if (tokens.length > 0) sink(tokens);
    }
  }

  /** The end of the text: whatever the parser still held, or an error when the JSON is incomplete. */
  end(sink: (tokens: Token[]) => void): void {
    const tokens: Token[] = [];
    try {
      for (let i = 0; i < this.stages.length; i++) {
        if (this.stages[i][FLUSH] === 1) run(this.stages, i + 1, this.stages[i](NONE), tokens);
      }
    } catch {
      throw this.tokens === 0
        ? MalformedFileError.of("file.malformed_json", "formats.file.misp_empty")
        : new MalformedFileError(
            "file.malformed_json",
            `The file ends at line ${this.at.line} before its JSON is complete; it is probably truncated, so export or copy it again.`,
          );
    }
    if (tokens.length > 0) sink(tokens);
  }
}
