import { PARTIES, isPartyCode } from "../covenant/parties.js";
import type { Member, Role } from "../directory/types.js";
import { translator, type Translator } from "../i18n/translator.js";
import { fail, type Failure } from "../result.js";
import { commandSpec, usageKey, type CommandName } from "./commands.js";

export type ScreeningStatus =
  | { valid: true; until: string }
  | { valid: false; code: "access.not_screened" | "access.screening_expired" | "access.screening_pending"; message: string };

/**
 * The operator's command line reads English (it is not translated); everywhere else the caller
 * passes the reader's translator.
 */
const OPERATOR = translator("en");

/** A screening date ("2026-03-11") as the reader writes a day. */
const screeningDay = (t: Translator, date: string) => t.day(new Date(`${date}T12:00:00Z`));

/**
 * Art 4.6: cell work only after an A-level screening, which is valid for a limited number of
 * years. The message, for a screening that does not hold, is in `t`'s language.
 */
export function screeningStatus(member: Member, now: Date, validityYears: number, t: Translator = OPERATOR): ScreeningStatus {
  if (!member.screening) {
    return { valid: false, code: "access.not_screened", message: t.text("commands.access.not_screened") };
  }
  const screened = new Date(`${member.screening}T00:00:00Z`);
  if (screened.getTime() > now.getTime()) {
    return { valid: false, code: "access.screening_pending", message: t.text("commands.access.screening_pending", { day: screeningDay(t, member.screening) }) };
  }
  const until = new Date(screened);
  until.setUTCFullYear(until.getUTCFullYear() + validityYears);
  const untilText = until.toISOString().slice(0, 10);
  if (until.getTime() <= now.getTime()) {
    return {
      valid: false,
      code: "access.screening_expired",
      message: t.text("commands.access.screening_expired", { day: screeningDay(t, member.screening), until: screeningDay(t, untilText), years: validityYears }),
    };
  }
  return { valid: true, until: untilText };
}

export interface AccessContext {
  now: Date;
  screeningValidityYears: number;
  /** Parties whose withdrawal from the covenant has taken effect, with its date (Art 14). */
  withdrawn?: ReadonlyMap<string, Date>;
  /** The language of the refusal: the asking person's; English for the operator's command line when not given. */
  t?: Translator;
}

/** Why a member may not give a command: its code, and its words, made only when someone reads them. */
interface Refusal {
  code: string;
  words: () => string;
}

/** The rule that keeps a member from a command, if any (see authorise). */
function refusalOf(member: Member | undefined, command: CommandName, ctx: AccessContext): Refusal | undefined {
  const spec = commandSpec(command);
  const t = ctx.t ?? OPERATOR;
  if (!member) return { code: "access.unknown_user", words: () => t.text("commands.access.unknown_user") };
  const withdrawnOn = ctx.withdrawn?.get(member.party);
  if (withdrawnOn && command !== "help") {
    return { code: "access.party_withdrawn", words: () => t.text("commands.access.party_withdrawn", { party: member.party, day: t.day(withdrawnOn) }) };
  }
  if (!spec.withoutScreening) {
    const screening = screeningStatus(member, ctx.now, ctx.screeningValidityYears, t);
    if (!screening.valid) return { code: screening.code, words: () => screening.message };
  }
  if (!spec.roles.some((role) => member.roles.includes(role))) {
    return {
      code: "access.role_missing",
      words: () =>
        t.text("commands.access.role_missing", {
          command: commandWords(t.text(usageKey(spec.name))),
          roles: roleList(t, spec.roles, "or"),
          article: spec.article.replace(/^Art /, ""),
          yours: roleList(t, member.roles, "and"),
        }),
    };
  }
  if (spec.supplyingPartyOnly) {
    const supplies = isPartyCode(member.party) && PARTIES[member.party].suppliesData;
    if (!supplies) return { code: "access.party_does_not_supply", words: () => t.text("commands.access.party_does_not_supply", { party: member.party }) };
  }
  return undefined;
}

/**
 * Decides whether a member may give a command. Refusals name the rule and what to do; they never
 * mention any party's data, so they are safe to show to anyone.
 */
export function authorise(member: Member | undefined, command: CommandName, ctx: AccessContext): Failure | undefined {
  const refusal = refusalOf(member, command, ctx);
  return refusal && fail(refusal.code, refusal.words());
}

/**
 * Whether the member may give the command, as authorise decides, without the words of a refusal:
 * help asks it of every command, and wrote some thirty refusals (each with its list of roles) that
 * nobody read, a tenth of its time.
 */
export const mayGive = (member: Member | undefined, command: CommandName, ctx: AccessContext): boolean => refusalOf(member, command, ctx) === undefined;

/**
 * Art 6.1: comparing data across parties is the work of the cell's own staff. Only they (and the
 * oversight committee) may learn that another party supplied the same indicator.
 */
export const mayCompareAcrossParties = (member: Member): boolean =>
  member.roles.includes("analyst") || member.roles.includes("auditor");

/** Roles as the reader's language names them: "analyst or liaison", "analist of liaison". */
export const roleList = (t: Translator, roles: readonly Role[], kind: "and" | "or"): string => t.list(roles.map((role) => t.text("commands.role", { role })), kind);

/** The words that name a command in its usage line: "/ciic covenant withdraw reason: <why>" → "/ciic covenant withdraw". */
function commandWords(usage: string): string {
  const words = usage.split(" ");
  const end = words.findIndex((w, n) => n > 0 && /^[<["]|:/.test(w));
  return words.slice(0, end === -1 ? words.length : end).join(" ");
}
