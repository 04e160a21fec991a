import { execFile, type ChildProcess } from "node:child_process";
import { spawnBot } from "./bot-process.js";
import { testKey } from "./test-master-key.js";
import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { isBuildCurrent } from "../../scripts/build.mjs";

/**
 * The bot as it ships: `dist/main.js`, compiled by `npm run build`, started as an operator starts
 * it (its own process, configured by the environment only), so that `kill -9` reaches the bot
 * itself: its build, kept current once per test run, and the fault suite's view of a process
 * (its output as lines, how it ended). bot-process.ts starts it the same way (spawnBot).
 */

const run = promisify(execFile);
const LOCK = "dist/.fault-build-lock";
/** Which test run built dist/ last: the vitest process all its workers are children of. */
const STAMP = "dist/.fault-build-run";

/**
 * Builds dist/ when it is missing or older than a source file, with the same steps and the same
 * "older than src/" test as `npm run build` and `npm start` (scripts/build.mjs), less its
 * `prisma generate` (which has run already in `npm test`, `npm run test:faults` and `npm run faults`, and
 * rewriting the generated client under other test workers would break their imports). Test files
 * that call it at once build once: the others wait for the lock. Within one test run dist/ is built
 * at most once, so that a source edited meanwhile does not change the bot under a run that is
 * restarting its instances. `thisRun` names the run: the vitest process, which is a worker's parent
 * and runs the global setup (test/build-setup.ts).
 */
export async function ensureBuilt(log: (line: string) => void = () => undefined, thisRun = String(process.ppid)): Promise<void> {
  const builtByThisRun = () => existsSync(STAMP) && readFileSync(STAMP, "utf8") === thisRun;
  const fresh = () => builtByThisRun() || isBuildCurrent();
  if (fresh()) {
    if (!builtByThisRun()) writeFileSync(STAMP, thisRun);
    return;
  }
  mkdirSync("dist", { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building, or a run died building: a build takes well under 90 s.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 90_000) rmdirSync(LOCK);
      } catch {
        // gone meanwhile
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (fresh()) return;
    log("dist/ is missing or older than src/: building what changed (scripts/build.mjs, as `npm start` does)");
    try {
      await run(process.execPath, ["scripts/build.mjs", "--no-generate"], { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`${(e.stdout ?? "") + (e.stderr ?? "")}`.slice(0, 4000));
    }
    writeFileSync(STAMP, thisRun);
  } finally {
    rmdirSync(LOCK);
  }
}

export interface DistBot {
  child: ChildProcess;
  /** Every line the process wrote, in order. */
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
  /** The signal that ended it, once it has ended (SIGKILL for a kill -9). */
  signal(): NodeJS.Signals | null;
}

export function runDist(env: Record<string, string>): DistBot {
  const child = spawnBot(env);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const lines = (into: string[]) => {
    let rest = "";
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString("utf8")).split("\n");
      rest = parts.pop() ?? "";
      into.push(...parts.filter(Boolean));
    };
  };
  child.stdout!.on("data", lines(stdout));
  child.stderr!.on("data", lines(stderr));
  let ended: NodeJS.Signals | null = null;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code, signal) => {
      ended = signal;
      resolve(code);
    }),
  );
  return { child, stdout, stderr, exited, signal: () => ended };
}

/** `ciic <args>` from dist/ (the administration tool), with its exit code and output. */
export async function cliDist(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["dist/cli/ciic.js", ...args], { env: { PATH: process.env.PATH ?? "", ...testKey(), ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? String(error) };
  }
}
