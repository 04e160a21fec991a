import type { Role } from "../directory/types.js";
import { translator } from "../i18n/translator.js";

/**
 * Every command a person can give the bot, with who may give it. The help text is generated
 * from this table so that help never promises what the policy refuses; each command's usage line
 * and summary are in the catalogue (`commands.usage.<name>`, `commands.summary.<name>`).
 */
export interface CommandSpec {
  name: CommandName;
  /** The usage line in English (the operator's tools); members read `commands.usage.<name>` in their language. */
  usage: string;
  /** What it does, in English; members read `commands.summary.<name>`. */
  summary: string;
  /** Any of these roles suffices. */
  roles: readonly Role[];
  /** Only members of parties that supply data (everyone but the NCTV, Art 5.1). */
  supplyingPartyOnly?: boolean;
  /** Allowed without a valid screening: reveals nothing of the cell's data. */
  withoutScreening?: boolean;
  /** The covenant article this rule comes from, shown in refusals. */
  article: string;
  /** Given by a button rather than typed. */
  button?: boolean;
}

export type CommandName = "consult" | "comms" | "amend" | "agree" | "covenant" | "notice" | "help" | "submit" | "import" | "export" | "lookup" | "correct" | "analysis" | "disclose" | "requests" | "withdraw" | "revoke" | "decide" | "review" | "report" | "meeting" | "oversight";

type Rule = Omit<CommandSpec, "usage" | "summary">;

const RULES: readonly Rule[] = [
  {
    name: "help",
    roles: ["analyst", "liaison", "deputy", "coordinator", "steering", "auditor", "admin"],
    withoutScreening: true,
    article: "Art 4.1",
  },
  {
    name: "submit",
    roles: ["analyst", "liaison"],
    supplyingPartyOnly: true,
    article: "Art 5.1",
  },
  {
    name: "import",
    roles: ["analyst", "liaison"],
    supplyingPartyOnly: true,
    article: "Art 5.1",
  },
  {
    name: "export",
    roles: ["analyst", "liaison"],
    supplyingPartyOnly: true,
    article: "Art 5.2",
  },
  {
    name: "correct",
    roles: ["analyst", "liaison"],
    supplyingPartyOnly: true,
    article: "Art 5.3",
  },
  {
    name: "lookup",
    roles: ["analyst", "auditor"],
    article: "Art 6.1",
  },
  {
    name: "analysis",
    roles: ["analyst"],
    article: "Art 6.1",
  },
  {
    name: "disclose",
    roles: ["analyst"],
    article: "Art 7",
  },
  {
    name: "requests",
    roles: ["analyst", "liaison", "deputy"],
    article: "Art 7.2",
  },
  {
    name: "withdraw",
    roles: ["analyst"],
    article: "Art 7",
  },
  {
    name: "revoke",
    roles: ["liaison", "deputy"],
    article: "Art 7.2",
  },
  {
    name: "decide",
    roles: ["liaison", "deputy"],
    article: "Art 7.2",
    button: true,
  },
  {
    name: "review",
    roles: ["liaison", "deputy"],
    supplyingPartyOnly: true,
    // Wiv 2017 (data that lost their relevance are removed) applies because the cell is part of the AIVD (Art 3).
    article: "Art 3",
  },
  {
    name: "consult",
    roles: ["analyst", "liaison", "deputy"],
    article: "Art 4.5",
  },
  {
    name: "covenant",
    roles: ["analyst", "liaison", "deputy", "coordinator", "steering", "auditor", "admin"],
    article: "Art 15",
  },
  {
    name: "notice",
    roles: ["liaison", "coordinator", "steering"],
    article: "Art 14",
  },
  {
    name: "comms",
    roles: ["analyst", "liaison", "deputy", "coordinator", "steering"],
    article: "Art 10",
  },
  {
    name: "amend",
    roles: ["liaison", "coordinator"],
    article: "Art 13",
  },
  {
    name: "agree",
    roles: ["liaison", "deputy", "coordinator"],
    article: "Art 10",
    button: true,
  },
  {
    name: "report",
    roles: ["steering", "auditor"],
    article: "Art 9",
  },
  {
    name: "meeting",
    roles: ["steering"],
    article: "Art 9",
  },
  {
    name: "oversight",
    roles: ["auditor"],
    // The cell is part of the AIVD (Art 3), so the Wiv 2017 and its oversight by the CTIVD apply.
    article: "Art 3",
  },
];

/** The catalogue key of a command's usage line, e.g. "/ciic lookup <value or item id>". */
export const usageKey = (name: CommandName) => `commands.usage.${name}` as const;
/** The catalogue key of what a command does, as `/ciic help` lists it. */
export const summaryKey = (name: CommandName) => `commands.summary.${name}` as const;

const english = translator("en");
export const COMMANDS: readonly CommandSpec[] = RULES.map((rule) => ({ ...rule, usage: english.text(usageKey(rule.name)), summary: english.text(summaryKey(rule.name)) }));

export const commandSpec = (name: CommandName): CommandSpec => COMMANDS.find((c) => c.name === name)!;
