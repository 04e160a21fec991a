import type { Organisation, PartyCode } from "../covenant/parties.js";
import type { Recipient } from "../disclosure/types.js";
import type { HolidaySettings } from "../time/holidays.js";
import type { Language } from "../time/format-time.js";

/** The roles a member can hold in the cell (see README, "The directory file"). */
export const ROLES = ["analyst", "liaison", "deputy", "coordinator", "steering", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The chat platforms a member can be reached on; a member may have an id on each. */
export const PLATFORMS = ["slack", "mattermost", "local"] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Member {
  /** Stable id used in records and the audit log ("slack:U0AIVD001" unless the file sets `id`). */
  id: string;
  name: string;
  party: Organisation;
  roles: Role[];
  /** Chat user id per platform. */
  accounts: Partial<Record<Platform, string>>;
  /** Date (YYYY-MM-DD) of the A-level security screening (Art 4.6); undefined = not screened. */
  screening?: string;
  /** On what basis and by whom the member was designated (Art 4.2–4.4). */
  designation?: string;
  /** The language the bot speaks to this member; the directory's when absent. */
  language?: Language;
}

export interface Directory {
  /** The language for members and recipients that name none; Dutch when absent (i18n/language.ts). */
  language?: Language;
  covenant: {
    /** Date (YYYY-MM-DD) the covenant took effect (Art 15). */
    effective: string;
    /** How long an A-level screening stays valid, in years. */
    screeningValidityYears: number;
  };
  /** Legal basis recorded with a party's submissions when the member names none (Art 5.1). */
  legalBasis: Record<PartyCode, string>;
  members: Member[];
  /** Who disclosures can go to (Art 3, 7.1). */
  recipients: Recipient[];
  /** Time limits of consent rounds (Art 7.2: silence is never consent). */
  consent: ConsentSettings;
  /** Channels the bot posts to on its own; absent in directories loaded before there were any. */
  channels?: {
    /** The steering group's channel, for its evaluation and meeting reminders (Art 9). */
    steering?: Partial<Record<Platform, string>>;
  };
  /** Retention review settings (Wiv 2017); absent in directories loaded before there were any. */
  retention?: RetentionSettings;
  /** Changes to the Dutch public holidays that working days skip; absent in directories loaded before there were any. */
  holidays?: HolidaySettings;
}

export interface RetentionSettings {
  /** Days after submission (or the last "keep") that an item is reviewed: `default`, or per indicator type. */
  reviewAfterDays: { default: number } & Partial<Record<string, number>>;
  /** Working days the party's liaisons have to answer a review question. */
  answerWithinWorkingDays: number;
}

export interface ConsentSettings {
  /** Working days a request waits for consent before it expires, unless it sets a deadline. */
  deadlineWorkingDays: number;
  /** Working hours (hours of working days) before the deadline that liaisons who have not answered are reminded. */
  remindHoursBefore: number;
  /** Working hours (hours of working days) after the ask that the party's deputies are asked too, if nobody answered. */
  escalateAfterHours: number;
}

/** Consent settings of a directory that names none, and of the schema's defaults. */
export const DEFAULT_CONSENT: ConsentSettings = { deadlineWorkingDays: 5, remindHoursBefore: 24, escalateAfterHours: 24 };

/** The members who may decide on their party's consent: its liaisons and deputies. */
export function deciders(directory: Directory, party: PartyCode, which: "liaison" | "deputy" | "both" = "both"): Member[] {
  return directory.members.filter(
    (m) => m.party === party && (which === "both" ? m.roles.includes("liaison") || m.roles.includes("deputy") : m.roles.includes(which)),
  );
}

/** One problem found in a directory file, located as precisely as the file allows. */
export interface DirectoryProblem {
  /** Path inside the document, e.g. "members[2].party". */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  message: string;
}

export function findMember(directory: Directory, platform: Platform, userId: string): Member | undefined {
  return directory.members.find((m) => m.accounts[platform] === userId);
}
