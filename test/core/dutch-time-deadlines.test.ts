import { describe, expect, it } from "vitest";
import { formatProblems, parseDirectory } from "../../src/core/directory/parse-directory.js";
import { runDeadlines } from "../../src/core/deadlines/run-deadlines.js";
import { coreWorlds, dmsTo } from "../support/core-world.js";
import { textOf, textOfView } from "../support/reply-text.js";

/**
 * Dutch time through the core as members meet it: a disclosure's consent deadline (Art 7.2)
 * counts Dutch working days, the directory's `holidays:` changes them, reminders and
 * escalations count working hours, and every time in a message is Amsterdam's.
 */
const members = `
language: en
recipients:
  - id: ncsc-ops
    name: NCSC operations
    kind: party
    party: NCSC
    slack: C0NCSCOPS
members:
  - slack: U0AIVDAN1
    name: Anna de Vries
    party: AIVD
    roles: [analyst]
    screening: 2024-03-01
    designation: "Aangewezen door DG AIVD"
  - slack: U0AIVDLI1
    name: Bram Bakker
    party: AIVD
    roles: [liaison]
    screening: 2024-03-02
  - slack: U0AIVDDP1
    name: Dirk Visser
    party: AIVD
    roles: [deputy]
    screening: 2024-03-04
`;
const consent = (escalate = 24) => `
consent:
  deadlineWorkingDays: 5
  remindHoursBefore: 24
  escalateAfterHours: ${escalate}
`;
const ANNA = "U0AIVDAN1";
const BRAM = "U0AIVDLI1";
const DIRK = "U0AIVDDP1";

const world = coreWorlds();

async function requestAt(directory: string, start: string) {
  const w = await world(directory, start);
  await w.as(ANNA, "submit 198.51.100.7");
  const reply = await w.as(ANNA, "disclose I-1 to ncsc-ops purpose warn the sector");
  return { w, reply: textOf(reply), deadline: (await w.store.disclosures.byId(1))!.deadline };
}

describe("consent deadlines count Dutch working days (Art 7.2)", () => {
  it("lands a request across King's Day one working day later, shown in Amsterdam time", async () => {
    // Friday 24 April 2026 10:00 CEST; King's Day is Monday 27 April.
    const { reply, deadline } = await requestAt(consent() + members, "2026-04-24T08:00:00Z");
    expect(deadline.toISOString()).toBe("2026-05-04T08:00:00.000Z");
    expect(reply).toContain("Deadline 2026-05-04 10:00 CEST");
  });

  it("honours the directory's added day and dropped holiday", async () => {
    const holidays = `
holidays:
  add: [2026-04-28]          # a bridge day after King's Day
`;
    const { deadline } = await requestAt(consent() + holidays + members, "2026-04-24T08:00:00Z");
    expect(deadline.toISOString()).toBe("2026-05-05T08:00:00.000Z");
    const worked = `
holidays:
  drop: [2026-04-27]
`;
    const { deadline: earlier } = await requestAt(consent() + worked + members, "2026-04-24T08:00:00Z");
    expect(earlier.toISOString()).toBe("2026-05-01T08:00:00.000Z");
  });

  it("keeps Liberation Day 2025 by default and works on it when the directory says never", async () => {
    // Monday 28 April 2025 + 5 working days: Tue 29, Wed 30, Thu 1, Fri 2, and Monday 5 May is Liberation Day.
    const { deadline } = await requestAt(consent() + members, "2025-04-28T08:00:00Z");
    expect(deadline.toISOString()).toBe("2025-05-06T08:00:00.000Z");
    const { deadline: never } = await requestAt(consent() + "holidays:\n  liberationDay: never\n" + members, "2025-04-28T08:00:00Z");
    expect(never.toISOString()).toBe("2025-05-05T08:00:00.000Z");
  });
});

describe("reminders and escalations count working hours", () => {
  it("reminds on the Friday before a Monday deadline, not on Sunday", async () => {
    // Monday 30 November 2026 10:00 CET: the deadline is Monday 7 December 10:00 CET.
    const { w, deadline } = await requestAt(consent() + members, "2026-11-30T09:00:00Z");
    expect(deadline.toISOString()).toBe("2026-12-07T09:00:00.000Z");
    w.clock.set(new Date("2026-12-04T08:59:00Z")); // Friday 09:59 CET
    expect((await runDeadlines(w)).disclosures.reminded).toBe(0);
    w.clock.set(new Date("2026-12-04T09:00:00Z")); // Friday 10:00 CET: 24 working hours before
    expect((await runDeadlines(w)).disclosures.reminded).toBe(1);
    const reminder = dmsTo(w.store, BRAM).at(-1)!;
    expect(textOfView(reminder.view)).toContain("Reminder: R-1 expires 2026-12-07 10:00 CET.");
  });

  it("asks the deputy after 8 working hours: a Friday evening ask on Monday morning", async () => {
    // Friday 4 December 2026 20:00 CET: four hours of Friday count, the weekend none, four of Monday.
    const { w } = await requestAt(consent(8) + members, "2026-12-04T19:00:00Z");
    w.clock.set(new Date("2026-12-06T12:00:00Z")); // Sunday: 41 plain hours later, 4 working hours
    expect((await runDeadlines(w)).disclosures.escalated).toBe(0);
    w.clock.set(new Date("2026-12-07T02:59:00Z")); // Monday 03:59 CET
    expect((await runDeadlines(w)).disclosures.escalated).toBe(0);
    w.clock.set(new Date("2026-12-07T03:00:00Z")); // Monday 04:00 CET
    expect((await runDeadlines(w)).disclosures.escalated).toBe(1);
    expect(dmsTo(w.store, DIRK)).toHaveLength(1);
  });
});

describe("the directory's holidays are checked when it is loaded", () => {
  const refused = (holidays: string) => {
    const text = holidays + members;
    const parsed = parseDirectory(text);
    if (parsed.ok) throw new Error("expected the directory to be refused");
    return formatProblems("directory.yml", parsed.problems);
  };

  it("names each day that would change nothing, with its line", () => {
    const problems = refused(`
holidays:
  liberationDay: sometimes
  add:
    - 2026-05-09
    - 2026-05-14
    - 2026-02-30
  drop: [2026-05-13, 2026-05-09]
`);
    expect(problems).toEqual([
      "directory.yml:3: holidays.liberationDay: must be one of every-five-years, every-year, never",
      "directory.yml:7: holidays.add[2]: must be a date written as YYYY-MM-DD",
    ]);
    const noops = refused(`
holidays:
  add:
    - 2026-05-09
    - 2026-05-14
  drop: [2026-05-13, 2026-05-09]
`);
    expect(noops).toEqual([
      "directory.yml:4: holidays.add[0]: 2026-05-09 is a Saturday, never a working day: adding it changes nothing",
      "directory.yml:5: holidays.add[1]: 2026-05-14 is already a public holiday (Ascension Day): adding it changes nothing",
      "directory.yml:6: holidays.drop[0]: 2026-05-13 is not a public holiday the bot knows (Wednesday): there is nothing to drop",
      "directory.yml:6: holidays.drop[1]: 2026-05-09 is named more than once in holidays.add and holidays.drop",
    ]);
  });

  it("loads a directory without holidays with the Dutch calendar as it is", () => {
    const parsed = parseDirectory(members);
    expect(parsed.ok && parsed.directory.holidays).toEqual({ liberationDay: "every-five-years", add: [], drop: [] });
  });
});
