import type { TextKey } from "./catalogue/index.js";
import type { Translator } from "./translator.js";

/**
 * A catalogue text not yet put into words: for what is found before anyone knows who will read it
 * (reading a command's text, classifying a value), said later in the reader's language. A value
 * may itself be a phrase ("not a valid domain name: it {problem}"), said in the same language.
 */
export interface Phrase {
  readonly key: TextKey;
  readonly values?: PhraseValues;
}

export type PhraseValues = Readonly<Record<string, string | number | Phrase>>;

export const phrase = (key: TextKey, values?: PhraseValues): Phrase => (values ? { key, values } : { key });

/** The phrase in the reader's language. */
export function say(t: Translator, p: Phrase): string {
  if (!p.values) return t.text(p.key);
  const values = Object.fromEntries(Object.entries(p.values).map(([name, v]) => [name, typeof v === "object" ? say(t, v) : v]));
  return t.text(p.key, values);
}
