import type { Translator } from "../i18n/translator.js";
import type { Block, Inline, MessageView } from "../views/message.js";
import type { RoundAskEvent, RoundState } from "./round-state.js";
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

/** "communication CM-7 (draft 2)" or "amendment AM-8", as a sentence names the round. */
export const roundTitle = (t: Translator, round: Round) => t.text("rounds.title", { kind: round.kind, id: formatRoundId(round.kind, round.id), version: round.version });

export const roundStateText = (t: Translator, state: RoundState) => t.text("rounds.state", { state });

/** Who an ask is for, as members read it. */
const askWho = (t: Translator, ask: RoundAsk) => (ask.role === "coordination" ? t.text("rounds.who.coordinator") : ask.party);

/** Where one ask stands, with who answered and when: "agreed by Daan Smit at 2025-11-03 11:00 CET". */
export function answerText(t: Translator, round: Round, ask: RoundAsk): string {
  const byAuthor = ask.decidedById !== null && ask.decidedById === round.authorId;
  const name = ask.decidedByName;
  const by = byAuthor
    ? t.text("rounds.by_author", { kind: round.kind })
    : name
      ? ask.decidedAt
        ? t.text("rounds.by_at", { name, time: t.time(ask.decidedAt) })
        : t.text("rounds.by", { name })
      : "";
  if (ask.role === "coordination") {
    // The coordinator's answers name who gave them in brackets; one the author gave by drafting says so.
    const said = byAuthor ? by : name ? (ask.decidedAt ? t.text("rounds.said_at", { name, time: t.time(ask.decidedAt) }) : t.text("rounds.said", { name })) : "";
    return t.text("rounds.answer.coordination", { state: ask.state, said });
  }
  return t.text("rounds.answer.party", { state: ask.state, kind: round.kind, by });
}

/** One line per ask, as the author and the status command show them. */
export function standingLines(t: Translator, round: Round, asks: readonly RoundAsk[]): Inline[][] {
  return asks.map((a): Inline[] =>
    t.inline("rounds.standing.line", { who: askWho(t, a), answer: answerText(t, round, a), note: a.note ? t.text("rounds.standing.note", { note: a.note }) : "" }),
  );
}

/** Where each party stands in a few words, for lists. */
export function compactStanding(t: Translator, round: Round, asks: readonly RoundAsk[]): string {
  return asks.map((a) => t.text("rounds.compact", { who: askWho(t, a), state: a.state, kind: round.kind })).join(", ");
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

const quoted = (t: Translator, round: Round): Block[] => [{ kind: "paragraph", content: [{ strong: t.text("rounds.quoted", { kind: round.kind }) }] }, ...textBlocks(round.text)];

const reminderNotice = (t: Translator, round: Round): Block => ({
  kind: "notice",
  tone: "warning",
  content: [t.text("rounds.reminder", { id: formatRoundId(round.kind, round.id), deadline: t.time(round.deadline) })],
});

/**
 * What a party's liaisons (deputies on escalation) are asked. The round's text is the author's
 * own words and goes to every party alike; it carries no party's data (see check-text.ts).
 */
export function roundAskView(t: Translator, round: Round, ask: RoundAsk, options: { escalated?: boolean; reminder?: boolean } = {}): MessageView {
  const kind = round.kind;
  const title = roundTitle(t, round);
  const blocks: Block[] = [
    { kind: "heading", text: t.text("rounds.ask.heading", { kind, title }) },
    {
      kind: "paragraph",
      content: [(options.escalated ? t.text("rounds.ask.as_deputy") : "") + t.text("rounds.ask.intro", { kind, author: round.authorName, party: round.authorParty })],
    },
    {
      kind: "fields",
      fields: [
        { label: t.text("rounds.field.asked_of"), value: [t.text("rounds.field.as_party", { party: ask.party })] },
        { label: t.text("rounds.field.deadline"), value: [t.time(round.deadline)] },
      ],
    },
    ...quoted(t, round),
    { kind: "notice", tone: "info", content: [t.text("rounds.ask.silence", { party: ask.party, kind })] },
    {
      kind: "actions",
      actions: [
        { action: ROUND_DECIDE_ACTION, label: t.text("rounds.ask.yes", { kind }), value: actionValue(ask.id, "agree"), style: "primary" },
        { action: ROUND_NOTE_ACTION, label: t.text("rounds.ask.no", { kind }), value: actionValue(ask.id, "object"), style: "danger" },
      ],
    },
  ];
  if (options.reminder) blocks.unshift(reminderNotice(t, round));
  const summary = t.text("rounds.ask.summary", { kind, party: ask.party, title, author: round.authorName });
  return { summary: options.reminder ? t.text("rounds.reminder.summary", { summary }) : summary, blocks, language: t.language };
}

/**
 * What the NCTV's coordinator is asked on every draft (Art 10): first whether the draft concerns
 * the execution of the Dutch Cybersecurity Agenda; if the NCTV coordinates it, then to agree or
 * to ask its author for changes.
 */
export function coordinationView(t: Translator, round: Round, ask: RoundAsk, options: { reminder?: boolean } = {}): MessageView {
  const coordinating = ask.state === "COORDINATING";
  const title = roundTitle(t, round);
  const blocks: Block[] = [
    { kind: "heading", text: t.text("rounds.coordination.heading", { title }) },
    {
      kind: "paragraph",
      content: [
        t.text("rounds.coordination.intro", { author: round.authorName, party: round.authorParty }) +
          t.text(coordinating ? "rounds.coordination.coordinating" : "rounds.coordination.question"),
      ],
    },
    { kind: "fields", fields: [{ label: t.text("rounds.field.deadline"), value: [t.time(round.deadline)] }] },
    ...quoted(t, round),
    // Both first answers act at once under one action id; Slack wants an action id once per
    // block, so each has a block of its own.
    ...(coordinating
      ? [
          {
            kind: "actions" as const,
            actions: [
              { action: ROUND_DECIDE_ACTION, label: t.text("rounds.coordination.agree"), value: actionValue(ask.id, "agree"), style: "primary" as const },
              { action: ROUND_NOTE_ACTION, label: t.text("rounds.coordination.request_changes"), value: actionValue(ask.id, "request_changes") },
            ],
          },
        ]
      : [
          {
            kind: "actions" as const,
            actions: [{ action: ROUND_DECIDE_ACTION, label: t.text("rounds.coordination.coordinate"), value: actionValue(ask.id, "coordinate"), style: "primary" as const }],
          },
          { kind: "actions" as const, actions: [{ action: ROUND_DECIDE_ACTION, label: t.text("rounds.coordination.not_concerned"), value: actionValue(ask.id, "not_concerned") }] },
        ]),
  ];
  if (options.reminder) blocks.unshift(reminderNotice(t, round));
  const summary = t.text("rounds.coordination.summary", { title, author: round.authorName });
  return { summary: options.reminder ? t.text("rounds.reminder.summary", { summary }) : summary, blocks, language: t.language };
}

/** Replaces an ask's messages once it is answered or closed, so that no stale buttons remain. */
export function settledRoundAskView(t: Translator, round: Round, ask: RoundAsk, note?: string): MessageView {
  const text = t.text("rounds.settled", { title: roundTitle(t, round), who: askWho(t, ask), answer: answerText(t, round, ask) });
  const blocks: Block[] = [{ kind: "paragraph", content: [text] }];
  if (note) blocks.push({ kind: "paragraph", content: [note] });
  return { summary: text, blocks, language: t.language };
}

/** For the author and for `/ciic comms <id>`: the round, its text and where each party stands. */
export function roundStatusView(t: Translator, round: Round, asks: readonly RoundAsk[], headline: string): MessageView {
  const id = formatRoundId(round.kind, round.id);
  return {
    summary: `${id}: ${headline}`,
    blocks: [
      { kind: "heading", text: t.text("rounds.status.heading", { title: roundTitle(t, round), state: roundStateText(t, round.state) }) },
      { kind: "paragraph", content: [headline] },
      {
        kind: "fields",
        fields: [
          { label: t.text("rounds.field.author"), value: [`${round.authorName} (${round.authorParty})`] },
          { label: t.text("rounds.field.deadline"), value: [t.time(round.deadline)] },
        ],
      },
      { kind: "list", items: standingLines(t, round, asks) },
      ...quoted(t, round),
    ],
    language: t.language,
  };
}

/** Art 13: an adopted amendment is announced to everyone who speaks for a party, with each party's recorded consent. */
export function adoptionView(t: Translator, round: Round, asks: readonly RoundAsk[]): MessageView {
  const id = formatRoundId(round.kind, round.id);
  return {
    summary: t.text("rounds.adopted.summary", { id }),
    blocks: [
      { kind: "heading", text: t.text("rounds.adopted.heading", { id }) },
      {
        kind: "paragraph",
        content: [t.text("rounds.adopted.text", { id, author: round.authorName, party: round.authorParty }) + withdrew(t, asks)],
      },
      { kind: "list", items: standingLines(t, round, asks) },
      ...quoted(t, round),
    ],
    language: t.language,
  };
}

/** Names the parties that withdrew from the covenant while asked (Art 14): their consent was no longer needed. */
function withdrew(t: Translator, asks: readonly RoundAsk[]): string {
  const gone = [...new Set(asks.filter((a) => a.state === "WITHDRAWN").map((a) => a.party))];
  return gone.length === 0 ? "" : t.text("rounds.adopted.withdrew", { parties: t.list(gone) });
}
