import { spawn, type ChildProcess } from "node:child_process";
import { testKey } from "./test-master-key.js";
import { createServer } from "node:net";

/**
 * The bot as an operator starts it: its own process, configured by the environment only, from
 * the build (`dist/main.js`, made current by test/build-setup.ts before the end-to-end tests), so
 * that a kill reaches the bot and not a wrapper. Loading the TypeScript through tsx instead cost
 * each start about a second more of CPU.
 */

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `dist/main.js` in a process of its own, with the tests' master key, PATH and `env` as its whole environment. */
export const spawnBot = (env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, ["dist/main.js"], { env: { PATH: process.env.PATH ?? "", ...testKey(), ...env }, stdio: ["ignore", "pipe", "pipe"] });

export function run(env: Record<string, string>) {
  const child = spawnBot(env);
  const output = { stdout: "", stderr: "" };
  child.stdout!.on("data", (d) => (output.stdout += d));
  child.stderr!.on("data", (d) => (output.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output, exited };
}

export async function waitForHealth(url: string, child: ChildProcess, output: { stderr: string }) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`bot exited early: ${output.stderr}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bot did not become healthy: ${output.stderr}`);
}

/** The log lines a started bot wrote, parsed. */
export const logLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { level: number; msg: string } & Record<string, unknown>);

/** Sends the bot a signal and waits for it to exit: its exit code and how long it took (ms). */
export async function stopWithin(bot: { child: ChildProcess; exited: Promise<number | null> }, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  bot.child.kill(signal);
  const code = await bot.exited;
  return { code, ms: Date.now() - started };
}
