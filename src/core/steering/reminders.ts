import { textsOf } from "../disclosure/notify.js";
import { PLATFORMS } from "../directory/types.js";
import type { Translator } from "../i18n/translator.js";
import type { Destination, OutboundMessage } from "../outbox/outbound.js";
import type { Clock, Store } from "../ports.js";
import type { MessageView } from "../views/message.js";
import { addDays, cellDay, longDay, nextEvaluation, quarterOf } from "./calendar.js";

/** Reminders go out this many days before an evaluation is due or a quarter ends. */
export const REMINDER_LEAD_DAYS = 14;


/**
 * The steering group's reminders (Art 9), run by the deadline scheduler with the rest of the
 * time-based work:
 * - an evaluation is due six months after the covenant took effect and every year after that:
 *   the steering channel hears of it two weeks before;
 * - the group meets at least four times a year: two weeks before a quarter ends without a
 *   recorded meeting (`/ciic meeting`), the channel is reminded.
 * Each reminder goes out at most once: its key is claimed by a conditional write in the same
 * transaction as its message, so two bot instances never both send it. Without a steering
 * channel in the directory (`channels.steering`) nothing is sent, and nothing claimed.
 */
export async function runSteeringReminders(deps: { store: Store; clock: Clock }): Promise<{ evaluations: number; meetings: number }> {
  const { store, clock } = deps;
  const sent = { evaluations: 0, meetings: 0 };
  const record = await store.directory.current();
  const channel = channelOf(record?.directory.channels?.steering);
  if (!record || channel.length === 0) return sent;
  const today = cellDay(clock.now());
  const { effective } = record.directory.covenant;
  // The channel reads the directory's language.
  const t = textsOf(undefined, record.directory);

  const evaluation = nextEvaluation(effective, today);
  if (today >= addDays(evaluation, -REMINDER_LEAD_DAYS)) {
    if (await remind(deps, `evaluation:${evaluation}`, channel, () => evaluationView(t, evaluation, effective))) sent.evaluations++;
  }

  const quarter = quarterOf(today);
  const lastDay = addDays(quarter.to, -1);
  if (today >= addDays(quarter.to, -REMINDER_LEAD_DAYS) && (await store.steering.meetingsBetween(quarter.from, quarter.to)).length === 0) {
    const year = quarter.from.slice(0, 4);
    const view = async () => {
      const inYear = await store.steering.meetingsBetween(`${year}-01-01`, `${Number(year) + 1}-01-01`);
      return meetingView(t, quarter.label, lastDay, inYear.length, year);
    };
    if (await remind(deps, `meeting:${quarter.label}`, channel, view, quarter)) sent.meetings++;
  }
  return sent;
}

function channelOf(steering: Partial<Record<(typeof PLATFORMS)[number], string>> | undefined): Destination[] {
  return PLATFORMS.flatMap((platform) => (steering?.[platform] ? [{ platform, kind: "channel" as const, id: steering[platform]! }] : []));
}

/** Sends one reminder, once. For a meeting reminder, a meeting recorded meanwhile stops it. */
async function remind(
  deps: { store: Store; clock: Clock },
  key: string,
  channel: Destination[],
  view: () => MessageView | Promise<MessageView>,
  quarter?: { from: string; to: string },
): Promise<boolean> {
  return deps.store.transaction(async (tx) => {
    // The head's lock first, as every appending transaction takes it: instances queue here.
    await tx.audit.holdHead();
    const now = deps.clock.now();
    if (quarter && (await tx.steering.meetingsBetween(quarter.from, quarter.to)).length > 0) return false;
    if (!(await tx.steering.claimReminder(key, now))) return false;
    const shown = await view();
    const outbound: OutboundMessage[] = channel.map((to) => ({ kind: "post", to, view: shown }));
    await tx.outbox.enqueue(outbound, now);
    await tx.audit.append([{ action: "steering.reminded", actor: null, subject: key, details: { channels: channel.map((c) => `${c.platform}:${c.id}`) } }], now);
    return true;
  });
}

function evaluationView(t: Translator, due: string, effective: string): MessageView {
  const day = (d: string) => longDay(d, t.language);
  return {
    summary: t.text("steering.remind.evaluation_summary", { due: day(due) }),
    blocks: [
      { kind: "heading", text: t.text("steering.remind.evaluation_heading") },
      { kind: "paragraph", content: [t.text("steering.remind.evaluation", { due: day(due), effective: day(effective) })] },
      {
        kind: "paragraph",
        content: t.inline("steering.remind.evaluation_figures", { year: due.slice(0, 4), quarter: quarterOf(addDays(quarterOf(due).from, -1)).label }),
      },
    ],
    language: t.language,
  };
}

function meetingView(t: Translator, quarter: string, lastDay: string, inYear: number, year: string): MessageView {
  const last = longDay(lastDay, t.language);
  return {
    summary: t.text("steering.remind.meeting_summary", { quarter, last }),
    blocks: [
      { kind: "heading", text: t.text("steering.remind.meeting_heading") },
      { kind: "paragraph", content: [t.text("steering.remind.meeting", { quarter, last, inYear, year })] },
      { kind: "paragraph", content: t.inline("steering.remind.meeting_record") },
    ],
    language: t.language,
  };
}
