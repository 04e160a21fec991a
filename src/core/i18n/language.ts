import type { Directory, Member } from "../directory/types.js";
import type { Language } from "../time/format-time.js";

export type { Language } from "../time/format-time.js";

/** The languages the bot speaks; a catalogue entry has a text in each. */
export const LANGUAGES = ["nl", "en"] as const satisfies readonly Language[];

/**
 * The cell's language when its directory names none: its people are Dutch civil servants and
 * their covenant is Dutch.
 */
export const CELL_LANGUAGE: Language = "nl";

/** The language a directory speaks to whom it names no language for (a recipient's channel, a member without one). */
export const directoryLanguage = (directory: Pick<Directory, "language"> | undefined): Language => directory?.language ?? CELL_LANGUAGE;

/** The language a member reads: their own, else the directory's, else Dutch. */
export const languageOf = (member: Pick<Member, "language"> | undefined, directory: Pick<Directory, "language"> | undefined): Language =>
  member?.language ?? directoryLanguage(directory);
