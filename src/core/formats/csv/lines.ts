import { malformed } from "./errors.js";

/** No indicator comes near this; a longer line is a binary file or a broken feed, not data to buffer. */
export const MAX_LINE_BYTES = 64 * 1024;

export interface Line {
  /** 1-based line number in the file, as a person opening it in an editor would count. */
  number: number;
  /** The line without its line break (a trailing CR of a Windows CRLF is dropped too). */
  text: string;
}

/**
 * Cuts a byte stream into lines. It splits bytes rather than text because 0x0A never occurs
 * inside a multi-byte UTF-8 character, so a chunk boundary in the middle of a character is
 * harmless, and because the 64 KB limit is then counted in bytes, as stated. A partial line is
 * refused as soon as it passes the limit, so a file without line breaks never fills memory.
 * The bytes have already passed guardedUtf8, so decoding cannot meet an invalid sequence.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private number = 0;

  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(0x0a, start); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      this.check(newline - start);
      let text: string;
      if (this.pending.length === 0) {
        // The common case, decoded straight from the chunk: no Buffer view per line.
        text = chunk.toString("utf8", start, newline);
      } else {
        text = Buffer.concat([...this.pending, chunk.subarray(start, newline)]).toString("utf8");
        this.pending = [];
        this.pendingBytes = 0;
      }
      lines.push(this.line(text));
      start = newline + 1;
    }
    if (start < chunk.length) {
      this.check(chunk.length - start);
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
    }
    return lines;
  }

  /** The last line, when the file does not end with a line break (MalwareBazaar's dump does not). */
  end(): Line[] {
    if (this.pendingBytes === 0) return [];
    const text = Buffer.concat(this.pending).toString("utf8");
    this.pending = [];
    this.pendingBytes = 0;
    return [this.line(text)];
  }

  private line(text: string): Line {
    this.number++;
    return { number: this.number, text: text.endsWith("\r") ? text.slice(0, -1) : text };
  }

  private check(more: number): void {
    if (this.pendingBytes + more > MAX_LINE_BYTES) {
      throw malformed(this.number + 1, `is longer than ${MAX_LINE_BYTES / 1024} KB, which no indicator feed line is`);
    }
  }
}
