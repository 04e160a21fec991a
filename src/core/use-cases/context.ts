import type { Directory, Member } from "../directory/types.js";
import type { Transaction } from "../ports.js";

/** Everything a use case needs to serve one member's command inside one transaction. */
export interface CommandContext {
  tx: Transaction;
  member: Member;
  directory: Directory;
  now: Date;
  /** Where the command came from, recorded with what it stores, e.g. "slack:/ciic submit". */
  via: string;
}
