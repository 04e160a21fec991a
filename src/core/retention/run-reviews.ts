import { PARTIES, type PartyCode } from "../covenant/parties.js";
import { tellMember } from "../disclosure/notify.js";
import { whoDecides } from "../disclosure/request-disclosure.js";
import { consentTiming, nudgeOnce } from "../deadlines/steps.js";
import { calendarOf } from "../time/holidays.js";
import { addWorkingDays, subtractWorkingHours } from "../time/working-time.js";
import type { Clock, Store } from "../ports.js";
import { partiesInForce } from "../rounds/deciders.js";
import { REVIEW_BATCH, dueCutoffs, retentionSettings } from "./settings.js";
import { reviewLines } from "./review-lines.js";
import { formatReviewId } from "./types.js";
import { reviewAskView, reviewTopic } from "./views.js";

/** No one asks: the question is put to the party's liaisons, so no member is excluded. */
const NOBODY = "";

/**
 * Time-based work of retention review (Wiv 2017: data that lost their relevance are removed), run
 * by the deadline scheduler on every instance:
 * - a party with items past their review date and no open question is asked one question about
 *   up to REVIEW_BATCH of them, by direct message to its liaisons (deputies if it has none);
 * - an open question is reminded `consent.remindHoursBefore` working hours before its deadline, once;
 * - at its deadline it is put to the party's deputies, once, and shown as overdue in
 *   `/ciic requests`. It stays open: silence neither keeps nor removes anything.
 * Each step is a conditional write in its own transaction, so it happens once across instances.
 */
export async function runRetentionReviews(deps: { store: Store; clock: Clock }): Promise<{ asked: number; reminded: number; escalated: number }> {
  const { store, clock } = deps;
  const counts = { asked: 0, reminded: 0, escalated: 0 };
  const record = await store.directory.current();
  if (!record) return counts;
  // A party whose withdrawal took effect can no longer answer (Art 14); its data stay as recorded.
  const parties = (await partiesInForce(store.audit, clock.now())).filter((p) => PARTIES[p].suppliesData);
  for (const party of parties) {
    if (await askParty(deps, party)) counts.asked++;
  }
  const { settings, calendar } = consentTiming(record.directory);
  for (const review of await store.retention.openReviews(200)) {
    const now = clock.now().getTime();
    if (!review.remindedAt && now >= subtractWorkingHours(review.deadline, settings.remindHoursBefore, calendar).getTime() && now < review.deadline.getTime()) {
      if (await nudge(deps, review.id, "remind")) counts.reminded++;
    }
    if (!review.escalatedAt && now >= review.deadline.getTime()) {
      if (await nudge(deps, review.id, "escalate")) counts.escalated++;
    }
  }
  return counts;
}

/** Asks one party about its due items, unless a question of it is still open. */
async function askParty(deps: { store: Store; clock: Clock }, party: PartyCode): Promise<boolean> {
  return deps.store.transaction(async (tx) => {
    await tx.audit.holdHead();
    const now = deps.clock.now();
    const record = await tx.directory.current();
    if (!record) return false;
    // One open question per party: a liaison is not flooded, and answers one batch at a time.
    if ((await tx.retention.openReviews(1, [party])).length > 0) return false;
    const settings = retentionSettings(record.directory);
    const due = await tx.retention.dueItems(party, dueCutoffs(settings, now), REVIEW_BATCH);
    if (due.length === 0) return false;
    const deadline = addWorkingDays(now, settings.answerWithinWorkingDays, calendarOf(record.directory));
    const { review, entries } = await tx.retention.open({ party, askedAt: now, deadline }, due.map((i) => i.id));
    const who = whoDecides(record.directory, party, NOBODY, now);
    const lines = await reviewLines(tx.items, entries);
    await tx.outbox.enqueue(who.flatMap((m) => tellMember(record.directory, m, (t) => reviewAskView(t, review, lines), reviewTopic(review.id))), now);
    await tx.audit.append(
      [
        {
          action: "retention.asked",
          actor: null,
          subject: `review:${review.id}`,
          details: { review: formatReviewId(review.id), party, items: entries.map((e) => e.itemId), asked: who.map((m) => m.id), deadline: deadline.toISOString() },
        },
      ],
      now,
    );
    return true;
  });
}

/** The reminder (before the deadline) or the escalation to deputies (at it) of one question, once. */
function nudge(deps: { store: Store; clock: Clock }, reviewId: number, kind: "remind" | "escalate"): Promise<boolean> {
  return nudgeOnce(deps, {
    async load(tx) {
      const review = await tx.retention.review(reviewId);
      return review?.state === "OPEN" ? review : undefined;
    },
    mark: (tx, now) => (kind === "remind" ? tx.retention.markReminded(reviewId, now) : tx.retention.markEscalated(reviewId, now)),
    async tell(tx, directory, review, now) {
      const first = whoDecides(directory, review.party, NOBODY, now);
      const deputies = whoDecides(directory, review.party, NOBODY, now, "deputy").filter((m) => !first.includes(m));
      const recipients = kind === "remind" ? first : deputies;
      const lines = await reviewLines(tx.items, await tx.retention.entries(reviewId));
      const options = kind === "remind" ? { reminder: true } : { escalated: true };
      return {
        outbound: recipients.flatMap((m) => tellMember(directory, m, (t) => reviewAskView(t, review, lines, options), reviewTopic(reviewId))),
        events: [{ action: kind === "remind" ? "retention.reminded" : "retention.escalated", actor: null, subject: `review:${reviewId}`, details: { party: review.party, notified: recipients.map((m) => m.id) } }],
      };
    },
  });
}
