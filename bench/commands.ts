/**
 * The burst's commands worked off one after another in this process (`npm run bench -- --only
 * commands`): the command service on the store as the bot opens it, no HTTP, no client. What a
 * command costs the core and the store alone, steadier from run to run than a burst over HTTP on a
 * shared machine, and so the figure to compare two versions by.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandText } from "../src/core/commands/command.js";
import { createCommandService } from "../src/core/command-service.js";
import { systemClock } from "../src/core/ports.js";
import { loadDirectory } from "../src/core/use-cases/load-directory.js";
import { createLogger } from "../src/logger.js";
import { openStore } from "../src/storage/database.js";
import { warninglistsAfterStart } from "../src/warninglists/load.js";
import { commandFor, writeBurstDirectory } from "./burst-directory.js";

const SENDERS = 20;
const PER_SENDER = 10;
/** Rounds of every sender's ten commands; the first UNTIMED load code and fill caches, as a running bot did long before. */
const ROUNDS = 12;
const UNTIMED = 2;

export async function measureCommands(options: { dir: string; databaseUrl: string; platform: string; say: (what: string, figure: string) => void }) {
  const { dir, databaseUrl, platform, say } = options;
  const directoryPath = join(dir, `commands-${platform.toLowerCase()}.yml`);
  const senders = writeBurstDirectory(directoryPath, SENDERS);
  const store = await openStore(databaseUrl, { checkpointInBackground: { onError: (error) => console.error(error) } });
  try {
    const clock = systemClock;
    const loaded = await loadDirectory({ store, clock }, { text: readFileSync(directoryPath, "utf8"), source: directoryPath, actor: "system:start" });
    if (!loaded.ok) throw new Error(`the bench's directory was refused: ${loaded.problems.join("; ")}`);
    const service = createCommandService({ store, clock, knownBenign: warninglistsAfterStart(undefined, createLogger("warn")) });
    const byKind = new Map<string, number[]>();
    let cpu: NodeJS.CpuUsage | undefined;
    let timed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round === UNTIMED) cpu = process.cpuUsage();
      for (let n = 0; n < PER_SENDER; n++) {
        for (let s = 0; s < senders.length; s++) {
          const { text, expect } = commandFor(senders, s, n, round);
          const started = process.hrtime.bigint();
          const reply = await service.handle({ platform: "slack", userId: senders[s].slack, requestKey: `bench:${round}:${s}:${n}`, command: parseCommandText(text), text });
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          // The answer must be the command's own, as in the burst.
          if (!expect.test(JSON.stringify(reply))) throw new Error(`"${text}" was not answered as expected: ${JSON.stringify(reply).slice(0, 300)}`);
          if (round < UNTIMED) continue;
          const kind = text.split(" ")[0];
          byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
          timed++;
        }
      }
    }
    const used = process.cpuUsage(cpu);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const kinds = [...byKind].map(([kind, times]) => `${kind} ${mean(times).toFixed(2)} ms`).join(", ");
    say(
      `Commands one after another in process, the burst's mix (${timed.toLocaleString("en")} after ${(UNTIMED * SENDERS * PER_SENDER).toLocaleString("en")} untimed), ${platform}`,
      `${kinds}; CPU ${((used.user + used.system) / 1000 / timed).toFixed(2)} ms a command`,
    );
  } finally {
    await store.close();
  }
}
