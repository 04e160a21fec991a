import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * A failure no one waited for, in a process of its own with the bot's handler (as `dist/main.js`
 * installs it): a database call whose connection was cut is logged and the process goes on; any
 * other still ends the process with code 1, as Node's default does.
 */
function rejectUnhandled(error: string) {
  const handler = pathToFileURL("dist/ops/unhandled-rejections.js").href;
  const logger = pathToFileURL("dist/logger.js").href;
  const script = `
    const { onUnhandledRejection } = await import(${JSON.stringify(handler)});
    const { createLogger } = await import(${JSON.stringify(logger)});
    process.on("unhandledRejection", onUnhandledRejection(createLogger("info", process.stdout)));
    Promise.reject(${error});
    setTimeout(() => { console.log(JSON.stringify({ msg: "still running" })); process.exit(0); }, 200);
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return { code: run.status, lines: run.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: run.stderr };
}

describe("a rejection no one handled", () => {
  it("from a database connection that was cut (pg's own text): a warning in the log, and the bot goes on", () => {
    const { code, lines, stderr } = rejectUnhandled(`new Error("Connection terminated unexpectedly")`);
    expect(stderr).toBe("");
    expect(lines[0]).toMatchObject({ level: 40, reason: "the connection was lost", msg: "a database call no one waited for failed (its transaction rolls back); the bot goes on" });
    expect(lines[1]).toMatchObject({ msg: "still running" });
    expect(code).toBe(0);
  });

  it("from a PostgreSQL time-out wrapped by Prisma's adapter, the same", () => {
    const { code, lines } = rejectUnhandled(`Object.assign(new Error("driver adapter error"), { cause: { code: "57014", message: "canceling statement due to statement timeout" } })`);
    expect(lines[0]).toMatchObject({ level: 40, reason: "a statement ran past its time limit and was cancelled (57014)" });
    expect(code).toBe(0);
  });

  it("anything else is a bug: the process ends with code 1 and the error on stderr, as by Node's default", () => {
    const { code, lines, stderr } = rejectUnhandled(`new TypeError("cannot read properties of undefined")`);
    expect(code).toBe(1);
    expect(stderr).toContain("TypeError: cannot read properties of undefined");
    expect(lines).toEqual([]);
  });
});
