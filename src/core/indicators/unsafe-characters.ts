// Invisible characters let a value look like one thing and be another (a right-to-left override
// reverses what the reader sees; a zero-width space splits a name). IDNA and the URL parser
// would drop some of them without a trace, so they are refused outright and shown escaped.
//
// Cc: C0/C1 controls and DEL. Cf: format characters, which covers bidi embeddings, overrides and
// isolates, zero-width space/joiners, word joiner, soft hyphen, BOM and tag characters. Cs: lone
// surrogates. The rest are invisible code points that IDNA ignores: combining grapheme joiner,
// Hangul fillers and variation selectors.
const UNSAFE =
  /[\p{Cc}\p{Cf}\p{Cs}\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;

export const DISPLAY_LIMIT = 80;

function codePointLabel(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase();
  return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
}

/** The first unsafe character written as U+XXXX, or undefined when the token is clean. */
export function findUnsafeCharacter(token: string): string | undefined {
  const match = UNSAFE.exec(token);
  if (!match) return undefined;
  return `U+${(match[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * What we echo back for a refused token: a person must be able to see what was wrong with it, and
 * the echo must not itself carry the hostile characters into the channel or grow without bound.
 * Only looks at as many characters as it needs, so a megabyte token costs nothing.
 */
export function displayToken(raw: string): string {
  if (raw.length <= DISPLAY_LIMIT && !UNSAFE.test(raw)) return raw;
  const pieces: string[] = [];
  let length = 0;
  for (const ch of raw) {
    const piece = UNSAFE.test(ch) ? codePointLabel(ch.codePointAt(0) as number) : ch;
    pieces.push(piece);
    length += piece.length;
    if (length > DISPLAY_LIMIT) {
      while (length > DISPLAY_LIMIT - 1) length -= (pieces.pop() as string).length;
      return `${pieces.join("")}…`;
    }
  }
  return pieces.join("");
}
