import type { Block, MessageView } from "../../core/views/message.js";
import { clip, escapeMrkdwn, inlineToMrkdwn } from "./escape.js";

/** Slack's limits (Block Kit reference): blocks per message and characters per text field. */
export const SLACK_LIMITS = { messageBlocks: 50, modalBlocks: 100, sectionText: 3000, headerText: 150, fieldText: 2000, fields: 10 } as const;

type SlackBlock = Record<string, unknown>;

/** Clips escaped mrkdwn without leaving half an entity ("&l…") at the cut. */
const clipMrkdwn = (text: string, limit: number) => clip(text, limit).replace(/&[a-z]{0,4}…$/, "…");

const section = (text: string): SlackBlock => ({ type: "section", text: { type: "mrkdwn", text: clipMrkdwn(text, SLACK_LIMITS.sectionText) } });

/**
 * Text longer than a section holds is carried on in further sections rather than cut: what the
 * bot shows may be a disclosed value, and that must arrive whole. A cut never splits an entity.
 */
function sections(text: string): SlackBlock[] {
  const out: SlackBlock[] = [];
  let rest = text;
  while ([...rest].length > SLACK_LIMITS.sectionText) {
    let cut = [...rest].slice(0, SLACK_LIMITS.sectionText).join("").length;
    const amp = rest.lastIndexOf("&", cut - 1);
    if (amp > cut - 6 && rest.indexOf(";", amp) >= cut) cut = amp;
    out.push(section(rest.slice(0, cut)));
    rest = rest.slice(cut);
  }
  if (rest) out.push(section(rest));
  return out;
}

/** Lists are packed into sections of at most 3,000 characters. */
function listSections(items: string[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let current = "";
  for (const item of items) {
    const line = `• ${item}`;
    if (current && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      out.push(...sections(current));
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(...sections(current));
  return out;
}

function renderBlock(block: Block): SlackBlock[] {
  switch (block.kind) {
    case "heading":
      return [{ type: "header", text: { type: "plain_text", text: clip(block.text, SLACK_LIMITS.headerText) } }];
    case "paragraph":
      return sections(inlineToMrkdwn(block.content));
    case "list":
      return listSections(block.items.map(inlineToMrkdwn));
    case "fields": {
      // Slack takes ten fields per section; more go into further sections.
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.fields.length; i += SLACK_LIMITS.fields) {
        out.push({
          type: "section",
          fields: block.fields.slice(i, i + SLACK_LIMITS.fields).map((f) => ({
            type: "mrkdwn",
            text: clipMrkdwn(`*${escapeMrkdwn(f.label)}*\n${inlineToMrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
          })),
        });
      }
      return out;
    }
    case "actions":
      return [
        {
          type: "actions",
          elements: block.actions.slice(0, 25).map((a) => ({
            type: "button",
            action_id: a.action,
            value: a.value.slice(0, 2000),
            text: { type: "plain_text", text: clip(a.label, 75) },
            ...(a.style ? { style: a.style } : {}),
          })),
        },
      ];
    case "notice": {
      const icon = block.tone === "error" ? ":no_entry:" : block.tone === "warning" ? ":warning:" : ":information_source:";
      const blocks = [section(`${icon} ${inlineToMrkdwn(block.content)}`)];
      if (block.code) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `code \`${escapeMrkdwn(block.code)}\`` }] });
      return blocks;
    }
  }
}

/**
 * Renders a neutral message as Block Kit within Slack's limits. When the message would need more
 * blocks than Slack allows, the tail is replaced by one line that says how much was left out.
 */
export function renderMessage(view: MessageView, maxBlocks: number = SLACK_LIMITS.messageBlocks): { text: string; blocks: SlackBlock[] } {
  const blocks = view.blocks.flatMap(renderBlock);
  if (blocks.length > maxBlocks) {
    const kept = blocks.slice(0, maxBlocks - 1);
    kept.push(section(`_…and ${blocks.length - kept.length} more section(s) not shown: Slack shows at most ${maxBlocks} per message._`));
    return { text: summaryText(view), blocks: kept };
  }
  return { text: summaryText(view), blocks };
}

/** The notification text is mrkdwn too: escaped, so that typed text like <!channel> pings no one. */
const summaryText = (view: MessageView) => clipMrkdwn(escapeMrkdwn(view.summary), 3000);
