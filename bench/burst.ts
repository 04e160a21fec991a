/**
 * Bursts and a paced load over HTTP, as Slack sends commands: 20 members each send 10 signed
 * slash commands at once (submits, look-ups, request lists, help) to the bot as an operator runs
 * it (`dist/main.js`, built, in a process of its own, logging at info to a file), on SQLite and on two
 * instances sharing one PostgreSQL database, senders alternating between them as a load
 * balancer would. Then a steady rate for a while. The same client sends the same requests to a
 * bare Node HTTP server that answers 200 at once: the machine's limit, beside the bot's figures.
 *
 * Every answer is checked (status 200, the command's own answer in time, not "Working on it…"),
 * and the audit chain is verified afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { verifyAuditLog } from "../src/core/use-cases/verify-audit-log.js";
import { openStore } from "../src/storage/database.js";
import { freePort, waitForHealth } from "../test/support/bot-process.js";
import { startFakeSlack } from "../test/support/fake-slack.js";
import { slashCommandBody } from "../test/support/slack-requests.js";
import { commandFor, writeBurstDirectory, type Sender } from "./burst-directory.js";
import { cpuMs, postgresPids } from "./cpu-time.js";
import { BARE_SERVER, burst, figures, formatFigures, paced, prepare, send, type Answer, type Prepared } from "./http-load.js";

export interface BurstSettings {
  /** Working folder: databases, logs, the directory file. */
  dir: string;
  /** Makes a fresh PostgreSQL database; returns its URL and how to drop it. */
  freshPostgres: () => Promise<{ url: string; drop: () => Promise<void> }>;
  senders: number;
  perSender: number;
  /** Timed bursts, after one untimed. */
  bursts: number;
  /** Commands a second, and for how many seconds, of the paced load. */
  rate: number;
  seconds: number;
  /** Which of "bare", "sqlite" and "postgres" to measure; all when undefined. */
  targets?: string[];
  /** Where the bots write V8 CPU profiles (--cpu-prof), if anywhere. */
  cpuProfileDir?: string;
  say: (what: string, figure: string) => void;
}

const SECRET = "bench-signing-secret";
const TOKEN = "xoxb-bench-token";
/** A round of the paced load: its values are its own (see commandFor). */
const PACED_ROUND = 1000;

interface Target {
  name: string;
  /** One URL per instance; sender s goes to urls[s % urls.length]. */
  urls: string[];
  /** The bot (whose answers are checked) or the bare server. */
  bot: boolean;
  /** The server's processes, whose CPU time is counted; and the database server's, if any. */
  pids: number[];
  databasePids?: () => number[];
  stop: () => Promise<void>;
}

export async function measureBursts(settings: BurstSettings) {
  const { senders: senderCount, perSender, bursts, rate, seconds, say } = settings;
  const directoryPath = join(settings.dir, "burst-directory.yml");
  const senders = writeBurstDirectory(directoryPath, senderCount);
  const fake = await startFakeSlack({ botToken: TOKEN });
  const what = `${senderCount} senders × ${perSender} commands at once (${bursts} bursts, ${(senderCount * perSender * bursts).toLocaleString("en")} answers)`;
  const pacedWhat = `${rate} commands/s for ${seconds} s`;

  const request = (target: Target, s: number, n: number, round: number): Prepared & { expect: RegExp } => {
    const { text, expect } = commandFor(senders, s, n, round);
    // A response URL of its own, as Slack gives each command (it takes five messages).
    const body = slashCommandBody({ user_id: senders[s].slack, text, response_url: fake.responseUrl() });
    return { ...prepare(`${target.urls[s % target.urls.length]}/slack/events`, SECRET, body), expect };
  };

  async function measure(target: Target) {
    const warmUp = checker(target);
    const check = checker(target);
    const round = async (r: number, checked = check) => {
      const requests = senders.flatMap((_, s) => Array.from({ length: perSender }, (_, n) => request(target, s, n, r)));
      const answers = await burst(requests);
      answers.forEach((a, k) => checked.answer(a, requests[k].expect));
      return answers;
    };
    await round(0, warmUp); // untimed: code loading, compilation, connections, caches
    if (target.bot) await seedRequests(target, senders, (s, text) => prepare(`${target.urls[s % target.urls.length]}/slack/events`, SECRET, slashCommandBody({ user_id: senders[s].slack, text, response_url: fake.responseUrl() })));
    const burstAnswers: Answer[] = [];
    const cpuBefore = { server: cpuMs(target.pids), database: cpuMs(target.databasePids?.() ?? []) };
    for (let r = 1; r <= bursts; r++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const answers = await round(r);
      burstAnswers.push(...answers);
      process.stderr.write(`  ${target.name}, burst ${r}: ${formatFigures(figures(answers.map((a) => a.ms)))}\n`);
    }
    // CPU time per answer: steadier than the latencies, which move with whatever else the
    // machine does; with the database's own where it is a server.
    const perAnswer = (ms: number) => `${(ms / burstAnswers.length).toFixed(2)} ms`;
    const serverCpu = perAnswer(cpuMs(target.pids) - cpuBefore.server);
    const databaseCpu = target.databasePids ? `, database ${perAnswer(cpuMs(target.databasePids()) - cpuBefore.database)}` : "";
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const expects: RegExp[] = [];
    const pacedAnswers = await paced(rate * seconds, rate, (k) => {
      const made = request(target, k % senderCount, Math.floor(k / senderCount), PACED_ROUND);
      expects[k] = made.expect;
      return made;
    });
    const pacedCheck = checker(target);
    pacedAnswers.forEach((a, k) => pacedCheck.answer(a, expects[k]));
    say(`Burst: ${what}, ${target.name}`, `${formatFigures(figures(burstAnswers.map((a) => a.ms)))}${check.summary()}`);
    say(`Burst: CPU time per answer, ${target.name}`, `${target.bot ? "bot" : "server"} ${serverCpu}${databaseCpu}`);
    say(`Paced: ${pacedWhat}, ${target.name}`, `${formatFigures(figures(pacedAnswers.map((a) => a.ms)))}${pacedCheck.summary()}`);
  }

  const runs = (target: string) => !settings.targets || settings.targets.includes(target);
  try {
    if (runs("bare")) {
      const bare = await startBare();
      try {
        await measure(bare);
      } finally {
        await bare.stop();
      }
    }

    if (runs("sqlite")) {
      const sqliteUrl = `file:${join(settings.dir, "burst.db")}`;
      const sqlite = await startBots("SQLite, one instance", sqliteUrl, 1, directoryPath, fake.apiUrl, settings);
      try {
        await measure(sqlite);
      } finally {
        await sqlite.stop();
      }
      await verify(sqliteUrl, "SQLite");
    }

    if (runs("postgres")) {
      const postgres = await settings.freshPostgres();
      try {
        const two = await startBots("PostgreSQL, two instances", postgres.url, 2, directoryPath, fake.apiUrl, settings);
        try {
          await measure(two);
        } finally {
          await two.stop();
        }
        await verify(postgres.url, "PostgreSQL");
      } finally {
        await postgres.drop();
      }
    }
  } finally {
    await fake.close();
  }
}

/** Counts what was not the command's own answer in time, and says so beside the figures. */
function checker(target: Target) {
  let answers = 0;
  let late = 0;
  let wrong = 0;
  return {
    answer(a: Answer, expect: RegExp) {
      answers++;
      if (!target.bot) {
        if (a.status !== 200) throw new Error(`the bare server answered ${a.status}`);
        return;
      }
      if (a.status === 200 && a.text.includes("Working on it")) late++;
      else if (a.status !== 200 || !expect.test(a.text) || /Nothing was changed|Perhaps not carried out|went wrong/.test(a.text)) {
        if (wrong++ === 0) process.stderr.write(`  ${target.name}: unexpected answer ${a.status}: ${a.text.slice(0, 300)}\n`);
      }
    },
    summary() {
      if (!target.bot) return "";
      return late + wrong === 0 ? "" : ` (${late} answered "Working on it…", ${wrong} not the command's answer, of ${answers})`;
    },
  };
}

/** A few disclosure requests, so that liaisons' and analysts' request lists hold something. */
async function seedRequests(target: Target, senders: readonly Sender[], make: (s: number, text: string) => Prepared) {
  const analysts = senders.map((s, n) => ({ s, n })).filter(({ s }) => s.role === "analyst").slice(0, 4);
  for (const { n } of analysts) {
    const value = commandFor(senders, n, 0, 0).text.split(" ")[1];
    const answer = await send(make(n, `disclose ${value} to ncsc-ops purpose warn the sector`));
    if (!/R-\d+/.test(answer.text)) throw new Error(`${target.name}: the seeding request was not made: ${answer.text.slice(0, 300)}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the consent questions go out
}

async function startBare(): Promise<Target> {
  const child = spawn(process.execPath, ["-e", BARE_SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await new Promise<string[]>((resolve) => createInterface({ input: child.stdout! }).once("line", (l) => resolve([l])));
  return { name: "bare Node HTTP server (the limit)", urls: [`http://127.0.0.1:${line.trim()}`], bot: false, pids: [child.pid!], stop: () => stopChild(child) };
}

async function startBots(name: string, databaseUrl: string, count: number, directory: string, apiUrl: string, settings: BurstSettings): Promise<Target> {
  const children = await Promise.all(
    Array.from({ length: count }, async (_, n) => {
      const port = await freePort();
      const logPath = join(settings.dir, `bot-${databaseUrl.startsWith("file:") ? "sqlite" : "postgres"}-${n + 1}.log`);
      const log = openSync(logPath, "a");
      // One file per thread (the main thread's is the largest), in a folder per instance.
      const profile = settings.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${join(settings.cpuProfileDir, `${name.split(",")[0].toLowerCase()}-${n + 1}`)}`] : [];
      const child = spawn(process.execPath, [...profile, "dist/main.js"], {
        env: {
          PATH: process.env.PATH ?? "",
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_BOT_TOKEN: TOKEN,
          SLACK_API_URL: apiUrl,
          HOST: "127.0.0.1",
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          CIIC_DIRECTORY: directory,
          LOG_LEVEL: "info",
          // The bench's own master key (bench/run.ts), so that the audit chain can be verified after.
          ...(process.env.CIIC_MASTER_KEY ? { CIIC_MASTER_KEY: process.env.CIIC_MASTER_KEY } : {}),
          ...(process.env.CIIC_MASTER_KEY_FILE ? { CIIC_MASTER_KEY_FILE: process.env.CIIC_MASTER_KEY_FILE } : {}),
          // When SQLite's commits reach the disk, if the run says (README, Settings).
          ...(process.env.CIIC_SQLITE_SYNCHRONOUS ? { CIIC_SQLITE_SYNCHRONOUS: process.env.CIIC_SQLITE_SYNCHRONOUS } : {}),
        },
        stdio: ["ignore", log, log],
      });
      closeSync(log);
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, { get stderr() { return readFileSync(logPath, "utf8"); } });
      return { child, port, logPath };
    }),
  );
  return {
    name,
    urls: children.map((c) => `http://127.0.0.1:${c.port}`),
    bot: true,
    pids: children.map((c) => c.child.pid!),
    ...(databaseUrl.startsWith("file:") ? {} : { databasePids: postgresPids }),
    async stop() {
      await Promise.all(children.map((c) => stopChild(c.child)));
      for (const c of children) {
        const warnings = readFileSync(c.logPath, "utf8").split("\n").filter((l) => /"level":(4|5|6)0/.test(l));
        if (warnings.length > 0) process.stderr.write(`  ${name}: ${warnings.length} warnings in ${c.logPath}, the first: ${warnings[0].slice(0, 400)}\n`);
      }
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function verify(databaseUrl: string, name: string) {
  const store = await openStore(databaseUrl);
  try {
    const verdict = await verifyAuditLog(store);
    if (!verdict.ok) throw new Error(`${name}: the audit chain does not verify after the burst: ${verdict.message}`);
    process.stderr.write(`  ${name}: audit chain verified, ${verdict.entries.toLocaleString("en")} entries\n`);
  } finally {
    await store.close();
  }
}
