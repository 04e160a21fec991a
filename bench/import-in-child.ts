import { execFileSync, spawnSync } from "node:child_process";

/** What import-one.mjs measured. */
export type Imported = { ms: number; stored: number; related: { indicators: number; parties: string[] } | null; maxRssMb: number };

/**
 * Imports one file in a process of its own (import-one.mjs, on the built bot), so that its peak memory is the
 * import's alone; as an AIVD analyst unless `slackId` names another member of the example directory.
 */
export function importInChild(file: string, format: string, databaseUrl: string, slackId?: string): Imported {
  const out = execFileSync(process.execPath, ["bench/import-one.mjs", file, format, databaseUrl, ...(slackId ? [slackId] : [])], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

/** What cli-in-child.mjs measured of one `ciic` command (built, as `npm run ciic` runs it). */
export type CliRun = { code: number; ms: number; bytes: number; maxRssMb: number };

/** Runs one `ciic` command (as `ciic …` with these arguments) on `databaseUrl` in a process of its own. */
export function cliInChild(args: readonly string[], databaseUrl: string): CliRun {
  const run = spawnSync(process.execPath, ["bench/cli-in-child.mjs", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl }, maxBuffer: 1 << 20 });
  if (run.error) throw run.error;
  const last = run.stderr.trim().split("\n").pop() ?? "";
  if (run.status !== 0) throw new Error(`ciic ${args.join(" ")} exited with ${run.status}: ${run.stderr.slice(-2000)}`);
  return JSON.parse(last) as CliRun;
}
