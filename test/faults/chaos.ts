import type { Random } from "../support/seeded-random.js";
import type { SlackFault, SlackFronts } from "../support/slack-front.js";
import type { TcpProxy } from "../support/tcp-proxy.js";
import type { BotInstance } from "./instances.js";

/**
 * What goes wrong while the cell works, at random moments from a seeded plan:
 * - Slack: each Web API call, with probability `slackFaultRate`, answers 500, hangs (the work done
 *   before the late answer, 2–20 s, or after it, up to 4 s: the bot's own time limits are 10 s a
 *   call and 15 s an attempt, and a Slack that carries a call out later than the bot waits for it is
 *   beyond what any sender can know), carries it out and drops the connection, or says 429 with a
 *   Retry-After of 1–3 s;
 * - `kill -9` of one instance, or of all, every `killEverySeconds` (one time in five a SIGTERM
 *   instead, which must end the process with code 0 within 10 s), each restarted 0.2–3 s later
 *   (and killed again, now and then, while it is still starting); and at the worst moments: an
 *   instance killed once Slack carried out its post or file upload, before the answer reaches it
 *   (`killAfterSendRate` of those calls), and around a click (`clickKillRate` of the clicks: the
 *   instant its 200 arrives, or 0–600 ms after it was sent, while it may still be deciding);
 * - the database cut off behind its proxy every `outageEverySeconds`: frozen (nothing gets through,
 *   nothing is lost) or hung (connections taken, never answered; severed when it comes back), for
 *   3–8 s;
 * - `diskFull`: a full disk under SQLite, every `outageEverySeconds`, for 4–10 s.
 */
export interface ChaosPlan {
  slackFaultRate: number;
  killEverySeconds: [number, number];
  killAfterSendRate: number;
  clickKillRate: number;
  outageEverySeconds?: [number, number];
}

export interface ChaosRecord {
  kills: number;
  /** Kills by moment: "at random", "after Slack carried out a send", "at a click's 200", "mid-click". */
  killsAt: Record<string, number>;
  /** Moments when every instance was killed at once. */
  allKilled: number;
  /** SIGTERM at random moments (an operator's restart): how each stop went. */
  sigterms: { code: number | null; ms: number }[];
  outages: { kind: string; seconds: number }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function slackChaos(random: Random, rate: number): (method: string) => SlackFault | undefined {
  return () => {
    if (!random.chance(rate)) return undefined;
    const kind = random.weighted([
      ["500", 30],
      ["hang before", 15],
      ["hang after", 15],
      ["drop", 25],
      ["429", 15],
    ] as const);
    switch (kind) {
      case "500":
        return { kind: "500" };
      case "hang before":
        return { kind: "hang", ms: random.int(2000, 20_000), processed: "before" };
      case "hang after":
        return { kind: "hang", ms: random.int(300, 4000), processed: "after" };
      case "drop":
        return { kind: "drop" };
      case "429":
        return { kind: "429", retryAfterS: random.int(1, 3) };
    }
  };
}


export function startChaos(deps: {
  random: Random;
  plan: ChaosPlan;
  fronts: SlackFronts;
  instances: readonly BotInstance[];
  /** The database's way in, for outages (PostgreSQL). */
  proxy?: TcpProxy;
  /** A full disk under the database (SQLite): fills it, and returns how to free it. */
  fillDisk?: () => Promise<() => Promise<void>>;
  log: (line: string) => void;
}) {
  const { random, plan, instances } = deps;
  const record: ChaosRecord = { kills: 0, killsAt: {}, allKilled: 0, sigterms: [], outages: [] };
  let running = true;
  /** Set once the run gave up waiting for an instance to serve again: no more starts. */
  let stopping = false;
  /** Keeps an instance running: starts it again until it serves. */
  const bringUp = async (instance: BotInstance, delayMs: number): Promise<void> => {
    await sleep(delayMs);
    while (instance.state !== "up" && !stopping) {
      if (await instance.start()) return;
      await sleep(500);
    }
  };
  const restarts = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    restarts.add(p);
    void p.finally(() => restarts.delete(p));
  };
  /** Sleeps up to `ms`, less when the chaos ends meanwhile. */
  const pause = async (ms: number) => {
    for (const end = Date.now() + ms; running && Date.now() < end; ) await sleep(Math.min(100, end - Date.now()));
  };

  deps.fronts.chaos = slackChaos(random.fork("slack"), plan.slackFaultRate);
  const restartDelays = random.fork("restarts");

  /** kill -9 now, and a restart in a moment. */
  const kill = async (victim: BotInstance, moment: string) => {
    if (!running || victim.state === "down") return;
    record.kills++;
    record.killsAt[moment] = (record.killsAt[moment] ?? 0) + 1;
    deps.log(`kill -9 ${victim.name} (${moment}${victim.state === "starting" ? ", while starting" : ""})`);
    await victim.kill();
    deps.fronts.forget(victim.name);
    track(bringUp(victim, restartDelays.int(200, 3000)));
  };
  /** SIGTERM, as an operator restarts an instance: it must stop with code 0 within 10 s, whatever hangs. */
  const terminate = (victim: BotInstance) => {
    deps.log(`SIGTERM ${victim.name}`);
    track(
      (async () => {
        const stopped = await victim.stop();
        if (stopped) {
          record.sigterms.push(stopped);
          deps.log(`${victim.name} stopped after SIGTERM: code ${stopped.code} in ${(stopped.ms / 1000).toFixed(1)} s`);
        }
        deps.fronts.forget(victim.name);
        await bringUp(victim, restartDelays.int(200, 2000));
      })(),
    );
  };
  const byName = (name: string) => instances.find((i) => i.name === name)!;

  const sends = random.fork("kill-after-send");
  deps.fronts.onAnswered = async (method, name) => {
    if ((method === "chat.postMessage" || method === "files.completeUploadExternal") && sends.chance(plan.killAfterSendRate)) {
      await kill(byName(name), "after Slack carried out a send");
    }
  };
  const clicks = random.fork("click-kills");
  /** For the liaisons' clicks: whether (and when) to kill the instance a click went to. */
  const clickKill = (): "at 200" | number | undefined => {
    if (!clicks.chance(plan.clickKillRate)) return undefined;
    return clicks.chance(0.5) ? "at 200" : clicks.int(0, 600);
  };

  const killer = (async () => {
    const r = random.fork("kills");
    for (;;) {
      await pause(r.between(plan.killEverySeconds[0], plan.killEverySeconds[1]) * 1000);
      if (!running) return;
      const alive = instances.filter((i) => i.state !== "down");
      if (alive.length === 0) continue;
      const up = alive.filter((i) => i.state === "up");
      if (up.length > 0 && r.chance(0.2)) {
        terminate(r.pick(up));
        continue;
      }
      const all = instances.length > 1 && alive.length === instances.length && r.chance(0.25);
      const victims = all ? alive : [r.pick(alive)];
      if (all) record.allKilled++;
      await Promise.all(victims.map((victim) => kill(victim, all ? "at random, every instance at once" : "at random")));
    }
  })();

  const outages = (async () => {
    if (!plan.outageEverySeconds || (!deps.proxy && !deps.fillDisk)) return;
    const r = random.fork("outages");
    for (;;) {
      await pause(r.between(plan.outageEverySeconds[0], plan.outageEverySeconds[1]) * 1000);
      if (!running) return;
      const seconds = r.between(deps.proxy ? 3 : 4, deps.proxy ? 8 : 10);
      const started = Date.now();
      if (deps.proxy) {
        const kind = r.pick(["frozen", "hung"] as const);
        deps.log(`database ${kind} for ${seconds.toFixed(1)} s`);
        if (kind === "frozen") deps.proxy.freeze();
        else deps.proxy.hang();
        await sleep(seconds * 1000);
        if (kind === "frozen") deps.proxy.thaw();
        else deps.proxy.restore();
        record.outages.push({ kind: `database ${kind}`, seconds: (Date.now() - started) / 1000 });
      } else {
        deps.log(`disk full for ${seconds.toFixed(1)} s`);
        const free = await deps.fillDisk!();
        await sleep(seconds * 1000);
        await free();
        record.outages.push({ kind: "disk full", seconds: (Date.now() - started) / 1000 });
      }
    }
  })();

  return {
    record,
    clickKill,
    kill,
    /**
     * Ends the faults: Slack answers plainly, the database is back, and every instance is started
     * again; false when one did not serve within `withinMs` (it is left down, and counted).
     */
    async stop(withinMs = 90_000): Promise<boolean> {
      running = false;
      deps.fronts.chaos = undefined;
      deps.fronts.onAnswered = undefined;
      await Promise.all([killer, outages]);
      deps.proxy?.restore();
      for (const instance of instances) if (instance.state !== "up") track(bringUp(instance, 0));
      const end = Date.now() + withinMs;
      while (restarts.size > 0 && Date.now() < end) await Promise.race([Promise.all([...restarts]), sleep(Math.max(0, end - Date.now()))]);
      stopping = true;
      const down = instances.filter((i) => i.state !== "up");
      if (down.length) deps.log(`${down.map((i) => i.name).join(" and ")} did not serve again within ${withinMs / 1000} s of the faults' end`);
      // Why, as far as its last start said: the lines it wrote last (its log, and any crash).
      for (const instance of down) {
        const last = instance.processes.at(-1);
        const said = [...(last?.stdout ?? []).slice(-3), ...(last?.stderr ?? []).slice(-5)].join("\n").slice(-3000);
        deps.log(`${instance.name}'s last start (exit ${last?.child.exitCode ?? last?.signal() ?? "none"}) wrote last:\n${said || "(nothing)"}`);
      }
      return down.length === 0;
    },
  };
}
