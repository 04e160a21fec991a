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
        done(new MalformedFileError("file.too_large", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; split it into smaller files.`));
        return;
      }
      let bytes = chunk;
      if (first) {
        first = false;
        if (bytes[0] === 0xff || bytes[0] === 0xfe) {
          done(new MalformedFileError("file.encoding", "The file is UTF-16; save it as UTF-8 and import it again."));
          return;
        }
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      }
      try {
        decoder.decode(bytes, { stream: true });
      } catch {
        done(new MalformedFileError("file.encoding", `The file is not valid UTF-8 (around byte ${seen - chunk.length}); save it as UTF-8 and import it again.`));
        return;
      }
      done(null, bytes);
    },
    flush(done) {
      try {
        decoder.decode();
        done();
      } catch {
        done(new MalformedFileError("file.encoding", "The file ends in the middle of a UTF-8 character; it may be truncated."));
      }
    },
  });
  input.on("error", (error) => guard.destroy(error));
  return input.pipe(guard);
}
