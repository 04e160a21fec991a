import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
const s = new Session(); s.connect();
await s.post("HeapProfiler.enable");
globalThis.__startSampling = async () => s.post("HeapProfiler.startSampling", { samplingInterval: 8192, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
globalThis.__stopSampling = async () => { const { profile } = await s.post("HeapProfiler.stopSampling"); writeFileSync("/tmp/prof/alloc-all.json", JSON.stringify(profile)); };
