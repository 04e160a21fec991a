import { mkdirSync, writeFileSync } from "node:fs";
import { shownText } from "../support/bot-harness.js";
import type { FakeSlack } from "../support/fake-slack.js";
import type { SlackFronts } from "../support/slack-front.js";
import { ANALYSTS, EVERYONE, RECIPIENTS, classifyClickAnswer, classifyCommandAnswer, type Cell, type CommandOutcome } from "./cell.js";
import type { ChaosRecord } from "./chaos.js";
import type { LookInto } from "./database.js";
import { sealedOpener } from "../support/sealed-reader.js";
import type { BotInstance } from "./instances.js";

/**
 * The counts of a fault run, read from the fake Slack's record (what people and channels were
 * shown) and the database (what the bot holds), each with what it must be. A count that is not
 * what it must be is a problem; the run fails with every problem named.
 */
export interface Count {
  what: string;
  value: number | string;
  /** What it must be; undefined for a figure that is only reported. */
  must?: number | string;
}

interface Message {
  text?: string;
  ts?: string;
  upload?: boolean;
  files?: { name: string }[];
  metadata?: { event_type?: string; event_payload?: { outbox_id?: number; outbox_key?: string } };
}

interface OutboxRow {
  id: number;
  kind: string;
  /** The channel's or user's id (its kind is in "targetKind"). */
  targetId: string;
  topic: string | null;
  /** The request whose release the message is, if it is one. */
  releaseOf: number | string | null;
  state: string;
  sentRef: string | null;
  payload: string;
}

const RELEASE = /disclosure R-(\d+) from the CIIC(?: \(part (\d+) of (\d+)\))?/;

export interface RunFacts {
  scenario: string;
  seed: number;
  fake: FakeSlack;
  fronts: SlackFronts;
  db: LookInto;
  cell: Cell;
  instances: readonly BotInstance[];
  chaos: ChaosRecord;
  trafficSeconds: number;
  /** Instances that served again within the bounded wait after the faults stopped. */
  servingAtEnd: number;
  drain: { seconds: number; limitSeconds: number };
  stops: ({ code: number | null; ms: number } | undefined)[];
  auditVerify: { code: number; stdout: string; stderr: string };
}

export async function countRun(facts: RunFacts): Promise<{ counts: Count[]; problems: string[] }> {
  const { fake, db, cell } = facts;
  const counts: Count[] = [];
  const add = (what: string, value: number | string, must?: number | string) => counts.push({ what, value, must });
  const section = (title: string) => counts.push({ what: `— ${title}`, value: "" });

  const conversations = [...EVERYONE, ...Object.values(RECIPIENTS)];
  const messagesIn = (c: string) => fake.messagesIn(c) as Message[];
  const outboxId = (m: Message) => (m.metadata?.event_type === "ciic_outbox" ? m.metadata.event_payload?.outbox_id : undefined);
  // Texts are stored sealed (storage/sealing): read as the bot reads them.
  const open = await sealedOpener((sql, params) => db.all(sql, params));
  const rows = (await db.all<OutboxRow>(`SELECT "id", "kind", "targetId", "topic", "releaseOf", "state", "sentRef", "payload" FROM "OutboxMessage" ORDER BY "id"`)).map((r) => ({
    ...r,
    payload: open(r.payload),
    id: Number(r.id),
    releaseOf: r.releaseOf === null ? null : Number(r.releaseOf),
  }));
  const audit = (await db.all<{ action: string; subject: string | null; details: string }>(`SELECT "action", "subject", "details" FROM "AuditEntry" WHERE "action" IN ('disclosure.released', 'disclosure.delivered', 'disclosure.delivery_failed', 'message.reconciled', 'message.resent', 'message.in_doubt', 'message.failed')`)).map((a) => ({ ...a, details: open(a.details) }));
  const auditCount = (action: string, subject?: string) => audit.filter((a) => a.action === action && (subject === undefined || a.subject === subject)).length;
  const requests = (await db.all<{ id: number; state: string; purpose: string }>(`SELECT "id", "state", "purpose" FROM "DisclosureRequest" ORDER BY "id"`)).map((r) => ({ ...r, id: Number(r.id), purpose: JSON.parse(open(JSON.stringify(r.purpose))) as string }));

  section("the run");
  add("scenario", facts.scenario);
  add("seed (replay: CIIC_FAULTS_SEED=…)", facts.seed);
  add("disclosure rounds completed", cell.rounds.length);
  add("seconds of traffic under faults", facts.trafficSeconds.toFixed(1));
  add("kill -9 in all", facts.chaos.kills);
  for (const [moment, n] of Object.entries(facts.chaos.killsAt)) add(`… ${moment}`, n);
  add("instances serving again once the faults stopped", `${facts.servingAtEnd} of ${facts.instances.length}`, `${facts.instances.length} of ${facts.instances.length}`);
  add("process starts / starts that never served", `${facts.instances.reduce((n, i) => n + i.starts, 0)} / ${facts.instances.reduce((n, i) => n + i.failedStarts, 0)}`);
  for (const kind of [...new Set(facts.chaos.outages.map((o) => o.kind))]) {
    const of = facts.chaos.outages.filter((o) => o.kind === kind);
    add(`${kind} (times, seconds in all)`, `${of.length}, ${of.reduce((s, o) => s + o.seconds, 0).toFixed(1)}`);
  }
  const faults = facts.fronts.faults;
  add("Slack faults: 500 / hang (work before) / hang (work after) / drop", `${faults["500"] ?? 0} / ${faults["hang (before)"] ?? 0} / ${faults["hang (after)"] ?? 0} / ${faults.drop ?? 0}`);
  add("Slack 429s: windows opened / calls answered 429 within one", `${faults["429"] ?? 0} / ${faults["429 (window)"] ?? 0}`);
  add("Slack Web API calls in all", fake.calls.filter((c) => c.method !== "response_url").length);

  section("releases");
  const released = requests.filter((r) => r.state === "RELEASED");
  add("requests made", requests.length);
  const purposes = new Map<string, number>();
  for (const r of requests) purposes.set(r.purpose, (purposes.get(r.purpose) ?? 0) + 1);
  add("rounds with more than one request (a retried command made twice)", [...purposes.values()].filter((n) => n > 1).length, 0);
  add("requests released", released.length, cell.rounds.length);
  add("requests released more than once in the audit log", released.filter((r) => auditCount("disclosure.released", `request:${r.id}`) !== 1).length, 0);
  const channelPosts = new Map<number, Message[]>();
  for (const channel of Object.values(RECIPIENTS)) for (const m of messagesIn(channel)) if (!m.upload && outboxId(m) !== undefined) channelPosts.set(outboxId(m)!, [...(channelPosts.get(outboxId(m)!) ?? []), m]);
  let parts = 0;
  let partsOnce = 0;
  let partsTwice = 0;
  let partsNever = 0;
  let files = 0;
  let filesOnce = 0;
  let filesTwice = 0;
  let filesNever = 0;
  let deliveredAuditOff = 0;
  for (const request of released) {
    const topicRows = rows.filter((r) => r.releaseOf === request.id);
    for (const row of topicRows.filter((r) => r.kind === "post")) {
      parts++;
      const copies = channelPosts.get(row.id)?.length ?? 0;
      if (copies === 1) partsOnce++;
      else if (copies > 1) partsTwice++;
      else partsNever++;
    }
    for (const row of topicRows.filter((r) => r.kind === "file")) {
      files++;
      const { fileName } = JSON.parse(row.payload) as { fileName: string };
      const channel = row.targetId;
      const copies = fake.uploadedFiles.filter((f) => f.channel === channel && f.name === fileName).length;
      if (copies === 1) filesOnce++;
      else if (copies > 1) filesTwice++;
      else filesNever++;
    }
    if (auditCount("disclosure.delivered", `request:${request.id}`) !== topicRows.length) deliveredAuditOff++;
  }
  // The same, read off the text the recipient sees, whatever the metadata says.
  const byText = new Map<string, number>();
  for (const channel of Object.values(RECIPIENTS)) {
    for (const m of messagesIn(channel)) {
      const match = m.upload ? null : RELEASE.exec(m.text ?? "");
      if (match) byText.set(`${match[1]}/${match[2] ?? 1}`, (byText.get(`${match[1]}/${match[2] ?? 1}`) ?? 0) + 1);
    }
  }
  const releasedIds = new Set(released.map((r) => String(r.id)));
  add("release parts (posts to the recipient's channel a release needs)", parts);
  add("… posted exactly once", partsOnce, parts);
  add("… posted twice or more", partsTwice, 0);
  add("… never posted", partsNever, 0);
  add("release parts posted more than once, by their text", [...byText.values()].filter((n) => n > 1).length, 0);
  add("release posts for a request that was not released", [...byText.keys()].filter((k) => !releasedIds.has(k.split("/")[0])).length, 0);
  add("release files (STIX, for Waterbedrijf Oost)", files);
  add("… uploaded exactly once", filesOnce, files);
  add("… uploaded twice or more", filesTwice, 0);
  add("… never uploaded", filesNever, 0);
  add("released requests whose disclosure.delivered entries differ from their parts and files", deliveredAuditOff, 0);

  section("every message");
  let posts = 0;
  let extraCopies = 0;
  let inversions = 0;
  let releasedBeforeWaiting = 0;
  let uploadsTwice = 0;
  const onSlack = new Map<number, number>();
  for (const c of conversations) {
    const messages = messagesIn(c);
    const seen = new Map<string, number>();
    let highest = 0;
    for (const m of messages) {
      const id = outboxId(m);
      if (id === undefined) continue;
      posts++;
      onSlack.set(id, (onSlack.get(id) ?? 0) + 1);
      const key = m.metadata!.event_payload!.outbox_key ?? String(id);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (id < highest) inversions++;
      highest = Math.max(highest, id);
    }
    extraCopies += [...seen.values()].reduce((n, k) => n + k - 1, 0);
    const names = new Map<string, number>();
    for (const m of messages.filter((x) => x.upload)) for (const f of m.files ?? []) names.set(f.name, (names.get(f.name) ?? 0) + 1);
    uploadsTwice += [...names.values()].reduce((n, k) => n + k - 1, 0);
    if ((ANALYSTS.AIVD as readonly string[]).includes(c) || (ANALYSTS.NCSC as readonly string[]).includes(c)) {
      const texts = messages.map((m) => m.text ?? "");
      for (const r of requests) {
        const releasedAt = texts.findIndex((t) => t.startsWith(`R-${r.id}: Released`));
        const lastWaiting = texts.map((t, i) => (t.startsWith(`R-${r.id}: Waiting for`) ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
        if (releasedAt >= 0 && lastWaiting > releasedAt) releasedBeforeWaiting++;
      }
    }
  }
  const sentPosts = rows.filter((r) => r.kind === "post" && r.state === "SENT" && r.sentRef);
  add("posts delivered (messages carrying an outbox tag)", posts);
  add("messages delivered more than once to anyone (extra copies)", extraCopies, 0);
  add("files delivered more than once (extra copies)", uploadsTwice, 0);
  add("posts recorded sent that are not on Slack", sentPosts.filter((r) => !onSlack.has(r.id)).length, 0);
  add("posts on Slack whose row is not recorded sent", [...onSlack.keys()].filter((id) => rows.find((r) => r.id === id)?.state !== "SENT").length, 0);
  add("messages out of order in a conversation (a later one before an earlier)", inversions, 0);
  add("'R-n: Released' before 'R-n: Waiting for …' to the same person", releasedBeforeWaiting, 0);

  section("clicks (Approve, sent as Slack sends them)");
  const answered = cell.clicks.filter((c) => c.status === 200);
  const classOf = (id: string) => classifyClickAnswer(cell.answersTo(id)[0]);
  const by = (kind: string) => answered.filter((c) => classOf(c.id) === kind);
  const lost = answered.filter((c) => !["nothing decided (database)", "nothing decided (disk full)", "nothing decided (went wrong)", "not decided, as far as known"].includes(classOf(c.id)) && !c.decidedAtAck);
  const correctedLater = answered.filter((c) => cell.answersTo(c.id).some((t) => t.includes("carried out after all")));
  add("clicks sent", cell.clicks.length);
  add("… not answered 200 (instance killed, connection lost, time-out): Slack shows them failed", cell.clicks.length - answered.length);
  add("… answered 200", answered.length);
  add("… … 'You approved': decided in the database at the 200", `${by("decided").filter((c) => c.decidedAtAck).length} of ${by("decided").length}`);
  add("… … 'Already decided': decided in the database at the 200", `${by("already decided").filter((c) => c.decidedAtAck).length} of ${by("already decided").length}`);
  add("… … no answer after the 200 (killed after it): decided at the 200", `${by("none").filter((c) => c.decidedAtAck).length} of ${by("none").length}`);
  add("… … 'Nothing was decided: the database did not answer' (counted apart)", by("nothing decided (database)").length);
  add("… … 'Nothing was decided: the cell's database has no room left' (a full disk; counted apart)", by("nothing decided (disk full)").length);
  add("… … 'Nothing was decided: something went wrong' (counted apart)", by("nothing decided (went wrong)").length);
  add("… … 'Not decided, as far as the bot knows' (counted apart)", by("not decided, as far as known").length);
  add("… … … of which corrected later: 'carried out after all'", correctedLater.length);
  add("… … answered otherwise", by("other").length, 0);
  add("clicks answered 200 that did not take effect (lost)", lost.length, 0);

  section("commands (supply, disclose)");
  // A command acknowledged "Working on it…" is counted by what replaced that line (none: the instance died).
  const finalOutcome = (c: (typeof cell.commands)[number]): CommandOutcome | "working on it, never replaced" => {
    if (c.outcome !== "working on it") return c.outcome;
    const later = fake.calls.filter((k) => k.method === "response_url" && k.id === c.id).map((k) => shownText(k.body as never));
    return later.length ? classifyCommandAnswer(later[later.length - 1]) : "working on it, never replaced";
  };
  add("commands sent", cell.commands.length);
  add("… acknowledged 'Working on it…' first (the answer followed by response URL)", cell.commands.filter((c) => c.outcome === "working on it").length);
  for (const [outcome, label] of [
    ["answered", "answered"],
    ["nothing changed (database)", "'Nothing was changed': the database did not answer in time"],
    ["nothing changed (disk full)", "'Nothing was changed': the database had no room left (a full disk)"],
    ["nothing changed (went wrong)", "'Nothing was changed: something went wrong'"],
    ["working on it, never replaced", "'Working on it…' never replaced (the instance was killed)"],
    ["no answer", "no answer (instance killed, connection lost)"],
    ["refused", "refused by HTTP status"],
  ] as const) {
    add(`… ${label}`, cell.commands.filter((c) => finalOutcome(c) === outcome).length);
  }

  section("the outbox at the end");
  const states = (s: string) => rows.filter((r) => r.state === s);
  const failedWithoutAudit = states("FAILED").filter((r) =>
    r.releaseOf !== null
      ? !audit.some((a) => a.action === "disclosure.delivery_failed" && a.subject === `request:${r.releaseOf}` && a.details.includes('"finalAttempt":true'))
      : !audit.some((a) => a.action === "message.failed" && a.subject === `outbox:${r.id}`),
  );
  add("messages written", rows.length);
  add("… sent", states("SENT").length);
  add("… given up, with an audit entry", states("FAILED").length - failedWithoutAudit.length);
  add("… given up without an audit entry", failedWithoutAudit.length, 0);
  add(`… still unsent after the drain (stuck; waited ${facts.drain.seconds.toFixed(1)} s of at most ${facts.drain.limitSeconds} s)`, states("PENDING").length, 0);
  add("attempts recorded in doubt (message.in_doubt, delivery_failed inDoubt; a kill records none)", auditCount("message.in_doubt") + audit.filter((a) => a.action === "disclosure.delivery_failed" && a.details.includes('"inDoubt":true')).length);
  add("… found delivered, not sent again (message.reconciled)", auditCount("message.reconciled"));
  add("… not found, sent again (message.resent)", auditCount("message.resent"));

  section("audit, Slack's rules, operators");
  add("ciic audit verify (exit code)", facts.auditVerify.code, 0);
  add("… says", (facts.auditVerify.stdout || facts.auditVerify.stderr).trim().split("\n")[0].slice(0, 90));
  add("calls breaking Slack's rules (fake Slack's checks)", fake.violations.length, 0);
  add("calls inside a Retry-After the instance was given", facts.fronts.violations.length, 0);
  const logs = facts.instances.flatMap((i) => i.logLines());
  const outboxWarnings = logs.filter((l) => l.level === 40 && typeof l.msg === "string" && l.msg.startsWith("outbox: ") && l.msg.includes("rate limited"));
  const warned = (field: string) => outboxWarnings.reduce((n, l) => n + Number((l.outbox as Record<string, number> | undefined)?.[field] ?? 0), 0);
  add("operators' log: outbox warnings (429s / 5xx / failed counted in them)", `${outboxWarnings.length} (${warned("rateLimited")} / ${warned("serverErrors")} / ${warned("failed")})`);
  add("operators' log: commands refused, the database did not answer or had no room", logs.filter((l) => l.level === 40 && String(l.msg).startsWith("command not carried out")).length);
  add("operators' log: errors (level 50+)", logs.filter((l) => l.level >= 50).length);
  const stops = [...facts.chaos.sigterms, ...facts.stops.filter((s) => s !== undefined)];
  add(
    "SIGTERM (at random moments and at the end): stopped with code 0 within 10 s",
    `${stops.filter((s) => s.code === 0 && s.ms <= 10_000).length} of ${stops.length}`,
    `${stops.length} of ${stops.length}`,
  );
  add("… the slowest stop (s)", (Math.max(0, ...stops.map((s) => s.ms)) / 1000).toFixed(1));

  const problems = counts.filter((c) => c.must !== undefined && String(c.value) !== String(c.must)).map((c) => `${c.what}: ${c.value}, must be ${c.must}`);
  if (fake.violations.length) problems.push(`fake Slack: ${fake.violations.slice(0, 5).join(" | ")}`);
  if (facts.fronts.violations.length) problems.push(`Retry-After: ${facts.fronts.violations.slice(0, 5).join(" | ")}`);
  if (lost.length) problems.push(`lost clicks: ${lost.slice(0, 5).map((c) => `${c.id} (ask ${c.ask} by ${c.by} on ${c.instance}: ${cell.answersTo(c.id)[0] ?? "no answer"})`).join(" | ")}`);
  return { counts, problems };
}

/** The counts as a table, with a mark where a count is not what it must be. */
export function table(counts: Count[]): string {
  const width = Math.max(...counts.map((c) => c.what.length));
  const valueWidth = Math.max(...counts.map((c) => (c.must === undefined ? 0 : String(c.value).length)));
  return counts
    .map((c) => {
      if (c.what.startsWith("— ")) return `\n${c.what.slice(2).toUpperCase()}`;
      const bad = c.must !== undefined && String(c.value) !== String(c.must);
      const must = c.must === undefined ? "" : bad ? `  ✗ must be ${c.must}` : "  ✓";
      return `  ${c.what.padEnd(width)}  ${String(c.value).padEnd(valueWidth)}${must}`;
    })
    .join("\n");
}

/** Prints the table and keeps it in test-artifacts/faults/, with the processes' logs when the run failed. */
export function report(scenario: string, seed: number, counts: Count[], problems: string[], instances: readonly BotInstance[], timeline: string[]): string {
  const text = `Fault suite — ${scenario}, seed ${seed}\n\nWHAT HAPPENED\n${timeline.join("\n")}\n${table(counts)}\n${problems.length ? `\nPROBLEMS\n${problems.map((p) => `  ${p}`).join("\n")}\n` : ""}`;
  const dir = "test-artifacts/faults";
  mkdirSync(dir, { recursive: true });
  const name = `${scenario.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}-${seed}`;
  writeFileSync(`${dir}/${name}.txt`, text);
  // The processes' logs, for a look at what the bot said (kept for the last run of each seed).
  {
    for (const instance of instances) {
      writeFileSync(`${dir}/${name}-instance-${instance.name}.log`, instance.processes.map((p, i) => `=== process ${i + 1} (${p.signal() ?? "running or exited"})\n${p.stdout.join("\n")}\n${p.stderr.join("\n")}`).join("\n"));
    }
  }
  console.log(text);
  return text;
}
