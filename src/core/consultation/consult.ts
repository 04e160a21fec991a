import { screeningStatus } from "../access/policy.js";
import { deciders, type Directory, type Member } from "../directory/types.js";
import { formatAnalysisId, parsePrefixedId } from "../disclosure/types.js";
import { directMessage, memberById } from "../disclosure/notify.js";
import { formatItemId } from "../items/item-id.js";
import { resolveItemRefs } from "../items/resolve-refs.js";
import { omConsultation } from "../guard/audience.js";
import { guardText } from "../guard/guard.js";
import type { CommandContext } from "../use-cases/context.js";
import { formatTime, joinReasons, message, refusal, type Block, type MessageView, type Reply } from "../views/message.js";
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
const guardOm = (ctx: CommandContext, what: string, text: string) => guardText(ctx.tx, ctx.member, { what, text, audience: omConsultation() });

async function open(ctx: CommandContext, refs: string[], questionText: string): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  if (!member.roles.includes("analyst")) return refuse(ctx, "consultation.not_analyst", "Only the cell's analysts ask the OM for consultation (Art 4.5).");
  const question = questionText.trim();
  const problems: string[] = [];
  if (question.length < 10) problems.push("put the question after `question:`, e.g. `/ciic consult I-42 question: may we warn the owner before a seizure?`");
  if (question.length > MAX_TEXT) problems.push(`keep the question under ${MAX_TEXT.toLocaleString("en")} characters`);
  const itemRefs = refs.filter((r) => parsePrefixedId("A", r) === undefined);
  const analysisIds = refs.map((r) => parsePrefixedId("A", r)).filter((id): id is number => id !== undefined);
  const resolved = await resolveItemRefs(tx, itemRefs, ctx.t);
  problems.push(...resolved.problems);
  for (const id of analysisIds) if (!(await tx.analyses.byId(id))) problems.push(`there is no analysis ${formatAnalysisId(id)}`);
  const guarded = await guardOm(ctx, "the question", question);
  if (!guarded.ok) problems.push(`${guarded.problem} — refer to it by what you ask, or ask for its disclosure to the OM first`);
  const contacts = omContacts(directory, now);
  if (contacts.length === 0) problems.push("the directory names no screened OM liaison or deputy to consult (Art 4.5); ask the cell's administrator");
  if (problems.length > 0 || !guarded.ok) return refuse(ctx, "consultation.invalid", `No consultation was opened: ${joinReasons(problems)}.`);
  const recordRefs = [...resolved.items.map((i) => formatItemId(i.id)), ...analysisIds.map(formatAnalysisId)].join(" ");
  const created = await tx.consultations.create({ askedById: member.id, askedByName: member.name, askedAt: now, question: guarded.text, refs: recordRefs });
  const cid = formatConsultationId(created.id);
  await tx.outbox.enqueue(contacts.flatMap((m) => directMessage(m, pingView(created))), now);
  await tx.audit.append(
    [{ action: "consultation.opened", actor: member.id, subject: `consultation:${created.id}`, details: { refs: recordRefs, told: contacts.map((m) => m.id) } }],
    now,
  );
  return message(`${cid} is open; the OM's staff are asked.`, [
    { kind: "paragraph", content: [{ strong: cid }, ` is open: ${contacts.map((m) => m.name).join(", ")} of the OM ${contacts.length === 1 ? "is" : "are"} asked (Art 4.5). You are told when they answer.`] },
    ...(recordRefs ? [{ kind: "paragraph" as const, content: [`On record as concerning ${recordRefs}; the OM is not shown these.`] }] : []),
  ]);
}

/** What the OM's staff see: the question and who asks, never the cell's records themselves. */
function pingView(c: Consultation): MessageView {
  const cid = formatConsultationId(c.id);
  return {
    summary: `Consultation ${cid} from the CIIC: ${c.question.slice(0, 120)}`,
    blocks: [
      { kind: "heading", text: `Consultation ${cid} from the CIIC (Art 4.5)` },
      { kind: "paragraph", content: [`${c.askedByName}, of the cell, asks:`] },
      { kind: "paragraph", content: [c.question] },
      { kind: "paragraph", content: ["Answer with ", { code: `/ciic consult ${cid} answer: <your answer>` }, "; close it with ", { code: `/ciic consult ${cid} close` }, "."] },
    ],
  };
}

async function find(ctx: CommandContext, ref: string): Promise<Consultation | Reply> {
  const id = parseConsultationId(ref);
  const found = id === undefined ? undefined : await ctx.tx.consultations.byId(id);
  // Only the asker, the cell's analysts and the OM's contacts see a consultation.
  if (!found || !(ctx.member.roles.includes("analyst") || isContact(ctx))) {
    return refuse(ctx, "consultation.not_found", `There is no consultation \`${ref.slice(0, 20)}\` for you; \`/ciic consult\` lists the open ones.`);
  }
  return found;
}

const isReply = (x: Consultation | Reply): x is Reply => "kind" in x;

async function answer(ctx: CommandContext, ref: string, textIn: string): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const found = await find(ctx, ref);
  if (isReply(found)) return found;
  const cid = formatConsultationId(found.id);
  const text = textIn.trim();
  const fromOm = isContact(ctx);
  if (!fromOm && member.id !== found.askedById) return refuse(ctx, "consultation.not_yours", `Only the asker and the OM's staff write in ${cid}.`);
  if (found.state !== "OPEN") return refuse(ctx, "consultation.closed", `${cid} was closed on ${formatTime(found.closedAt!)}; open a new one if needed.`);
  if (text.length < 2 || text.length > MAX_TEXT) return refuse(ctx, "consultation.invalid", `Nothing was added: write your answer after \`answer:\` (at most ${MAX_TEXT.toLocaleString("en")} characters).`);
  const guarded = await guardOm(ctx, "the text", text);
  if (!guarded.ok) return refuse(ctx, "consultation.invalid", `Nothing was added: ${guarded.problem}.`);
  if (!(await tx.consultations.addNote(found.id, { byId: member.id, byName: member.name, at: now, text: guarded.text }))) {
    return refuse(ctx, "consultation.closed", `${cid} was closed meanwhile; nothing was added.`);
  }
  const view: MessageView = {
    summary: `${member.name} wrote in consultation ${cid}.`,
    blocks: [
      { kind: "heading", text: `Consultation ${cid}: ${fromOm ? "the OM answers" : "the cell adds"}` },
      { kind: "paragraph", content: [`${member.name}:`] },
      { kind: "paragraph", content: [guarded.text] },
    ],
  };
  const to = fromOm ? [memberById(directory, found.askedById)].filter((m): m is Member => m !== undefined) : omContacts(directory, now);
  await tx.outbox.enqueue(to.flatMap((m) => directMessage(m, view)), now);
  await tx.audit.append([{ action: "consultation.answered", actor: member.id, subject: `consultation:${found.id}`, details: { fromOm, told: to.map((m) => m.id) } }], now);
  return message(`Added to ${cid}.`, [{ kind: "paragraph", content: [`Added to ${cid}; ${to.map((m) => m.name).join(", ") || "nobody reachable"} ${to.length === 1 ? "is" : "are"} told.`] }]);
}

async function close(ctx: CommandContext, ref: string): Promise<Reply> {
  const { tx, member, directory, now } = ctx;
  const found = await find(ctx, ref);
  if (isReply(found)) return found;
  const cid = formatConsultationId(found.id);
  if (!isContact(ctx) && member.id !== found.askedById) return refuse(ctx, "consultation.not_yours", `Only the asker and the OM's staff close ${cid}.`);
  if (!(await tx.consultations.close(found.id, member.id, now))) {
    return refuse(ctx, "consultation.closed", `${cid} is already closed.`);
  }
  const others = [memberById(directory, found.askedById), ...omContacts(directory, now)].filter((m): m is Member => m !== undefined && m.id !== member.id);
  const view: MessageView = { summary: `Consultation ${cid} was closed by ${member.name}.`, blocks: [{ kind: "paragraph", content: [`Consultation ${cid} was closed by ${member.name} on ${formatTime(now)}.`] }] };
  await tx.outbox.enqueue(others.flatMap((m) => directMessage(m, view)), now);
  await tx.audit.append([{ action: "consultation.closed", actor: member.id, subject: `consultation:${found.id}`, details: {} }], now);
  return message(`${cid} is closed.`, [{ kind: "paragraph", content: [`${cid} is closed; the others in it are told.`] }]);
}

async function show(ctx: CommandContext, ref: string): Promise<Reply> {
  const found = await find(ctx, ref);
  if (isReply(found)) return found;
  await ctx.tx.audit.append([{ action: "consultation.viewed", actor: ctx.member.id, subject: `consultation:${found.id}`, details: {} }], ctx.now);
  const cid = formatConsultationId(found.id);
  const blocks: Block[] = [
    { kind: "heading", text: `Consultation ${cid} — ${found.state === "OPEN" ? "open" : `closed ${formatTime(found.closedAt!)}`}` },
    { kind: "paragraph", content: [`${found.askedByName} asked on ${formatTime(found.askedAt)}: ${found.question}`] },
  ];
  // The cell's record ids are for the cell's staff; the OM's staff see the conversation only.
  if (found.refs && ctx.member.roles.includes("analyst")) blocks.push({ kind: "paragraph", content: [`Concerns ${found.refs}.`] });
  if (found.notes.length > 0) blocks.push({ kind: "list", items: found.notes.map((n) => [{ strong: n.byName }, ` (${formatTime(n.at)}): ${n.text}`]) });
  return message(`Consultation ${cid}: ${found.notes.length} answer(s).`, blocks);
}

async function list(ctx: CommandContext): Promise<Reply> {
  if (!ctx.member.roles.includes("analyst") && !isContact(ctx)) return refuse(ctx, "consultation.not_found", "Consultations with the OM are for the cell's analysts and the OM's staff (Art 4.5).");
  const open = await ctx.tx.consultations.open(50);
  await ctx.tx.audit.append([{ action: "consultation.listed", actor: ctx.member.id, details: { open: open.length } }], ctx.now);
  if (open.length === 0) return message("No consultation with the OM is open.", [{ kind: "paragraph", content: ["No consultation with the OM is open. Ask one with `/ciic consult <item ids> question: <what you ask>`."] }]);
  return message(`${open.length} consultation(s) with the OM open.`, [
    { kind: "heading", text: "Open consultations with the OM (Art 4.5)" },
    { kind: "list", items: open.map((c) => [{ strong: formatConsultationId(c.id) }, ` ${c.askedByName}, ${formatTime(c.askedAt)}: ${c.question.slice(0, 200)} — ${c.notes.length} answer(s)`]) },
  ]);
}
