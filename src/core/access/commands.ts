import type { Role } from "../directory/types.js";

/**
 * Every command a person can give the bot, with who may give it. The help text is generated
 * from this table so that help never promises what the policy refuses.
 */
export interface CommandSpec {
  name: CommandName;
  usage: string;
  summary: string;
  /** Any of these roles suffices. */
  roles: readonly Role[];
  /** Only members of parties that supply data (everyone but the NCTV, Art 5.1). */
  supplyingPartyOnly?: boolean;
  /** Allowed without a valid screening: reveals nothing of the cell's data. */
  withoutScreening?: boolean;
  /** The covenant article this rule comes from, shown in refusals. */
  article: string;
}

export type CommandName = "help" | "submit" | "lookup" | "correct";

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "help",
    usage: "/ciic help",
    summary: "What you can do here, given your roles.",
    roles: ["analyst", "liaison", "deputy", "coordinator", "steering", "auditor", "admin"],
    withoutScreening: true,
    article: "Art 4.1",
  },
  {
    name: "submit",
    usage: "/ciic submit <indicators…> [tlp:amber] [rel:B2] [src:<reference>] [basis:\"<legal basis>\"] [note: <text>]",
    summary:
      "Supply indicators to the cell (IPs, CIDR ranges, domains, URLs, e-mail addresses, MD5/SHA-1/SHA-256 hashes, CVE ids; defanged forms are fine). Without indicators it opens a form.",
    roles: ["analyst", "liaison"],
    supplyingPartyOnly: true,
    article: "Art 5.1",
  },
  {
    name: "correct",
    usage: "/ciic correct <item id> [value:<new value>] [tlp:…] [rel:…] [src:…] [note: <text>]",
    summary: "Record a corrected version of an item your party supplied; the old version stays on record.",
    roles: ["analyst", "liaison"],
    supplyingPartyOnly: true,
    article: "Art 5.3",
  },
  {
    name: "lookup",
    usage: "/ciic lookup <value>",
    summary: "Every record of an indicator in the cell: which parties supplied it, when, with which labels.",
    roles: ["analyst", "auditor"],
    article: "Art 6.1",
  },
];

export const commandSpec = (name: CommandName): CommandSpec => COMMANDS.find((c) => c.name === name)!;
