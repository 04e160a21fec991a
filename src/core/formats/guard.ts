import { Transform, type Readable } from "node:stream";
import { MalformedFileError } from "./types.js";

/** Files larger than this are refused before they are read any further. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * Passes a file's bytes through while counting them and checking that they are UTF-8: a file
 * that is too large, or in another encoding, fails with a MalformedFileError that the import
 * reports, and nothing is stored. A UTF-8 byte-order mark is dropped.
 */
export function guardedUtf8(input: Readable, maxBytes = MAX_FILE_BYTES): Readable {
  let seen = 0;
  let first = true;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) {
        done(MalformedFileError.of("file.too_large", "formats.import.too_large", { max: Math.round(maxBytes / 1024 / 1024) }));
        return;
      }
      let bytes = chunk;
      if (first) {
        first = false;
        if (bytes[0] === 0xff || bytes[0] === 0xfe) {
          done(MalformedFileError.of("file.encoding", "formats.file.utf16"));
          return;
        }
        const kind = binaryKind(bytes);
        if (kind) {
          done(MalformedFileError.of("file.binary", "formats.file.binary", { kind }));
          return;
        }
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      }
      try {
        decoder.decode(bytes, { stream: true });
      } catch {
        done(MalformedFileError.of("file.encoding", "formats.file.not_utf8", { byte: seen - chunk.length }));
        return;
      }
      done(null, bytes);
    },
    flush(done) {
      try {
        decoder.decode();
        done();
      } catch {
        done(MalformedFileError.of("file.encoding", "formats.file.utf8_cut"));
      }
    },
  });
  input.on("error", (error) => guard.destroy(error));
  return input.pipe(guard);
}

/**
 * Files people upload in place of an export, known by their first bytes: a workbook or document
 * (a ZIP archive: .xlsx, .docx, .zip; the older Office format: .xls, .doc, .msg), a PDF report, a
 * gzip archive. Said for what they are, rather than "not valid UTF-8".
 */
const MAGIC: readonly (readonly [string, readonly number[]])[] = [
  ["zip", [0x50, 0x4b, 0x03, 0x04]],
  ["office", [0xd0, 0xcf, 0x11, 0xe0]],
  ["pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["gzip", [0x1f, 0x8b]],
];

function binaryKind(bytes: Buffer): string | undefined {
  return MAGIC.find(([, magic]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b))?.[0];
}
