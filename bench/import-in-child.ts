import { execFileSync } from "node:child_process";

/** What import-one.ts measured. */
export type Imported = { ms: number; stored: number; related: { indicators: number; parties: string[] } | null; maxRssMb: number };

/**
 * Imports one file in a process of its own (import-one.ts), so that its peak memory is the
 * import's alone; as an AIVD analyst unless `slackId` names another member of the example directory.
 */
export function importInChild(file: string, format: string, databaseUrl: string, slackId?: string): Imported {
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/import-one.ts", file, format, databaseUrl, ...(slackId ? [slackId] : [])], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split("\n").pop()!);
}
