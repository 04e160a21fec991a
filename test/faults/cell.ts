import { SIGNING_SECRET, shownText } from "../support/bot-harness.js";
import type { FakeSlack } from "../support/fake-slack.js";
import type { Random } from "../support/seeded-random.js";
import { blockActionPayload, sendInteraction, sendSlashCommand, type SlackReply } from "../support/slack-requests.js";
import { countOf, type LookInto } from "./database.js";
import { valueTokens } from "../support/sealed-reader.js";
import { pickInstance, type BotInstance } from "./instances.js";

/**
 * The people of test/faults/directory.yml, acting as people do through Slack: analysts supply
 * indicators and ask to disclose them, liaisons approve the questions they find in their direct
 * messages. Each of their requests goes to one bot instance that is up (a load balancer), signed as
 * Slack signs it. A request without an answer, or answered that nothing was done, is made again a
 * moment later, as a person would; what they see is read from the fake Slack, and whether their
 * request landed from the database (as `/ciic requests` would tell them).
 */
export const ANALYSTS = { AIVD: ["UFAIVDAN1", "UFAIVDAN2", "UFAIVDAN3"], NCSC: ["UFNCSCAN1", "UFNCSCAN2", "UFNCSCAN3"] } as const;
export const LIAISONS: Record<string, readonly string[]> = { AIVD: ["UFAIVDLI1", "UFAIVDLI2"], NCSC: ["UFNCSCLI1", "UFNCSCLI2"] };
export const RECIPIENTS = { "ncsc-ops": "C0FLTOPS1", "water-oost": "C0FLTWTR1" } as const;
export const EVERYONE = [...ANALYSTS.AIVD, ...ANALYSTS.NCSC, ...LIAISONS.AIVD, ...LIAISONS.NCSC];
export const DIRECTORY = "test/faults/directory.yml";

/** How a click's answer (through its response URL) read. */
export type ClickAnswer =
  | "decided"
  | "already decided"
  | "nothing decided (database)"
  | "nothing decided (disk full)"
  | "nothing decided (went wrong)"
  | "not decided, as far as known"
  | "none"
  | "other";

export interface ClickRecord {
  id: string;
  by: string;
  ask: number;
  instance: string;
  /** HTTP status of Slack's request; 0 when none came (connection lost, or no answer in 8 s). */
  status: number;
  /** Whether the ask was decided in the database the moment the 200 arrived. */
  decidedAtAck?: boolean;
}

export type CommandOutcome = "answered" | "nothing changed (database)" | "nothing changed (disk full)" | "nothing changed (went wrong)" | "working on it" | "no answer" | "refused";

export interface CommandRecord {
  /** Its response URL's id. */
  id: string;
  name: string;
  instance: string;
  status: number;
  outcome: CommandOutcome;
}

/** How a command's answer read (its HTTP answer, or what replaced "Working on it…"). */
export function classifyCommandAnswer(text: string): CommandOutcome {
  if (/did not answer in time|did not confirm/.test(text)) return "nothing changed (database)";
  if (/Nothing was changed: the cell's database has no room left/.test(text)) return "nothing changed (disk full)";
  if (/Nothing was changed: something went wrong/.test(text)) return "nothing changed (went wrong)";
  if (/Working on it/.test(text)) return "working on it";
  return "answered";
}

export interface RoundRecord {
  round: number;
  requestId: number;
  requester: string;
  recipient: keyof typeof RECIPIENTS;
  items: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ANSWER_WAIT_MS = 8000;

/** What Slack would make of a request that got no answer: status 0. */
async function within(promise: Promise<SlackReply>, ms: number): Promise<{ status: number; json?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise.catch(() => ({ status: 0 })), new Promise<{ status: number }>((resolve) => (timer = setTimeout(resolve, ms, { status: 0 })))]);
  } finally {
    clearTimeout(timer);
  }
}

export function classifyClickAnswer(text: string | undefined): ClickAnswer {
  if (text === undefined) return "none";
  if (/^You approved/.test(text)) return "decided";
  if (/Already decided/.test(text)) return "already decided";
  if (/Nothing was decided: the cell's database did not answer/.test(text)) return "nothing decided (database)";
  if (/Nothing was decided: the cell's database has no room left/.test(text)) return "nothing decided (disk full)";
  if (/Nothing was decided: something went wrong/.test(text)) return "nothing decided (went wrong)";
  if (/Not decided, as far as the bot knows/.test(text)) return "not decided, as far as known";
  return "other";
}

export class Cell {
  readonly clicks: ClickRecord[] = [];
  readonly commands: CommandRecord[] = [];
  readonly rounds: RoundRecord[] = [];
  private seq = 0;

  constructor(
    private readonly deps: {
      fake: FakeSlack;
      instances: readonly BotInstance[];
      db: LookInto;
      /** How long one round may take before the run fails as stuck (ms). */
      roundLimitMs: number;
      /** Faults around clicks: whether to kill the instance a click went to, at its 200 or after some ms. */
      clickKill?: () => "at 200" | number | undefined;
      kill?: (instance: BotInstance, moment: string) => Promise<void>;
    },
  ) {}

  /** A slash command, as Slack sends it to one instance. */
  async command(random: Random, user: string, text: string): Promise<CommandRecord> {
    const instance = await pickInstance(this.deps.instances, random);
    const id = `cmd-${++this.seq}`;
    const reply = await within(sendSlashCommand(instance.url, SIGNING_SECRET, { user_id: user, text, response_url: this.deps.fake.responseUrl(id), channel_id: `D${user}` }), ANSWER_WAIT_MS);
    const shown = reply.status === 200 && reply.json ? shownText(reply.json as never) : "";
    const outcome: CommandOutcome = reply.status === 0 ? "no answer" : reply.status !== 200 ? "refused" : classifyCommandAnswer(shown);
    const record = { id, name: text.split(" ")[0], instance: instance.name, status: reply.status, outcome };
    this.commands.push(record);
    return record;
  }

  /** Waits until `check` holds, up to `ms`; whether it did. */
  private async until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
    for (const end = Date.now() + ms; ; ) {
      if (await check()) return true;
      if (Date.now() > end) return false;
      await sleep(150);
    }
  }

  /** An analyst supplies values for their party until the database holds every one of them. */
  async supply(random: Random, user: string, party: string, values: string[], deadline: number, round: number): Promise<void> {
    // The rows keep each value's token, not the value (issue 17).
    const held = async () => {
      const tokens = await valueTokens((sql, params) => this.deps.db.all(sql, params), values);
      return (await countOf(this.deps.db, `SELECT count(DISTINCT "value") AS n FROM "Item" WHERE "party" = ? AND "value" IN (${values.map(() => "?").join(",")})`, [party, ...tokens])) === values.length;
    };
    while (!(await held())) {
      if (Date.now() > deadline) throw new Error(`round ${round}: ${party}'s values were not stored in time (${values.length} values by ${user})`);
      await this.command(random, user, `submit ${values.join(" ")} tlp:green`);
      if (await this.until(held, 4000)) return;
      await sleep(random.int(200, 1000));
    }
  }

  /** An analyst asks to disclose until the request is on record; its id. */
  async disclose(random: Random, user: string, values: string[], recipient: string, purpose: string, deadline: number, round: number): Promise<number> {
    const find = async () => (await this.deps.db.all<{ id: number }>(`SELECT "id" FROM "DisclosureRequest" WHERE "purpose" = ? ORDER BY "id"`, [purpose]))[0]?.id;
    for (;;) {
      const existing = await find();
      if (existing !== undefined) return existing;
      if (Date.now() > deadline) throw new Error(`round ${round}: the request "${purpose}" was not made in time`);
      await this.command(random, user, `disclose ${values.join(" ")} to ${recipient} purpose ${purpose}`);
      let id: number | undefined;
      if (await this.until(async () => (id = await find()) !== undefined, 4000)) return id!;
      await sleep(random.int(200, 1000));
    }
  }

  /** The consent question of `ask` as it stands in a liaison's direct messages, if it arrived. */
  private question(liaison: string, ask: number): Record<string, unknown> | undefined {
    return this.deps.fake.messagesIn(liaison).find((m) =>
      ((m.blocks as { elements?: { action_id?: string; value?: string }[] }[] | undefined) ?? []).some((b) => (b.elements ?? []).some((e) => e.action_id === "consent.approve" && e.value === String(ask))),
    );
  }

  /** One Approve click, as Slack delivers it to one instance; its answer is read later from the fake. */
  async click(random: Random, user: string, ask: number, messageTs: string): Promise<ClickRecord> {
    const instance = await pickInstance(this.deps.instances, random);
    const id = `click-${++this.seq}`;
    const payload = blockActionPayload({ user_id: user, action_id: "consent.approve", value: String(ask), response_url: this.deps.fake.responseUrl(id), channel_id: `D${user}`, message_ts: messageTs });
    const killing = this.deps.clickKill?.();
    const timer = typeof killing === "number" ? setTimeout(() => void this.deps.kill?.(instance, "mid-click"), killing) : undefined;
    const reply = await within(sendInteraction(instance.url, SIGNING_SECRET, payload), ANSWER_WAIT_MS);
    const record: ClickRecord = { id, by: user, ask, instance: instance.name, status: reply.status };
    if (reply.status === 200 && killing === "at 200") await this.deps.kill?.(instance, "the instant it answered a click 200");
    if (reply.status === 200) {
      // Slack has its 200 and will never deliver this click again: it must be decided now.
      const [row] = await this.deps.db.all<{ state: string }>(`SELECT "state" FROM "ConsentAsk" WHERE "id" = ?`, [ask]);
      record.decidedAtAck = row?.state === "APPROVED";
    }
    // A kill planned for later than the answer came is not made: the moment has passed.
    clearTimeout(timer);
    this.clicks.push(record);
    return record;
  }

  /** What a click's response URL carried, first message first. */
  answersTo(clickId: string): string[] {
    return this.deps.fake.calls.filter((c) => c.method === "response_url" && c.id === clickId).map((c) => shownText(c.body as never));
  }

  /** A liaison clicks Approve until they are told it is decided (as themselves or by a colleague). */
  private async approveUntilDecided(random: Random, user: string, ask: number, messageTs: string, deadline: number, round: number): Promise<void> {
    for (;;) {
      if (Date.now() > deadline) throw new Error(`round ${round}: ask ${ask} was not decided in time by ${user}`);
      const click = await this.click(random, user, ask, messageTs);
      if (click.status === 200) {
        const answer = () => classifyClickAnswer(this.answersTo(click.id)[0]);
        await this.until(() => answer() !== "none", 5000);
        if (answer() === "decided" || answer() === "already decided") return;
      }
      // No answer, or told that nothing was decided: click again in a moment.
      await sleep(random.int(300, 1500));
    }
  }

  /** The liaisons of `party` decide `ask` once its question reached them: one of them, or two at once. */
  async decide(random: Random, party: string, ask: number, deadline: number, round: number): Promise<void> {
    const liaisons = LIAISONS[party];
    let seen: string[] = [];
    const arrived = await this.until(() => (seen = liaisons.filter((l) => this.question(l, ask))).length > 0, deadline - Date.now());
    if (!arrived) throw new Error(`round ${round}: the consent question of ask ${ask} (${party}) never reached a liaison`);
    // A person reads the question before they click.
    await sleep(random.int(300, 3000));
    const first = random.pick(seen);
    const clickers = [first];
    // Sometimes both liaisons click at once, each on whichever instance Slack reaches.
    const other = seen.find((l) => l !== first);
    if (other && random.chance(0.25)) clickers.push(other);
    await Promise.all(clickers.map((who) => this.approveUntilDecided(random, who, ask, String(this.question(who, ask)!.ts), deadline, round)));
  }

  /**
   * One disclosure round: an AIVD and an NCSC analyst supply (every seventh round 45 AIVD values,
   * a release in two parts), one analyst asks to disclose both parties' values, each party's
   * liaisons approve. Values are unique to the round.
   */
  async round(random: Random, round: number): Promise<RoundRecord> {
    const started = Date.now();
    const deadline = started + this.deps.roundLimitMs;
    const big = round % 7 === 3;
    const aivd = big ? Array.from({ length: 45 }, (_, i) => `198.19.${round % 250}.${i + 1}`) : [`198.18.${Math.floor(round / 250)}.${(round % 250) + 1}`];
    const ncsc = [`r${round}-ncsc.example`];
    await Promise.all([
      this.supply(random.fork("aivd"), random.pick(ANALYSTS.AIVD), "AIVD", aivd, deadline, round),
      this.supply(random.fork("ncsc"), random.pick(ANALYSTS.NCSC), "NCSC", ncsc, deadline, round),
    ]);
    await sleep(random.int(300, 2000));
    const requester = random.pick([...ANALYSTS.AIVD, ...ANALYSTS.NCSC]);
    const recipient = random.pick(Object.keys(RECIPIENTS) as (keyof typeof RECIPIENTS)[]);
    const requestId = await this.disclose(random, requester, [...aivd, ...ncsc], recipient, `fault round ${round}`, deadline, round);
    const asks = await this.deps.db.all<{ id: number; party: string }>(`SELECT "id", "party" FROM "ConsentAsk" WHERE "requestId" = ? ORDER BY "id"`, [requestId]);
    await Promise.all(asks.map((a) => this.decide(random.fork(`ask-${a.id}`), a.party, Number(a.id), deadline, round)));
    const record = { round, requestId: Number(requestId), requester, recipient, items: aivd.length + ncsc.length, seconds: (Date.now() - started) / 1000 };
    this.rounds.push(record);
    return record;
  }

  /** Runs `total` rounds, `workers` at a time. */
  async burst(random: Random, total: number, workers: number): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const mine = random.fork(`worker-${w}`);
        while (next < total) {
          const round = next++;
          await this.round(mine.fork(`round-${round}`), round);
          await sleep(mine.int(300, 2500));
        }
      }),
    );
  }
}
