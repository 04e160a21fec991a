import { isPartyCode } from "../covenant/parties.js";
import type { CommandContext } from "../use-cases/context.js";
import { formatDay, type Block, type Inline, type MessageView } from "../views/message.js";
import { mayAnswer } from "./deciders.js";
import { isOpenRound, type RoundKind } from "./round-state.js";
import { formatRoundId, parseRoundId, type Round } from "./types.js";
import { coordinationView, roundAskView, roundStateText, roundStatusView, compactStanding } from "./views.js";

type Ctx = Omit<CommandContext, "via">;

const SHOWN_IN_FULL = 3;

/** Which kind of round an id names ("C-7" or "AM-8"), if any. */
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
  const { tx, member } = ctx;
  const id = parseRoundId(kind, ref);
  const round = id ? await tx.rounds.byId(id) : undefined;
  const name = kind === "comms" ? "communication" : "amendment";
  const notFound: MessageView = {
    summary: `There is no ${name} ${ref.slice(0, 20)} that concerns you.`,
    blocks: [{ kind: "notice", tone: "error", content: [`There is no ${name} ${ref.slice(0, 20)} that concerns you.`], code: "round.not_found" }],
  };
  if (!round || round.kind !== kind) return notFound;
  const asks = await tx.rounds.asksOf(round.id, round.version);
  const concerned = round.authorId === member.id || asks.some((a) => mayAnswer(member, round.kind, a));
  if (!concerned) return notFound;
  // A party's reason for objecting, or the NCTV's requested changes, are for the author and that
  // party: others see where each party stands, not why.
  const shown = round.authorId === member.id ? asks : asks.map((a) => (a.party === member.party ? a : { ...a, note: null }));
  const view = roundStatusView(round, shown, headline(round));
  // Whoever may still answer finds the buttons here too, as in the direct message.
  for (const ask of asks.filter((a) => (a.state === "PENDING" || a.state === "COORDINATING") && round.state === "OPEN" && mayAnswer(member, round.kind, a))) {
    const actions = (ask.role === "coordination" ? coordinationView(round, ask) : roundAskView(round, ask)).blocks.filter((b) => b.kind === "actions");
    view.blocks.push({ kind: "paragraph", content: [{ strong: ask.role === "coordination" ? "Your answer as the NCTV's coordinator" : `Your answer for ${ask.party}` }] }, ...actions);
  }
  return view;
}

function headline(round: Round): string {
  const id = formatRoundId(round.kind, round.id);
  switch (round.state) {
    case "OPEN":
      return `Waits for the parties' ${round.kind === "comms" ? "agreement" : "consent"}; it counts only when every party ${round.kind === "comms" ? "agreed" : "consented"}.`;
    case "CHANGES_REQUESTED":
      return `The NCTV asks for changes; send a changed draft with /ciic comms revise ${id} <text>.`;
    case "CLEARED":
      return "Cleared: every party agreed (Art 10).";
    case "ADOPTED":
      return "Adopted: every party consented (Art 13).";
    case "BLOCKED":
      return "Blocked: a party did not agree.";
    case "EXPIRED":
      return "Expired at its deadline without every party's agreement.";
  }
}

/**
 * The rounds part of `/ciic requests` (and the App Home tab): the rounds waiting for the member's
 * answer, with their buttons, and the member's own rounds with where each stands.
 */
export async function roundsOverview(ctx: Ctx): Promise<{ blocks: Block[]; waiting: number }> {
  const { tx, member } = ctx;
  const blocks: Block[] = [];
  let waiting = 0;
  if (isPartyCode(member.party)) {
    const rounds = new Map<number, Round | undefined>();
    const mine: Block[] = [];
    for (const ask of await tx.rounds.openAsks(50, [member.party])) {
      if (!rounds.has(ask.roundId)) rounds.set(ask.roundId, await tx.rounds.byId(ask.roundId));
      const round = rounds.get(ask.roundId);
      if (!round || !mayAnswer(member, round.kind, ask)) continue;
      // A few in full, with their buttons; a message has room for only so many blocks.
      if (waiting < SHOWN_IN_FULL) {
        const view = ask.role === "coordination" ? coordinationView(round, ask) : roundAskView(round, ask);
        mine.push(...view.blocks.filter((b) => b.kind !== "notice"));
      }
      waiting++;
    }
    if (waiting > SHOWN_IN_FULL) mine.push({ kind: "paragraph", content: [`…and ${waiting - SHOWN_IN_FULL} more, each in your direct messages.`] });
    if (waiting > 0) blocks.push({ kind: "paragraph", content: [{ strong: `Agreement rounds waiting for your answer (${waiting})` }] }, ...mine);
  }
  const own = await tx.rounds.byAuthor(member.id, 10);
  if (own.length > 0) {
    blocks.push({ kind: "paragraph", content: [{ strong: `Your communications and amendments (${own.length} most recent)` }] });
    const lines: Inline[][] = [];
    for (const round of own) {
      const asks = await tx.rounds.asksOf(round.id, round.version);
      const open = isOpenRound(round.state) ? ` · until ${formatDay(round.deadline)}` : "";
      const stand = compactStanding(round, asks);
      lines.push([{ code: formatRoundId(round.kind, round.id) }, ` ${roundStateText(round.state)}${open} · ${stand}`]);
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
  const view = await disclosures();
  if (ref) return view;
  const { blocks, waiting } = await roundsOverview(ctx);
  if (blocks.length === 0) return view;
  // The disclosures' "nothing waits" line would contradict what follows.
  const nothing = view.blocks.findIndex((b) => b.kind === "paragraph" && b.content.length === 1 && b.content[0] === "Nothing waits for you.");
  if (nothing >= 0) view.blocks.splice(nothing, 1);
  view.blocks.push({ kind: "heading", text: "Communications and amendments" }, ...blocks);
  if (waiting > 0) view.summary = `${view.summary}; ${waiting} agreement round(s) wait for your answer`;
  return view;
}
