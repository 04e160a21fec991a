/**
 * Child process of the benchmark: one `ciic` command (src/cli/ciic.ts, built) on DATABASE_URL, in
 * a process of its own so that its peak memory is the command's alone. What it writes to standard
 * output is counted, not kept; it prints what it measured as one JSON line on standard error.
 *
 *   DATABASE_URL=… node bench/cli-in-child.mjs <ciic arguments>
 */
import { Writable } from "node:stream";
import { runCli } from "../dist/cli/ciic.js";

let bytes = 0;
const counted = new Writable({
  write(chunk, _encoding, done) {
    bytes += chunk.length;
    done();
  },
});
const started = process.hrtime.bigint();
// The CLI writes to a terminal's stream type; a plain Writable takes what it writes.
const code = await runCli(process.argv.slice(2), counted, process.stderr);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stderr.write(`\n${JSON.stringify({ code, ms, bytes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
process.exit(code);
