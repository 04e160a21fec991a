import type { AuditEvent } from "../audit/chain.js";
import { isPartyCode, type PartyCode } from "../covenant/parties.js";
import type { Directory, Member } from "../directory/types.js";
import { tellMember } from "../disclosure/notify.js";
import type { Translator } from "../i18n/translator.js";
import type { OutboundMessage } from "../outbox/outbound.js";
import type { Transaction } from "../ports.js";
import { nctvCoordinators, partiesInForce, whoAnswers } from "./deciders.js";
import type { RoundKind } from "./round-state.js";
import type { NewRoundAsk, Round, RoundAsk } from "./types.js";
import { coordinationView, roundAskTopic, roundAskView } from "./views.js";

/** Who will be asked on a new draft, or why it cannot be put to the parties. */
export interface Plan {
  asks: NewRoundAsk[];
  /** Per party, the members asked for its answer. */
  askees: Map<PartyCode, Member[]>;
  coordinators: Member[];
  problems: string[];
}

/**
 * Plans the asks of one version of a round. Every party in force is asked (Art 10: "nadat de
 * partijen onderling overeenstemming hebben bereikt"; Art 13: every party's consent); the
 * author's own party agrees by drafting or proposing. In a communication the NCTV's coordinator
 * is asked as well, whether the NCTV coordinates (Art 10); once it does, it stays coordinating
 * the later drafts, and it is asked to agree to each.
 */
export async function planAsks(
  tx: Transaction,
  directory: Directory,
  kind: RoundKind,
  author: Member,
  now: Date,
  coordinating: boolean | null,
  /** The author's language, for the problems. */
  t: Translator,
): Promise<Plan> {
  const problems: string[] = [];
  const parties = await partiesInForce(tx.audit, now);
  const own = author.party;
  if (!isPartyCode(own) || !parties.includes(own)) {
    return { asks: [], askees: new Map(), coordinators: [], problems: [t.text("rounds.plan.no_party", { party: own })] };
  }
  const byAuthor = { decidedById: author.id, decidedByName: author.name, decidedAt: now, note: null };
  const open = { decidedById: null, decidedByName: null, decidedAt: null, note: null };
  const asks: NewRoundAsk[] = [{ party: own, role: "party", state: "AGREED", ...byAuthor }];
  const askees = new Map<PartyCode, Member[]>();
  for (const party of parties.filter((p) => p !== own)) {
    const who = whoAnswers(directory, kind, party, author.id, now);
    if (who.length === 0) problems.push(t.text("rounds.plan.nobody", { party }));
    askees.set(party, who);
    asks.push({ party, role: "party", state: "PENDING", ...open });
  }
  let coordinators: Member[] = [];
  if (kind === "comms" && parties.includes("NCTV")) {
    const authorCoordinates = own === "NCTV" && author.roles.includes("coordinator");
    if (authorCoordinates) {
      // The NCTV's coordinator drafted it: the NCTV coordinates its own draft and agrees by drafting.
      asks.push({ party: "NCTV", role: "coordination", state: "AGREED", ...byAuthor });
    } else {
      coordinators = nctvCoordinators(directory, now, author.id);
      if (coordinators.length === 0) problems.push(t.text("rounds.plan.no_coordinator"));
      asks.push({ party: "NCTV", role: "coordination", state: coordinating ? "COORDINATING" : "PENDING", ...open });
    }
  }
  return { asks, askees, coordinators, problems };
}

/** The direct messages, each in its reader's language, and audit entries that put one version's open asks to their members. */
export function askMessages(directory: Directory, round: Round, asks: readonly RoundAsk[], plan: Plan, actor: string): { outbound: OutboundMessage[]; events: AuditEvent[] } {
  const outbound: OutboundMessage[] = [];
  const events: AuditEvent[] = [];
  for (const ask of asks) {
    if (ask.state !== "PENDING" && ask.state !== "COORDINATING") continue;
    const who = ask.role === "coordination" ? plan.coordinators : (plan.askees.get(ask.party) ?? []);
    const view = (t: Translator) => (ask.role === "coordination" ? coordinationView(t, round, ask) : roundAskView(t, round, ask));
    for (const m of who) outbound.push(...tellMember(directory, m, view, roundAskTopic(ask.id)));
    events.push({
      action: "round.asked",
      actor,
      subject: `round-ask:${ask.id}`,
      details: { round: round.id, version: round.version, party: ask.party, role: ask.role, asked: who.map((m) => m.id) },
    });
  }
  return { outbound, events };
}
