import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
import { IntlMessageFormat } from "intl-messageformat";
import { formatDay, formatTime } from "../time/format-time.js";
import type { Inline } from "../views/message.js";
import { CATALOGUE, type TextKey } from "./catalogue/index.js";
import { LANGUAGES, type Language } from "./language.js";

/** What a message's `{name}` placeholders take: people's words and ids as given, counts as numbers. */
export type TextValues = Readonly<Record<string, string | number>>;

/**
 * The texts of one language, for one reader. Views take a Translator rather than a language so
 * that they cannot show a text that is not in the catalogue.
 */
export interface Translator {
  readonly language: Language;
  /** A catalogue text with its values filled in. */
  text(key: TextKey, values?: TextValues): string;
  /** The same, as view content: `<code>…</code>` and `<b>…</b>` in the text become code and bold. */
  inline(key: TextKey, values?: TextValues): Inline[];
  /** A moment in Amsterdam time with its zone, as this language writes it. */
  time(at: Date): string;
  /** The Amsterdam day of a moment. */
  day(at: Date): string;
  /** A whole number as this language writes it ("1,000" / "1.000"). */
  number(n: number): string;
  /** "a, b and c" / "a, b en c"; `or` for "a, b or c". */
  list(items: readonly string[], kind?: "and" | "or"): string;
}

/** ICU locale per language: British English writes day-month and a 24-hour clock, as the cell does. */
const LOCALE: Record<Language, string> = { nl: "nl-NL", en: "en-GB" };

/** A text that cannot be formatted (a missing value) is a bug in the view: it fails loudly, in tests first. */
const failOnError = (error: unknown) => {
  throw error instanceof Error ? error : new Error(String(error));
};

function build(language: Language): Translator {
  const locale = LOCALE[language];
  const intl: IntlShape<string> = createIntl({ locale, onError: failOnError }, createIntlCache());
  // Each text is compiled once, on first use, and formatted from then on: through
  // intl.formatMessage every call looked its compiled form up by serialising the message and its
  // formats, a tenth of a command's time in a burst of look-ups and help.
  const compiled = new Map<TextKey, IntlMessageFormat>();
  const format = (key: TextKey, values?: Record<string, unknown>): string | (string | Inline)[] => {
    let message = compiled.get(key);
    if (message === undefined) {
      const entry = CATALOGUE[key];
      if (entry === undefined) throw new Error(`no text "${key}" in the catalogues`);
      message = new IntlMessageFormat(entry[language], locale, undefined, { formatters: intl.formatters });
      compiled.set(key, message);
    }
    return message.format(values as Record<string, string>) as string | (string | Inline)[];
  };
  const tags = {
    code: (chunks: unknown[]) => ({ code: chunks.join("") }),
    b: (chunks: unknown[]) => ({ strong: chunks.join("") }),
  };
  return {
    language,
    text: (key, values) => String(format(key, values)),
    inline(key, values) {
      const out = format(key, { ...values, ...tags });
      const parts: Inline[] = Array.isArray(out) ? out : [out];
      // Adjacent strings are joined, so that views hold the fewest runs.
      return parts.reduce<Inline[]>((runs, part) => {
        const last = runs[runs.length - 1];
        if (typeof part === "string" && typeof last === "string") runs[runs.length - 1] = last + part;
        else if (part !== "") runs.push(part);
        return runs;
      }, []);
    },
    time: (at) => formatTime(at, language),
    day: (at) => formatDay(at, language),
    number: (n) => intl.formatNumber(n),
    list: (items, kind = "and") => intl.formatList([...items], { type: kind === "and" ? "conjunction" : "disjunction" }) as string,
  };
}

const TRANSLATORS = Object.fromEntries(LANGUAGES.map((l) => [l, build(l)])) as Record<Language, Translator>;

/** The texts of a language (built once per process). */
export const translator = (language: Language): Translator => TRANSLATORS[language];
