import { execFileSync, spawnSync } from "node:child_process";
import { postgresCpuMs } from "./cpu-time.js";

/**
 * What import-one.mjs measured, and `serverCpuMs`: the CPU time of the PostgreSQL server meanwhile
 * (on PostgreSQL; the time the bot's process took to open the store included).
 */
export type Imported = { ms: number; stored: number; related: { indicators: number; parties: string[] } | null; maxRssMb: number; cpuMs: number; serverCpuMs?: number };

/**
 * Imports one file in a process of its own (import-one.mjs, on the built bot), so that its peak memory is the
 * import's alone; as an AIVD analyst unless `slackId` names another member of the example directory.
 */
export function importInChild(file: string, format: string, databaseUrl: string, slackId?: string): Imported {
  const onServer = !databaseUrl.startsWith("file:");
  const serverBefore = onServer ? postgresCpuMs() : 0;
  const out = execFileSync(process.execPath, ["bench/import-one.mjs", file, format, databaseUrl, ...(slackId ? [slackId] : [])], { encoding: "utf8", maxBuffer: 1 << 20 });
  const imported = JSON.parse(out.trim().split("\n").pop()!) as Imported;
  if (!onServer) return imported;
  // The server counts an ended connection's time once it has waited for it: a moment after the import's process has gone.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  return { ...imported, serverCpuMs: postgresCpuMs() - serverBefore };
}

/**
 * The CPU time an import took per item stored: the bot's, and the database server's where it is
 * one. Two cores give 2,000,000 µs a second: divided by these, the most items a second the work
 * could be done at on this machine.
 */
export function cpuPerItem(imported: Pick<Imported, "stored" | "cpuMs" | "serverCpuMs">): string {
  const perItem = (ms: number) => `${Math.round((ms * 1000) / Math.max(1, imported.stored))} µs`;
  const server = imported.serverCpuMs === undefined ? "" : `, the database server's ${perItem(imported.serverCpuMs)}`;
  return `CPU ${perItem(imported.cpuMs)} an item${server}`;
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
