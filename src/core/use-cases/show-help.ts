import { COMMANDS } from "../access/commands.js";
import { authorise, screeningStatus } from "../access/policy.js";
import type { Member } from "../directory/types.js";
import { message, type Block, type Reply } from "../views/message.js";
import type { CommandContext } from "./context.js";

/** Lists exactly the commands the policy would let this member give, and why others are missing. */
export async function showHelp(ctx: CommandContext): Promise<Reply> {
  const { member, directory, now } = ctx;
  const access = { now, screeningValidityYears: directory.covenant.screeningValidityYears };
  const allowed = COMMANDS.filter((c) => !authorise(member, c.name, access));
  const blocks: Block[] = [
    { kind: "heading", text: "CIIC bot" },
    {
      kind: "paragraph",
      content: [
        `You are ${member.name} (${member.party}; ${member.roles.join(", ")}). `,
        "The cell brings together what the covenant's parties know of cyber threats; nothing a party supplied leaves the cell without that party's express consent (Art 7.2).",
      ],
    },
    { kind: "list", items: allowed.map((c) => [{ code: c.usage }, ` — ${c.summary}`]) },
  ];
  const screening = screeningStatus(member, now, directory.covenant.screeningValidityYears);
  if (!screening.valid) blocks.push({ kind: "notice", tone: "warning", content: [screening.message], code: screening.code });
  blocks.push({
    kind: "paragraph",
    content: ["Indicators: IPv4/IPv6 addresses and CIDR ranges, domains, URLs, e-mail addresses, MD5/SHA-1/SHA-256 hashes and CVE ids. TLP 2.0 labels: CLEAR, GREEN, AMBER (default), AMBER+STRICT, RED."],
  });
  await ctx.tx.audit.append([{ action: "help.shown", actor: member.id, details: { commands: allowed.map((c) => c.name) } }], now);
  return message(`Commands for ${describe(member)}: ${allowed.map((c) => c.name).join(", ")}`, blocks);
}

const describe = (m: Member) => `${m.name} (${m.party})`;
