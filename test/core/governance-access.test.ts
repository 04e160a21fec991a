import { describe, expect, it } from "vitest";
import { COMMANDS, commandSpec, type CommandName } from "../../src/core/access/commands.js";
import { authorise } from "../../src/core/access/policy.js";
import { createCommandService } from "../../src/core/command-service.js";
import { parseCommandText, type Command } from "../../src/core/commands/command.js";
import { parseDirectory } from "../../src/core/directory/parse-directory.js";
import type { Role } from "../../src/core/directory/types.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { details, entriesWith, refusalCode, textOf } from "../support/reply-text.js";
import { testStores } from "../support/test-store.js";
import { testClock } from "../support/test-clock.js";

/** Real stores (SQLite), each closed after its test. */
const newStore = testStores();

/**
 * Who may use the steering group's and the oversight committee's commands (Art 9; Wiv 2017),
 * and that an auditor changes nothing. One member per role, each refusal shown and logged.
 */
const PERSONAS: { role: Role; slack: string; party: string; extra?: string }[] = [
  { role: "analyst", slack: "U0ANALYST", party: "AIVD", extra: '    designation: "Aangewezen door DG AIVD"\n' },
  { role: "liaison", slack: "U0LIAISON", party: "AIVD" },
  { role: "deputy", slack: "U0DEPUTY1", party: "AIVD" },
  { role: "coordinator", slack: "U0COORD01", party: "NCTV" },
  { role: "steering", slack: "U0STEER01", party: "NCSC" },
  { role: "auditor", slack: "U0AUDIT01", party: "CTIVD" },
  { role: "admin", slack: "U0ADMIN01", party: "AIVD" },
];
const DIRECTORY = `covenant:
  effective: 2020-05-28
recipients:
  - id: ncsc-ops
    name: NCSC operations centre
    kind: party
    party: NCSC
    slack: C0NCSCOPS
language: en
members:
${PERSONAS.map((p) => `  - slack: ${p.slack}\n    name: The ${p.role}\n    party: ${p.party}\n    roles: [${p.role}]\n    screening: 2024-01-01\n${p.extra ?? ""}`).join("")}`;

const TRIES: Partial<Record<CommandName, string>> = { report: "report 2026-Q3", meeting: "meeting 2026-11-02", oversight: "oversight export" };
/** How a refusal names each command. */
const SHOWN: Partial<Record<CommandName, string>> = { report: "/ciic report", meeting: "/ciic meeting", oversight: "/ciic oversight export" };

async function cell() {
  const store = await newStore();
  const clock = testClock("2026-11-30T09:00:00Z");
  expect(await loadDirectory({ store, clock }, { text: DIRECTORY, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
  const service = createCommandService({ store, clock });
  let serial = 0;
  const as = (slack: string, command: Command, text: string) => service.handle({ platform: "slack", userId: slack, requestKey: `slack:command:A${++serial}`, command, text });
  return { store, as };
}

describe("the steering group's and the auditor's commands", () => {
  it("are in the access table with the article they come from", () => {
    expect(commandSpec("report")).toMatchObject({ roles: ["steering", "auditor"], article: "Art 9" });
    expect(commandSpec("meeting")).toMatchObject({ roles: ["steering"], article: "Art 9" });
    expect(commandSpec("oversight")).toMatchObject({ roles: ["auditor"], article: "Art 3" });
  });

  it("are refused to every member whose roles do not allow them, with the reason, logged, and with nothing sent", async () => {
    const { store, as } = await cell();
    for (const name of ["report", "meeting", "oversight"] as const) {
      const spec = commandSpec(name);
      for (const persona of PERSONAS.filter((p) => !spec.roles.includes(p.role))) {
        const reply = await as(persona.slack, parseCommandText(TRIES[name]!), TRIES[name]!);
        expect(refusalCode(reply), `${persona.role} ${name}`).toBe("access.role_missing");
        expect(textOf(reply), `${persona.role} ${name}`).toContain(`\`${SHOWN[name]}\` is for ${spec.roles.join(" or ")} (covenant ${spec.article}); your roles are ${persona.role}.`);
        const refused = (await entriesWith(store, "access.refused")).at(-1)!;
        expect(refused).toMatchObject({ actor: `slack:${persona.slack}`, subject: `command:${name}` });
        expect(details(refused)).toEqual({ code: "access.role_missing" });
      }
    }
    expect(store.tables().outbox).toEqual([]);
    expect(await entriesWith(store, "steering.reported")).toEqual([]);
    expect(await entriesWith(store, "steering.meeting_recorded")).toEqual([]);
    expect(await entriesWith(store, "oversight.exported")).toEqual([]);
  });

  it("are listed in help only for those who may use them", async () => {
    const { as } = await cell();
    for (const persona of PERSONAS) {
      const help = textOf(await as(persona.slack, { name: "help" }, "help"));
      expect(help.includes("/ciic report [period]"), persona.role).toBe(["steering", "auditor"].includes(persona.role));
      expect(help.includes("/ciic meeting <YYYY-MM-DD> [note]"), persona.role).toBe(persona.role === "steering");
      expect(help.includes("/ciic oversight export"), persona.role).toBe(persona.role === "auditor");
    }
  });
});

describe("an auditor changes nothing (Wiv 2017: oversight reads)", () => {
  /** Commands that only read, or that only the audit log and the asker's own messages record. */
  const READ_ONLY: CommandName[] = ["help", "lookup", "covenant", "report", "oversight"];

  it("holds the auditor role only on commands that change no data", () => {
    const forAuditor = COMMANDS.filter((c) => c.roles.includes("auditor")).map((c) => c.name);
    for (const name of forAuditor) expect(READ_ONLY, `${name} is open to auditors`).toContain(name);
  });

  it("refuses the auditor every command that changes data, each logged, and the record stays as it was", async () => {
    const { store, as } = await cell();
    const before = await store.record.extent();
    const changing = COMMANDS.filter((c) => !READ_ONLY.includes(c.name));
    expect(changing.map((c) => c.name)).toEqual(expect.arrayContaining(["submit", "import", "correct", "analysis", "disclose", "withdraw", "revoke", "decide", "meeting"]));
    for (const spec of changing) {
      const command: Command = spec.name === "decide" ? { name: "decide", askId: 1, choice: { decision: "approve" } } : parseCommandText(`${spec.name} I-1 198.51.100.7`);
      if (command.name !== spec.name) {
        // Given by a button or a file upload rather than typed: the same policy decides.
        const auditor = (await store.directory.current())!.directory.members.find((m) => m.roles.includes("auditor"));
        expect(authorise(auditor, spec.name, { now: new Date("2026-11-30T09:00:00Z"), screeningValidityYears: 5 })?.code, spec.name).toBe("access.role_missing");
        continue;
      }
      const reply = await as("U0AUDIT01", command, spec.name);
      expect(refusalCode(reply), spec.name).toBe("access.role_missing");
      expect(textOf(reply), spec.name).toContain("your roles are auditor");
    }
    expect(await store.record.extent()).toEqual(before);
    expect(store.tables().outbox).toEqual([]);
  });

  it("does not let a directory give the auditor role together with another", () => {
    const parsed = parseDirectory(DIRECTORY.replace("roles: [admin]", "roles: [admin, auditor]"));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toContainEqual(
        expect.objectContaining({ path: "members[6].roles", message: expect.stringContaining("the auditor role is read-only oversight access (Wiv 2017) and cannot be combined with other roles") }),
      );
    }
  });
});
