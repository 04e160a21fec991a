import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatProblems, parseDirectory } from "../../src/core/directory/parse-directory.js";
import { PLATFORMS } from "../../src/core/directory/types.js";
import { SCENARIO_DIRECTORY } from "../scenarios/people.js";

/**
 * The shared scenarios run one directory on every platform: if a member lacked an account on one
 * platform, a scenario there would fail for the fixture's sake, not the bot's.
 */
describe("the directory of the shared scenarios", () => {
  const parsed = parseDirectory(readFileSync(SCENARIO_DIRECTORY, "utf8"));

  it("is accepted under the covenant's rules", () => {
    expect(parsed.ok ? [] : formatProblems(SCENARIO_DIRECTORY, parsed.problems)).toEqual([]);
  });

  it("gives every member an account, and every recipient a channel, on every platform, and names members by id", () => {
    if (!parsed.ok) throw new Error("refused");
    for (const member of parsed.directory.members) {
      expect(Object.keys(member.accounts).sort(), member.id).toEqual([...PLATFORMS].sort());
      expect(member.id).toMatch(/^[a-z]+$/);
    }
    for (const recipient of parsed.directory.recipients) expect(Object.keys(recipient.channels).sort(), recipient.id).toEqual([...PLATFORMS].sort());
    // Every party has a liaison: an agreement round asks all six (Art 10).
    expect(new Set(parsed.directory.members.filter((m) => m.roles.includes("liaison")).map((m) => m.party))).toEqual(new Set(["AIVD", "MIVD", "Politie", "NCSC", "OM", "NCTV"]));
  });
});
