import { describe, expect, it } from "vitest";
import { COMMANDS, commandSpec, type CommandName } from "../../src/core/access/commands.js";
import { authorise, mayCompareAcrossParties, mayGive, screeningStatus, type AccessContext } from "../../src/core/access/policy.js";
import { PARTY_CODES, type Organisation } from "../../src/core/covenant/parties.js";
import { ROLES, type Member, type Role } from "../../src/core/directory/types.js";

const NOW = new Date("2026-03-10T12:00:00Z");
const ctx: AccessContext = { now: NOW, screeningValidityYears: 5 };

let serial = 0;
function person(party: Organisation, roles: Role[], overrides: Partial<Member> = {}): Member {
  serial++;
  return {
    id: `slack:U0TEST${serial}`,
    name: `Test member ${serial}`,
    party,
    roles,
    accounts: { slack: `U0TEST${serial}` },
    screening: "2024-03-01",
    designation: "Aangewezen",
    ...overrides,
  };
}

const analyst = (party: Organisation = "AIVD") => person(party, ["analyst"]);

describe("authorise: who is in the cell (Art 4.1)", () => {
  it("refuses someone who is not in the directory (access.unknown_user, Art 4.1)", () => {
    for (const command of ["help", "submit", "lookup", "correct"] as const) {
      const refusal = authorise(undefined, command, ctx);
      expect(refusal).toMatchObject({ ok: false, code: "access.unknown_user" });
      expect(refusal!.message).toContain("Art 4.1");
    }
  });

  it("allows help to every member, whatever the role", () => {
    for (const role of ROLES) expect(authorise(person("AIVD", [role]), "help", ctx)).toBeUndefined();
  });
});

describe("authorise and screeningStatus: A-level screening before cell work (Art 4.6)", () => {
  it("refuses a member with no recorded screening (access.not_screened, Art 4.6)", () => {
    const member = person("AIVD", ["analyst"], { screening: undefined });
    for (const command of ["submit", "lookup", "correct"] as const) {
      expect(authorise(member, command, ctx)).toMatchObject({ ok: false, code: "access.not_screened" });
    }
    expect(screeningStatus(member, NOW, 5)).toMatchObject({ valid: false, code: "access.not_screened" });
  });

  it("refuses a member whose screening date lies in the future (access.screening_pending, Art 4.6)", () => {
    const member = person("Politie", ["analyst"], { screening: "2026-03-11" });
    const refusal = authorise(member, "lookup", ctx);
    expect(refusal).toMatchObject({ ok: false, code: "access.screening_pending" });
    expect(refusal!.message).toContain("2026-03-11");
  });

  it("admits a member from the first moment of the screening day (Art 4.6)", () => {
    const member = person("Politie", ["analyst"], { screening: "2026-03-11" });
    expect(screeningStatus(member, new Date("2026-03-10T23:59:59.999Z"), 5)).toMatchObject({ valid: false, code: "access.screening_pending" });
    expect(screeningStatus(member, new Date("2026-03-11T00:00:00Z"), 5)).toEqual({ valid: true, until: "2031-03-11" });
  });

  it("refuses a member whose screening is older than screeningValidityYears (access.screening_expired, Art 4.6)", () => {
    const member = person("NCSC", ["analyst"], { screening: "2020-01-15" });
    const refusal = authorise(member, "lookup", ctx);
    expect(refusal).toMatchObject({ ok: false, code: "access.screening_expired" });
    expect(refusal!.message).toContain("2025-01-15");
  });

  it("expires a screening exactly on its anniversary: valid the day before, expired that day (Art 4.6)", () => {
    const member = person("NCSC", ["analyst"], { screening: "2021-03-10" });
    expect(screeningStatus(member, new Date("2026-03-09T23:59:59.999Z"), 5)).toEqual({ valid: true, until: "2026-03-10" });
    const expired = screeningStatus(member, new Date("2026-03-10T00:00:00Z"), 5);
    expect(expired).toMatchObject({ valid: false, code: "access.screening_expired" });
    if (!expired.valid) expect(expired.message).toContain("expired on 2026-03-10");
    expect(authorise(member, "lookup", { now: new Date("2026-03-09T12:00:00Z"), screeningValidityYears: 5 })).toBeUndefined();
    expect(authorise(member, "lookup", { now: new Date("2026-03-10T12:00:00Z"), screeningValidityYears: 5 })).toMatchObject({
      code: "access.screening_expired",
    });
  });

  it("uses the directory's screeningValidityYears, not a fixed term (Art 4.6)", () => {
    const member = person("MIVD", ["analyst"], { screening: "2023-06-01" });
    expect(authorise(member, "lookup", { now: NOW, screeningValidityYears: 5 })).toBeUndefined();
    expect(authorise(member, "lookup", { now: NOW, screeningValidityYears: 2 })).toMatchObject({ code: "access.screening_expired" });
    expect(screeningStatus(member, NOW, 3)).toEqual({ valid: true, until: "2026-06-01" });
  });

  it("allows help without a screening: help reveals none of the cell's data", () => {
    for (const screening of [undefined, "2030-01-01", "2001-01-01"]) {
      expect(authorise(person("AIVD", ["analyst"], { screening }), "help", ctx)).toBeUndefined();
    }
  });
});

describe("authorise: submitting data (Art 5.1)", () => {
  it("refuses submit and correct for the NCTV, which supplies no data (Art 5.1), even with analyst-like roles", () => {
    // The directory would refuse an NCTV analyst (Art 4.1); the policy must hold on its own.
    const member = person("NCTV", ["analyst", "liaison"]);
    for (const command of ["submit", "correct"] as const) {
      const refusal = authorise(member, command, ctx);
      expect(refusal).toMatchObject({ ok: false, code: "access.party_does_not_supply" });
      expect(refusal!.message).toContain("Art 5.1");
    }
  });

  it("allows submit and correct for an OM liaison: the OM supplies data (Art 5.1)", () => {
    const member = person("OM", ["liaison"], { designation: undefined });
    expect(authorise(member, "submit", ctx)).toBeUndefined();
    expect(authorise(member, "correct", ctx)).toBeUndefined();
  });

  it("allows submit for analysts and liaisons of every supplying party (Art 5.1)", () => {
    for (const party of ["AIVD", "MIVD", "Politie", "NCSC", "OM"] as const) {
      expect(authorise(person(party, ["liaison"]), "submit", ctx), party).toBeUndefined();
      if (party !== "OM") expect(authorise(analyst(party), "submit", ctx), party).toBeUndefined();
    }
  });

  it("refuses submit for roles that do not supply, e.g. steering or auditor (access.role_missing, Art 5.1)", () => {
    for (const roles of [["steering"], ["auditor"], ["coordinator"], ["deputy"], ["admin"]] as Role[][]) {
      const refusal = authorise(person("AIVD", roles), "submit", ctx);
      expect(refusal, roles.join()).toMatchObject({ ok: false, code: "access.role_missing" });
      expect(refusal!.message).toContain("Art 5.1");
    }
  });

  it("refuses submit for the CTIVD, which is no party to the covenant (Art 5.1)", () => {
    const refusal = authorise(person("CTIVD", ["auditor"]), "submit", ctx);
    expect(refusal?.ok).toBe(false);
  });
});

describe("authorise: looking up indicators (Art 6.1)", () => {
  it("allows lookup for analysts and auditors (Art 6.1)", () => {
    expect(authorise(analyst("AIVD"), "lookup", ctx)).toBeUndefined();
    expect(authorise(person("CTIVD", ["auditor"]), "lookup", ctx)).toBeUndefined();
  });

  it("refuses lookup for liaisons and the steering group (access.role_missing, Art 6.1)", () => {
    for (const roles of [["liaison"], ["steering"], ["liaison", "steering", "deputy"]] as Role[][]) {
      const refusal = authorise(person("OM", roles), "lookup", ctx);
      expect(refusal, roles.join()).toMatchObject({ ok: false, code: "access.role_missing" });
      expect(refusal!.message).toContain("Art 6.1");
      expect(refusal!.message).toContain("/ciic lookup");
    }
  });
});

describe("mayCompareAcrossParties (Art 6.1)", () => {
  it("lets cell analysts and auditors see that another party supplied the same indicator", () => {
    expect(mayCompareAcrossParties(analyst("MIVD"))).toBe(true);
    expect(mayCompareAcrossParties(person("CTIVD", ["auditor"]))).toBe(true);
    expect(mayCompareAcrossParties(person("Politie", ["liaison", "analyst"]))).toBe(true);
  });

  it("keeps it from everyone else (Art 6.1, Art 7.2)", () => {
    for (const role of ["liaison", "deputy", "coordinator", "steering", "admin"] as const) {
      expect(mayCompareAcrossParties(person("AIVD", [role])), role).toBe(false);
    }
    expect(mayCompareAcrossParties(person("OM", ["liaison", "coordinator"]))).toBe(false);
  });
});

describe("refusal messages", () => {
  const cases: [string, ReturnType<typeof authorise>][] = [
    ["unknown user asks for lookup (Art 4.1)", authorise(undefined, "lookup", ctx)],
    ["unscreened analyst asks for lookup (Art 4.6)", authorise(person("AIVD", ["analyst"], { screening: undefined }), "lookup", ctx)],
    ["analyst screened next year asks for lookup (Art 4.6)", authorise(person("AIVD", ["analyst"], { screening: "2027-01-01" }), "lookup", ctx)],
    ["analyst screened in 2019 asks for lookup (Art 4.6)", authorise(person("AIVD", ["analyst"], { screening: "2019-01-01" }), "lookup", ctx)],
    ["NCTV member asks to submit (Art 5.1)", authorise(person("NCTV", ["analyst"]), "submit", ctx)],
    ["OM liaison asks for lookup (Art 6.1)", authorise(person("OM", ["liaison"]), "lookup", ctx)],
    ["MIVD steering member asks to submit (Art 5.1)", authorise(person("MIVD", ["steering"]), "submit", ctx)],
  ];
  const refusals = cases.map(([, r]) => r);
  const table = cases.map(([label, r]) => [label, r!.code, r!.message] as const);

  it("covers every refusal code", () => {
    expect(refusals.map((r) => r?.code)).toEqual([
      "access.unknown_user",
      "access.not_screened",
      "access.screening_pending",
      "access.screening_expired",
      "access.party_does_not_supply",
      "access.role_missing",
      "access.role_missing",
    ]);
  });

  it.each(table)("%s: %s is written as sentences that name the article", (_label, _code, message) => {
    expect(message).toMatch(/^[A-Z`]/);
    expect(message).toMatch(/\.$/);
    expect(message).toMatch(/Art \d+(\.\d+)?/);
  });

  it.each(table)("%s: %s mentions no party's data (Art 7.2)", (_label, _code, message) => {
    expect(message).not.toMatch(/\bI-\d+/); // no item ids
    expect(message).not.toMatch(/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/); // no indicator values
    expect(message).not.toMatch(/\b(supplied|submitted) by\b/i);
    // Only the asking member's own party may be named; never another party.
    const named = PARTY_CODES.filter((p) => new RegExp(`\\b${p}\\b`).test(message));
    expect(named.length).toBeLessThanOrEqual(1);
  });

  it.each(table)("%s: %s says what to do next", (_label, _code, message) => {
    expect(message).toMatch(/\b(ask|contact|you can|type|use|wait)\b/i);
  });
});

describe("the command table", () => {
  const names = COMMANDS.map((c) => c.name);

  it("lists each command once, with usage starting with /ciic <name>", () => {
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(["agree", "amend", "analysis", "comms", "consult", "correct", "covenant", "decide", "disclose", "export", "help", "import", "lookup", "meeting", "notice", "oversight", "report", "requests", "review", "revoke", "submit", "withdraw"]);
    for (const c of COMMANDS) {
      // Consent decisions are given with buttons, not typed.
      if (!c.button) expect(c.usage.startsWith(`/ciic ${c.name}`), c.name).toBe(true);
      expect(c.summary.length, c.name).toBeGreaterThan(0);
      expect(c.article, c.name).toMatch(/^Art \d+(\.\d+)?$/);
      expect(commandSpec(c.name)).toBe(c);
    }
  });

  it("offers help to every role and without a screening (Art 4.1)", () => {
    expect([...commandSpec("help").roles].sort()).toEqual([...ROLES].sort());
    expect(commandSpec("help").withoutScreening).toBe(true);
  });

  it("requires a screening for every command but help (Art 4.6)", () => {
    for (const c of COMMANDS.filter((c) => c.name !== "help")) expect(c.withoutScreening, c.name).toBeFalsy();
  });

  it("keeps submit and correct to analysts and liaisons of supplying parties (Art 5.1, Art 5.3)", () => {
    expect(commandSpec("submit")).toMatchObject({ supplyingPartyOnly: true, article: "Art 5.1" });
    expect([...commandSpec("submit").roles].sort()).toEqual(["analyst", "liaison"]);
    expect(commandSpec("correct")).toMatchObject({ supplyingPartyOnly: true, article: "Art 5.3" });
    expect([...commandSpec("correct").roles].sort()).toEqual(["analyst", "liaison"]);
  });

  it("keeps lookup to analysts and auditors, of any party (Art 6.1)", () => {
    expect(commandSpec("lookup")).toMatchObject({ article: "Art 6.1" });
    expect(commandSpec("lookup").supplyingPartyOnly).toBeFalsy();
    expect([...commandSpec("lookup").roles].sort()).toEqual(["analyst", "auditor"]);
  });

  it("agrees with authorise for every party, role and command: the table is what the policy enforces", () => {
    const organisations: Organisation[] = [...PARTY_CODES, "CTIVD"];
    for (const party of organisations) {
      for (const role of ROLES) {
        for (const name of names as CommandName[]) {
          const spec = commandSpec(name);
          const expected =
            spec.roles.includes(role) && (!spec.supplyingPartyOnly || (party !== "NCTV" && party !== "CTIVD"));
          const refusal = authorise(person(party, [role]), name, ctx);
          expect(refusal === undefined, `${party} ${role} ${name}`).toBe(expected);
        }
      }
    }
  });

  it("mayGive (what help lists) decides as authorise does, for every party, role, screening, withdrawal and command", () => {
    const organisations: Organisation[] = [...PARTY_CODES, "CTIVD"];
    const screenings = ["2024-03-01", "2019-01-01", "2027-01-01", undefined];
    const contexts: AccessContext[] = [ctx, { ...ctx, withdrawn: new Map([["MIVD", new Date("2026-01-01T00:00:00Z")]]) }];
    for (const party of organisations) {
      for (const roles of [...ROLES.map((r) => [r]), [...ROLES]] as Role[][]) {
        for (const screening of screenings) {
          const member = person(party, roles, { screening });
          for (const context of contexts) {
            for (const name of names as CommandName[]) {
              expect(mayGive(member, name, context), `${party} ${roles.join("+")} ${screening} ${name}`).toBe(authorise(member, name, context) === undefined);
            }
          }
        }
      }
    }
    expect(mayGive(undefined, "help", ctx)).toBe(false);
  });
});
