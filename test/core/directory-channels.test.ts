import { describe, expect, it } from "vitest";
import { formatProblems, parseDirectory } from "../../src/core/directory/parse-directory.js";

/** The optional `channels:` block: where the bot posts on its own, e.g. the steering group's reminders (Art 9). */
const base = (channels: string) => `covenant:
  effective: 2020-05-28
${channels}members:
  - slack: U0NCSCST1
    name: Hugo Mulder
    party: NCSC
    roles: [steering]
    screening: 2024-10-01
`;

const problems = (text: string) => {
  const parsed = parseDirectory(text);
  return parsed.ok ? [] : formatProblems("directory.yml", parsed.problems);
};

describe("the directory's channels", () => {
  it("takes a steering channel per platform, and leaves it out when none is set", () => {
    const parsed = parseDirectory(base("channels:\n  steering:\n    slack: C0STEER01\n    mattermost: steering-town\n"));
    expect(parsed.ok && parsed.directory.channels).toEqual({ steering: { slack: "C0STEER01", mattermost: "steering-town" } });
    const without = parseDirectory(base(""));
    expect(without.ok && without.directory.channels).toBeUndefined();
  });

  it("refuses a steering channel without an id, an id with odd characters, and unknown keys, naming the line", () => {
    expect(problems(base("channels:\n  steering: {}\n"))).toEqual(["directory.yml:4: channels.steering: needs a channel id: set `slack:` (or `mattermost:`/`local:`)"]);
    expect(problems(base("channels:\n  steering:\n    slack: \"C0 STEER\"\n"))).toEqual(["directory.yml:5: channels.steering.slack: may only hold letters, digits and . _ : -"]);
    expect(problems(base("channels:\n  steerin:\n    slack: C0STEER01\n"))).toEqual([
      expect.stringMatching(/^directory\.yml:\d: channels\.steerin: `steerin` is not a known setting here; check the spelling against the README$/),
    ]);
  });
});
