import { BOT_TOKEN, SIGNING_SECRET } from "../support/bot-harness.js";
import { cliDist, ensureBuilt } from "../support/bot-dist.js";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.js";
import { seededRandom } from "../support/seeded-random.js";
import { slackFronts, type SlackFronts } from "../support/slack-front.js";
import type { TcpProxy } from "../support/tcp-proxy.js";
import { Cell, DIRECTORY } from "./cell.js";
import { startChaos, type ChaosPlan } from "./chaos.js";
import { countRun, report } from "./counts.js";
import { countOf, type LookInto } from "./database.js";
import { BotInstance } from "./instances.js";

/** At most this long (s) for the outbox to send everything once the faults stop. */
export const DRAIN_LIMIT_S = 120;

export interface FaultRun {
  scenario: string;
  seed: number;
  rounds: number;
  workers: number;
  plan: ChaosPlan;
  /** Instance names; each gets its own Slack front. */
  instances: string[];
  /** DATABASE_URL as the instances reach the database (through the proxy, for PostgreSQL). */
  databaseUrl: string;
  /** DATABASE_URL for `ciic audit verify`, beside any proxy. */
  directDatabaseUrl: string;
  look: LookInto;
  proxy?: TcpProxy;
  fillDisk?: () => Promise<() => Promise<void>>;
  /** Live progress on the console (long runs); the default run prints its timeline with its counts. */
  live: boolean;
  /** Checks made once the instances serve, before any fault (e.g. one directory version). */
  beforeFaults?: (look: LookInto) => Promise<void>;
}

/** What a run leaves to be closed, whether or not it finished. */
export interface FaultRunResources {
  fake?: FakeSlack;
  fronts?: SlackFronts;
  instances: BotInstance[];
}

/**
 * One fault run: the bot instances from dist/, a fake Slack behind their fronts, the cell's burst of
 * disclosure rounds under the chaos plan, then the faults stop, the outbox drains (bounded), the
 * instances stop on SIGTERM, `ciic audit verify` runs, and everything is counted and printed. The
 * problems it returns are the counts that are not what they must be (empty: a clean run).
 */
export async function faultRun(run: FaultRun, resources: FaultRunResources): Promise<{ problems: string[]; report: string }> {
  const timeline: string[] = [];
  const began = Date.now();
  const log = (line: string) => {
    timeline.push(`${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s  ${line}`);
    if (run.live) console.log(`[faults: ${run.scenario}, seed ${run.seed}] ${line}`);
  };
  log(`seed ${run.seed}, ${run.rounds} rounds (replay: CIIC_FAULTS_SEED=${run.seed} CIIC_FAULTS_ROUNDS=${run.rounds})`);
  await ensureBuilt(log);
  const random = seededRandom(run.seed);
  const fake = (resources.fake = await startFakeSlack({ botToken: BOT_TOKEN }));
  const fronts = (resources.fronts = slackFronts(fake));
  for (const name of run.instances) {
    resources.instances.push(
      await BotInstance.create(name, {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: await fronts.apiUrlFor(name),
        DATABASE_URL: run.databaseUrl,
        CIIC_DIRECTORY: DIRECTORY,
        CIIC_OUTBOX_INTERVAL_MS: "250",
      }),
    );
  }
  const instances = resources.instances;
  // All start at once, as after a deployment.
  const started = await Promise.all(instances.map((i) => i.start()));
  if (started.includes(false)) throw new Error(`an instance did not start: ${instances.map((i) => i.processes.at(-1)?.stderr.join("\n")).join("\n")}`);
  await run.beforeFaults?.(run.look);

  const chaos = startChaos({ random: random.fork("chaos"), plan: run.plan, fronts, instances, proxy: run.proxy, fillDisk: run.fillDisk, log });
  const cell = new Cell({ fake, instances, db: run.look, roundLimitMs: 240_000, clickKill: chaos.clickKill, kill: chaos.kill });
  const trafficStarted = Date.now();
  let trafficError: unknown;
  await cell.burst(random.fork("rounds"), run.rounds, run.workers).catch((error: unknown) => (trafficError = error));
  const trafficSeconds = (Date.now() - trafficStarted) / 1000;
  log(`traffic done after ${trafficSeconds.toFixed(1)} s (${cell.rounds.length} rounds); the faults stop, the outbox drains`);
  const serving = await chaos.stop();
  const servingAtEnd = instances.filter((i) => i.state === "up").length;

  const drainStarted = Date.now();
  const pending = () => countOf(run.look, `SELECT count(*) AS n FROM "OutboxMessage" WHERE "state" = 'PENDING'`);
  while (serving && (await pending()) > 0 && Date.now() - drainStarted < DRAIN_LIMIT_S * 1000) await new Promise((r) => setTimeout(r, 500));
  const drainSeconds = (Date.now() - drainStarted) / 1000;
  log(`outbox drained after ${drainSeconds.toFixed(1)} s; SIGTERM to every instance`);
  // A second copy in the making, had there been one, gets its moment to show.
  await new Promise((r) => setTimeout(r, 1500));
  const stops = await Promise.all(instances.map((i) => i.stop()));
  const auditVerify = await cliDist(["audit", "verify"], { DATABASE_URL: run.directDatabaseUrl });

  const { counts, problems } = await countRun({
    scenario: run.scenario,
    seed: run.seed,
    fake,
    fronts,
    db: run.look,
    cell,
    instances,
    chaos: chaos.record,
    trafficSeconds,
    servingAtEnd,
    drain: { seconds: drainSeconds, limitSeconds: DRAIN_LIMIT_S },
    stops,
    auditVerify,
  });
  if (trafficError) problems.unshift(`the traffic did not complete: ${trafficError instanceof Error ? trafficError.message : String(trafficError)}`);
  return { problems, report: report(run.scenario, run.seed, counts, problems, instances, timeline) };
}

/** Ends whatever a run left running. */
export async function closeRun(resources: FaultRunResources): Promise<void> {
  for (const instance of resources.instances) await instance.kill();
  await resources.fronts?.close();
  await resources.fake?.close();
}
