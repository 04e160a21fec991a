import { steeringGroup } from "../guard/audience.js";
import { guardText } from "../guard/guard.js";
import { findUnsafeCharacter } from "../indicators/unsafe-characters.js";
import type { CommandContext } from "../use-cases/context.js";
import { message, refusal, type Reply } from "../views/message.js";
import { addDays, cellDay, isCalendarDay, longDay, quarterOf } from "./calendar.js";

const NOTE_LIMIT = 500;

/**
 * `/ciic meeting <YYYY-MM-DD> [note]`: a steering group member records that the group met
 * (Art 9: at least four times a year). A recorded meeting in a quarter stops that quarter's
 * reminder. Only a day that has come: a meeting is recorded once it was held.
 */
export async function recordMeeting(ctx: CommandContext, input: { date: string; note: string }): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const refuse = async (code: string, text: string) => {
    await tx.audit.append([{ action: "steering.meeting_refused", actor: member.id, details: { code, reason: text } }], now);
    return refusal(code, t.text("steering.meeting.refused", { problem: text }));
  };
  const date = input.date.trim();
  const note = input.note.trim();
  if (!isCalendarDay(date)) {
    const shown = date === "" ? t.text("steering.meeting.no_date") : `\`${date.slice(0, 30)}\``;
    return refuse("meeting.bad_date", t.text("steering.meeting.bad_date", { shown, today: cellDay(now) }));
  }
  const today = cellDay(now);
  if (date > today) return refuse("meeting.future", t.text("steering.meeting.future", { date }));
  if (date < directory.covenant.effective) {
    return refuse("meeting.before_covenant", t.text("steering.meeting.before_covenant", { date, effective: directory.covenant.effective }));
  }
  if (note.length > NOTE_LIMIT) return refuse("meeting.note_too_long", t.text("steering.meeting.note_too_long", { length: note.length, max: NOTE_LIMIT }));
  const unsafe = note ? findUnsafeCharacter(note.replace(/[\r\n\t]/g, " ")) : undefined;
  if (unsafe) return refuse("meeting.note_unsafe", t.text("steering.meeting.note_unsafe", { character: unsafe }));
  // The steering group sees counts, never a party's data (Art 9, 7.2).
  const guarded = await guardText(tx, member, { what: t.text("guard.what.note"), text: note, audience: steeringGroup() }, t);
  if (!guarded.ok) return refuse("meeting.note_names_data", t.text("steering.meeting.problem", { problem: guarded.problem }));
  const [earlier] = await tx.steering.meetingsBetween(date, addDays(date, 1));
  if (earlier) {
    return refuse("meeting.already_recorded", t.text("steering.meeting.already_recorded", { date, name: earlier.recordedByName, time: t.time(earlier.recordedAt) }));
  }
  const meeting = await tx.steering.recordMeeting({ date, note: note ? guarded.text : null, recordedById: member.id, recordedByName: member.name, recordedAt: now });
  const quarter = quarterOf(date);
  const inQuarter = await tx.steering.meetingsBetween(quarter.from, quarter.to);
  const year = date.slice(0, 4);
  const inYear = await tx.steering.meetingsBetween(`${year}-01-01`, `${Number(year) + 1}-01-01`);
  await tx.audit.append([{ action: "steering.meeting_recorded", actor: member.id, subject: `meeting:${meeting.id}`, details: { date, note: meeting.note } }], now);
  const day = longDay(date, t.language);
  return message(t.text("steering.meeting.recorded_summary", { day }), [
    { kind: "paragraph", content: [meeting.note ? t.text("steering.meeting.recorded_note", { day, note: meeting.note }) : t.text("steering.meeting.recorded_summary", { day })] },
    { kind: "paragraph", content: [t.text("steering.meeting.counts", { quarter: quarter.label, inQuarter: inQuarter.length, year, inYear: inYear.length })] },
  ]);
}
