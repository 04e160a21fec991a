import { WebClient, ErrorCode, type WebAPICallError } from "@slack/web-api";
import type { ChatPort, SendResult } from "../../core/outbox/outbound.js";
import type { MessageView } from "../../core/views/message.js";
import type { Logger } from "../../logger.js";
import { boltLogger } from "./bolt-logger.js";
import { renderMessage } from "./render-message.js";

/** Slack errors that another attempt will not cure. */
const PERMANENT = new Set(["channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "account_inactive", "token_revoked", "missing_scope", "invalid_blocks", "msg_too_long", "no_text", "message_not_found", "cant_update_message", "user_not_found"]);

/**
 * Sends the outbox's messages through the Slack Web API. Its client does not retry by itself:
 * the outbox owns retries, so that a crash between attempts loses nothing and Retry-After is
 * honoured across restarts.
 */
export function createSlackChatPort(options: { token: string; apiUrl: string; logger: Logger }): ChatPort {
  // timeout (ms) stays below the outbox's lease, so that a slow call never overlaps a retry.
  const client = new WebClient(options.token, { slackApiUrl: options.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000, logger: boltLogger(options.logger) });

  const attempt = async (call: () => Promise<{ channel?: string; ts?: string }>): Promise<SendResult> => {
    try {
      const response = await call();
      return { ok: true, ref: `${response.channel}|${response.ts}` };
    } catch (error) {
      const e = error as WebAPICallError & { retryAfter?: number; data?: { error?: string }; statusCode?: number };
      if (e.code === ErrorCode.RateLimitedError) return { ok: false, wait: true, error: "rate limited (HTTP 429)", retryAfterMs: (e.retryAfter ?? 1) * 1000 };
      if (e.code === ErrorCode.PlatformError) {
        const code = e.data?.error ?? "unknown";
        return { ok: false, error: `Slack answered ${code}`, permanent: PERMANENT.has(code) };
      }
      if (e.code === ErrorCode.HTTPError) return { ok: false, error: `Slack answered HTTP ${e.statusCode ?? "error"}` };
      return { ok: false, error: e.message ?? String(error) };
    }
  };

  return {
    post: (to, view: MessageView) => attempt(() => client.chat.postMessage({ channel: to.id, ...renderMessage(view) }) as never),
    // Slack's upload flow (get an upload URL, send the bytes, complete the upload to the channel).
    upload: (to, file, view: MessageView) =>
      attempt(async () => {
        // Slack shares files only into a conversation (C…, G…, D…), never to a user id: a file
        // for a member's direct messages goes to the bot's conversation with them.
        const channel = to.kind === "user" ? (await client.conversations.open({ users: to.id })).channel?.id : to.id;
        if (!channel) throw new Error("Slack opened no direct conversation for the upload");
        const result = await client.filesUploadV2({
          channel_id: channel,
          filename: file.fileName,
          file: Buffer.from(file.content, "utf8"),
          initial_comment: renderMessage(view).text,
        });
        const uploaded = (result as { files?: { files?: { id?: string }[] }[] }).files?.[0]?.files?.[0]?.id ?? "file";
        return { channel, ts: uploaded };
      }),
    update: (ref, view: MessageView) => {
      const [channel, ts] = ref.split("|");
      return attempt(() => client.chat.update({ channel, ts, ...renderMessage(view) }) as never);
    },
  };
}
