import type { PartyCode } from "../covenant/parties.js";
import type { ItemReads, ThreadModule } from "../ports.js";
import { startThread } from "../start-thread.js";
import type { ProbeRecord } from "./files-so-far.js";
import type { RelationReads } from "./related.js";

/**
 * What the store's `relationReader(data)` gives the thread (Store.relationReader); `adopt` takes
 * what the parsing thread made for records (NewItem.prepared), so that their relation keys are
 * not made again.
 */
export type ThreadRelationReads = RelationReads & Pick<ItemReads, "rangePrefixes" | "storedRanges"> & { adopt?(records: readonly ProbeRecord[]): void };

/** What the relation thread is given (related-worker.ts). */
export interface RelatedAsideData {
  reader: ThreadModule;
  party: PartyCode;
}

/** What it answers for each slice it is sent, in the order sent: othersRelatedTo's map as pairs, or why it stopped. */
export type RelatedAsideMessage = { related: [string, PartyCode[]][] } | { failed: { message: string; stack?: string } };

export interface RelatedAside {
  /** othersRelatedTo for a slice of the import: `records` are its records, with their files where stored with one. */
  ask(records: readonly ProbeRecord[]): Promise<Map<string, PartyCode[]>>;
  close(): Promise<void>;
}

/**
 * The relation thread's young generation: V8's full 32 MB, not the parsing thread's 4 MB. With
 * 4 MB it collected some 2,200 times in the related mix's second import (500,001 values into a
 * cell of 499,950), about 7 s of the 36; with 32 MB that import took 31.0–35.0 s against
 * 34.6–41.2 s (bench/import-one.mjs, three runs each, interleaved), for some 25 MB more at its
 * peak. The thread runs only when another party holds something, so a first import's memory,
 * which the 4 MB keeps down, is not touched.
 */
const RELATION_THREAD_LIMITS = { maxYoungGenerationSizeMb: 32 };

/**
 * A large import's look-ups of other parties' related records (Art 6.1), in a thread of their own
 * on a connection of its own (Store.relationReader), while the import's thread stores the next
 * slices: on SQLite they were a quarter of the import's own thread's time, and the import's
 * thread is what a large import waits for. The answers are those the import's own transaction
 * would give: other parties' records do not change while an import holds the one writer, and the
 * import's own stored files are handed to the thread (files-so-far.ts).
 */
export function relatedAside(reader: ThreadModule, party: PartyCode): RelatedAside {
  const worker = startThread(import.meta.url, "related-worker", { reader, party } satisfies RelatedAsideData, RELATION_THREAD_LIMITS);
  const waiting: { resolve: (related: Map<string, PartyCode[]>) => void; reject: (error: Error) => void }[] = [];
  let stopped: Error | undefined;
  const stop = (error: Error) => {
    stopped ??= error;
    for (const w of waiting.splice(0)) w.reject(stopped);
  };
  worker.on("message", (message: RelatedAsideMessage) => {
    if ("related" in message) waiting.shift()?.resolve(new Map(message.related));
    else stop(Object.assign(new Error(message.failed.message), { stack: message.failed.stack }));
  });
  worker.on("error", stop);
  worker.on("exit", (code) => stop(new Error(`the thread looking up related records stopped (exit code ${code})`)));
  return {
    ask(records) {
      // An import that fails stops awaiting what it asked: its answers may be refused unheard,
      // and a refusal no one hears would stop the process (Node's unhandled rejection).
      if (stopped) return heardOrNot(Promise.reject(stopped));
      const answer = heardOrNot(new Promise<Map<string, PartyCode[]>>((resolve, reject) => waiting.push({ resolve, reject })));
      worker.postMessage({ records });
      return answer;
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** The promise, marked as handled: its refusal may go unheard without stopping the process. */
function heardOrNot<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
