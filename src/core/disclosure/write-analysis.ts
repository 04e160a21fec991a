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
  const { tx, member, now } = ctx;
  const problems = (input.syntaxProblems ?? []).map((p) => say(ctx.t, p));
  const title = input.title?.trim() ?? "";
  const body = input.body?.trim() ?? "";
  if (!title) problems.push('give a title: `title:"…"`');
  if (title.length > LIMITS.title) problems.push(`the title is ${title.length} characters; at most ${LIMITS.title}`);
  if (!body) problems.push("give the analysis text after `text:`");
  if (body.length > LIMITS.body) problems.push(`the text is ${body.length} characters; at most ${LIMITS.body}`);
  if (input.refs.length === 0) problems.push("name the items it builds on, by id (I-42) or value");
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
    return refusal("analysis.invalid", `No analysis was recorded: ${joinReasons(problems)}.`);
  }
  const [checkedTitle, checkedBody] = guarded.texts;
  const analysis = await tx.analyses.create({ title: checkedTitle, body: checkedBody, authorId: member.id, authorName: member.name, createdAt: now, itemIds: items.map((i) => i.id) });
  await tx.audit.append(
    [{ action: "analysis.written", actor: member.id, subject: `analysis:${analysis.id}`, details: { title, items: analysis.itemIds, parties } }],
    now,
  );
  const aid = formatAnalysisId(analysis.id);
  return message(`${aid} recorded; it builds on data of ${parties.join(", ")}.`, [
    { kind: "heading", text: `${aid}: ${title}` },
    { kind: "paragraph", content: [`Builds on ${items.length} item(s) from ${parties.join(", ")}. Disclosing it needs the consent of each of these parties (Art 7.2).`] },
    { kind: "list", items: items.slice(0, 40).map((i) => [{ code: formatItemId(i.id) }, ` ${i.party} ${i.type} `, { code: i.value }]) },
    { kind: "paragraph", content: ["To disclose it: ", { code: `/ciic disclose ${aid} to <recipient> purpose <why>` }] },
  ]);
}
