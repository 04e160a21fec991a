import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatProblems, parseDirectory, type ParsedDirectory } from "../../src/core/directory/parse-directory.js";
import type { Directory, DirectoryProblem } from "../../src/core/directory/types.js";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** Expects the file to load and returns the directory. */
function loads(text: string): Directory {
  const result = parseDirectory(text);
  if (!result.ok) {
    throw new Error(`expected the directory to load, got:\n${formatProblems("directory.yaml", result.problems).join("\n")}`);
  }
  return result.directory;
}

/** Expects the file to be refused and returns its problems. */
function refused(text: string): DirectoryProblem[] {
  const result: ParsedDirectory = parseDirectory(text);
  if (result.ok) throw new Error(`expected the directory to be refused, but it loaded ${result.directory.members.length} member(s)`);
  return result.problems;
}

/** 1-based number of the only line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const lines = text.split("\n");
  const hits = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`test is ambiguous: "${needle}" is on ${hits.length} lines`);
  return hits[0];
}

const problemAt = (path: string, line: number, message: string | RegExp) =>
  expect.objectContaining({
    path,
    line,
    message: typeof message === "string" ? expect.stringContaining(message) : expect.stringMatching(message),
  });

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const MINIMAL = `covenant:
  effective: 2020-05-28
members:
  - slack: U0AIVD001
    name: Anna de Vries
    party: AIVD
    roles: [analyst]
    screening: 2024-03-01
    designation: "Aangewezen door DG AIVD"
`;

const COMPLETE = `# Directory of the CIIC: who works in the cell, and on what basis.
covenant:
  effective: 2020-05-28
  screeningValidityYears: 3
parties:
  Politie:
    legalBasis: "Wpg art 17, aanwijzing korpschef 2024"
members:
  - slack: U0AIVD001
    name: Anna de Vries
    party: AIVD
    roles: [analyst, admin]
    screening: 2024-03-01
    designation: "Aangewezen door DG AIVD"
  - slack: U0MIVD001
    name: Bram Jansen
    party: MIVD
    roles: [analyst, liaison]
    screening: 2023-11-15
    designation: "Samenwerking AIVD-MIVD, Wiv 2017 art 86"
  - slack: U0POL0001
    id: politie-cor
    name: Cor Bakker
    party: Politie
    roles: [analyst, deputy]
    screening: 2024-01-10
    designation: "Aangewezen door de korpschef, Wiv 2017 art 91"
  - slack: U0NCSC001
    mattermost: dirk.visser
    name: Dirk Visser
    party: NCSC
    roles: [analyst, liaison]
    screening: 2022-06-30
    designation: "Gedetacheerd bij de AIVD"
  - slack: U0OM00001
    name: Eva Smit
    party: OM
    roles: [liaison, coordinator]
    screening: 2024-05-05
  - slack: U0NCTV001
    name: Frank Mulder
    party: NCTV
    roles: [coordinator, steering]
    screening: 2024-02-02
  - slack: U0CTIVD01
    name: Greet Bos
    party: CTIVD
    roles: [auditor]
    screening: 2023-09-09
`;

/** A member as YAML lines, fields in the given order. */
const member = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([key, value], i) => `${i === 0 ? "  - " : "    "}${key}: ${value}`)
    .join("\n");

// ---------------------------------------------------------------------------
// Files that load
// ---------------------------------------------------------------------------

describe("parseDirectory: files that load", () => {
  it("loads the minimal example, whose covenant date is a bare YAML date", () => {
    const directory = loads(MINIMAL);
    expect(directory.covenant).toEqual({ effective: "2020-05-28", screeningValidityYears: 5 });
    expect(directory.members).toEqual([
      {
        id: "slack:U0AIVD001",
        name: "Anna de Vries",
        party: "AIVD",
        roles: ["analyst"],
        accounts: { slack: "U0AIVD001" },
        screening: "2024-03-01",
        designation: "Aangewezen door DG AIVD",
      },
    ]);
  });

  it("reads bare dates the same when the YAML parser turns them into Date objects (YAML 1.1 timestamps)", () => {
    const directory = loads(`%YAML 1.1
---
covenant:
  effective: 2020-06-01
members:
  - slack: U0AIVD001
    name: Anna de Vries
    party: AIVD
    roles: [analyst]
    screening: 2024-03-01
    designation: "Aangewezen door DG AIVD"
`);
    expect(directory.covenant.effective).toBe("2020-06-01");
    expect(directory.members[0].screening).toBe("2024-03-01");
  });

  it("loads a complete example with all six parties, the oversight committee and a legal-basis override", () => {
    const directory = loads(COMPLETE);
    expect(directory.covenant).toEqual({ effective: "2020-05-28", screeningValidityYears: 3 });
    expect(directory.members.map((m) => m.party)).toEqual(["AIVD", "MIVD", "Politie", "NCSC", "OM", "NCTV", "CTIVD"]);
    expect(directory.members.map((m) => m.roles)).toEqual([
      ["analyst", "admin"],
      ["analyst", "liaison"],
      ["analyst", "deputy"],
      ["analyst", "liaison"],
      ["liaison", "coordinator"],
      ["coordinator", "steering"],
      ["auditor"],
    ]);
    // The override replaces only the Politie's basis; the others keep their defaults.
    expect(directory.legalBasis.Politie).toBe("Wpg art 17, aanwijzing korpschef 2024");
    expect(directory.legalBasis.AIVD).toBe("Wiv 2017");
    expect(directory.legalBasis.MIVD).toBe("Wiv 2017 art 86");
    // An explicit id wins; otherwise the first chat account names the member.
    expect(directory.members[2].id).toBe("politie-cor");
    expect(directory.members[3]).toMatchObject({
      id: "slack:U0NCSC001",
      accounts: { slack: "U0NCSC001", mattermost: "dirk.visser" },
      designation: "Gedetacheerd bij de AIVD",
    });
    // OM and NCTV members need no designation: they do not work in the cell (Art 4.1).
    expect(directory.members[4].designation).toBeUndefined();
    expect(directory.members[5].designation).toBeUndefined();
  });

  it("accepts ordinary anchors and aliases", () => {
    const directory = loads(`members:
  - slack: U0AIVD001
    name: Anna de Vries
    party: AIVD
    roles: &cellStaff [analyst]
    designation: &dg "Aangewezen door DG AIVD"
  - slack: U0AIVD002
    name: Ahmed el Amrani
    party: AIVD
    roles: *cellStaff
    designation: *dg
`);
    expect(directory.members.map((m) => [m.roles, m.designation])).toEqual([
      [["analyst"], "Aangewezen door DG AIVD"],
      [["analyst"], "Aangewezen door DG AIVD"],
    ]);
  });
});

describe("parseDirectory: defaults", () => {
  const noCovenant = `members:
  - slack: U0OM00001
    name: Eva Smit
    party: OM
    roles: [liaison]
`;

  it("takes the covenant's start from the last signature, 28 May 2020 (Art 15), when the file names none", () => {
    expect(loads(noCovenant).covenant.effective).toBe("2020-05-28");
    expect(loads(`covenant:\n  screeningValidityYears: 4\n${noCovenant}`).covenant).toEqual({
      effective: "2020-05-28",
      screeningValidityYears: 4,
    });
  });

  it("keeps an A-level screening valid for 5 years by default (Art 4.6)", () => {
    expect(loads(noCovenant).covenant.screeningValidityYears).toBe(5);
    expect(loads(`covenant:\n  effective: 2021-01-01\n${noCovenant}`).covenant.screeningValidityYears).toBe(5);
  });

  it('names a member "slack:<user id>" when the file gives no id, and "<platform>:<id>" for other platforms', () => {
    const directory = loads(`members:
  - slack: U0OM00001
    name: Eva Smit
    party: OM
    roles: [liaison]
  - mattermost: frank.mulder
    name: Frank Mulder
    party: NCTV
    roles: [steering]
  - local: greet
    name: Greet Bos
    party: CTIVD
    roles: [auditor]
`);
    expect(directory.members.map((m) => m.id)).toEqual(["slack:U0OM00001", "mattermost:frank.mulder", "local:greet"]);
  });

  it("records each supplying party's default legal basis (Art 5.1) when the file overrides none", () => {
    const { legalBasis } = loads(noCovenant);
    expect(legalBasis).toEqual({
      AIVD: "Wiv 2017",
      MIVD: "Wiv 2017 art 86",
      Politie: "Wpg art 17 and 24",
      NCSC: "Wbni art 3 and 20",
      OM: "Wjsg art 52, Bjsg art 14",
      // The NCTV supplies no data (Art 5.1), so it has no basis to supply under.
      NCTV: "",
    });
  });

  it("leaves a member without a screening date unscreened rather than inventing one (Art 4.6)", () => {
    expect(loads(noCovenant).members[0].screening).toBeUndefined();
  });

  it("lists a role given twice only once", () => {
    expect(loads(noCovenant.replace("[liaison]", "[liaison, liaison]")).members[0].roles).toEqual(["liaison"]);
  });
});

// ---------------------------------------------------------------------------
// Files that are refused
// ---------------------------------------------------------------------------

describe("parseDirectory: malformed entries, every one reported at once", () => {
  const text = `covenant:
  effective: 2020-13-45
members:
  - slack: U0AIVD001
    name: Anna de Vries
    party: FBI
    roles: [analyst]
    designation: "Aangewezen door DG AIVD"
  - slack: U0AIVD002
    name: Ahmed el Amrani
    party: AIVD
    roles: [analyst, spymaster]
    screening: yesterday
    designation: "Aangewezen door DG AIVD"
  - slack: U0MIVD001
    party: MIVD
    roles: [liaison]
  - slack: U0NCSC001
    name: "   "
    party: NCSC
    roles: []
  - slack: U0POL0001
    name: Cor Bakker
    party: Politie
    roles: [liaison]
    colour: blue
`;
  const problems = () => refused(text);

  it("reports all of them in one go, each with its path and 1-based line", () => {
    const found = problems();
    expect(found).toEqual(
      expect.arrayContaining([
        problemAt("covenant.effective", 2, "YYYY-MM-DD"),
        problemAt("members[0].party", lineOf(text, "party: FBI"), "must be one of AIVD, MIVD, Politie, NCSC, OM, NCTV"),
        problemAt("members[1].roles[1]", lineOf(text, "spymaster"), "must be one of analyst, liaison"),
        problemAt("members[1].screening", lineOf(text, "yesterday"), "YYYY-MM-DD"),
        // A missing field has no line of its own: the member's first line is the best place.
        problemAt("members[2].name", lineOf(text, "U0MIVD001"), /./),
        problemAt("members[3].name", lineOf(text, 'name: "   "'), "must not be empty"),
        problemAt("members[3].roles", lineOf(text, "roles: []"), "at least one role"),
      ]),
    );
    expect(found.some((p) => p.path.startsWith("members[4]") && p.message.includes("colour"))).toBe(true);
    expect(found).toHaveLength(8);
  });

  it("points at the line of an unknown key, not at the start of its section", () => {
    const found = problems();
    const unknown = found.find((p) => p.message.includes("colour"));
    expect(unknown).toBeDefined();
    expect(unknown!.line).toBe(lineOf(text, "colour: blue"));
  });

  it("reports an unknown key in the covenant section on that key's line", () => {
    const withKey = `covenant:
  effective: 2020-05-28
  signedBy: everyone
${MINIMAL.split("\n").slice(2).join("\n")}`;
    const found = refused(withKey);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("signedBy");
    expect(found[0].line).toBe(lineOf(withKey, "signedBy"));
  });

  it("refuses a party the covenant does not know in the parties section", () => {
    const text = `parties:\n  FBI:\n    legalBasis: "none"\n${MINIMAL.split("\n").slice(2).join("\n")}`;
    const found = refused(text);
    expect(found).toHaveLength(1);
    // Reported at the unknown key itself, so that its line is the one to fix.
    expect(found[0]).toMatchObject({ path: "parties.FBI" });
    expect(found[0].message).toContain("FBI");
  });

  it("refuses a calendar date that does not exist, e.g. a screening on 31 February (Art 4.6)", () => {
    const text = MINIMAL.replace("screening: 2024-03-01", "screening: 2023-02-31");
    expect(refused(text)).toEqual([problemAt("members[0].screening", lineOf(text, "2023-02-31"), "YYYY-MM-DD")]);
  });

  it("refuses a screening validity of zero years (Art 4.6)", () => {
    const text = MINIMAL.replace("covenant:\n", "covenant:\n  screeningValidityYears: 0\n");
    expect(refused(text)).toEqual([expect.objectContaining({ path: "covenant.screeningValidityYears", line: 2 })]);
  });

  it("refuses a file with no members", () => {
    const found = refused("covenant:\n  effective: 2020-05-28\nmembers: []\n");
    expect(found).toEqual([expect.objectContaining({ path: "members", line: 3, message: expect.stringContaining("at least one member") })]);
  });

  it("refuses an empty file", () => {
    expect(refused("").length).toBeGreaterThan(0);
  });
});

describe("parseDirectory: covenant rules, every breach reported at once", () => {
  const text = `members:
${member({ slack: "U0AIVD001", name: "Anna de Vries", party: "AIVD", roles: "[analyst]", designation: '"Aangewezen door DG AIVD"' })}
${member({ slack: '"U0AIVD001"', name: "Eva Smit", party: "OM", roles: "[analyst, liaison]", designation: '"Officier van justitie"' })}
${member({ slack: "U0NCTV001", name: "Frank Mulder", party: "NCTV", roles: "[analyst, steering]", designation: '"Aangewezen"' })}
${member({ slack: "U0POL0001", name: "Cor Bakker", party: "Politie", roles: "[analyst, deputy]" })}
${member({ slack: "U0POL0002", name: "Daan Meijer", party: "Politie", roles: "[coordinator]" })}
${member({ slack: "U0CTIVD01", name: "Greet Bos", party: "CTIVD", roles: "[auditor, analyst]" })}
${member({ name: "Henk de Boer", party: "AIVD", roles: "[liaison]" })}
`;
  const problems = () => refused(text);

  it("reports all seven breaches in one go", () => {
    expect(problems()).toHaveLength(7);
  });

  it("refuses a chat account listed for two members", () => {
    expect(problems()).toContainEqual(problemAt("members[1].slack", lineOf(text, '"U0AIVD001"'), "slack:U0AIVD001 is already used by members[0]"));
  });

  it("refuses OM analysts: the OM seats no staff in the cell (Art 4.1)", () => {
    const found = problems().find((p) => p.path === "members[1].roles");
    expect(found).toEqual(problemAt("members[1].roles", lineOf(text, "[analyst, liaison]"), "Art 4.1"));
    expect(found!.message).toMatch(/^OM /);
  });

  it("refuses NCTV analysts: the NCTV seats no staff in the cell (Art 4.1)", () => {
    const found = problems().find((p) => p.path === "members[2].roles");
    expect(found).toEqual(problemAt("members[2].roles", lineOf(text, "[analyst, steering]"), "Art 4.1"));
    expect(found!.message).toMatch(/^NCTV /);
  });

  it("refuses an analyst whose designation is not recorded (Art 4.2–4.4)", () => {
    // The designation is missing, so the member's first line is where to add it.
    expect(problems()).toContainEqual(problemAt("members[3].designation", lineOf(text, "U0POL0001"), "Art 4.2–4.4"));
  });

  it("refuses coordinators outside the NCTV (Art 10) and the OM (Art 4.5)", () => {
    const found = problems().find((p) => p.path === "members[4].roles");
    expect(found).toEqual(problemAt("members[4].roles", lineOf(text, "[coordinator]"), "Art 10"));
    expect(found!.message).toContain("Art 4.5");
  });

  it("refuses CTIVD members with any role but auditor: the oversight committee is no party to the covenant", () => {
    expect(problems()).toContainEqual(problemAt("members[5].roles", lineOf(text, "[auditor, analyst]"), "only hold the auditor role"));
  });

  it("refuses a liaison or deputy in the steering group: the report would tell them whose data a value or a request holds (Art 7.2, 9)", () => {
    const text = `members:
${member({ slack: "U0NCSC002", name: "Hugo Mulder", party: "NCSC", roles: "[liaison, steering]" })}
`;
    expect(refused(text)).toContainEqual(problemAt("members[0].roles", lineOf(text, "[liaison, steering]"), "Art 7.2, 9"));
    const deputy = `members:
${member({ slack: "U0NCSC004", name: "Noor Visser", party: "NCSC", roles: "[deputy, steering]" })}
`;
    expect(refused(deputy)).toContainEqual(problemAt("members[0].roles", lineOf(deputy, "[deputy, steering]"), "Art 7.2, 9"));
    // Each role alone, in two accounts, is what the directory should say.
    expect(loads(`members:
${member({ slack: "U0NCSC002", name: "Hugo Mulder", party: "NCSC", roles: "[liaison]" })}
${member({ slack: "U0NCSC003", name: "Mila Smit", party: "NCSC", roles: "[steering]" })}
`).members).toHaveLength(2);
  });

  it("refuses a member without any chat user id", () => {
    expect(problems()).toContainEqual(problemAt("members[6]", lineOf(text, "Henk de Boer"), "needs a chat user id"));
  });

  it("accepts OM and NCTV coordinators (Art 4.5, Art 10) and CTIVD auditors", () => {
    const directory = loads(`members:
${member({ slack: "U0OM00001", name: "Eva Smit", party: "OM", roles: "[coordinator, liaison]" })}
${member({ slack: "U0NCTV001", name: "Frank Mulder", party: "NCTV", roles: "[coordinator, steering]" })}
${member({ slack: "U0CTIVD01", name: "Greet Bos", party: "CTIVD", roles: "[auditor]" })}
`);
    expect(directory.members).toHaveLength(3);
  });

  it("refuses two members that would share one member id, which records name them by (Art 5.3)", () => {
    const text = `members:
${member({ id: "slack:U0AIVD002", slack: "U0AIVD001", name: "Anna de Vries", party: "AIVD", roles: "[liaison]" })}
${member({ slack: "U0AIVD002", name: "Ahmed el Amrani", party: "AIVD", roles: "[liaison]" })}
`;
    const result = parseDirectory(text);
    expect(result.ok, "both members would be recorded in the audit log as slack:U0AIVD002").toBe(false);
  });

  it("refuses two members with the same explicit id", () => {
    const text = `members:
${member({ id: "anna", slack: "U0AIVD001", name: "Anna de Vries", party: "AIVD", roles: "[liaison]" })}
${member({ id: "anna", slack: "U0AIVD002", name: "Anna Jansen", party: "AIVD", roles: "[liaison]" })}
`;
    expect(refused(text)).toEqual([problemAt("members[1].id", lineOf(text, "Anna Jansen") - 2, "id anna is already used by members[0]")]);
  });
});

describe("parseDirectory: one file with malformed entries and covenant breaches", () => {
  it("reports the malformed entry and the covenant breach together, so the whole file is fixed in one go", () => {
    const text = `members:
${member({ slack: "U0AIVD001", name: "Anna de Vries", party: "FBI", roles: "[liaison]" })}
${member({ slack: "U0OM00001", name: "Eva Smit", party: "OM", roles: "[analyst]", designation: '"Officier"' })}
`;
    const found = refused(text);
    expect(found).toContainEqual(expect.objectContaining({ path: "members[0].party", line: lineOf(text, "FBI") }));
    expect(found).toContainEqual(expect.objectContaining({ path: "members[1].roles", message: expect.stringContaining("Art 4.1") }));
  });
});

describe("parseDirectory: files that are not YAML or are hostile", () => {
  it("reports invalid YAML with the line it is on (a key given twice)", () => {
    const text = `members:
  - slack: U0AIVD001
    name: Anna de Vries
    name: Anna Jansen
    party: AIVD
    roles: [liaison]
`;
    expect(refused(text)).toEqual([
      expect.objectContaining({ path: "", line: 4, message: expect.stringMatching(/^not valid YAML: .*unique/) }),
    ]);
  });

  it("reports invalid YAML with the line it is on (a tab used for indentation)", () => {
    const text = "members:\n  - slack: U0AIVD001\n\tname: Anna de Vries\n";
    expect(refused(text)).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining("not valid YAML") })]);
  });

  it("refuses a YAML alias bomb quickly, without throwing or hanging", () => {
    const bomb = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
members: *i
`;
    const started = Date.now();
    let result: ParsedDirectory | undefined;
    let thrown: unknown;
    try {
      result = parseDirectory(bomb);
    } catch (error) {
      thrown = error;
    }
    expect(Date.now() - started).toBeLessThan(2000);
    expect(thrown, "a hostile file is an expected outcome: it must come back as problems, not an exception").toBeUndefined();
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.problems.length).toBeGreaterThan(0);
  });

  it("refuses a file larger than 1 MB before parsing it", () => {
    const text = `${MINIMAL}# ${"x".repeat(1_000_000)}\n`;
    expect(refused(text)).toEqual([{ path: "", message: expect.stringContaining("larger than") }]);
  });

  it("counts the size in bytes, not characters", () => {
    const text = `${MINIMAL}# ${"é".repeat(500_000)}\n`; // 500,000 characters, over 1,000,000 bytes
    expect(text.length).toBeLessThan(1_000_000);
    expect(refused(text)[0].message).toContain("larger than");
  });

  it("loads a file just under the limit", () => {
    const text = `${MINIMAL}# ${"x".repeat(990_000)}\n`;
    expect(loads(text).members).toHaveLength(1);
  });
});

describe("parseDirectory: sha256 of the file", () => {
  it("returns the SHA-256 of the file's text", () => {
    const result = parseDirectory(MINIMAL);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.sha256).toBe(createHash("sha256").update(MINIMAL).digest("hex"));
  });

  it("is stable: the same file gives the same hash every time", () => {
    const first = parseDirectory(COMPLETE);
    const second = parseDirectory(COMPLETE);
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) expect(second.sha256).toBe(first.sha256);
  });

  it("changes when any byte of the file changes, even a comment", () => {
    const a = parseDirectory(COMPLETE);
    const b = parseDirectory(COMPLETE.replace("# Directory of the CIIC", "# Directory of the CIIC (v2)"));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.sha256).not.toBe(a.sha256);
  });
});

describe("formatProblems", () => {
  it("writes one line per problem as <source>:<line>: <path>: <message>", () => {
    const text = MINIMAL.replace("party: AIVD", "party: FBI");
    const lines = formatProblems("directory.yaml", refused(text));
    expect(lines).toEqual([`directory.yaml:${lineOf(text, "FBI")}: members[0].party: must be one of AIVD, MIVD, Politie, NCSC, OM, NCTV, CTIVD`]);
  });

  it("leaves out the line and path when a problem has neither", () => {
    expect(formatProblems("directory.yaml", [{ path: "", message: "the file is larger than 1000000 bytes" }])).toEqual([
      "directory.yaml: the file is larger than 1000000 bytes",
    ]);
  });

  it("keeps every problem, in order", () => {
    const lines = formatProblems("d.yaml", [
      { path: "members[0].name", line: 5, message: "must not be empty" },
      { path: "", line: 9, message: "not valid YAML: x" },
    ]);
    expect(lines).toEqual(["d.yaml:5: members[0].name: must not be empty", "d.yaml:9: not valid YAML: x"]);
  });
});
