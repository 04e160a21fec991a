import { readFileSync } from "node:fs";
import { parseDirectory } from "../../src/core/directory/parse-directory.js";
import type { Directory, Platform } from "../../src/core/directory/types.js";
import { testClock } from "../support/test-clock.js";

/** The directory every driver starts the bot with; each member has an account on every platform. */
export const SCENARIO_DIRECTORY = "test/fixtures/directory-all-platforms.yml";

/** Scenarios run on a fixed Monday morning, so that deadlines and times shown are the same everywhere. */
export const scenarioClock = () => testClock(new Date("2026-11-30T09:00:00Z"));

let directory: Directory | undefined;

export function scenarioDirectory(): Directory {
  if (!directory) {
    const parsed = parseDirectory(readFileSync(SCENARIO_DIRECTORY, "utf8"));
    if (!parsed.ok) throw new Error(`${SCENARIO_DIRECTORY} is refused: ${parsed.problems.map((p) => p.message).join("; ")}`);
    directory = parsed.directory;
  }
  return directory;
}

/**
 * Account ids of people the directory does not know, shaped as each platform's own ids are, so
 * that the request is one the platform could really send.
 */
const STRANGER: Record<Platform, (person: string) => string> = {
  slack: (p) => `U${p.toUpperCase().replace(/[^A-Z0-9]/g, "")}`.padEnd(9, "0").slice(0, 11),
  mattermost: (p) => p.toLowerCase().replace(/[^a-z0-9]/g, "").padEnd(26, "0").slice(0, 26),
  local: (p) => p,
};

/** The account a person uses on a platform. */
export function accountOf(person: string, platform: Platform): string {
  const member = scenarioDirectory().members.find((m) => m.id === person);
  if (!member) return STRANGER[platform](person);
  const account = member.accounts[platform];
  if (!account) throw new Error(`${person} has no ${platform} account in ${SCENARIO_DIRECTORY}`);
  return account;
}

/** The channel a recipient is reached in on a platform. */
export function channelOf(recipient: string, platform: Platform): string {
  const channel = scenarioDirectory().recipients.find((r) => r.id === recipient)?.channels[platform];
  if (!channel) throw new Error(`recipient ${recipient} has no ${platform} channel in ${SCENARIO_DIRECTORY}`);
  return channel;
}

/** Every recipient channel on a platform (a platform's fake must know them). */
export const recipientChannels = (platform: Platform): string[] => scenarioDirectory().recipients.flatMap((r) => r.channels[platform] ?? []);
