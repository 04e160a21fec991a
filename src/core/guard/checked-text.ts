declare const checked: unique symbol;

/**
 * Text a person wrote that passed the Art 7.2 guard for the audience it is shown to (see
 * guard.ts). Only the guard makes one; storage hands back as CheckedText what it stored as such
 * (rows written before the guard existed included). Stored records take person text in this
 * type, so that text which skipped the guard does not compile into them. The type does not say
 * for which audience it was checked: a use case that shows a stored text to new readers checks
 * it again for them (as a release does, in disclosure/settle.ts).
 */
export type CheckedText = string & { readonly [checked]: true };

/** For the guard, and for storage reading back what the guard let in: nowhere else (test/core/guard-coverage.test.ts). */
export const asChecked = (text: string): CheckedText => text as CheckedText;

/**
 * Text the bot composes itself from structured facts ("NCSC withdrew from the covenant"), where a
 * person's text is expected: it carries no word a person typed, so there is nothing to check.
 */
export const botText = (text: string): CheckedText => text as CheckedText;
