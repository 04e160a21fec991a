/**
 * The number in an id shown with a prefix ("I-42", "R-3", "C-7", "RV-2"), as members type it back:
 * any case, with the hyphen, without it, or with the dash a phone or a word processor puts in its
 * place ("I‑42", "I–42"), or an underscore. Undefined when the text is no such id.
 */
export function parsePrefixedNumber(prefix: string, text: string, maxDigits = 12): number | undefined {
  const match = new RegExp(`^${prefix}[-_\\u2010-\\u2015\\u2212\\ufe63\\uff0d]?(\\d{1,${maxDigits}})$`, "i").exec(text.trim());
  if (!match) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
