import { z } from "zod";
import { OVERSIGHT, PARTIES, PARTY_CODES, COVENANT_SIGNED } from "../covenant/parties.js";
import { PLATFORMS, ROLES } from "./types.js";
import { LANGUAGES } from "../i18n/language.js";
import { INDICATOR_TYPES } from "../indicators/types.js";
import { DEFAULT_HOLIDAYS, LIBERATION_DAY_RULES, holidayProblems } from "../time/holidays.js";

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(
    z.string().refine(isCalendarDate, {
      message: "must be a date written as YYYY-MM-DD",
    }),
  );

/** YYYY-MM-DD naming a day that exists: Date.parse would roll 2023-02-31 over into March. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A language the bot speaks (`nl` or `en`): whom it speaks to in which (issue 13). */
const language = z.enum(LANGUAGES, { error: () => `must be one of ${LANGUAGES.join(", ")}` });

const chatId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, "may only hold letters, digits and . _ : -");

export const memberSchema = z
  .object({
    id: z.string().trim().min(1).max(80).optional(),
    slack: chatId.optional(),
    mattermost: chatId.optional(),
    local: chatId.optional(),
    name: z.string().trim().min(1, "must not be empty").max(120),
    party: z.enum([...PARTY_CODES, OVERSIGHT], {
      error: () => `must be one of ${[...PARTY_CODES, OVERSIGHT].join(", ")}`,
    }),
    roles: z
      .array(z.enum(ROLES, { error: () => `must be one of ${ROLES.join(", ")}` }))
      .min(1, "must name at least one role"),
    screening: isoDate.optional(),
    designation: z.string().trim().min(1).max(300).optional(),
    /** The language the bot speaks to this member; the directory's `language` when absent. */
    language: language.optional(),
  })
  .strict();

const recipientSchema = z
  .object({
    id: z.string().trim().min(1).max(60).regex(/^[a-z0-9][a-z0-9._-]*$/, "may only hold lower-case letters, digits and . _ -"),
    name: z.string().trim().min(1).max(120),
    kind: z.enum(["party", "aivd-unit", "external"], { error: () => "must be party, aivd-unit or external" }),
    party: z.enum(PARTY_CODES, { error: () => `must be one of ${PARTY_CODES.join(", ")}` }).optional(),
    slack: chatId.optional(),
    mattermost: chatId.optional(),
    local: chatId.optional(),
    format: z.enum(["stix", "misp", "csv"], { error: () => "must be stix, misp or csv" }).optional(),
    /** The language of releases posted to this recipient's channel; the directory's when absent. */
    language: language.optional(),
  })
  .strict();

const consentSchema = z
  .object({
    deadlineWorkingDays: z.number().int().min(1).max(60).default(5),
    remindHoursBefore: z.number().min(0).max(24 * 30).default(24),
    escalateAfterHours: z.number().min(0).max(24 * 30).default(24),
  })
  .strict();

/**
 * Retention review (Wiv 2017: data that lost their relevance are removed): after how many days an
 * item's party is asked whether it is still relevant, per indicator type with a default, and how
 * many working days the party has to answer.
 */
const reviewDays = z.number().int().min(1).max(3650);
const retentionSchema = z
  .object({
    reviewAfterDays: z
      .object({ default: reviewDays.default(365), ...Object.fromEntries(INDICATOR_TYPES.map((t) => [t, reviewDays.optional()])) })
      .strict()
      .default({ default: 365 }),
    answerWithinWorkingDays: z.number().int().min(1).max(60).default(10),
  })
  .strict();

/**
 * Changes to the Dutch public holidays that working days skip (consent, round and review
 * deadlines; reminders and escalations in working hours): whether Liberation Day is a day off,
 * days the offices close besides (a bridge day), and holidays the cell works on.
 */
const holidaysSchema = z
  .object({
    liberationDay: z
      .enum(LIBERATION_DAY_RULES, { error: () => `must be one of ${LIBERATION_DAY_RULES.join(", ")}` })
      .default(DEFAULT_HOLIDAYS.liberationDay),
    add: z.array(isoDate).max(500).default([]),
    drop: z.array(isoDate).max(500).default([]),
  })
  .strict()
  .superRefine((settings, ctx) => {
    for (const { path, message } of holidayProblems(settings)) ctx.addIssue({ code: "custom", path, message });
  });

export type RecipientDocument = z.infer<typeof recipientSchema>;

const partySettings = z.object({ legalBasis: z.string().trim().min(1).max(300) }).strict();

/** A conversation the bot posts to, per platform: a channel id on each platform it is on. */
const channelSet = z
  .object({ slack: chatId.optional(), mattermost: chatId.optional(), local: chatId.optional() })
  .strict()
  .refine((c) => c.slack || c.mattermost || c.local, { message: "needs a channel id: set `slack:` (or `mattermost:`/`local:`)" });

/** Channels the bot posts to on its own: the steering group's, for its reminders (Art 9). */
const channelsSchema = z.object({ steering: channelSet.optional() }).strict();

export const directorySchema = z
  .object({
    /** The language the bot speaks to members and recipients that name none: Dutch unless set. */
    language: language.optional(),
    covenant: z
      .object({
        effective: isoDate.default(COVENANT_SIGNED),
        screeningValidityYears: z.number().int().min(1).max(20).default(5),
      })
      .strict()
      .default({ effective: COVENANT_SIGNED, screeningValidityYears: 5 }),
    parties: z.partialRecord(z.enum(PARTY_CODES), partySettings).default({}),
    recipients: z.array(recipientSchema).default([]),
    consent: consentSchema.default({ deadlineWorkingDays: 5, remindHoursBefore: 24, escalateAfterHours: 24 }),
    channels: channelsSchema.optional(),
    retention: retentionSchema.default({ reviewAfterDays: { default: 365 }, answerWithinWorkingDays: 10 }),
    holidays: holidaysSchema.default({ ...DEFAULT_HOLIDAYS, add: [], drop: [] }),
    // Members are validated one by one in parse-directory.ts, so that every problem is reported.
    members: z.array(z.unknown()).min(1, "must list at least one member"),
  })
  .strict();

export type MemberDocument = z.infer<typeof memberSchema>;
export type DirectoryDocument = Omit<z.infer<typeof directorySchema>, "members"> & { members: MemberDocument[] };
export interface IndexedMember {
  index: number;
  member: MemberDocument;
}

/** The id records and the audit log name a member by: `id`, or the first chat account. */
export function memberId(m: MemberDocument): string {
  if (m.id) return m.id;
  const platform = PLATFORMS.find((p) => m[p])!;
  return `${platform}:${m[platform]}`;
}

export const defaultLegalBasis = () =>
  Object.fromEntries(PARTY_CODES.map((p) => [p, PARTIES[p].defaultLegalBasis])) as Record<
    (typeof PARTY_CODES)[number],
    string
  >;
