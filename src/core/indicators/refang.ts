// Analysts "defang" indicators so that chat clients and mail readers do not turn them into
// clickable links. We undo only the well-known conventions; anything cleverer would be guessing.

// Only at the start of the token and only when a colon follows, so that an ordinary word that
// happens to begin with "hxxp" is left alone.
const DEFANGED_SCHEME = /^(?:h(?:xx|tx|xt|\*\*|\[tt\]|__)p(s?)|f(?:x|\[t\])p)(?=[[({]?:)/i;

// One alternation applied in a single left-to-right pass: linear time, and a replacement can
// never create a new match (no "[[.].]" surprises).
const DEFANGED_PARTS = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\\\.|\[:\/\/\]|\[:\]|\(:\)|\{:\}|\[\/\]|\[@\]|\(@\)|\{@\}|\[at\]|\(at\)|\{at\}/gi;

function replacePart(part: string): string {
  const inner = part.length === 2 ? part[1] : part.slice(1, -1).toLowerCase();
  switch (inner) {
    case ".":
    case "dot":
      return ".";
    case ":":
      return ":";
    case "://":
      return "://";
    case "/":
      return "/";
    default:
      return "@"; // "@" and "at" are the only remaining alternatives
  }
}

// Nearly every token is not defanged at all; this check spares it two regex replacements.
const MAYBE_DEFANGED = /^[hf]|[[({\\]/i;

export function refang(token: string): string {
  if (!MAYBE_DEFANGED.test(token)) return token;
  const withScheme = token.replace(DEFANGED_SCHEME, (match: string, s: string | undefined) => {
    if (/^f/i.test(match)) return "ftp";
    return s ? "https" : "http";
  });
  return withScheme.replace(DEFANGED_PARTS, replacePart);
}
