// `npm test` after `npm run generate`: the type check and vitest's unit and end-to-end projects at
// once. The tests leave about a third of this machine's two cores idle while they wait on timers,
// processes and the network, which the type check (some 15 s of one core) fills, instead of
// running before them. vitest's output streams as it comes; the type check's is printed when it
// ends, and only if it found something. Fails when either fails. Arguments go to vitest
// (`npm test -- test/core/directory.test.ts`).
import { spawn } from "node:child_process";

const run = (command, args, stdio) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });

const bin = (name) => `node_modules/.bin/${name}`;
const typecheck = run(bin("tsc"), ["--noEmit", "-p", "."], ["ignore", "pipe", "pipe"]).then((result) => {
  if (result.code !== 0) process.stderr.write(`\nThe type check (tsc --noEmit) failed:\n${result.output}\n`);
  return result.code;
});
const tests = run(bin("vitest"), ["run", "--project", "unit", "--project", "e2e", ...process.argv.slice(2)], "inherit").then((result) => result.code);

const [typed, tested] = await Promise.all([typecheck, tests]);
if (typed === 0 && tested === 0) process.exit(0);
process.stderr.write(`\nnpm test failed:${typed === 0 ? "" : " the type check"}${typed !== 0 && tested !== 0 ? " and" : ""}${tested === 0 ? "" : " the tests"}.\n`);
process.exit(1);
