import type { Directory, RetentionSettings } from "../directory/types.js";
import { INDICATOR_TYPES, type IndicatorType } from "../indicators/index.js";

/** Without settings in the directory: a yearly review, answered within two working weeks. */
export const DEFAULT_RETENTION: RetentionSettings = { reviewAfterDays: { default: 365 }, answerWithinWorkingDays: 10 };

/** At most this many items in one question: a message a liaison can read through and answer. */
export const REVIEW_BATCH = 40;

const DAY = 24 * 60 * 60 * 1000;

export const retentionSettings = (directory: Directory): RetentionSettings => directory.retention ?? DEFAULT_RETENTION;

/** How many days an item of this type is kept before its party is asked again. */
export const reviewAfterDays = (settings: RetentionSettings, type: IndicatorType): number => settings.reviewAfterDays[type] ?? settings.reviewAfterDays.default;

/** An item's review date: when its current period began plus its type's period. */
export const reviewDate = (settings: RetentionSettings, type: IndicatorType, periodStart: Date): Date => new Date(periodStart.getTime() + reviewAfterDays(settings, type) * DAY);

/** Per type, the latest period start that is due now: a period that began then or earlier has run out. */
export function dueCutoffs(settings: RetentionSettings, now: Date): Record<IndicatorType, Date> {
  return Object.fromEntries(INDICATOR_TYPES.map((t) => [t, new Date(now.getTime() - reviewAfterDays(settings, t) * DAY)])) as Record<IndicatorType, Date>;
}
