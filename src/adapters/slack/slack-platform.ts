import { systemClock, type Clock } from "../../core/ports.js";
import type { ChatPlatform } from "../chat-platform.js";
import { createSlackApp } from "./slack-app.js";
import { createSlackChatPort } from "./slack-chat-port.js";

/** Slack as a chat platform of the bot (chat-platform.ts): the Bolt app that receives, and the outbox's port. */
export function createSlackPlatform(deps: Parameters<typeof createSlackApp>[0] & { clock?: Clock }): ChatPlatform {
  const { settings, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const slack = createSlackApp(deps);
  return {
    platform: "slack",
    route: slack.route,
    port: createSlackChatPort({ token: settings.botToken, apiUrl: settings.apiUrl, logger, timeoutMs: settings.callTimeoutMs, now: () => clock.now().getTime() }),
    serves: settings.appToken ? "slack (socket mode)" : "slack: /slack/events",
    start: () => slack.start(),
    stop: () => slack.stop(),
  };
}
