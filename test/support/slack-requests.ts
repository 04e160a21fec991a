// Helpers that talk to the bot the way Slack does: same content types, same
// field order, same signing headers. Bolt verifies the signature over the raw
// body, so the body is built once and signed exactly as sent.
import { createHmac, randomBytes, randomInt } from "node:crypto";
import { APP_ID, BOT_ID, DEFAULT_BOT_USER_ID, TEAM_DOMAIN, TEAM_ID } from "./fake-slack.js";

/** The legacy verification token Slack still puts in every payload; Bolt ignores it. */
export const VERIFICATION_TOKEN = "ciicVerificationToken00";

/** "v0=" + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`, keyed with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return "v0=" + createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex");
}

export interface SlackReply {
  status: number;
  headers: Headers;
  text: string;
  json: any; // parsed if the body is JSON, else undefined
}

export interface SendOptions {
  timestamp?: number; // seconds; default now
  signature?: string; // override, for forged requests
  retryNum?: number;
  retryReason?: string;
}

async function post(
  botUrl: string,
  signingSecret: string,
  contentType: string,
  rawBody: string,
  options: SendOptions = {},
): Promise<SlackReply> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    accept: "application/json,*/*",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? slackSignature(signingSecret, timestamp, rawBody),
  };
  if (options.retryNum !== undefined) headers["x-slack-retry-num"] = String(options.retryNum);
  if (options.retryReason !== undefined) headers["x-slack-retry-reason"] = options.retryReason;

  const res = await fetch(botUrl, { method: "POST", headers, body: rawBody });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

// Slack's trigger_ids look like "<digits>.<digits>.<hex>"; each one is single-use.
export const newTriggerId = () => `1337.${randomInt(1e9, 1e10 - 1)}.${randomBytes(16).toString("hex")}`;
const userName = (userId: string) => `user-${userId.toLowerCase()}`;

/**
 * Where a response_url points when a test gives none: a closed local port, so a
 * bot that uses it fails fast instead of reaching the internet.
 */
const DEAD_RESPONSE_URL = "http://127.0.0.1:9/response/unset";

export interface SlashCommandFields {
  user_id: string;
  text: string;
  command?: string;
  trigger_id?: string;
  response_url?: string;
  channel_id?: string;
  user_name?: string;
}

export function sendSlashCommand(botUrl: string, signingSecret: string, fields: SlashCommandFields, options?: SendOptions): Promise<SlackReply> {
  return post(botUrl, signingSecret, "application/x-www-form-urlencoded", slashCommandBody(fields), options);
}

/** The raw form body Slack sends for a slash command (the benchmark signs and sends it itself). */
export function slashCommandBody(fields: SlashCommandFields): string {
  const channelId = fields.channel_id ?? "C0CIIC000";
  // Insertion order is the order Slack sends the fields in.
  const body = new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: TEAM_ID,
    team_domain: TEAM_DOMAIN,
    channel_id: channelId,
    channel_name: channelId.startsWith("D") ? "directmessage" : "ciic-general",
    user_id: fields.user_id,
    user_name: fields.user_name ?? userName(fields.user_id),
    command: fields.command ?? "/ciic",
    text: fields.text,
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: fields.response_url ?? DEAD_RESPONSE_URL,
    trigger_id: fields.trigger_id ?? newTriggerId(),
  });
  return body.toString();
}

/** Interactivity requests are a form with a single `payload` field holding JSON. */
export function sendInteraction(
  botUrl: string,
  signingSecret: string,
  payload: object,
  options?: SendOptions,
): Promise<SlackReply> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) });
  return post(botUrl, signingSecret, "application/x-www-form-urlencoded", body.toString(), options);
}

/**
 * Sends an Events API request. `event` is the inner event (e.g. { type: "app_home_opened", user });
 * it is wrapped in an event_callback envelope. An object that already is an envelope
 * (type event_callback, url_verification or app_rate_limited) is sent as is.
 */
export function sendEvent(
  botUrl: string,
  signingSecret: string,
  event: object,
  options?: SendOptions,
): Promise<SlackReply> {
  const type = (event as { type?: unknown }).type;
  const isEnvelope = type === "event_callback" || type === "url_verification" || type === "app_rate_limited";
  const now = Date.now() / 1000;
  const body = isEnvelope
    ? event
    : {
        token: VERIFICATION_TOKEN,
        team_id: TEAM_ID,
        api_app_id: APP_ID,
        event: { event_ts: now.toFixed(6), ...event },
        type: "event_callback",
        event_id: `Ev0CIIC${randomBytes(5).toString("hex").toUpperCase()}`,
        event_time: Math.floor(now),
        authorizations: [
          { enterprise_id: null, team_id: TEAM_ID, user_id: DEFAULT_BOT_USER_ID, is_bot: true, is_enterprise_install: false },
        ],
        is_ext_shared_channel: false,
        event_context: `4-${randomBytes(12).toString("hex")}`,
      };
  return post(botUrl, signingSecret, "application/json", JSON.stringify(body), options);
}

const user = (id: string) => ({ id, username: userName(id), name: userName(id), team_id: TEAM_ID });
const team = { id: TEAM_ID, domain: TEAM_DOMAIN };
const actionTs = () => (Date.now() / 1000).toFixed(6);

/**
 * A block_actions payload for a button click. With `view` the click comes from a
 * modal or the Home tab: Slack then sends the view and no response_url or channel.
 */
export function blockActionPayload(args: {
  user_id: string;
  action_id: string;
  value: string;
  block_id?: string;
  trigger_id?: string;
  response_url?: string;
  channel_id?: string;
  message_ts?: string;
  view?: object;
}): object {
  const blockId = args.block_id ?? "ciic_actions";
  const action = {
    action_id: args.action_id,
    block_id: blockId,
    text: { type: "plain_text", text: "Button", emoji: true },
    value: args.value,
    type: "button",
    action_ts: actionTs(),
  };
  const common = {
    type: "block_actions",
    user: user(args.user_id),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: args.trigger_id ?? newTriggerId(),
    team,
    enterprise: null,
    is_enterprise_install: false,
  };
  if (args.view) {
    const view: Record<string, unknown> = {
      id: "V0CIIC0001",
      team_id: TEAM_ID,
      app_id: APP_ID,
      state: { values: {} },
      ...args.view,
    };
    return {
      ...common,
      container: { type: "view", view_id: view.id },
      view,
      state: view.state,
      actions: [action],
    };
  }
  const channelId = args.channel_id ?? "C0CIIC000";
  const messageTs = args.message_ts ?? actionTs();
  return {
    ...common,
    container: { type: "message", message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    channel: { id: channelId, name: "ciic-general" },
    message: {
      type: "message",
      user: DEFAULT_BOT_USER_ID,
      bot_id: BOT_ID,
      app_id: APP_ID,
      team: TEAM_ID,
      ts: messageTs,
      text: "",
      blocks: [{ type: "actions", block_id: blockId, elements: [] }],
    },
    state: { values: {} },
    response_url: args.response_url ?? DEAD_RESPONSE_URL,
    actions: [action],
  };
}

/**
 * A view_submission payload. `values` is view.state.values as Slack sends it:
 * { [block_id]: { [action_id]: { type: "plain_text_input", value: "..." } } }.
 */
export function viewSubmissionPayload(args: {
  user_id: string;
  callback_id: string;
  values: Record<string, Record<string, object>>;
  private_metadata?: string;
  trigger_id?: string;
}): object {
  const viewId = `V0CIIC${randomBytes(3).toString("hex").toUpperCase()}`;
  return {
    type: "view_submission",
    team,
    user: user(args.user_id),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: args.trigger_id ?? newTriggerId(),
    view: {
      id: viewId,
      team_id: TEAM_ID,
      type: "modal",
      blocks: [],
      private_metadata: args.private_metadata ?? "",
      callback_id: args.callback_id,
      state: { values: args.values },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
      title: { type: "plain_text", text: "CIIC", emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: { type: "plain_text", text: "Cancel", emoji: true },
      submit: { type: "plain_text", text: "Submit", emoji: true },
      previous_view_id: null,
      root_view_id: viewId,
      app_id: APP_ID,
      external_id: "",
      app_installed_team_id: TEAM_ID,
      bot_id: BOT_ID,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
