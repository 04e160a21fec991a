import { steeringGroup } from "../guard/audience.js";
import { guardText } from "../guard/guard.js";
import { findUnsafeCharacter } from "../indicators/unsafe-characters.js";
import type { CommandContext } from "../use-cases/context.js";
import { formatTime, message, refusal, type Reply } from "../views/message.js";
import { addDays, cellDay, isCalendarDay, longDay, quarterOf } from "./calendar.js";

const NOTE_LIMIT = 500;

/**
 * `/ciic meeting <YYYY-MM-DD> [note]`: a steering group member records that the group met
 * (Art 9: at least four times a year). A recorded meeting in a quarter stops that quarter's
 * reminder. Only a day that has come: a meeting is recorded once it was held.
 */
export async function recordMeeting(ctx: CommandContext, input: { date: string; note: string }): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const refuse = async (code: string, text: string) => {
    await tx.audit.append([{ action: "steering.meeting_refused", actor: member.id, details: { code, reason: text } }], now);
    return refusal(code, `Nothing was recorded: ${text}`);
  };
  const date = input.date.trim();
  const note = input.note.trim();
  if (!isCalendarDay(date)) {
    const shown = date === "" ? "no date" : `\`${date.slice(0, 30)}\``;
    return refuse("meeting.bad_date", `${shown} is not a day; give the day the steering group met as YYYY-MM-DD, e.g. \`/ciic meeting ${cellDay(now)} quarterly meeting\`.`);
  }
  const today = cellDay(now);
  if (date > today) return refuse("meeting.future", `${date} has not come yet; record a meeting once it has been held.`);
  if (date < directory.covenant.effective) {
    return refuse("meeting.before_covenant", `${date} is before the covenant took effect (${directory.covenant.effective}, Art 15).`);
  }
  if (note.length > NOTE_LIMIT) return refuse("meeting.note_too_long", `the note has ${note.length} characters; keep it to ${NOTE_LIMIT}.`);
  const unsafe = note ? findUnsafeCharacter(note.replace(/[\r\n\t]/g, " ")) : undefined;
  if (unsafe) return refuse("meeting.note_unsafe", `the note holds an invisible or control character (${unsafe}); retype it.`);
  // The steering group sees counts, never a party's data (Art 9, 7.2).
  const guarded = await guardText(tx, member, { what: "the note", text: note, audience: steeringGroup() });
  if (!guarded.ok) return refuse("meeting.note_names_data", `${guarded.problem}.`);
  const [earlier] = await tx.steering.meetingsBetween(date, addDays(date, 1));
  if (earlier) {
    return refuse("meeting.already_recorded", `a meeting on ${date} is already recorded, by ${earlier.recordedByName} at ${formatTime(earlier.recordedAt)}.`);
  }
  const meeting = await tx.steering.recordMeeting({ date, note: note ? guarded.text : null, recordedById: member.id, recordedByName: member.name, recordedAt: now });
  const quarter = quarterOf(date);
  const inQuarter = await tx.steering.meetingsBetween(quarter.from, quarter.to);
  const year = date.slice(0, 4);
  const inYear = await tx.steering.meetingsBetween(`${year}-01-01`, `${Number(year) + 1}-01-01`);
  await tx.audit.append([{ action: "steering.meeting_recorded", actor: member.id, subject: `meeting:${meeting.id}`, details: { date, note: meeting.note } }], now);
  return message(`Recorded: the steering group met on ${longDay(date)}.`, [
    { kind: "paragraph", content: [`Recorded: the steering group met on ${longDay(date)}${meeting.note ? ` (${meeting.note})` : ""}.`] },
    {
      kind: "paragraph",
      content: [
        `Meetings recorded in ${quarter.label}: ${inQuarter.length}; in ${year}: ${inYear.length}. The covenant asks for at least four a year (Art 9). `,
        "A quarter with a recorded meeting gets no reminder.",
      ],
    },
  ]);
}

