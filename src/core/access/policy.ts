import { PARTIES, isPartyCode } from "../covenant/parties.js";
import type { Member } from "../directory/types.js";
import { fail, type Failure } from "../result.js";
import { formatDay } from "../time/format-time.js";
import { commandSpec, type CommandName } from "./commands.js";

export type ScreeningStatus =
  | { valid: true; until: string }
  | { valid: false; code: "access.not_screened" | "access.screening_expired" | "access.screening_pending"; message: string };

/** Art 4.6: cell work only after an A-level screening, which is valid for a limited number of years. */
export function screeningStatus(member: Member, now: Date, validityYears: number): ScreeningStatus {
  if (!member.screening) {
    return {
      valid: false,
      code: "access.not_screened",
      message:
        "No A-level security screening is recorded for you, and cell work may only start after one (covenant Art 4.6). Ask the cell's administrator to record its date in the directory.",
    };
  }
  const screened = new Date(`${member.screening}T00:00:00Z`);
  if (screened.getTime() > now.getTime()) {
    return {
      valid: false,
      code: "access.screening_pending",
      message: `Your A-level security screening is recorded for ${member.screening}, which has not come yet (covenant Art 4.6). You can use the cell from that date.`,
    };
  }
  const until = new Date(screened);
  until.setUTCFullYear(until.getUTCFullYear() + validityYears);
  const untilText = until.toISOString().slice(0, 10);
  if (until.getTime() <= now.getTime()) {
    return {
      valid: false,
      code: "access.screening_expired",
      message: `Your A-level security screening of ${member.screening} expired on ${untilText} (valid ${validityYears} years; covenant Art 4.6). Ask the cell's administrator to record your renewed screening.`,
    };
  }
  return { valid: true, until: untilText };
}

export interface AccessContext {
  now: Date;
  screeningValidityYears: number;
  /** Parties whose withdrawal from the covenant has taken effect, with its date (Art 14). */
  withdrawn?: ReadonlyMap<string, Date>;
}

/**
 * Decides whether a member may give a command. Refusals name the rule and what to do; they never
 * mention any party's data, so they are safe to show to anyone.
 */
export function authorise(member: Member | undefined, command: CommandName, ctx: AccessContext): Failure | undefined {
  const spec = commandSpec(command);
  if (!member) {
    return fail(
      "access.unknown_user",
      "You are not in the CIIC directory, so the cell's commands are not available to you (covenant Art 4.1). If you were designated to the cell, ask its administrator to add your chat account.",
    );
  }
  const withdrawnOn = ctx.withdrawn?.get(member.party);
  if (withdrawnOn && command !== "help") {
    return fail(
      "access.party_withdrawn",
      `${member.party} withdrew from the CIIC covenant with effect from ${formatDay(withdrawnOn)} (covenant Art 14), so its members no longer have access to the cell. What ${member.party} supplied earlier stays on record.`,
    );
  }
  if (!spec.withoutScreening) {
    const screening = screeningStatus(member, ctx.now, ctx.screeningValidityYears);
    if (!screening.valid) return fail(screening.code, screening.message);
  }
  if (!spec.roles.some((role) => member.roles.includes(role))) {
    return fail(
      "access.role_missing",
      `\`${commandWords(spec.usage)}\` is for ${listRoles(spec.roles, "or")} (covenant ${spec.article}); your roles are ${listRoles(member.roles, "and")}. Ask the cell's administrator if this is wrong.`,
    );
  }
  if (spec.supplyingPartyOnly) {
    const supplies = isPartyCode(member.party) && PARTIES[member.party].suppliesData;
    if (!supplies) {
      return fail(
        "access.party_does_not_supply",
        `${member.party} does not supply data to the cell (covenant Art 5.1), so its members cannot submit, import, correct or export indicators. To bring information to the cell, ask a liaison of one of the supplying parties.`,
      );
    }
  }
  return undefined;
}

/**
 * Art 6.1: comparing data across parties is the work of the cell's own staff. Only they (and the
 * oversight committee) may learn that another party supplied the same indicator.
 */
export const mayCompareAcrossParties = (member: Member): boolean =>
  member.roles.includes("analyst") || member.roles.includes("auditor");

function listRoles(roles: readonly string[], conjunction: "and" | "or"): string {
  if (roles.length <= 1) return roles.join("");
  return `${roles.slice(0, -1).join(", ")} ${conjunction} ${roles[roles.length - 1]}`;
}

/** The words that name a command in its usage line: "/ciic covenant withdraw reason: <why>" → "/ciic covenant withdraw". */
function commandWords(usage: string): string {
  const words = usage.split(" ");
  const end = words.findIndex((w, n) => n > 0 && /^[<["]|:/.test(w));
  return words.slice(0, end === -1 ? words.length : end).join(" ");
}
