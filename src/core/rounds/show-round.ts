import { isPartyCode } from "../covenant/parties.js";
import type { CommandContext } from "../use-cases/context.js";
import type { Translator } from "../i18n/translator.js";
import { refusalView, type Block, type Inline, type MessageView } from "../views/message.js";
import { mayAnswer } from "./deciders.js";
import { isOpenRound, type RoundKind } from "./round-state.js";
import { formatRoundId, parseRoundId, type Round } from "./types.js";
import { coordinationView, roundAskView, roundStateText, roundStatusView, compactStanding } from "./views.js";

type Ctx = Omit<CommandContext, "via" | "platform">;

const SHOWN_IN_FULL = 3;

/** Which kind of round an id names ("CM-7" or "AM-8"), if any. */
export function roundRef(ref: string): { kind: RoundKind; id: number } | undefined {
  for (const kind of ["comms", "amendment"] as const) {
    const id = parseRoundId(kind, ref);
    if (id !== undefined) return { kind, id };
  }
  return undefined;
}

/**
 * One round and where each party stands, for those it concerns: its author, and those who answer
 * for a party in it. Its text is no party's data, but it is the cell's business only.
 */
export async function roundDetail(ctx: Ctx, kind: RoundKind, ref: string): Promise<MessageView> {
  const { tx, member, t } = ctx;
  const id = parseRoundId(kind, ref);
  const round = id ? await tx.rounds.byId(id) : undefined;
  const missing = t.text("rounds.detail.not_found", { kind, ref: ref.slice(0, 20) });
  const notFound = refusalView("round.not_found", missing);
  if (!round || round.kind !== kind) return notFound;
  const asks = await tx.rounds.asksOf(round.id, round.version);
  const concerned = round.authorId === member.id || asks.some((a) => mayAnswer(member, round.kind, a));
  if (!concerned) return notFound;
  // A party's reason for objecting, or the NCTV's requested changes, are for the author and that
  // party: others see where each party stands, not why.
  const shown = round.authorId === member.id ? asks : asks.map((a) => (a.party === member.party ? a : { ...a, note: null }));
  const view = roundStatusView(t, round, shown, headline(t, round));
  // Whoever may still answer finds the buttons here too, as in the direct message.
  for (const ask of asks.filter((a) => (a.state === "PENDING" || a.state === "COORDINATING") && round.state === "OPEN" && mayAnswer(member, round.kind, a))) {
    const actions = (ask.role === "coordination" ? coordinationView(t, round, ask) : roundAskView(t, round, ask)).blocks.filter((b) => b.kind === "actions");
    const yours = ask.role === "coordination" ? t.text("rounds.detail.answer_coordinator") : t.text("rounds.detail.answer_party", { party: ask.party });
    view.blocks.push({ kind: "paragraph", content: [{ strong: yours }] }, ...actions);
  }
  return view;
}

function headline(t: Translator, round: Round): string {
  return t.text("rounds.headline.state", { state: round.state, kind: round.kind, id: formatRoundId(round.kind, round.id) });
}

/**
 * The rounds part of `/ciic requests` (and the App Home tab): the rounds waiting for the member's
 * answer, with their buttons, and the member's own rounds with where each stands.
 */
export async function roundsOverview(ctx: Ctx): Promise<{ blocks: Block[]; waiting: number }> {
  const { tx, member, t } = ctx;
  const blocks: Block[] = [];
  let waiting = 0;
  // Every read asked for at once, not one after another: where a round trip costs (PostgreSQL),
  // they go to the database together.
  const [openAsks, own] = await Promise.all([isPartyCode(member.party) ? tx.rounds.openAsks(50, [member.party]) : [], tx.rounds.byAuthor(member.id, 10)]);
  if (isPartyCode(member.party)) {
    const roundIds = [...new Set(openAsks.map((ask) => ask.roundId))];
    const found = await Promise.all(roundIds.map((id) => tx.rounds.byId(id)));
    const rounds = new Map<number, Round | undefined>(roundIds.map((id, n) => [id, found[n]]));
    const mine: Block[] = [];
    for (const ask of openAsks) {
      const round = rounds.get(ask.roundId);
      if (!round || !mayAnswer(member, round.kind, ask)) continue;
      // A few in full, with their buttons; a message has room for only so many blocks.
      if (waiting < SHOWN_IN_FULL) {
        const view = ask.role === "coordination" ? coordinationView(t, round, ask) : roundAskView(t, round, ask);
        mine.push(...view.blocks.filter((b) => b.kind !== "notice"));
      }
      waiting++;
    }
    if (waiting > SHOWN_IN_FULL) mine.push({ kind: "paragraph", content: [t.text("rounds.overview.more", { count: waiting - SHOWN_IN_FULL })] });
    if (waiting > 0) blocks.push({ kind: "paragraph", content: [{ strong: t.text("rounds.overview.waiting", { count: waiting }) }] }, ...mine);
  }
  if (own.length > 0) {
    blocks.push({ kind: "paragraph", content: [{ strong: t.text("rounds.overview.mine", { count: own.length }) }] });
    const lines: Inline[][] = [];
    const asksOfEach = await Promise.all(own.map((round) => tx.rounds.asksOf(round.id, round.version)));
    for (const [n, round] of own.entries()) {
      const asks = asksOfEach[n];
      const until = isOpenRound(round.state) ? t.text("rounds.overview.until", { day: t.day(round.deadline) }) : "";
      const standing = compactStanding(t, round, asks);
      lines.push(t.inline("rounds.overview.line", { id: formatRoundId(round.kind, round.id), state: roundStateText(t, round.state), until, standing }));
    }
    blocks.push({ kind: "list", items: lines });
  }
  return { blocks, waiting };
}

/**
 * `/ciic requests` with the rounds in it: a round's id shows that round; without an id, the
 * disclosures' overview gains the rounds that wait for the member or that the member started.
 */
export async function requestsWithRounds(ctx: Ctx, ref: string | undefined, disclosures: () => Promise<MessageView>): Promise<MessageView> {
  const round = ref ? roundRef(ref) : undefined;
  if (round && ref) return roundDetail(ctx, round.kind, ref);
  if (ref) return disclosures();
  const [view, { blocks, waiting }] = await Promise.all([disclosures(), roundsOverview(ctx)]);
  if (blocks.length === 0) return view;
  // The disclosures' "nothing waits" line would contradict what follows.
  const nothingWaits = ctx.t.text("disclosure.list.nothing");
  const nothing = view.blocks.findIndex((b) => b.kind === "paragraph" && b.content.length === 1 && b.content[0] === nothingWaits);
  if (nothing >= 0) view.blocks.splice(nothing, 1);
  view.blocks.push({ kind: "heading", text: ctx.t.text("rounds.overview.heading") }, ...blocks);
  if (waiting > 0) view.summary = ctx.t.text("rounds.overview.summary", { summary: view.summary, count: waiting });
  return view;
}
