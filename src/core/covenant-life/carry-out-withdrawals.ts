import type { AuditEvent } from "../audit/chain.js";
import { askTopic, tellMember, textsOf, updateTopic } from "../disclosure/notify.js";
import { settleRequest } from "../disclosure/settle.js";
import { settledAskView } from "../disclosure/views.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { Clock, Store } from "../ports.js";
import type { Translator } from "../i18n/translator.js";
import type { MessageView } from "../views/message.js";
import { PARTY_CODES } from "../covenant/parties.js";
import { WITHDRAWAL_CARRIED_OUT, remainingLiaisons, withdrawals, withdrawnAt } from "./withdrawal.js";
import { withdrawFromRounds } from "./withdraw-from-rounds.js";
import { botText } from "../guard/checked-text.js";

/**
 * Art 14, on the day a withdrawal takes effect: the party can no longer consent, so its open
 * consent questions expire and the requests that waited for them do not go out (silence is
 * never consent, and a party that left cannot give it); rounds in progress go on without it
 * (withdraw-from-rounds.ts); the remaining parties are told. Access ends by the date alone (see
 * policy.ts); this step does the rest, once — it runs on every bot instance, and the check for
 * an earlier run happens under the audit head's lock.
 */
export async function carryOutWithdrawals(deps: { store: Store; clock: Clock }): Promise<number> {
  const { store, clock } = deps;
  const due = [...withdrawnAt(await withdrawals(store.audit), clock.now()).keys()];
  const done = new Set((await store.audit.withAction(WITHDRAWAL_CARRIED_OUT)).map((e) => (JSON.parse(e.readable) as { party: string }).party));
  let carried = 0;
  for (const party of due.filter((p) => !done.has(p))) {
    const happened = await store.transaction(async (tx) => {
      await tx.audit.holdHead();
      const already = (await tx.audit.withAction(WITHDRAWAL_CARRIED_OUT)).some((e) => (JSON.parse(e.readable) as { party: string }).party === party);
      const record = await tx.directory.current();
      if (already || !record) return false;
      const now = clock.now();
      // The reason is recorded with the ask once, so in the cell's language (the directory's).
      const recorded = textsOf(undefined, record.directory);
      const events: AuditEvent[] = [];
      const outbound: OutboundMessage[] = [];
      const open = await tx.disclosures.asksFor([party], ["PENDING"], 1000);
      for (const ask of open) {
        const request = await tx.disclosures.lock(ask.requestId);
        if (!request || request.state !== "PENDING") continue;
        if (!(await tx.disclosures.transition(ask.id, "expire", { at: now, reason: botText(recorded.text("covenant.effective.ask_reason", { party })) }))) continue;
        const expired = (await tx.disclosures.ask(ask.id))!;
        await settleRequest(tx, record.directory, request, now, null, {
          outbound: updateTopic(askTopic(ask.id), (t) => settledAskView(t, request, expired, t.text("disclosure.note.party_left", { party }))),
        });
      }
      const gone = withdrawnAt(await withdrawals(tx.audit), now);
      const inForce = PARTY_CODES.filter((p) => !gone.has(p));
      const rounds = await withdrawFromRounds(tx, record.directory, party, inForce, now);
      outbound.push(...rounds.outbound);
      events.push(...rounds.events);
      const effectiveAt = gone.get(party)!;
      // Each remaining liaison reads it in their own language.
      const view = (t: Translator): MessageView => ({
        summary: t.text("covenant.effective.summary", { party }),
        blocks: [
          { kind: "heading", text: t.text("covenant.effective.heading", { party }) },
          {
            kind: "paragraph",
            content: [
              // Not how many of its consent questions were open: that would tell every remaining
              // party how many pending requests held the leaving party's data (Art 7.2).
              t.text("covenant.effective.body", { time: t.time(effectiveAt), party }) +
                (rounds.rounds.length > 0 ? t.text("covenant.effective.rounds", { rounds: rounds.rounds.length, party }) : ""),
            ],
          },
        ],
        language: t.language,
      });
      outbound.push(...remainingLiaisons(record.directory, gone).flatMap((m) => tellMember(record.directory, m, view)));
      await tx.outbox.enqueue(outbound, now);
      await tx.audit.append([...events, { action: WITHDRAWAL_CARRIED_OUT, actor: null, subject: `party:${party}`, details: { party, expiredAsks: open.map((a) => a.id), rounds: rounds.rounds } }], now);
      return true;
    });
    if (happened) carried++;
  }
  return carried;
}
