import { CELL_TIME_ZONE } from "./cell-zone.js";

/**
 * How times are shown to people: in the Netherlands' time, with its zone (CET in winter, CEST in
 * summer), in the reader's language. Stored times stay UTC; machine formats (CSV, STIX, MISP,
 * the audit log, the oversight archive) keep ISO 8601 in UTC and do not come through here.
 */
export type Language = "nl" | "en";

/** Without a reader's language: English, for the operators' command line. */
export const DEFAULT_LANGUAGE: Language = "en";

type Parts = Record<"year" | "month" | "day" | "hour" | "minute" | "timeZoneName", string>;

/**
 * Intl does the zone's arithmetic and names the zone. Both locales use a 24-hour clock and, with
 * Node's full ICU data, name Amsterdam's zone CET/CEST (en-US would say "GMT+1").
 */
const FORMATTERS: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat("en-GB", {
    timeZone: CELL_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }),
  nl: new Intl.DateTimeFormat("nl-NL", {
    timeZone: CELL_TIME_ZONE,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }),
};

function partsOf(at: Date, language: Language): Parts {
  const parts = Object.fromEntries(FORMATTERS[language].formatToParts(at).map((p) => [p.type, p.value]));
  return parts as Parts;
}

/**
 * A moment as people in the cell read it: "2026-12-10 05:31 CET" in English, "10 dec 2026 05:31
 * CET" in Dutch (Intl's Dutch month abbreviations). English keeps the year-first date the bot
 * showed before, so that lists stay sortable by eye.
 */
export function formatTime(at: Date, language: Language = DEFAULT_LANGUAGE): string {
  const p = partsOf(at, language);
  return language === "nl"
    ? `${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute} ${p.timeZoneName}`
    : `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** The day a moment falls on in the Netherlands, without the time: "2027-02-28" / "28 feb 2027". */
export function formatDay(at: Date, language: Language = DEFAULT_LANGUAGE): string {
  const p = partsOf(at, language);
  return language === "nl" ? `${p.day} ${p.month} ${p.year}` : `${p.year}-${p.month}-${p.day}`;
}
