// Requests to the bot exactly as a Mattermost server sends them (server app/command.go and
// app/integration_action.go): a custom slash command is a form with the fields in Go's sorted
// order and the command's token both in the form and in `Authorization: Token …`; a button click
// and a dialog submission are JSON.
import { randomBytes } from "node:crypto";

export interface BotAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any; // parsed if the body is JSON, else undefined
}

async function answer(res: Response): Promise<BotAnswer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Mattermost ids: 26 characters of lower-case letters and digits. */
export const newId = () => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(26)].map((b) => alphabet[b % alphabet.length]).join("");
};

/**
 * A trigger id shaped like Mattermost's: base64 of "<client id>:<user id>:<millis>:<signature>".
 * Mattermost signs it with its own key; the fake keeps the ones it issued instead.
 */
export const newTriggerId = (userId: string) =>
  Buffer.from(`${newId()}:${userId}:${Date.now()}:${randomBytes(48).toString("base64")}`).toString("base64");

export interface SlashCommandFields {
  token: string;
  user_id: string;
  text: string;
  trigger_id: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  user_name?: string;
  response_url?: string;
}

export const TEAM_ID = "ciicteam000000000000000001";
export const TEAM_DOMAIN = "ciic";

/** POSTs a custom slash command. `headerToken: null` leaves the Authorization header out. */
export function sendSlashCommand(url: string, fields: SlashCommandFields, options: { headerToken?: string | null } = {}): Promise<BotAnswer> {
  const values: Record<string, string> = {
    channel_id: fields.channel_id ?? "townsquare0000000000000001",
    channel_name: fields.channel_name ?? "town-square",
    command: "/ciic",
    response_url: fields.response_url ?? "http://127.0.0.1:9/hooks/commands/unused",
    team_domain: fields.team_domain ?? TEAM_DOMAIN,
    team_id: fields.team_id ?? TEAM_ID,
    text: fields.text,
    token: fields.token,
    trigger_id: fields.trigger_id,
    user_id: fields.user_id,
    user_name: fields.user_name ?? `user-${fields.user_id.slice(0, 6)}`,
  };
  // Go's url.Values.Encode sorts by key.
  const body = new URLSearchParams(Object.keys(values).sort().map((k): [string, string] => [k, values[k]])).toString();
  const headerToken = options.headerToken === undefined ? fields.token : options.headerToken;
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/x-www-form-urlencoded", "user-agent": "Mattermost-Bot/1.1" };
  if (headerToken !== null) headers.authorization = `Token ${headerToken}`;
  return fetch(url, { method: "POST", headers, body }).then(answer);
}

/** What Mattermost posts to a button's integration URL (PostActionIntegrationRequest). */
export interface PostActionRequest {
  user_id: string;
  user_name?: string;
  channel_id: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  post_id: string;
  trigger_id: string;
  type?: string;
  data_source?: string;
  context?: Record<string, unknown>;
}

export function sendPostAction(url: string, request: PostActionRequest): Promise<BotAnswer> {
  const body = { user_name: `user-${request.user_id.slice(0, 6)}`, channel_name: "", team_id: "", team_domain: "", type: "button", data_source: "", ...request };
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) }).then(answer);
}

/** What Mattermost posts to a dialog's URL on submission (SubmitDialogRequest). */
export interface DialogSubmission {
  callback_id: string;
  state: string;
  user_id: string;
  channel_id: string;
  team_id?: string;
  submission: Record<string, unknown>;
  cancelled?: boolean;
}

export function sendDialogSubmission(url: string, request: DialogSubmission): Promise<BotAnswer> {
  const body = { type: "dialog_submission", team_id: TEAM_ID, cancelled: false, ...request };
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) }).then(answer);
}
