import { phrase, type Phrase } from "../i18n/phrase.js";

/**
 * Pulls `key:value` options out of a command's text and leaves the rest (the indicators).
 * Values may be quoted (`src:"case 2026-17"`); `note:` without quotes takes the rest of the text,
 * so a note can be written last without quoting. Any other value starts right after its colon: a
 * key followed by a space or nothing is a problem.
 */
export interface ParsedOptions {
  options: Map<string, string>;
  rest: string;
  /** Said in the member's language once the command reaches its use case (the text is read before anyone is known). */
  problems: Phrase[];
}

export function parseOptions(text: string, keys: Record<string, string>): ParsedOptions {
  const options = new Map<string, string>();
  const problems: Phrase[] = [];
  const restParts: string[] = [];
  let i = 0;
  while (i < text.length) {
    const spaceEnd = skipSpace(text, i);
    if (spaceEnd > i) {
      restParts.push(text.slice(i, spaceEnd));
      i = spaceEnd;
      continue;
    }
    const keyMatch = /^([A-Za-z]+):/.exec(text.slice(i, i + 20));
    const canonical = keyMatch ? keys[keyMatch[1].toLowerCase()] : undefined;
    // "http:" and friends are values, not options: only listed keys count.
    if (!keyMatch || !canonical) {
      const end = nextSpace(text, i);
      restParts.push(text.slice(i, end));
      i = end;
      continue;
    }
    let valueStart = i + keyMatch[0].length;
    let value: string;
    if (text[valueStart] === '"' || text[valueStart] === "“") {
      const close = text.slice(valueStart + 1).search(/["”]/);
      if (close < 0) {
        problems.push(phrase("commands.parse.no_closing_quote", { key: keyMatch[1] }));
        value = text.slice(valueStart + 1);
        i = text.length;
      } else {
        value = text.slice(valueStart + 1, valueStart + 1 + close);
        i = valueStart + close + 2;
      }
    } else if (canonical === "note") {
      valueStart = skipSpace(text, valueStart);
      value = text.slice(valueStart);
      i = text.length;
    } else if (valueStart >= text.length || /\s/.test(text[valueStart])) {
      // "conditions: not to be passed on" lost the conditions: the value was empty and its words
      // went into the purpose. Said instead; the words stay where they were.
      problems.push(phrase("commands.parse.no_value", { key: keyMatch[1] }));
      i = valueStart;
      continue;
    } else {
      const end = nextSpace(text, valueStart);
      value = text.slice(valueStart, end);
      i = end;
    }
    if (options.has(canonical)) problems.push(phrase("commands.parse.given_twice", { key: keyMatch[1] }));
    options.set(canonical, value.trim());
  }
  return { options, rest: restParts.join(""), problems };
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function nextSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && !/\s/.test(text[i])) i++;
  return i;
}
