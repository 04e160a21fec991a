import type { Directory, RetentionSettings } from "../directory/types.js";
import { INDICATOR_TYPES, type IndicatorType } from "../indicators/index.js";
import { addDaysInCell } from "../time/cell-zone.js";

/** Without settings in the directory: a yearly review, answered within two working weeks. */
export const DEFAULT_RETENTION: RetentionSettings = { reviewAfterDays: { default: 365 }, answerWithinWorkingDays: 10 };

/** At most this many items in one question: a message a liaison can read through and answer. */
export const REVIEW_BATCH = 40;

export const retentionSettings = (directory: Directory): RetentionSettings => directory.retention ?? DEFAULT_RETENTION;

/** How many days an item of this type is kept before its party is asked again. */
export const reviewAfterDays = (settings: RetentionSettings, type: IndicatorType): number => settings.reviewAfterDays[type] ?? settings.reviewAfterDays.default;

/**
 * An item's review date: when its current period began plus its type's period, in calendar days
 * in the Netherlands (the same time of day there, whether or not the clocks changed in between).
 */
export const reviewDate = (settings: RetentionSettings, type: IndicatorType, periodStart: Date): Date => addDaysInCell(periodStart, reviewAfterDays(settings, type));

/** Per type, the latest period start that is due now: a period that began then or earlier has run out. */
export function dueCutoffs(settings: RetentionSettings, now: Date): Record<IndicatorType, Date> {
  return Object.fromEntries(INDICATOR_TYPES.map((t) => [t, addDaysInCell(now, -reviewAfterDays(settings, t))])) as Record<IndicatorType, Date>;
}
