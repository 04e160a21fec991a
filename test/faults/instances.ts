import { freePort } from "../support/bot-process.js";
import { runDist, type DistBot } from "../support/bot-dist.js";
import type { Random } from "../support/seeded-random.js";

/**
 * Bot instances as an operator runs them: each its own `node dist/main.js` on a port of its own,
 * restarted after it dies; and a load balancer in front that sends each of Slack's requests to
 * one instance that is up.
 */
export class BotInstance {
  proc?: DistBot;
  state: "down" | "starting" | "up" = "down";
  /** Every process this instance ran, oldest first (their logs are counted at the end). */
  readonly processes: DistBot[] = [];
  starts = 0;
  kills = 0;
  /** Starts that ended before the bot served (killed meanwhile, or it gave up). */
  failedStarts = 0;
  private starting?: Promise<boolean>;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async create(name: string, env: Record<string, string>): Promise<BotInstance> {
    return new BotInstance(name, await freePort(), env);
  }

  get url() {
    return `http://127.0.0.1:${this.port}/slack/events`;
  }

  /** Starts a process and waits until it serves; false when it died or did not serve in time. */
  start(withinMs = 60_000): Promise<boolean> {
    if (this.state === "up") return Promise.resolve(true);
    this.starting ??= this.startOnce(withinMs).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startOnce(withinMs: number): Promise<boolean> {
    this.state = "starting";
    this.starts++;
    const proc = runDist({ ...this.env, HOST: "127.0.0.1", PORT: String(this.port) });
    this.proc = proc;
    this.processes.push(proc);
    for (const end = Date.now() + withinMs; Date.now() < end; ) {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) break;
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/healthz`, { signal: AbortSignal.timeout(1000) })).ok && this.proc === proc) {
          this.state = "up";
          return true;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    this.failedStarts++;
    if (this.proc === proc) {
      proc.child.kill("SIGKILL");
      await proc.exited;
      this.state = "down";
    }
    return false;
  }

  /** kill -9: the process ends at once, whatever it was doing. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.state = "down";
    this.kills++;
    proc.child.kill("SIGKILL");
    await proc.exited;
  }

  /** SIGTERM, as an operator stops it: its exit code and how long it took (ms). */
  async stop(): Promise<{ code: number | null; ms: number } | undefined> {
    const proc = this.proc;
    if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return undefined;
    this.state = "down";
    const started = Date.now();
    proc.child.kill("SIGTERM");
    const code = await proc.exited;
    return { code, ms: Date.now() - started };
  }

  /** Every log line of every process of this instance, parsed. */
  logLines(): { level: number; msg: string; [key: string]: unknown }[] {
    return this.processes.flatMap((p) =>
      p.stdout.flatMap((line) => {
        try {
          return [JSON.parse(line)];
        } catch {
          return [];
        }
      }),
    );
  }
}

/** Picks an instance that is up, as a load balancer would; waits while none is. */
export async function pickInstance(instances: readonly BotInstance[], random: Random, withinMs = 90_000): Promise<BotInstance> {
  for (const end = Date.now() + withinMs; ; ) {
    const up = instances.filter((i) => i.state === "up");
    if (up.length > 0) return random.pick(up);
    if (Date.now() > end) throw new Error(`no bot instance was up for ${withinMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
