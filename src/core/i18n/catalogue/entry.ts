import type { Language } from "../language.js";

/**
 * One text the bot shows, in every language it speaks, side by side: a missing translation is a
 * type error, and a reviewer reads the two together. Texts are ICU messages (FormatJS):
 * `{name}` for a value, `{count, plural, one {…} other {…}}` for counts, and `<code>…</code>`
 * or `<b>…</b>` around words a view shows as code or in bold.
 */
export type Entry = Readonly<Record<Language, string>>;

/** A domain's texts, keyed `domain.what` (e.g. `consent.ask.title`). */
export type Catalogue = Readonly<Record<string, Entry>>;

/** Declares a domain's texts and keeps their keys as literal types. */
export const catalogue = <T extends Catalogue>(entries: T): T => entries;
