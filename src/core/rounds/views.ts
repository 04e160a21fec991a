import { formatTime, type Block, type Inline, type MessageView } from "../views/message.js";
import type { RoundAskEvent, RoundAskState, RoundKind, RoundState } from "./round-state.js";
import { formatRoundId, type Round, type RoundAsk } from "./types.js";

/**
 * The buttons of every agreement round. Two stable action ids serve every kind of round and every
 * answer, so that each chat adapter routes them once: `round.decide` acts at once, `round.note`
 * first asks for a note (why a party objects, which changes the NCTV wants). The value is
 * "<ask id>:<event>".
 */
export const ROUND_DECIDE_ACTION = "round.decide";
export const ROUND_NOTE_ACTION = "round.note";

export const actionValue = (askId: number, event: RoundAskEvent) => `${askId}:${event}`;

/** Every copy of an ask's message, on any platform, is updated through this topic (no stale buttons). */
export const roundAskTopic = (askId: number) => `round-ask:${askId}`;

/** The words of each kind: a communication is agreed to (Art 10), an amendment consented to (Art 13). */
const WORDS: Record<RoundKind, { noun: string; asked: string; yes: string; no: string; agreed: string; objected: string; done: string }> = {
  comms: { noun: "communication", asked: "Agreement asked", yes: "Agree", no: "Object", agreed: "agreed", objected: "objected", done: "cleared" },
  amendment: { noun: "amendment", asked: "Consent asked", yes: "Consent", no: "Deny", agreed: "consented", objected: "denied", done: "adopted" },
};

export const roundTitle = (round: Round) =>
  round.kind === "comms" ? `${WORDS.comms.noun} ${formatRoundId(round.kind, round.id)} (draft ${round.version})` : `${WORDS.amendment.noun} ${formatRoundId(round.kind, round.id)}`;

const ROUND_STATE_TEXT: Record<RoundState, string> = {
  OPEN: "waiting for the parties",
  CHANGES_REQUESTED: "changes requested by the NCTV",
  CLEARED: "cleared",
  ADOPTED: "adopted",
  BLOCKED: "blocked",
  EXPIRED: "expired",
};

export const roundStateText = (state: RoundState) => ROUND_STATE_TEXT[state];

/** Who an ask is for, as members read it. */
const askWho = (ask: RoundAsk) => (ask.role === "coordination" ? "NCTV coordinator" : ask.party);

/** Where one ask stands, with who answered and when: "agreed by Daan Smit at 2025-11-03 10:00 UTC". */
export function answerText(round: Round, ask: RoundAsk): string {
  const w = WORDS[round.kind];
  const byAuthor = ask.decidedById !== null && ask.decidedById === round.authorId;
  const by = byAuthor ? ` (by ${round.kind === "comms" ? "drafting" : "proposing"})` : ask.decidedByName ? ` by ${ask.decidedByName}${ask.decidedAt ? ` at ${formatTime(ask.decidedAt)}` : ""}` : "";
  const said = ask.decidedByName && !byAuthor ? ` (${ask.decidedByName}${ask.decidedAt ? `, ${formatTime(ask.decidedAt)}` : ""})` : "";
  if (ask.role === "coordination") {
    const coordination: Record<RoundAskState, string> = {
      PENDING: "has not yet said whether the draft concerns the Cybersecurity Agenda",
      COORDINATING: `the NCTV coordinates, as it concerns the Cybersecurity Agenda${said}; its agreement is awaited`,
      AGREED: byAuthor ? `the NCTV coordinates and agreed${by}` : `the NCTV coordinates and agreed${said}`,
      NOT_CONCERNED: `not the Cybersecurity Agenda, so the NCTV does not coordinate${said}`,
      CHANGES_REQUESTED: `the NCTV coordinates and asks for changes${said}`,
      OBJECTED: `objected${said}`,
      EXPIRED: "did not answer by the deadline",
      RETIRED: "no longer asked",
      WITHDRAWN: "the NCTV withdrew from the covenant (Art 14), so it no longer coordinates",
    };
    return coordination[ask.state];
  }
  const party: Record<RoundAskState, string> = {
    PENDING: "waiting",
    COORDINATING: "waiting",
    AGREED: `${w.agreed}${by}`,
    OBJECTED: `${w.objected}${by}`,
    NOT_CONCERNED: "not concerned",
    CHANGES_REQUESTED: `asked for changes${by}`,
    EXPIRED: "did not answer by the deadline",
    RETIRED: "no longer asked",
    WITHDRAWN: "withdrew from the covenant (Art 14), so its agreement is no longer needed",
  };
  return party[ask.state];
}

/** One line per ask, as the author and the status command show them. */
export function standingLines(round: Round, asks: readonly RoundAsk[]): Inline[][] {
  return asks.map((a): Inline[] => [{ strong: askWho(a) }, `: ${answerText(round, a)}`, a.note ? ` — “${a.note}”` : ""]);
}

/** Where each party stands in a few words, for lists. */
export function compactStanding(round: Round, asks: readonly RoundAsk[]): string {
  const w = WORDS[round.kind];
  const short: Record<RoundAskState, string> = {
    PENDING: "waiting",
    COORDINATING: "coordinating",
    AGREED: w.agreed,
    OBJECTED: w.objected,
    NOT_CONCERNED: "not concerned",
    CHANGES_REQUESTED: "asked for changes",
    EXPIRED: "expired",
    RETIRED: "no longer asked",
    WITHDRAWN: "withdrew",
  };
  return asks.map((a) => `${a.role === "coordination" ? "NCTV coordinator" : a.party} ${short[a.state]}`).join(", ");
}

/** A text as paragraphs of at most 2,000 characters, cut at white space: every platform's blocks take that. */
export function textBlocks(text: string): Block[] {
  const out: Block[] = [];
  let rest = text;
  while (rest.length > 2000) {
    const space = rest.lastIndexOf(" ", 2000);
    const cut = space > 1000 ? space : 2000;
    out.push({ kind: "paragraph", content: [rest.slice(0, cut)] });
    rest = rest.slice(cut).replace(/^ /, "");
  }
  if (rest) out.push({ kind: "paragraph", content: [rest] });
  return out;
}

const quoted = (round: Round): Block[] => [{ kind: "paragraph", content: [{ strong: round.kind === "comms" ? "The draft" : "The proposed amendment" }] }, ...textBlocks(round.text)];

/**
 * What a party's liaisons (deputies on escalation) are asked. The round's text is the author's
 * own words and goes to every party alike; it carries no party's data (see check-text.ts).
 */
export function roundAskView(round: Round, ask: RoundAsk, options: { escalated?: boolean; reminder?: boolean } = {}): MessageView {
  const w = WORDS[round.kind];
  const id = formatRoundId(round.kind, round.id);
  const intro =
    round.kind === "comms"
      ? `${round.authorName} (${round.authorParty}) drafted a communication to third parties about the cooperation. It may go out only when every party agreed (covenant Art 10); ${round.authorParty} agreed by drafting it.`
      : `${round.authorName} (${round.authorParty}) proposes to amend the covenant. An amendment is adopted only with the consent of every party (covenant Art 13); ${round.authorParty} consented by proposing it.`;
  const blocks: Block[] = [
    { kind: "heading", text: `${w.asked}: ${roundTitle(round)}` },
    { kind: "paragraph", content: [options.escalated ? "Your party's liaison has not answered, so you are asked as deputy. " : "", intro] },
    { kind: "fields", fields: [{ label: "Asked of", value: [`${ask.party}, as a party`] }, { label: "Deadline", value: [formatTime(round.deadline)] }] },
    ...quoted(round),
    { kind: "notice", tone: "info", content: [`Without ${ask.party}'s answer by the deadline nothing is ${w.done}: silence is never agreement.`] },
    {
      kind: "actions",
      actions: [
        { action: ROUND_DECIDE_ACTION, label: w.yes, value: actionValue(ask.id, "agree"), style: "primary" },
        { action: ROUND_NOTE_ACTION, label: w.no, value: actionValue(ask.id, "object"), style: "danger" },
      ],
    },
  ];
  if (options.reminder) blocks.unshift({ kind: "notice", tone: "warning", content: [`Reminder: ${id} expires ${formatTime(round.deadline)}.`] });
  return { summary: `${options.reminder ? "Reminder: " : ""}${w.asked} of ${ask.party}: ${roundTitle(round)} by ${round.authorName}`, blocks };
}

/**
 * What the NCTV's coordinator is asked on every draft (Art 10): first whether the draft concerns
 * the execution of the Dutch Cybersecurity Agenda; if the NCTV coordinates it, then to agree or
 * to ask its author for changes.
 */
export function coordinationView(round: Round, ask: RoundAsk, options: { reminder?: boolean } = {}): MessageView {
  const id = formatRoundId(round.kind, round.id);
  const coordinating = ask.state === "COORDINATING";
  const blocks: Block[] = [
    { kind: "heading", text: `NCTV coordination: ${roundTitle(round)}` },
    {
      kind: "paragraph",
      content: [
        `${round.authorName} (${round.authorParty}) drafted a communication to third parties about the cooperation; every party is asked to agree. `,
        coordinating
          ? "The NCTV coordinates it (it concerns the Dutch Cybersecurity Agenda, covenant Art 10): it is cleared only with your agreement, and you may ask the author for changes."
          : "Does it concern the execution of the Dutch Cybersecurity Agenda? If so, the NCTV coordinates it (covenant Art 10): you may ask for changes, and it is cleared only with your agreement.",
      ],
    },
    { kind: "fields", fields: [{ label: "Deadline", value: [formatTime(round.deadline)] }] },
    ...quoted(round),
    // Both first answers act at once under one action id; Slack wants an action id once per
    // block, so each has a block of its own.
    ...(coordinating
      ? [
          {
            kind: "actions" as const,
            actions: [
              { action: ROUND_DECIDE_ACTION, label: "Agree", value: actionValue(ask.id, "agree"), style: "primary" as const },
              { action: ROUND_NOTE_ACTION, label: "Request changes", value: actionValue(ask.id, "request_changes") },
            ],
          },
        ]
      : [
          { kind: "actions" as const, actions: [{ action: ROUND_DECIDE_ACTION, label: "NCTV coordinates", value: actionValue(ask.id, "coordinate"), style: "primary" as const }] },
          { kind: "actions" as const, actions: [{ action: ROUND_DECIDE_ACTION, label: "Not the Agenda", value: actionValue(ask.id, "not_concerned") }] },
        ]),
  ];
  if (options.reminder) blocks.unshift({ kind: "notice", tone: "warning", content: [`Reminder: ${id} expires ${formatTime(round.deadline)}.`] });
  return { summary: `${options.reminder ? "Reminder: " : ""}NCTV coordination asked: ${roundTitle(round)} by ${round.authorName}`, blocks };
}

/** Replaces an ask's messages once it is answered or closed, so that no stale buttons remain. */
export function settledRoundAskView(round: Round, ask: RoundAsk, note?: string): MessageView {
  const text = `${roundTitle(round)} — ${askWho(ask)}: ${answerText(round, ask)}.`;
  const blocks: Block[] = [{ kind: "paragraph", content: [text] }];
  if (note) blocks.push({ kind: "paragraph", content: [note] });
  return { summary: text, blocks };
}

/** For the author and for `/ciic comms <id>`: the round, its text and where each party stands. */
export function roundStatusView(round: Round, asks: readonly RoundAsk[], headline: string): MessageView {
  const id = formatRoundId(round.kind, round.id);
  return {
    summary: `${id}: ${headline}`,
    blocks: [
      { kind: "heading", text: `${roundTitle(round)}: ${roundStateText(round.state)}` },
      { kind: "paragraph", content: [headline] },
      {
        kind: "fields",
        fields: [
          { label: "Author", value: [`${round.authorName} (${round.authorParty})`] },
          { label: "Deadline", value: [formatTime(round.deadline)] },
        ],
      },
      { kind: "list", items: standingLines(round, asks) },
      ...quoted(round),
    ],
  };
}

/** Art 13: an adopted amendment is announced to everyone who speaks for a party, with each party's recorded consent. */
export function adoptionView(round: Round, asks: readonly RoundAsk[]): MessageView {
  const id = formatRoundId(round.kind, round.id);
  return {
    summary: `Amendment ${id} to the covenant is adopted: every party consented (Art 13).`,
    blocks: [
      { kind: "heading", text: `Amendment ${id} adopted` },
      {
        kind: "paragraph",
        content: [
          `Every party consented to amendment ${id}, proposed by ${round.authorName} (${round.authorParty}); it is adopted and recorded (covenant Art 13).`,
          ...withdrew(asks),
        ],
      },
      { kind: "list", items: standingLines(round, asks) },
      ...quoted(round),
    ],
  };
}

/** Names the parties that withdrew from the covenant while asked (Art 14): their consent was no longer needed. */
function withdrew(asks: readonly RoundAsk[]): string[] {
  const gone = [...new Set(asks.filter((a) => a.state === "WITHDRAWN").map((a) => a.party))];
  return gone.length === 0 ? [] : [` ${gone.join(", ")} withdrew from the covenant meanwhile (Art 14); the covenant stays in force for the others, whose consent it took.`];
}
