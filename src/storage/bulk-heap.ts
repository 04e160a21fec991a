import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * How far V8 lets the heap grow past what its last full collection kept, while a bulk import
 * runs: 20 %. By default it lets it grow up to fourfold when collecting looks cheap, and an import
 * makes garbage fast: a 1,000,000-line CSV import peaked at 435 MB (its main heap grew from 40 to
 * 115 MB of objects no longer used), a 500,000-value related-mix import at 700 MB. With 20 %:
 * 330 MB and 520 MB, at the same speed (the heap it keeps is small, so collecting it often costs
 * little). The command-line tool's steering report and oversight export, which stream the whole
 * store through, run so too: over 1,000,000 items they peaked at 250 and 275 MB instead of 414
 * and 469 MB, and over 100,000 at 246 and 268 MB. Commands keep V8's own growth, which suits
 * short bursts of work.
 */
const BULK_GROWING_PERCENT = 20;

let holders = 0;

/** Runs `work` with the heap's growth held close to what it keeps; V8's own growth afterwards. */
export async function withTightHeap<T>(work: () => Promise<T>): Promise<T> {
  // The flag is process-wide and read at each collection: imports that overlap share it.
  if (holders++ === 0) {
    setFlagsFromString(`--heap-growing-percent=${BULK_GROWING_PERCENT}`);
    collectNow();
  }
  try {
    return await work();
  } finally {
    // 0 is V8's default: its own choice of growth.
    if (--holders === 0) setFlagsFromString("--heap-growing-percent=0");
  }
}

/**
 * A full collection now, so that the growth above applies from the import's start: V8 sets the
 * heap's next limit at each full collection, and the one before the import set it with its own
 * growth. Node gives the collector's handle only to a context made after `--expose-gc` is set.
 */
function collectNow() {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (() => void) | undefined;
  gc?.();
}
