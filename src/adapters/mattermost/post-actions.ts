import type { Action } from "../../core/views/message.js";
import { inlineMarkdown, type ActionGroup } from "./render-markdown.js";
import { signPayload } from "./signed-context.js";

export interface ButtonSettings {
  /** Where Mattermost posts a click: the bot's public URL + /mattermost/action. */
  url: string;
  secret: string;
}

/** Mattermost routes a click by action id and takes letters and digits only there. */
const actionId = (action: string, index: number) => `${action.replace(/[^A-Za-z0-9]/g, "")}${index}`;

/**
 * A message's buttons as the props of a Mattermost post: one message attachment with interactive
 * buttons per group. Mattermost keeps each button's integration (URL and context) on the server
 * and sends the context back with a click; the context is signed, and a button posted to one
 * person's direct messages names that person, so that neither a forged click nor a context lifted
 * from someone else's message is carried out.
 */
export function buttonProps(groups: readonly ActionGroup[], settings: ButtonSettings, forUser?: string): Record<string, unknown> {
  if (groups.length === 0) return {};
  let index = 0;
  const button = (a: Action) => ({
    // Unique within the post, which is what Mattermost asks of an action id.
    id: actionId(a.action, index++),
    type: "button",
    name: a.label,
    style: a.style ?? "default",
    integration: {
      url: settings.url,
      context: { ciic: signPayload(settings.secret, "action", { a: a.action, v: a.value, ...(forUser ? { u: forUser } : {}) }) },
    },
  });
  return { attachments: groups.map((g) => ({ ...(g.title ? { text: inlineMarkdown(g.title) } : {}), actions: g.actions.map(button) })) };
}
