import { startThread } from "../start-thread.js";
import type { Phrase } from "../i18n/phrase.js";
import type { ThreadModule } from "../ports.js";
import type { FileToParse } from "./parse-file.js";
import { MalformedFileError, type ParseEvent } from "./types.js";

/**
 * Files of this size or more are parsed in a worker thread. Below it the file is parsed sooner
 * than a thread would have sent its first batch (about 270 ms from the built bot, some 140 ms of
 * it loading the thread's modules; a 1 MB file is about 2,500 STIX indicators or 30,000–80,000 CSV lines).
 */
export const ASIDE_FROM_BYTES = 1024 * 1024;

/**
 * Batches the thread may send ahead of what the import has taken: memory stays bounded (2,000
 * rows), and the thread goes on parsing while the import waits for the database with a slice.
 */
const AHEAD = 8;

/** What the parsing thread is given (parse-worker.ts). */
export interface AsideData {
  file: FileToParse;
  /** The file's name and digest, which every item's source reference begins with (types.ts sourceRefOf). */
  sourcePrefix: string;
  preparer?: ThreadModule;
  ahead: number;
}

/** What the parsing thread sends: batches of events, then that it is done or why it stopped. */
export type AsideMessage =
  | { batch: ParseEvent[] }
  | { done: true }
  | { malformed: { code: string; message: string; why?: Phrase } }
  | { failed: { message: string; stack?: string } };

/**
 * parseFile in a worker thread: the same batches of events, in the same order, with the same
 * refusals, while the import's own thread stores what came before. Where the store says how
 * (`preparer`), the thread also does the store's work on each record's item — its index token,
 * relation key and sealed texts, about half of an import's time — so that the import uses both
 * of the machine's cores. A malformed file throws the same MalformedFileError, after the batches
 * before it; the thread stops when the import stops reading, for whatever reason.
 */
export async function* parseAside(file: FileToParse, work: { sourcePrefix: string; preparer?: ThreadModule }): AsyncGenerator<ParseEvent[]> {
  const worker = startThread(import.meta.url, "parse-worker", { file, sourcePrefix: work.sourcePrefix, preparer: work.preparer, ahead: AHEAD } satisfies AsideData);
  const inbox: AsideMessage[] = [];
  let stopped: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on("message", (message: AsideMessage) => {
    inbox.push(message);
    notify();
  });
  worker.on("error", (error) => {
    stopped ??= error;
    notify();
  });
  worker.on("exit", (code) => {
    // Its last messages arrive before its exit; a thread that ends without "done" ended early.
    stopped ??= new Error(`the thread parsing the file stopped before the file's end (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      const message = inbox.shift();
      if (message === undefined) {
        if (stopped) throw stopped;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if ("batch" in message) {
        // Asked for first, so that the thread reads on while this batch is stored.
        worker.postMessage("more");
        yield message.batch;
      } else if ("done" in message) {
        return;
      } else if ("malformed" in message) {
        throw new MalformedFileError(message.malformed.code, message.malformed.message, message.malformed.why);
      } else {
        throw Object.assign(new Error(message.failed.message), { stack: message.failed.stack });
      }
    }
  } finally {
    await worker.terminate();
  }
}
