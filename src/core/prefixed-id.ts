/** What members put between an id's prefix and its number: a hyphen, a dash of any kind, an underscore. */
export const ID_DASH = "[-_\\u2010-\\u2015\\u2212\\ufe63\\uff0d]";

/** Made once per kind of id: every look-up asks whether its text is an item id. */
const PATTERNS = new Map<string, RegExp>();

/**
 * The number in an id shown with a prefix ("I-42", "R-3", "CM-7", "RV-2"), as members type it back:
 * any case, with the hyphen, without it, or with the dash a phone or a word processor puts in its
 * place ("I‑42", "I–42"), or an underscore. Undefined when the text is no such id.
 */
export function parsePrefixedNumber(prefix: string, text: string, maxDigits = 12): number | undefined {
  const key = `${prefix}/${maxDigits}`;
  let pattern = PATTERNS.get(key);
  if (!pattern) PATTERNS.set(key, (pattern = new RegExp(`^${prefix}${ID_DASH}?(\\d{1,${maxDigits}})$`, "i")));
  const match = pattern.exec(text.trim());
  if (!match) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
