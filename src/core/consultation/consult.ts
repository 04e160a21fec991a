import { screeningStatus } from "../access/policy.js";
import { deciders, type Directory, type Member } from "../directory/types.js";
import { formatAnalysisId, parsePrefixedId } from "../disclosure/types.js";
import { memberById, tellMember } from "../disclosure/notify.js";
import type { Translator } from "../i18n/translator.js";
import { formatItemId } from "../items/item-id.js";
import { resolveItemRefs } from "../items/resolve-refs.js";
import { omConsultation } from "../guard/audience.js";
import { guardText } from "../guard/guard.js";
import type { CommandContext } from "../use-cases/context.js";
import { joinReasons, message, refusal, type Block, type MessageView, type Reply } from "../views/message.js";
import { formatConsultationId, parseConsultationId, type Consultation } from "./types.js";

/** What `/ciic consult …` asks for. */
export type ConsultInput =
  | { action: "list" }
  | { action: "show"; ref: string }
  | { action: "open"; refs: string[]; question?: string }
  | { action: "answer"; ref: string; text: string }
  | { action: "close"; ref: string };

const OM = "OM" as const;
const MAX_TEXT = 3000;

/** The OM's designated staff for consultation (Art 4.5): its screened liaisons and deputies. */
export function omContacts(directory: Directory, now: Date): Member[] {
  return deciders(directory, OM, "both").filter((m) => screeningStatus(m, now, directory.covenant.screeningValidityYears).valid);
}

const isContact = (ctx: CommandContext) => ctx.member.party === OM && (ctx.member.roles.includes("liaison") || ctx.member.roles.includes("deputy"));

export async function consult(ctx: CommandContext, input: ConsultInput): Promise<Reply> {
  switch (input.action) {
    case "list":
      return list(ctx);
    case "show":
      return show(ctx, input.ref);
    case "open":
      return open(ctx, input.refs, input.question ?? "");
    case "answer":
      return answer(ctx, input.ref, input.text);
    case "close":
      return close(ctx, input.ref);
  }
}

async function refuse(ctx: CommandContext, code: string, text: string): Promise<Reply> {
  await ctx.tx.audit.append([{ action: "consultation.refused", actor: ctx.member.id, details: { code, reason: text } }], ctx.now);
  return refusal(code, text);
}

/**
 * Art 7.2 holds towards the OM as towards any party: a question or answer may carry what the OM
 * itself supplied, but no other party's data — not even a mention of it — without that party's
 * consent. Answers from the OM's staff pass the same guard: they go to the OM's other staff too.
 */
const guardOm = (ctx: CommandContext, what: string, text: string) => guardText(ctx.tx, ctx.member, { what, text, audience: omConsultation() }, ctx.t);

async function open(ctx: CommandContext, refs: string[], questionText: string): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  if (!member.roles.includes("analyst")) return refuse(ctx, "consultation.not_analyst", t.text("consultation.not_analyst"));
  const question = questionText.trim();
  const problems: string[] = [];
  if (question.length < 10) problems.push(t.text("consultation.open.question_missing"));
  if (question.length > MAX_TEXT) problems.push(t.text("consultation.open.question_long", { max: MAX_TEXT }));
  const itemRefs = refs.filter((r) => parsePrefixedId("A", r) === undefined);
  const analysisIds = refs.map((r) => parsePrefixedId("A", r)).filter((id): id is number => id !== undefined);
  const resolved = await resolveItemRefs(tx, itemRefs, ctx.t);
  problems.push(...resolved.problems);
  for (const id of analysisIds) if (!(await tx.analyses.byId(id))) problems.push(t.text("consultation.open.no_analysis", { analysis: formatAnalysisId(id) }));
  const guarded = await guardOm(ctx, t.text("consultation.what.question"), question);
  if (!guarded.ok) problems.push(t.text("consultation.open.guarded", { problem: guarded.problem }));
  const contacts = omContacts(directory, now);
  if (contacts.length === 0) problems.push(t.text("consultation.open.no_contacts"));
  if (problems.length > 0 || !guarded.ok) return refuse(ctx, "consultation.invalid", t.text("consultation.open.refused", { problems: joinReasons(problems) }));
  const recordRefs = [...resolved.items.map((i) => formatItemId(i.id)), ...analysisIds.map(formatAnalysisId)].join(" ");
  const created = await tx.consultations.create({ askedById: member.id, askedByName: member.name, askedAt: now, question: guarded.text, refs: recordRefs });
  const cid = formatConsultationId(created.id);
  await tx.outbox.enqueue(contacts.flatMap((m) => tellMember(directory, m, (l) => pingView(l, created))), now);
  await tx.audit.append(
    [{ action: "consultation.opened", actor: member.id, subject: `consultation:${created.id}`, details: { refs: recordRefs, told: contacts.map((m) => m.id) } }],
    now,
  );
  return message(t.text("consultation.open.summary", { id: cid }), [
    { kind: "paragraph", content: t.inline("consultation.open.done", { id: cid, names: t.list(contacts.map((m) => m.name)), count: contacts.length }) },
    ...(recordRefs ? [{ kind: "paragraph" as const, content: [t.text("consultation.open.refs", { refs: recordRefs })] }] : []),
  ]);
}

/** What the OM's staff see: the question and who asks, never the cell's records themselves. */
function pingView(t: Translator, c: Consultation): MessageView {
  const cid = formatConsultationId(c.id);
  return {
    summary: t.text("consultation.ping.summary", { id: cid, question: c.question.slice(0, 120) }),
    blocks: [
      { kind: "heading", text: t.text("consultation.ping.heading", { id: cid }) },
      { kind: "paragraph", content: [t.text("consultation.ping.asks", { name: c.askedByName })] },
      { kind: "paragraph", content: [c.question] },
      { kind: "paragraph", content: t.inline("consultation.ping.how", { id: cid }) },
    ],
    language: t.language,
  };
}

async function find(ctx: CommandContext, ref: string): Promise<Consultation | Reply> {
  const id = parseConsultationId(ref);
  const found = id === undefined ? undefined : await ctx.tx.consultations.byId(id);
  // Only the asker, the cell's analysts and the OM's contacts see a consultation.
  if (!found || !(ctx.member.roles.includes("analyst") || isContact(ctx))) {
    return refuse(ctx, "consultation.not_found", ctx.t.text("consultation.not_found", { ref: ref.slice(0, 20) }));
  }
  return found;
}

const isReply = (x: Consultation | Reply): x is Reply => "kind" in x;

async function answer(ctx: CommandContext, ref: string, textIn: string): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const found = await find(ctx, ref);
  if (isReply(found)) return found;
  const cid = formatConsultationId(found.id);
  const text = textIn.trim();
  const fromOm = isContact(ctx);
  if (!fromOm && member.id !== found.askedById) return refuse(ctx, "consultation.not_yours", t.text("consultation.answer.not_yours", { id: cid }));
  if (found.state !== "OPEN") return refuse(ctx, "consultation.closed", t.text("consultation.answer.closed", { id: cid, time: t.time(found.closedAt!) }));
  if (text.length < 2 || text.length > MAX_TEXT) return refuse(ctx, "consultation.invalid", t.text("consultation.answer.invalid", { max: MAX_TEXT }));
  const guarded = await guardOm(ctx, t.text("consultation.what.text"), text);
  if (!guarded.ok) return refuse(ctx, "consultation.invalid", t.text("consultation.answer.guarded", { problem: guarded.problem }));
  if (!(await tx.consultations.addNote(found.id, { byId: member.id, byName: member.name, at: now, text: guarded.text }))) {
    return refuse(ctx, "consultation.closed", t.text("consultation.answer.closed_meanwhile", { id: cid }));
  }
  const view = (l: Translator): MessageView => ({
    summary: l.text("consultation.answer.summary", { name: member.name, id: cid }),
    blocks: [
      { kind: "heading", text: l.text("consultation.answer.heading", { id: cid, from: fromOm ? "om" : "cell" }) },
      { kind: "paragraph", content: [l.text("consultation.answer.writer", { name: member.name })] },
      { kind: "paragraph", content: [guarded.text] },
    ],
    language: l.language,
  });
  const to = fromOm ? [memberById(directory, found.askedById)].filter((m): m is Member => m !== undefined) : omContacts(directory, now);
  await tx.outbox.enqueue(to.flatMap((m) => tellMember(directory, m, view)), now);
  await tx.audit.append([{ action: "consultation.answered", actor: member.id, subject: `consultation:${found.id}`, details: { fromOm, told: to.map((m) => m.id) } }], now);
  return message(t.text("consultation.answer.added_summary", { id: cid }), [
    { kind: "paragraph", content: [t.text("consultation.answer.added", { id: cid, names: t.list(to.map((m) => m.name)), count: to.length })] },
  ]);
}

async function close(ctx: CommandContext, ref: string): Promise<Reply> {
  const { tx, member, directory, now, t } = ctx;
  const found = await find(ctx, ref);
  if (isReply(found)) return found;
  const cid = formatConsultationId(found.id);
  if (!isContact(ctx) && member.id !== found.askedById) return refuse(ctx, "consultation.not_yours", t.text("consultation.close.not_yours", { id: cid }));
  if (!(await tx.consultations.close(found.id, member.id, now))) {
    return refuse(ctx, "consultation.closed", t.text("consultation.close.already", { id: cid }));
  }
  const others = [memberById(directory, found.askedById), ...omContacts(directory, now)].filter((m): m is Member => m !== undefined && m.id !== member.id);
  const view = (l: Translator): MessageView => ({
    summary: l.text("consultation.close.told_summary", { id: cid, name: member.name }),
    blocks: [{ kind: "paragraph", content: [l.text("consultation.close.told", { id: cid, name: member.name, time: l.time(now) })] }],
    language: l.language,
  });
  await tx.outbox.enqueue(others.flatMap((m) => tellMember(directory, m, view)), now);
  await tx.audit.append([{ action: "consultation.closed", actor: member.id, subject: `consultation:${found.id}`, details: {} }], now);
  return message(t.text("consultation.close.done_summary", { id: cid }), [{ kind: "paragraph", content: [t.text("consultation.close.done", { id: cid })] }]);
}

async function show(ctx: CommandContext, ref: string): Promise<Reply> {
  const found = await find(ctx, ref);
  if (isReply(found)) return found;
  await ctx.tx.audit.append([{ action: "consultation.viewed", actor: ctx.member.id, subject: `consultation:${found.id}`, details: {} }], ctx.now);
  const { t } = ctx;
  const cid = formatConsultationId(found.id);
  const blocks: Block[] = [
    { kind: "heading", text: t.text("consultation.show.heading", { id: cid, state: found.state, time: found.closedAt ? t.time(found.closedAt) : "" }) },
    { kind: "paragraph", content: [t.text("consultation.show.asked", { name: found.askedByName, time: t.time(found.askedAt), question: found.question })] },
  ];
  // The cell's record ids are for the cell's staff; the OM's staff see the conversation only.
  if (found.refs && ctx.member.roles.includes("analyst")) blocks.push({ kind: "paragraph", content: [t.text("consultation.show.concerns", { refs: found.refs })] });
  if (found.notes.length > 0) blocks.push({ kind: "list", items: found.notes.map((n) => t.inline("consultation.show.note", { name: n.byName, time: t.time(n.at), text: n.text })) });
  return message(t.text("consultation.show.summary", { id: cid, count: found.notes.length }), blocks);
}

async function list(ctx: CommandContext): Promise<Reply> {
  const { t } = ctx;
  if (!ctx.member.roles.includes("analyst") && !isContact(ctx)) return refuse(ctx, "consultation.not_found", t.text("consultation.list.not_allowed"));
  const open = await ctx.tx.consultations.open(50);
  await ctx.tx.audit.append([{ action: "consultation.listed", actor: ctx.member.id, details: { open: open.length } }], ctx.now);
  if (open.length === 0) return message(t.text("consultation.list.none_summary"), [{ kind: "paragraph", content: [t.text("consultation.list.none")] }]);
  return message(t.text("consultation.list.summary", { count: open.length }), [
    { kind: "heading", text: t.text("consultation.list.heading") },
    {
      kind: "list",
      items: open.map((c) =>
        t.inline("consultation.list.line", { id: formatConsultationId(c.id), name: c.askedByName, time: t.time(c.askedAt), question: c.question.slice(0, 200), count: c.notes.length }),
      ),
    },
  ]);
}
