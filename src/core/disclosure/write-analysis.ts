import { analysisText, analysisTitle } from "../guard/audience.js";
import { guardTexts } from "../guard/guard.js";
import { resolveItemRefs } from "../items/resolve-refs.js";
import { formatItemId } from "../items/item-id.js";
import type { CommandContext } from "../use-cases/context.js";
import { joinReasons, message, refusal, type Reply } from "../views/message.js";
import { formatAnalysisId } from "./types.js";
import { say, type Phrase } from "../i18n/phrase.js";

export interface AnalysisInput {
  title?: string;
  body?: string;
  refs: string[];
  syntaxProblems?: readonly Phrase[];
}

const LIMITS = { title: 200, body: 20_000 };

/**
 * Art 6.1: cell staff analyse what the parties supplied. An analysis cites the items it builds
 * on; their parties are the ones whose consent any disclosure of it needs (Art 7.2).
 */
export async function writeAnalysis(ctx: CommandContext, input: AnalysisInput): Promise<Reply> {
  const { tx, member, now, t } = ctx;
  const problems = (input.syntaxProblems ?? []).map((p) => say(ctx.t, p));
  const title = input.title?.trim() ?? "";
  const body = input.body?.trim() ?? "";
  if (!title) problems.push(t.text("analysis.give_title"));
  if (title.length > LIMITS.title) problems.push(t.text("analysis.title_too_long", { length: title.length, max: LIMITS.title }));
  if (!body) problems.push(t.text("analysis.give_text"));
  if (body.length > LIMITS.body) problems.push(t.text("analysis.text_too_long", { length: body.length, max: LIMITS.body }));
  if (input.refs.length === 0) problems.push(t.text("analysis.name_items"));
  const { items, problems: refProblems } = await resolveItemRefs(tx, input.refs, ctx.t);
  problems.push(...refProblems);
  const parties = [...new Set(items.map((i) => i.party))].sort();
  // Art 7.2: the title reaches every cited party's liaison with a disclosure; the text reaches the
  // recipient, so it may name only what it cites.
  // Texts too long to take are not read either.
  const tooLong = title.length > LIMITS.title || body.length > LIMITS.body;
  const guarded = tooLong ? { ok: false as const, problems: [] } : await guardTexts(tx, member, [
    { what: ctx.t.text("guard.what.title"), text: title, audience: analysisTitle(parties) },
    { what: ctx.t.text("guard.what.text"), text: body, audience: analysisText(items.map((i) => i.id)) },
  ], ctx.t);
  if (!guarded.ok) problems.push(...guarded.problems);
  if (problems.length > 0 || !guarded.ok) {
    await tx.audit.append([{ action: "analysis.refused", actor: member.id, details: { problems } }], now);
    return refusal("analysis.invalid", t.text("analysis.refused", { problems: joinReasons(problems) }));
  }
  const [checkedTitle, checkedBody] = guarded.texts;
  const analysis = await tx.analyses.create({ title: checkedTitle, body: checkedBody, authorId: member.id, authorName: member.name, createdAt: now, itemIds: items.map((i) => i.id) });
  await tx.audit.append(
    [{ action: "analysis.written", actor: member.id, subject: `analysis:${analysis.id}`, details: { title, items: analysis.itemIds, parties } }],
    now,
  );
  const aid = formatAnalysisId(analysis.id);
  const named = parties.join(", ");
  return message(t.text("analysis.recorded_summary", { analysis: aid, parties: named }), [
    { kind: "heading", text: t.text("analysis.recorded_heading", { analysis: aid, title }) },
    { kind: "paragraph", content: [t.text("analysis.recorded", { count: items.length, parties: named })] },
    { kind: "list", items: items.slice(0, 40).map((i) => [{ code: formatItemId(i.id) }, ` ${i.party} ${i.type} `, { code: i.value }]) },
    { kind: "paragraph", content: t.inline("analysis.to_disclose", { analysis: aid }) },
  ]);
}
