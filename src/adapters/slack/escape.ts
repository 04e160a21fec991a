import type { Inline } from "../../core/views/message.js";

/**
 * Slack mrkdwn: only &, < and > must be escaped; everything else is shown as typed. A code span
 * cannot contain a backtick, so one inside is shown as a look-alike rather than breaking out.
 */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function inlineToMrkdwn(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === "string") return escapeMrkdwn(part);
      if ("code" in part) return `\`${escapeMrkdwn(part.code.replace(/`/g, "ˋ")) || " "}\``;
      return `*${escapeMrkdwn(part.strong.replace(/\*/g, "∗"))}*`;
    })
    .join("");
}

/** Cuts text to a limit in characters (code points), marking the cut. */
export function clip(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join("")}…`;
}
