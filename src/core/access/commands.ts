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
  /** Given by a button rather than typed. */
  button?: boolean;
}

export type CommandName = "consult" | "comms" | "amend" | "agree" | "covenant" | "notice" | "help" | "submit" | "import" | "export" | "lookup" | "correct" | "analysis" | "disclose" | "requests" | "withdraw" | "revoke" | "decide" | "review" | "report" | "meeting" | "oversight";

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
    name: "import",
    usage: "/ciic import [format:stix|misp|csv] [tlp:…] [column:<name>]",
    summary: "Import the STIX 2.1 bundle, MISP event or CSV feed you just uploaded to this conversation (large files: `ciic import` on the server).",
    roles: ["analyst", "liaison"],
    supplyingPartyOnly: true,
    article: "Art 5.1",
  },
  {
    name: "export",
    usage: "/ciic export [format:stix|misp|csv]",
    summary: "What your party supplied, the current version of each item, as a STIX 2.1 bundle (the default), MISP event or CSV file in your direct messages (large exports: `ciic export` on the server).",
    roles: ["analyst", "liaison"],
    supplyingPartyOnly: true,
    article: "Art 5.2",
  },
  {
    name: "correct",
    usage: "/ciic correct <item id> [value:<new value>] [tlp:…] [rel:…] [src:…] [basis:\"…\"] [note: <text>]",
    summary: "Record a corrected version of an item your party supplied; the old version stays on record.",
    roles: ["analyst", "liaison"],
    supplyingPartyOnly: true,
    article: "Art 5.3",
  },
  {
    name: "lookup",
    usage: "/ciic lookup <value or item id>",
    summary: "Every record of an indicator in the cell: which parties supplied it, when, with which labels.",
    roles: ["analyst", "auditor"],
    article: "Art 6.1",
  },
  {
    name: "analysis",
    usage: '/ciic analysis title:"<title>" <item ids or values…> text: <the analysis>',
    summary: "Record an analysis that cites the items it builds on. Without arguments it opens a form.",
    roles: ["analyst"],
    article: "Art 6.1",
  },
  {
    name: "disclose",
    usage: '/ciic disclose <item ids, values or an analysis id…> to <recipient> purpose <why> [basis:"…"] [conditions:"…"] [tlp:…] [deadline:YYYY-MM-DD]',
    summary: "Ask to disclose to a recipient outside the cell; each originating party's liaison is asked for consent. Without arguments it opens a form.",
    roles: ["analyst"],
    article: "Art 7",
  },
  {
    name: "requests",
    usage: "/ciic requests [request id]",
    summary: "What waits for you: your party's consent questions, or your own requests and where each stands; with an id, that request in full.",
    roles: ["analyst", "liaison", "deputy"],
    article: "Art 7.2",
  },
  {
    name: "withdraw",
    usage: "/ciic withdraw <request id>",
    summary: "Withdraw a request of yours that is still waiting.",
    roles: ["analyst"],
    article: "Art 7",
  },
  {
    name: "revoke",
    usage: "/ciic revoke <request id>",
    summary: "Take back your party's consent to a request that has not been released yet.",
    roles: ["liaison", "deputy"],
    article: "Art 7.2",
  },
  {
    name: "decide",
    usage: "Approve / Deny buttons",
    summary: "Decide on your party's consent with the buttons of a consent question (Deny asks for a reason).",
    roles: ["liaison", "deputy"],
    article: "Art 7.2",
    button: true,
  },
  {
    name: "review",
    usage: "/ciic review [<review id>] [keep|let-go] [item ids…] [reason: <why>]",
    summary:
      "Answer a retention review of your party's items: keep them for another period, or let them go (their values are removed). Without item ids, every item still open; without keep or let-go, the question with its buttons.",
    roles: ["liaison", "deputy"],
    supplyingPartyOnly: true,
    // Wiv 2017 (data that lost their relevance are removed) applies because the cell is part of the AIVD (Art 3).
    article: "Art 3",
  },
  {
    name: "consult",
    usage: "/ciic consult [<item ids…>] question: <what you ask> | consult C-<n> [answer: <text> | close]",
    summary: "Ask the OM's designated staff for consultation and follow it until closed; without arguments, the open consultations.",
    roles: ["analyst", "liaison", "deputy"],
    article: "Art 4.5",
  },
  {
    name: "covenant",
    usage: "/ciic covenant",
    summary: "The covenant's dates and any party's notice of withdrawal.",
    roles: ["analyst", "liaison", "deputy", "coordinator", "steering", "auditor", "admin"],
    article: "Art 15",
  },
  {
    name: "notice",
    usage: "/ciic notice reason: <why>",
    summary: "Give notice that your party withdraws from the covenant; it takes effect two months later.",
    roles: ["liaison", "coordinator", "steering"],
    article: "Art 14",
  },
  {
    name: "comms",
    usage: "/ciic comms <text> · /ciic comms <id> · /ciic comms revise <id> <changed text>",
    summary:
      "Draft a communication to third parties about the cooperation; every party is asked to agree, and the NCTV coordinates where it concerns the Cybersecurity Agenda. With an id, where each party stands; `revise` restarts the round with a changed draft. Bare, it opens a form.",
    roles: ["analyst", "liaison", "deputy", "coordinator", "steering"],
    article: "Art 10",
  },
  {
    name: "amend",
    usage: "/ciic amend <text> · /ciic amend <id>",
    summary: "Propose an amendment of the covenant; it is adopted only with the consent of every party. With an id, where each party stands. Bare, it opens a form.",
    roles: ["liaison", "coordinator"],
    article: "Art 13",
  },
  {
    name: "agree",
    usage: "Agree / Object buttons of a communication or amendment",
    summary: "Answer for your party in a communication round (Art 10) or an amendment round (Art 13); the NCTV's coordinator also says whether it coordinates, and may ask for changes.",
    roles: ["liaison", "deputy", "coordinator"],
    article: "Art 10",
    button: true,
  },
  {
    name: "report",
    usage: "/ciic report [period]",
    summary:
      "The steering group's figures for a quarter (2026-Q3), month (2026-11) or year (2026), by default the last full quarter: items per party and type, overlaps, requests and their outcome, consent turnaround, denials, expiries. Also as a CSV file in your direct messages.",
    roles: ["steering", "auditor"],
    article: "Art 9",
  },
  {
    name: "meeting",
    usage: "/ciic meeting <YYYY-MM-DD> [note]",
    summary: "Record that the steering group met (at least four times a year); a quarter with a recorded meeting gets no reminder.",
    roles: ["steering"],
    article: "Art 9",
  },
  {
    name: "oversight",
    usage: "/ciic oversight export",
    summary: "The whole record — items with every version, analyses, requests, consents, provisions, directory versions and the audit log — as a verifiable archive in your direct messages, for the oversight committee (Wiv 2017; large records: `ciic oversight export` on the server).",
    roles: ["auditor"],
    // The cell is part of the AIVD (Art 3), so the Wiv 2017 and its oversight by the CTIVD apply.
    article: "Art 3",
  },
];

export const commandSpec = (name: CommandName): CommandSpec => COMMANDS.find((c) => c.name === name)!;
