/**
 * The thread that looks up other parties' records related to a large import's values
 * (related-aside.ts): one answer per slice it is sent, in order, from the store's reads on a
 * connection of the thread's own.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { PartyCode } from "../covenant/parties.js";
import type { RelatedAsideData, RelatedAsideMessage, ThreadRelationReads } from "./related-aside.js";
import { FilesSoFar, type ProbeRecord } from "./files-so-far.js";
import { othersAnswered } from "./others-answered.js";
import { othersRelatedTo, rangePrefixesOf } from "./related.js";

const { reader, party } = workerData as RelatedAsideData;
const port = parentPort!;
const send = (message: RelatedAsideMessage) => port.postMessage(message);
const files = new FilesSoFar(party);

const ready = (async () => {
  const reads = ((await import(reader.module)) as { relationReader(data: unknown): ThreadRelationReads }).relationReader(reader.data);
  // Read once, as the import's own thread does: the ranges on file are other parties' and the
  // party's committed ones, which the import does not change for anyone but itself.
  return { reads: othersAnswered(files.reads(reads), party), adopt: reads.adopt, rangePrefixes: await rangePrefixesOf(reads) };
})();

// Why the reads could not be made is told for each slice sent (below), not as the thread's end.
ready.catch(() => undefined);

// One slice at a time, in the order sent: each slice's files are noted before it is looked up.
let queue: Promise<unknown> = ready.catch(() => undefined);
port.on("message", ({ records }: { records: ProbeRecord[] }) => {
  queue = queue
    .then(async () => {
      const { reads, adopt, rangePrefixes } = await ready;
      adopt?.(records);
      files.add(records);
      const related: Map<string, PartyCode[]> = await othersRelatedTo(reads, records, party, { rangePrefixes });
      send({ related: [...related] });
    })
    .catch((error: unknown) => send({ failed: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } }));
});
