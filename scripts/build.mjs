// Builds dist/ from src/, doing only what changed, so that a second `npm start` is up in a
// couple of seconds instead of rebuilding everything (about 20 s on the cell's machines):
//
//   1. Prisma's clients (src/storage/generated/<provider>): generated again only when that
//      provider's schema or the installed Prisma version differs from what they were made from.
//   2. The TypeScript: nothing at all when dist/ was built after every file under src/ (and the
//      tsconfig files) last changed; otherwise `tsc -b`, which keeps a build-info file in dist/
//      and compiles and writes only what a change touched.
//   3. The local workspace's page, script, style and demo directory: copied only when changed.
//
// `node scripts/build.mjs` (what `npm run build` and `npm start` run), `--force` to build all of
// it again, `generate` to generate Prisma's clients regardless (what `npm run generate` runs).
// The tests that start dist/main.js build with `--no-generate` and ask isBuildCurrent() first
// (test/support/bot-dist.ts).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const at = (path) => join(ROOT, path);

/** What the compiled output depends on. Folders count too: a deleted file changes its folder's time. */
const COMPILE_INPUTS = ["src", "tsconfig.json", "tsconfig.build.json"];
/** Written last by a build that finished, with the time that build started as its own. */
const STAMP = "dist/.build-stamp";
const PROVIDERS = ["sqlite", "postgres"];
/** The files tsc does not copy, which the local workspace reads from beside its compiled module. */
const LOCAL_ASSETS = { from: "src/adapters/local", to: "dist/adapters/local", files: ["static", "demo-directory.yml"] };

/** The newest modification time (ms) of `path` and, for a folder, of everything in it. */
export function newestChange(path) {
  const stat = statSync(path);
  let latest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) latest = Math.max(latest, newestChange(join(path, entry)));
  }
  return latest;
}

/** Whether dist/ holds a finished build made after the last change to any compile input. */
export function isBuildCurrent() {
  const stamp = at(STAMP);
  if (!existsSync(stamp) || !existsSync(at("dist/main.js")) || !existsSync(at("dist/cli/ciic.js"))) return false;
  const built = statSync(stamp).mtimeMs;
  return COMPILE_INPUTS.every((input) => newestChange(at(input)) <= built);
}

/** What a provider's client was generated from: its schema and the Prisma packages' versions. */
function generatedFrom(provider) {
  const version = (name) => JSON.parse(readFileSync(at(`node_modules/${name}/package.json`), "utf8")).version;
  const schema = readFileSync(at(`prisma/${provider}/schema.prisma`));
  return createHash("sha256").update(schema).update(`prisma ${version("prisma")} client ${version("@prisma/client")}`).digest("hex");
}

const generatedStamp = (provider) => at(`src/storage/generated/${provider}/.generated-from`);

/**
 * Generates Prisma's client for each provider whose schema or Prisma version changed since it
 * was last generated (all of them with `force`). Returns the providers it generated.
 */
export function generate({ force = false, log = () => undefined } = {}) {
  const done = [];
  for (const provider of PROVIDERS) {
    const key = generatedFrom(provider);
    const stamp = generatedStamp(provider);
    if (!force && existsSync(stamp) && readFileSync(stamp, "utf8") === key) continue;
    log(`generating the Prisma client for ${provider}`);
    execFileSync(process.execPath, [at("node_modules/prisma/build/index.js"), "generate", "--schema", `prisma/${provider}/schema.prisma`], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    writeFileSync(stamp, key);
    done.push(provider);
  }
  return done;
}

/** Copies each local workspace asset that is missing from dist/ or differs there. Returns how many. */
function copyLocalAssets() {
  let copied = 0;
  const copy = (from, to) => {
    if (statSync(from).isDirectory()) {
      mkdirSync(to, { recursive: true });
      for (const entry of readdirSync(from)) copy(join(from, entry), join(to, entry));
      return;
    }
    // A few small files: comparing their bytes is as quick as comparing times, and exact.
    if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) return;
    copyFileSync(from, to);
    copied += 1;
  };
  for (const file of LOCAL_ASSETS.files) copy(at(join(LOCAL_ASSETS.from, file)), at(join(LOCAL_ASSETS.to, file)));
  return copied;
}

/**
 * Brings dist/ up to date with src/, doing only what changed (see the top of this file).
 * `generate: false` leaves Prisma's clients alone (the test suite generates them before it runs,
 * and regenerating them under running test workers would break their imports).
 * Returns what it did, for the caller to say. Throws when the compiler reports errors.
 */
export function build({ generate: withGenerate = true, force = false, log = () => undefined } = {}) {
  const started = Date.now();
  const generated = withGenerate ? generate({ force, log }) : [];
  // After the generation, whose files are compile inputs too.
  if (!force && isBuildCurrent()) return { compiled: false, generated, copied: copyLocalAssets(), ms: Date.now() - started };
  // Taken before compiling: a source saved during the build is then newer than the stamp.
  const compileStarted = new Date();
  log(force ? "compiling everything (tsc -b --force)" : "compiling what changed since the last build (tsc -b)");
  try {
    execFileSync(process.execPath, [at("node_modules/typescript/bin/tsc"), "-b", "tsconfig.build.json", ...(force ? ["--force"] : [])], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`the build of dist/ failed (tsc -b tsconfig.build.json):\n${(error.stdout ?? "") + (error.stderr ?? "")}`.slice(0, 4000));
  }
  const copied = copyLocalAssets();
  writeFileSync(at(STAMP), "");
  utimesSync(at(STAMP), compileStarted, compileStarted);
  return { compiled: true, generated, copied, ms: Date.now() - started };
}

/** One line on stderr: stdout is the bot's own log, which may be read as JSON. */
const say = (line) => process.stderr.write(`build: ${line}\n`);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  try {
    if (args.includes("generate")) {
      generate({ force: true, log: say });
    } else {
      const done = build({ force: args.includes("--force"), generate: !args.includes("--no-generate"), log: say });
      const what = [done.generated.length ? `generated ${done.generated.join(" and ")}` : "", done.compiled ? "compiled" : "", done.copied ? `copied ${done.copied} workspace file(s)` : ""].filter(Boolean);
      say(what.length ? `${what.join(", ")} in ${(done.ms / 1000).toFixed(1)} s` : "dist/ is up to date with src/; nothing to build");
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
