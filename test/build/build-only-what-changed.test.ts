import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm start` and `npm run build` run scripts/build.mjs, which builds only what changed: a second
 * start compiles nothing. Tried on a small project of the same shape in a folder of its own, so
 * that the project's own dist/ (which other tests start) is left alone.
 */
const run = promisify(execFile);
let project = "";

async function build(...args: string[]): Promise<string> {
  const { stderr } = await run(process.execPath, ["scripts/build.mjs", "--no-generate", ...args], { cwd: project });
  return stderr;
}

/**
 * Saves a file (or only touches it) after the last build: the build's stamp is set a minute back,
 * so that the test need not wait for the file system's clock to move on.
 */
function edit(path: string, text?: string) {
  const stamp = join(project, "dist/.build-stamp");
  if (existsSync(stamp)) {
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(stamp, earlier, earlier);
  }
  if (text !== undefined) writeFileSync(join(project, path), text);
  const now = new Date();
  utimesSync(join(project, path), now, now);
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "ciic-build-"));
  for (const dir of ["scripts", "src/cli", "src/adapters/local/static"]) mkdirSync(join(project, dir), { recursive: true });
  copyFileSync("scripts/build.mjs", join(project, "scripts/build.mjs"));
  symlinkSync(resolve("node_modules"), join(project, "node_modules"));
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, types: [], outDir: "dist", rootDir: "." } }));
  copyFileSync("tsconfig.build.json", join(project, "tsconfig.build.json"));
  writeFileSync(join(project, "src/main.ts"), 'import { greeting } from "./greeting.js";\nconsole.log(greeting);\n');
  writeFileSync(join(project, "src/greeting.ts"), 'export const greeting = "first";\n');
  writeFileSync(join(project, "src/cli/ciic.ts"), "export {};\n");
  writeFileSync(join(project, "src/adapters/local/static/workspace.css"), "body { margin: 0; }\n");
  writeFileSync(join(project, "src/adapters/local/demo-directory.yml"), "members: []\n");
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("the build behind npm start builds only what changed", () => {
  it("builds everything the first time: the compiled bot and the local workspace's files", async () => {
    expect(await build()).toMatch(/compiled, copied 2 workspace file\(s\)/);
    expect(readFileSync(join(project, "dist/greeting.js"), "utf8")).toContain('"first"');
    expect(existsSync(join(project, "dist/cli/ciic.js"))).toBe(true);
    expect(existsSync(join(project, "dist/adapters/local/static/workspace.css"))).toBe(true);
    expect(existsSync(join(project, "dist/.tsbuildinfo"))).toBe(true);
  });

  it("compiles and copies nothing the second time", async () => {
    expect(await build()).toBe("build: dist/ is up to date with src/; nothing to build\n");
  });

  it("compiles again after a source changed, and the change is in dist/", async () => {
    edit("src/greeting.ts", 'export const greeting = "second";\n');
    expect(await build()).toMatch(/compiled/);
    expect(readFileSync(join(project, "dist/greeting.js"), "utf8")).toContain('"second"');
    expect(await build()).toMatch(/nothing to build/);
  });

  it("copies a changed workspace file, and only that one", async () => {
    edit("src/adapters/local/static/workspace.css", "body { margin: 1px; }\n");
    expect(await build()).toMatch(/copied 1 workspace file\(s\)/);
    expect(readFileSync(join(project, "dist/adapters/local/static/workspace.css"), "utf8")).toContain("1px");
  });

  it("builds again when a source file was deleted, or a tsconfig changed", async () => {
    unlinkSync(join(project, "src/cli/ciic.ts"));
    writeFileSync(join(project, "src/cli/ciic.ts"), "export const again = 1;\n");
    edit("src/cli");
    expect(await build()).toMatch(/compiled/);
    edit("tsconfig.build.json");
    expect(await build()).toMatch(/compiled/);
  });

  it("fails with the compiler's report when the sources do not compile, and does not call dist/ current", async () => {
    edit("src/greeting.ts", "export const greeting: number = 'not a number';\n");
    await expect(build()).rejects.toThrow(/TS2322/);
    await expect(build()).rejects.toThrow(/TS2322/);
    edit("src/greeting.ts", 'export const greeting = "fixed";\n');
    expect(await build()).toMatch(/compiled/);
  });

  it("builds everything again with --force", async () => {
    expect(await build("--force")).toMatch(/compiled/);
  });
});
