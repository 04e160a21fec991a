import { Worker, type ResourceLimits } from "node:worker_threads";

/**
 * Starts the thread whose module is `name` beside the module at `here` (its import.meta.url).
 * The built bot runs `name.js`. From the sources (the tests, the bench, development) the thread
 * loads tsx first, as the process did, and then `name.ts`.
 */
export function startThread(here: string, name: string, workerData: unknown, resourceLimits: ResourceLimits = THREAD_LIMITS): Worker {
  if (!here.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, here), { workerData, resourceLimits });
  // tsx's ECMAScript-module API, found from here (the thread's own resolution starts at its working folder).
  const boot = { tsx: import.meta.resolve("tsx/esm/api"), entry: new URL(`./${name}.ts`, here).href };
  return new Worker(TSX_BOOT, { eval: true, workerData: { ...(workerData as object), boot }, resourceLimits });
}

/**
 * A thread's limits unless it asks for others (the relation thread does: related-aside.ts). The
 * parsing thread keeps little alive: each batch is sent on and let go. V8's young generation
 * nevertheless grows to its full 32 MB in a thread that turns over that much, and stays so: with
 * 4 MB a 1,000,000-line CSV import peaked at 287–291 MB instead of 328–334 MB
 * (bench/import-one.mjs, with the 64 MB page cache of the time). It costs time: the
 * parsing thread collects more often (22 % of its time against 16 %), and a 100,000-line import
 * took 4.30 s against 4.02 s on average over five runs by turns. 8 MB was as quick as 32 but
 * peaked at 249–258 MB against 244–249 MB (with the 16 MB page cache), at the edge of the
 * 256 MB that issue 18 sets.
 */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** Registers tsx in the thread, then loads the thread's module (`workerData.boot`). */
const TSX_BOOT = `const{workerData}=require("node:worker_threads");import(workerData.boot.tsx).then((tsx)=>tsx.register()).then(()=>import(workerData.boot.entry));`;
