/**
 * The thread that parses a large file for an import (parse-aside.ts): parseFile's batches, each
 * record given its item's `prepared` form by the store's preparer, sent as the import asks for
 * them. Holds nothing but the batches not yet asked for.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SealableFields } from "../ports.js";
import type { AsideData, AsideMessage } from "./parse-aside.js";
import { parseFile } from "./parse-file.js";
import { MalformedFileError, sealableFieldsOf } from "./types.js";

const { file, sourcePrefix, preparer, ahead } = workerData as AsideData;
const port = parentPort!;
const send = (message: AsideMessage) => port.postMessage(message);

let credit = ahead;
let wake: (() => void) | undefined;
port.on("message", () => {
  credit++;
  wake?.();
  wake = undefined;
});

try {
  const prepare = preparer ? ((await import(preparer.module)) as { itemPreparer(data: unknown): (fields: SealableFields) => unknown }).itemPreparer(preparer.data) : undefined;
  for await (const batch of parseFile(file)) {
    if (prepare) for (const event of batch) if (event.kind === "record") event.record.prepared = prepare(sealableFieldsOf(event.record, sourcePrefix));
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    send({ batch });
  }
  send({ done: true });
} catch (error) {
  if (error instanceof MalformedFileError) send({ malformed: { code: error.code, message: error.message, ...(error.why ? { why: error.why } : {}) } });
  else send({ failed: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } });
}
