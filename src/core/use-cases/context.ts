import type { KnownBenign } from "../warninglists/known-benign.js";
import type { Directory, Member, Platform } from "../directory/types.js";
import type { Transaction } from "../ports.js";
import type { PartyCode } from "../covenant/parties.js";
import type { Translator } from "../i18n/translator.js";

/** Everything a use case needs to serve one member's command inside one transaction. */
export interface CommandContext {
  tx: Transaction;
  member: Member;
  directory: Directory;
  now: Date;
  /** Where the command came from, recorded with what it stores, e.g. "slack:/ciic submit". */
  via: string;
  /** The platform the member asked on: answers that come later go there (a file, a release's channel). */
  platform: Platform;
  /** The member's language: every text of the answer comes through it (i18n/). */
  t: Translator;
  /** Parties whose withdrawal from the covenant has taken effect, with its date (Art 14). */
  withdrawn?: ReadonlyMap<PartyCode, Date>;
  /** Lists of known-benign values (MISP warninglists), flagged beside a value; none when absent. */
  benign?: KnownBenign;
}
