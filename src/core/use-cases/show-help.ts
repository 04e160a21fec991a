import { COMMANDS, summaryKey, usageKey } from "../access/commands.js";
import { mayGive, screeningStatus } from "../access/policy.js";
import { message, type Block, type Reply } from "../views/message.js";
import type { CommandContext } from "./context.js";

/** Lists exactly the commands the policy would let this member give, and why others are missing. */
export async function showHelp(ctx: CommandContext): Promise<Reply> {
  const { member, directory, now, t } = ctx;
  const access = { now, screeningValidityYears: directory.covenant.screeningValidityYears, t };
  const allowed = COMMANDS.filter((c) => mayGive(member, c.name, access));
  const blocks: Block[] = [
    { kind: "heading", text: t.text("commands.help.heading") },
    {
      kind: "paragraph",
      content: [t.text("commands.help.you", { name: member.name, party: member.party, roles: member.roles.map((role) => t.text("commands.role", { role })).join(", ") }), t.text("commands.help.cell")],
    },
    { kind: "list", items: allowed.map((c) => [{ code: t.text(usageKey(c.name)) }, ` — ${t.text(summaryKey(c.name))}`]) },
  ];
  const screening = screeningStatus(member, now, directory.covenant.screeningValidityYears, t);
  if (!screening.valid) blocks.push({ kind: "notice", tone: "warning", content: [screening.message], code: screening.code });
  blocks.push({ kind: "paragraph", content: [t.text("commands.help.indicators")] });
  await ctx.tx.audit.append([{ action: "help.shown", actor: member.id, details: { commands: allowed.map((c) => c.name) } }], now);
  return message(t.text("commands.help.summary", { name: member.name, party: member.party, commands: allowed.map((c) => c.name).join(", ") }), blocks);
}
