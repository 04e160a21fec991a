// A local stand-in for the Mattermost server: the REST API v4 endpoints the bot calls, and the
// server's side of slash commands, button clicks and dialogs (it calls the bot as Mattermost does).
//
// It is a test oracle. Besides answering like Mattermost, it checks what the bot sends against
// Mattermost's documented limits and validations (server model/post.go, integration_action.go):
// the bearer token, 16,383 characters per post, 800,000 characters of props, button and dialog
// element rules, single-use trigger ids that expire after three seconds. Every broken rule is
// answered with Mattermost's error AND written to `violations`, so a test can assert the list
// stays empty even when the bot swallows API errors.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { newId, newTriggerId, sendDialogSubmission, sendPostAction, sendSlashCommand, TEAM_ID, type BotAnswer } from "./mattermost-requests.js";

export const LIMITS = { postMessage: 16_383, props: 800_000, fileIds: 10, dialogTitle: 24, displayName: 24, elementName: 300, helpText: 150, text: 150, textarea: 3000, select: 3000, triggerMs: 3000 };

export interface MmCall {
  /** e.g. "posts.create"; see ROUTES. */
  route: string;
  method: string;
  path: string;
  body: any;
  token: string | undefined;
  at: number;
  response?: { status: number; body: unknown };
}

export interface FakePost {
  id: string;
  channel_id: string;
  user_id: string;
  message: string;
  props: Record<string, any>;
  file_ids: string[];
  create_at: number;
  update_at: number;
  delete_at: number;
  root_id: string;
  type: string;
}

export interface OpenedDialog {
  trigger_id: string;
  url: string;
  dialog: any;
  userId: string;
  at: number;
}

/** What a person saw only for themselves: a command's answer, or a click's ephemeral text. */
export interface Ephemeral {
  userId: string;
  channelId: string;
  message: string;
  props?: Record<string, unknown>;
}

export interface FailResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

type Fail = (status: number, id: string, detail: string) => never;

/** What the next call of a route gets instead of its plain answer (see the fault switches). */
type Fault = { fail: FailResponse } | { hangMs: number; processed: "before" | "after" } | { drop: true };

/** ms of slack allowed for a client's own timer when it waits out a Retry-After. */
const RETRY_AFTER_GRACE_MS = 50;
/**
 * A call on another connection that arrives this soon (ms) after a 429 was sent may have left the
 * client before the 429 arrived there: parallel calls in flight are no breach. On the connection
 * that carried the 429, any call inside Retry-After was sent after the client read it.
 */
const IN_FLIGHT_MS = 500;
/** Mattermost returns at most this many posts changed since a moment (GetPostsSince). */
const POSTS_SINCE_MAX = 1000;

const runes = (s: string) => [...s].length;
const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const isObj = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);
const isHttpUrl = (u: unknown) => {
  try {
    return typeof u === "string" && ["http:", "https:"].includes(new URL(u).protocol);
  } catch {
    return false;
  }
};

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}
const fail: Fail = (status, id, detail) => {
  throw new Refusal(status, id, detail);
};

/** Buttons in message attachments, as PostAction.IsValid checks them. */
export function attachmentProblems(props: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(props) || props.attachments === undefined) return problems;
  if (!Array.isArray(props.attachments)) return ["props.attachments must be an array"];
  const ids = new Set<string>();
  props.attachments.forEach((a: unknown, i: number) => {
    if (!isObj(a)) return problems.push(`attachments[${i}] must be an object`);
    (Array.isArray(a.actions) ? a.actions : []).forEach((action: any, j: number) => {
      const at = `attachments[${i}].actions[${j}]`;
      if (!action.name) problems.push(`${at}.name: action must have a name`);
      if (action.type !== "button" && action.type !== "select") problems.push(`${at}.type: must be button or select`);
      if (action.style !== undefined && !["default", "primary", "success", "good", "warning", "danger"].includes(action.style) && !/^#[0-9a-f]{3,6}$/i.test(action.style)) {
        problems.push(`${at}.style: invalid style ${JSON.stringify(action.style)}`);
      }
      if (typeof action.id !== "string" || !/^[A-Za-z0-9]+$/.test(action.id)) problems.push(`${at}.id: must be letters and digits (it is routed as /posts/{id}/actions/{action_id})`);
      else if (ids.has(action.id)) problems.push(`${at}.id: duplicate action id ${action.id}`);
      else ids.add(action.id);
      if (!isObj(action.integration) || !isHttpUrl(action.integration.url)) problems.push(`${at}.integration.url: action must have a valid integration URL`);
    });
  });
  return problems;
}

/** A post's message and props, as Post.IsValid checks them. */
export function postProblems(post: { message?: unknown; props?: unknown; file_ids?: unknown }): string[] {
  const problems: string[] = [];
  if (post.message !== undefined && typeof post.message !== "string") problems.push("message must be a string");
  const message = typeof post.message === "string" ? post.message : "";
  if (runes(message) > LIMITS.postMessage) problems.push(`message: ${runes(message)} characters, limit ${LIMITS.postMessage}`);
  if (post.props !== undefined && !isObj(post.props)) problems.push("props must be an object");
  const propsSize = runes(JSON.stringify(post.props ?? {}));
  if (propsSize > LIMITS.props) problems.push(`props: ${propsSize} characters, limit ${LIMITS.props}`);
  problems.push(...attachmentProblems(post.props));
  const files = Array.isArray(post.file_ids) ? post.file_ids : [];
  if (files.length > LIMITS.fileIds) problems.push(`file_ids: ${files.length}, limit ${LIMITS.fileIds}`);
  const hasAttachments = isObj(post.props) && Array.isArray(post.props.attachments) && post.props.attachments.length > 0;
  if (message.trim() === "" && files.length === 0 && !hasAttachments) problems.push("message: a post needs a message, a file or an attachment");
  return problems;
}

/** An interactive dialog, as OpenDialogRequest.IsValid and DialogElement.IsValid check it. */
export function dialogProblems(dialog: unknown): string[] {
  if (!isObj(dialog)) return ["dialog must be an object"];
  const problems: string[] = [];
  const max = (where: string, value: unknown, limit: number, required = false) => {
    const s = typeof value === "string" ? value : "";
    if (value !== undefined && typeof value !== "string") problems.push(`${where}: must be a string`);
    if (required && s === "") problems.push(`${where}: cannot be empty`);
    if (bytes(s) > limit) problems.push(`${where}: ${bytes(s)} bytes, limit ${limit}`);
  };
  max("title", dialog.title, LIMITS.dialogTitle, true);
  if (!Array.isArray(dialog.elements)) return [...problems, "elements must be an array"];
  const names = new Set<string>();
  dialog.elements.forEach((e: any, i: number) => {
    const at = `elements[${i}]`;
    max(`${at}.display_name`, e.display_name, LIMITS.displayName, true);
    max(`${at}.name`, e.name, LIMITS.elementName, true);
    max(`${at}.help_text`, e.help_text, LIMITS.helpText);
    if (names.has(e.name)) problems.push(`${at}.name: duplicate dialog element ${e.name}`);
    names.add(e.name);
    const minLength = e.min_length ?? 0;
    const maxLength = e.max_length ?? 0;
    if (minLength < 0) problems.push(`${at}.min_length: negative`);
    if (minLength > maxLength) problems.push(`${at}.min_length: ${minLength} > max_length ${maxLength}`);
    switch (e.type) {
      case "text":
      case "textarea": {
        const limit = e.type === "text" ? LIMITS.text : LIMITS.textarea;
        max(`${at}.default`, e.default, limit);
        max(`${at}.placeholder`, e.placeholder, limit);
        if (maxLength > limit) problems.push(`${at}.max_length: ${maxLength}, limit ${limit} for ${e.type}`);
        if (e.subtype !== undefined && !["", "text", "email", "number", "tel", "url", "password"].includes(e.subtype)) problems.push(`${at}.subtype: invalid`);
        break;
      }
      case "select": {
        max(`${at}.default`, e.default, LIMITS.select);
        max(`${at}.placeholder`, e.placeholder, LIMITS.select);
        const options = Array.isArray(e.options) ? e.options : [];
        if (!e.data_source && options.length === 0) problems.push(`${at}.options: a static select needs options`);
        if (options.some((o: any) => !o?.text || !o?.value)) problems.push(`${at}.options: every option needs text and value`);
        if (e.default && !options.some((o: any) => o?.value === e.default)) problems.push(`${at}.default: ${JSON.stringify(e.default)} is not among the options`);
        break;
      }
      case "bool":
      case "radio":
        break;
      default:
        problems.push(`${at}.type: invalid element type ${JSON.stringify(e.type)}`);
    }
  });
  return problems;
}

export interface FakeMattermost {
  /** The server's base URL (MATTERMOST_URL). */
  url: string;
  botUserId: string;
  calls: MmCall[];
  violations: string[];
  posts: Map<string, FakePost>;
  dialogs: OpenedDialog[];
  ephemerals: Ephemeral[];
  uploadedFiles: { id: string; channel: string; name: string; content: string }[];
  callsTo(route: string): MmCall[];
  waitFor(route: string, count?: number, timeoutMs?: number): Promise<MmCall[]>;
  /** Fails the next `times` calls of a route (after letting `after` calls through). */
  failNext(route: string, response: FailResponse, times?: number, options?: { after?: number }): void;
  /**
   * The next `times` calls of a route hang for `ms` before they are answered; `processed`
   * "before" (default): the server did the work at once and only its answer is late.
   */
  hangNext(route: string, ms: number, options?: { processed?: "before" | "after"; times?: number }): void;
  /** The next `times` calls of a route are carried out, then the connection is dropped unanswered. */
  dropNext(route: string, times?: number): void;
  /** Live (not deleted) posts of a channel, oldest first. */
  postsIn(channelId: string): FakePost[];
  /** The direct channel between the bot and a person, as Mattermost names it once created. */
  directChannelOf(userId: string): string | undefined;
  /** A channel the bot is a member of (recipient channels). */
  addChannel(channelId: string): void;
  /** Archives a channel: the bot can no longer post there. */
  removeChannel(channelId: string): void;
  issueTriggerId(userId: string): string;
  /** A person types /ciic … : sent to `commandUrl` with `token`, the answer recorded and checked. */
  command(commandUrl: string, token: string, userId: string, text: string, options?: { channelId?: string; headerToken?: string | null }): Promise<BotAnswer & { shown: string[] }>;
  /** A person clicks a button of a post: Mattermost sends the button's stored context to its URL. */
  click(postId: string, label: string, userId: string): Promise<BotAnswer & { ephemeral?: string }>;
  /** A person submits the dialog last opened for them. */
  submitDialog(userId: string, submission: Record<string, unknown>, options?: { channelId?: string }): Promise<BotAnswer>;
  /** A file as if `user` had posted it in `channel`. */
  shareFile(file: { user: string; channel: string; name: string; content: string | Buffer }): string;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeMattermost(options: { botToken: string; botUserId?: string; channels?: string[]; maxFileBytes?: number }): Promise<FakeMattermost> {
  const botUserId = options.botUserId ?? "ciicbot0000000000000000001";
  const events = new EventEmitter();
  events.setMaxListeners(100);
  /** Per route, what the next calls get: a failure, or null to let a call through. */
  const failures = new Map<string, (Fault | null)[]>();
  /** Until when (ms) the server said to wait after a 429: its limiter counts the bot's calls as a whole. */
  let retryAfter = { until: 0, at: 0, socket: undefined as unknown };
  const posts = new Map<string, FakePost>();
  /** channel id → members; a direct channel has exactly the bot and one person. */
  const channels = new Map<string, { type: "O" | "D"; members: Set<string> | "anyone" }>();
  const files = new Map<string, { id: string; name: string; content: Buffer; channel: string; user: string; post: string; at: number }>();
  const triggers = new Map<string, { userId: string; at: number; used: boolean }>();
  for (const c of options.channels ?? []) channels.set(c, { type: "O", members: "anyone" });
  let clock = Date.now();
  const now = () => (clock = Math.max(clock + 1, Date.now()));

  const fake = {
    url: "",
    botUserId,
    calls: [] as MmCall[],
    violations: [] as string[],
    posts,
    dialogs: [] as OpenedDialog[],
    ephemerals: [] as Ephemeral[],
    uploadedFiles: [] as FakeMattermost["uploadedFiles"],
  };
  const record = (call: MmCall) => {
    fake.calls.push(call);
    events.emit("call");
  };
  const violate = (route: string, problems: string[]) => {
    for (const p of problems) fake.violations.push(`${route}: ${p}`);
  };
  const takeFailure = (route: string) => {
    const queue = failures.get(route);
    const next = queue?.shift();
    if (queue?.length === 0) failures.delete(route);
    return next ?? undefined;
  };
  const member = (channelId: string, userId: string) => {
    const c = channels.get(channelId);
    return c !== undefined && (c.members === "anyone" || c.members.has(userId));
  };
  const livePost = (id: string) => {
    const post = posts.get(id);
    if (!post || post.delete_at) fail(404, "app.post.get.app_error", `no post ${id}`);
    return post!;
  };
  const checkPost = (route: string, body: any) => {
    const problems = postProblems(body);
    if (problems.length) {
      violate(route, problems);
      fail(400, "model.post.is_valid.app_error", problems[0]);
    }
  };
  const checkFiles = (route: string, ids: unknown, channelId: string) => {
    for (const id of Array.isArray(ids) ? ids : []) {
      const f = files.get(id);
      if (!f || f.channel !== channelId || f.post) {
        violate(route, [`file_ids: ${id} was not uploaded to ${channelId}, or is attached already`]);
        fail(400, "api.post.create_post.file_ids.app_error", "bad file id");
      }
    }
  };
  const postsIn = (channelId: string) => [...posts.values()].filter((p) => p.channel_id === channelId && !p.delete_at).sort((a, b) => a.create_at - b.create_at);
  const attachFiles = (post: FakePost) => {
    for (const id of post.file_ids) files.get(id)!.post = post.id;
  };

  type Handler = (args: { body: any; raw: Buffer; req: IncomingMessage; params: string[]; query: URLSearchParams; route: string }) => Promise<{ status: number; body: unknown; raw?: Buffer }> | { status: number; body: unknown; raw?: Buffer };
  const ROUTES: [string, string, RegExp, Handler][] = [
    ["users.me", "GET", /^\/api\/v4\/users\/me$/, () => ({ status: 200, body: { id: botUserId, username: "ciic-bot", is_bot: true, roles: "system_user" } })],
    [
      "channels.direct",
      "POST",
      /^\/api\/v4\/channels\/direct$/,
      ({ body, route }) => {
        if (!Array.isArray(body) || body.length !== 2 || !body.every((id) => typeof id === "string" && /^[a-z0-9]{26}$/.test(id))) {
          violate(route, ["body must be a JSON array of two user ids"]);
          fail(400, "api.context.invalid_body_param.app_error", "Invalid or missing user_ids in request body.");
        }
        if (!body.includes(botUserId)) {
          violate(route, ["a bot can only open direct channels it is a member of"]);
          fail(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        }
        const other = body.find((id: string) => id !== botUserId) ?? botUserId;
        const id = directId(other);
        if (!channels.has(id)) channels.set(id, { type: "D", members: new Set([botUserId, other]) });
        return { status: 201, body: { id, type: "D", name: [botUserId, other].sort().join("__"), team_id: "", display_name: "" } };
      },
    ],
    [
      "posts.create",
      "POST",
      /^\/api\/v4\/posts$/,
      ({ body, route }) => {
        if (!isObj(body) || typeof body.channel_id !== "string") fail(400, "api.context.invalid_body_param.app_error", "Invalid or missing post in request body.");
        if (!member(body.channel_id, botUserId)) {
          violate(route, [`channel ${body.channel_id}: the bot is not a member (or the channel is gone)`]);
          fail(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        }
        checkPost(route, body);
        checkFiles(route, body.file_ids, body.channel_id);
        const at = now();
        const post: FakePost = { id: newId(), channel_id: body.channel_id, user_id: botUserId, message: body.message ?? "", props: body.props ?? {}, file_ids: body.file_ids ?? [], create_at: at, update_at: at, delete_at: 0, root_id: body.root_id ?? "", type: "" };
        posts.set(post.id, post);
        attachFiles(post);
        return { status: 201, body: post };
      },
    ],
    [
      "posts.patch",
      "PUT",
      /^\/api\/v4\/posts\/([a-z0-9]{26})\/patch$/,
      ({ body, params, route }) => {
        const post = livePost(params[0]);
        if (post.user_id !== botUserId) fail(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        if (!isObj(body)) fail(400, "api.context.invalid_body_param.app_error", "Invalid or missing post in request body.");
        const next = { ...post, ...(body.message !== undefined ? { message: body.message } : {}), ...(body.props !== undefined ? { props: body.props } : {}) };
        checkPost(route, next);
        Object.assign(post, next, { update_at: now() });
        return { status: 200, body: post };
      },
    ],
    [
      "posts.update",
      "PUT",
      /^\/api\/v4\/posts\/([a-z0-9]{26})$/,
      ({ body, params, route }) => {
        const post = livePost(params[0]);
        if (post.user_id !== botUserId) fail(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        if (!isObj(body) || body.id !== post.id) fail(400, "api.context.invalid_body_param.app_error", "The post id in the body must match the URL.");
        checkPost(route, body);
        Object.assign(post, { message: body.message ?? "", props: body.props ?? {}, update_at: now() });
        return { status: 200, body: post };
      },
    ],
    [
      "posts.delete",
      "DELETE",
      /^\/api\/v4\/posts\/([a-z0-9]{26})$/,
      ({ params }) => {
        const post = livePost(params[0]);
        if (post.user_id !== botUserId) fail(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        post.delete_at = now();
        return { status: 200, body: { status: "OK" } };
      },
    ],
    [
      "channels.posts",
      "GET",
      /^\/api\/v4\/channels\/([a-z0-9]{26})\/posts$/,
      ({ params, query }) => {
        if (!member(params[0], botUserId)) fail(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        if (query.has("since")) {
          // Every post created, changed or deleted after the moment, deleted ones included (their
          // delete_at set), as Mattermost returns them to a client catching up.
          const since = Number(query.get("since"));
          const changed = [...posts.values()]
            .filter((p) => p.channel_id === params[0] && Math.max(p.create_at, p.update_at, p.delete_at) > since)
            .sort((a, b) => b.create_at - a.create_at)
            .slice(0, POSTS_SINCE_MAX);
          return { status: 200, body: { order: changed.map((p) => p.id), posts: Object.fromEntries(changed.map((p) => [p.id, p])), next_post_id: "", prev_post_id: "", has_next: false } };
        }
        const page = Number(query.get("page") ?? 0);
        const perPage = Math.min(Number(query.get("per_page") ?? 60), 200);
        const list = postsIn(params[0]).reverse().slice(page * perPage, (page + 1) * perPage);
        return { status: 200, body: { order: list.map((p) => p.id), posts: Object.fromEntries(list.map((p) => [p.id, p])), next_post_id: "", prev_post_id: "", has_next: false } };
      },
    ],
    [
      "posts.files",
      "GET",
      /^\/api\/v4\/posts\/([a-z0-9]{26})\/files\/info$/,
      ({ params }) => {
        const post = livePost(params[0]);
        if (!member(post.channel_id, botUserId)) fail(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        return { status: 200, body: post.file_ids.map((id) => fileInfo(files.get(id)!)) };
      },
    ],
    [
      "files.upload",
      "POST",
      /^\/api\/v4\/files$/,
      async ({ raw, req, route }) => {
        const form = await new Request("http://fake/", { method: "POST", headers: { "content-type": String(req.headers["content-type"] ?? "") }, body: raw }).formData().catch(() => undefined);
        const channelId = form?.get("channel_id");
        const uploads = form?.getAll("files").filter((f) => typeof f !== "string") ?? [];
        if (typeof channelId !== "string" || uploads.length === 0) {
          violate(route, ["multipart form needs channel_id and at least one files part"]);
          fail(400, "api.file.upload_file.incorrect_number_of_files.app_error", "Unable to upload files.");
        }
        if (!member(channelId as string, botUserId)) {
          violate(route, [`channel ${channelId}: the bot is not a member`]);
          fail(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        }
        const infos = [];
        for (const upload of uploads as unknown as { name: string; arrayBuffer(): Promise<ArrayBuffer> }[]) {
          const content = Buffer.from(await upload.arrayBuffer());
          if (content.length > (options.maxFileBytes ?? 100 * 1024 * 1024)) fail(413, "api.file.upload_file.too_large_detailed.app_error", "File too large.");
          const file = { id: newId(), name: upload.name, content, channel: channelId as string, user: botUserId, post: "", at: now() };
          files.set(file.id, file);
          fake.uploadedFiles.push({ id: file.id, channel: file.channel, name: file.name, content: content.toString("utf8") });
          infos.push(fileInfo(file));
        }
        return { status: 201, body: { file_infos: infos, client_ids: [] } };
      },
    ],
    [
      "files.get",
      "GET",
      /^\/api\/v4\/files\/([a-z0-9]{26})$/,
      ({ params }) => {
        const file = files.get(params[0]);
        if (!file) fail(404, "app.file_info.get.app_error", "Unable to get the file info.");
        if (!member(file!.channel, botUserId)) fail(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
        return { status: 200, body: undefined, raw: file!.content };
      },
    ],
    [
      "dialogs.open",
      "POST",
      /^\/api\/v4\/actions\/dialogs\/open$/,
      ({ body, route }) => {
        if (!isObj(body) || !body.url) fail(400, "api.context.invalid_param.app_error", "Invalid url parameter.");
        const trigger = triggers.get(body.trigger_id);
        if (!body.trigger_id || !trigger) {
          violate(route, ["trigger_id: not one Mattermost issued"]);
          fail(400, "interactive_message.decode_trigger_id.verify_signature_failed", "Unable to verify trigger id.");
        }
        if (trigger!.used) {
          violate(route, ["trigger_id: used before"]);
          fail(400, "interactive_message.decode_trigger_id.used", "Trigger id was used before.");
        }
        if (Date.now() - trigger!.at > LIMITS.triggerMs) {
          violate(route, [`trigger_id: ${Date.now() - trigger!.at} ms old, valid for ${LIMITS.triggerMs}`]);
          fail(400, "interactive_message.decode_trigger_id.expired", "Trigger ID for interactive dialog is expired.");
        }
        const problems = [...(isHttpUrl(body.url) ? [] : ["url: must be an http(s) URL"]), ...dialogProblems(body.dialog)];
        if (problems.length) {
          violate(route, problems);
          fail(400, "app.open_interactive_dialog.invalid", problems[0]);
        }
        trigger!.used = true;
        fake.dialogs.push({ trigger_id: body.trigger_id, url: body.url, dialog: body.dialog, userId: trigger!.userId, at: Date.now() });
        return { status: 200, body: { status: "OK" } };
      },
    ],
  ];

  const directId = (userId: string) => `dm${userId.slice(0, 12)}${botUserId.slice(-12)}`;
  const fileInfo = (f: { id: string; name: string; content: Buffer; user: string; post: string; at: number }) => ({
    id: f.id,
    user_id: f.user,
    post_id: f.post,
    name: f.name,
    extension: f.name.includes(".") ? f.name.split(".").pop() : "",
    size: f.content.length,
    mime_type: "application/octet-stream",
    create_at: f.at,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const auth = req.headers.authorization ?? "";
    // The server reads the scheme case-insensitively (the client library sends "BEARER").
    const token = /^bearer /i.test(auth) ? auth.slice(7) : undefined;
    const match = ROUTES.map(([route, method, pattern, handler]) => ({ route, method, m: pattern.exec(url.pathname), handler })).find((r) => r.m && r.method === req.method);
    const type = String(req.headers["content-type"] ?? "");
    let body: any = undefined;
    if (type.startsWith("application/json") && raw.length) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        body = undefined;
      }
    }
    const call: MmCall = { route: match?.route ?? "unknown", method: req.method ?? "", path: url.pathname, body, token, at: Date.now() };
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}, rawBody?: Buffer) => {
      call.response = { status, body: payload };
      record(call);
      if (rawBody) {
        res.writeHead(status, { "content-type": "application/octet-stream", "content-length": String(rawBody.length), ...headers });
        res.end(rawBody);
      } else if (typeof payload === "string") {
        res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
        res.end(payload);
      } else {
        // Mattermost answers with exactly this content type; the client library relies on it.
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(payload));
      }
    };
    const appError = (status: number, id: string, message: string) => ({ id, message, detailed_error: "", request_id: newId(), status_code: status });
    if (!match) {
      violate("unknown", [`${req.method} ${url.pathname} is not served by the fake (or not a Mattermost API route)`]);
      return reply(404, appError(404, "api.context.404.app_error", "Sorry, we could not find the page."));
    }
    const early = retryAfter.until - Date.now();
    if (early > RETRY_AFTER_GRACE_MS && (req.socket === retryAfter.socket || Date.now() - retryAfter.at > IN_FLIGHT_MS)) {
      violate(match.route, [`called ${(early / 1000).toFixed(2)} s before the Retry-After of a 429 had passed`]);
    }
    const fault = takeFailure(match.route);
    if (fault && "fail" in fault) {
      const failure = fault.fail;
      // Mattermost's rate limiter answers 429 with a text body and X-RateLimit-* / Retry-After headers.
      const payload = failure.body ?? (failure.status === 429 ? "limit exceeded\n" : appError(failure.status, "fake.failure", `failure ${failure.status}`));
      if (failure.status === 429) {
        const seconds = Number(Object.entries(failure.headers ?? {}).find(([k]) => k.toLowerCase() === "retry-after")?.[1] ?? 0);
        retryAfter = { until: Date.now() + seconds * 1000, at: Date.now(), socket: req.socket };
      }
      return reply(failure.status, payload, failure.headers);
    }
    if (token !== options.botToken) {
      violate(match.route, [token ? "wrong bearer token" : "no bearer token"]);
      return reply(401, appError(401, "api.context.session_expired.app_error", "Invalid or expired session, please login again."));
    }
    const work = async (): Promise<{ status: number; body: unknown; raw?: Buffer }> => {
      try {
        return await match.handler({ body, raw, req, params: match.m!.slice(1), query: url.searchParams, route: match.route });
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        return { status: error.status, body: appError(error.status, error.id, error.detail) };
      }
    };
    if (fault && "drop" in fault) {
      // Carried out, then the connection closes with no answer: the client cannot know.
      const out = await work();
      call.response = { status: 0, body: { dropped: true, wouldHaveAnswered: out.status } };
      record(call);
      req.socket.destroy();
      return;
    }
    if (fault && "hangMs" in fault) {
      const done = fault.processed === "before" ? await work() : undefined;
      await new Promise((resolve) => setTimeout(resolve, fault.hangMs).unref());
      const out = done ?? (await work());
      if (res.destroyed || res.writableEnded) {
        call.response = { status: 0, body: { unanswered: true, wouldHaveAnswered: out.status } };
        record(call);
        return;
      }
      return reply(out.status, out.body, {}, out.raw);
    }
    const out = await work();
    reply(out.status, out.body, {}, out.raw);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      fake.violations.push(`fake-mattermost crashed on ${req.method} ${req.url}: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const callsTo = (route: string) => fake.calls.filter((c) => c.route === route);
  const issueTriggerId = (userId: string) => {
    const id = newTriggerId(userId);
    triggers.set(id, { userId, at: Date.now(), used: false });
    return id;
  };
  /** What Mattermost does with a click's answer: update the post, show ephemeral text. */
  const applyActionAnswer = (post: FakePost, userId: string, json: any) => {
    if (!isObj(json)) return undefined;
    if (isObj(json.update)) {
      const next = { ...post, message: json.update.message ?? post.message, props: json.update.props ?? post.props };
      const problems = postProblems(next);
      if (problems.length) violate("action.update", problems);
      else Object.assign(post, next, { update_at: now() });
    }
    if (typeof json.ephemeral_text === "string" && json.ephemeral_text !== "") {
      const problems = postProblems({ message: json.ephemeral_text });
      if (problems.length) violate("action.ephemeral_text", problems);
      fake.ephemerals.push({ userId, channelId: post.channel_id, message: json.ephemeral_text });
      return json.ephemeral_text as string;
    }
    return undefined;
  };

  return Object.assign(fake, {
    callsTo,
    postsIn,
    waitFor(route: string, count = 1, timeoutMs = 5000): Promise<MmCall[]> {
      return new Promise<MmCall[]>((resolve, reject) => {
        const check = () => {
          const found = callsTo(route);
          if (found.length < count) return false;
          clearTimeout(timer);
          events.off("call", check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          events.off("call", check);
          const seen = new Map<string, number>();
          for (const c of fake.calls) seen.set(c.route, (seen.get(c.route) ?? 0) + 1);
          const list = [...seen].map(([m, n]) => `${m} x${n}`).join(", ") || "none";
          const violations = fake.violations.length ? `; violations: ${fake.violations.join(" | ")}` : "";
          reject(new Error(`fake-mattermost: waited ${timeoutMs} ms for ${count} call(s) to ${route}, got ${callsTo(route).length}; routes seen: ${list}${violations}`));
        }, timeoutMs);
        if (!check()) events.on("call", check);
      });
    },
    failNext(route: string, response: FailResponse, times = 1, opts: { after?: number } = {}): void {
      const queue = failures.get(route) ?? [];
      for (let i = 0; i < (opts.after ?? 0); i++) queue.push(null);
      for (let i = 0; i < times; i++) queue.push({ fail: response });
      failures.set(route, queue);
    },
    hangNext(route: string, ms: number, opts: { processed?: "before" | "after"; times?: number } = {}): void {
      const queue = failures.get(route) ?? [];
      for (let i = 0; i < (opts.times ?? 1); i++) queue.push({ hangMs: ms, processed: opts.processed ?? "before" });
      failures.set(route, queue);
    },
    dropNext(route: string, times = 1): void {
      const queue = failures.get(route) ?? [];
      for (let i = 0; i < times; i++) queue.push({ drop: true });
      failures.set(route, queue);
    },
    directChannelOf: (userId: string) => (channels.has(directId(userId)) ? directId(userId) : undefined),
    addChannel: (channelId: string) => void channels.set(channelId, { type: "O", members: "anyone" }),
    removeChannel: (channelId: string) => void channels.delete(channelId),
    issueTriggerId,
    async command(commandUrl: string, token: string, userId: string, text: string, opts: { channelId?: string; headerToken?: string | null } = {}) {
      const channelId = opts.channelId ?? "townsquare0000000000000001";
      const answer = await sendSlashCommand(commandUrl, { token, user_id: userId, text, trigger_id: issueTriggerId(userId), channel_id: channelId }, { headerToken: opts.headerToken });
      const shown: string[] = [];
      if (answer.status === 200 && isObj(answer.json)) {
        if (answer.text.length > 1024 * 1024) fake.violations.push("command answer: over Mattermost's 1 MB integration response limit");
        for (const response of [answer.json, ...(Array.isArray(answer.json.extra_responses) ? answer.json.extra_responses : [])]) {
          const message = typeof response.text === "string" ? response.text : "";
          const props = Array.isArray(response.attachments) ? { attachments: response.attachments } : undefined;
          if (message === "" && !props) continue;
          const problems = postProblems({ message, props });
          if (problems.length) violate("command answer", problems);
          if (response.response_type !== undefined && response.response_type !== "ephemeral") violate("command answer", [`response_type ${response.response_type}: the answer would be posted for the whole channel`]);
          fake.ephemerals.push({ userId, channelId, message, props });
          shown.push(message);
        }
      }
      return Object.assign(answer, { shown });
    },
    async click(postId: string, label: string, userId: string) {
      const post = livePost(postId);
      const action = (post.props.attachments ?? []).flatMap((a: any) => a.actions ?? []).find((a: any) => a.name === label);
      if (!action) throw new Error(`fake-mattermost: post ${postId} has no button "${label}"`);
      // Mattermost lets only people who can read the post click its buttons.
      if (!member(post.channel_id, userId)) throw new Error(`fake-mattermost: ${userId} cannot read post ${postId}`);
      const answer = await sendPostAction(action.integration.url, {
        user_id: userId,
        channel_id: post.channel_id,
        team_id: channels.get(post.channel_id)?.type === "D" ? "" : TEAM_ID,
        post_id: post.id,
        trigger_id: issueTriggerId(userId),
        type: action.type,
        context: action.integration.context,
      });
      const ephemeral = answer.status === 200 ? applyActionAnswer(post, userId, answer.json ?? {}) : undefined;
      return Object.assign(answer, { ephemeral });
    },
    async submitDialog(userId: string, submission: Record<string, unknown>, opts: { channelId?: string } = {}) {
      const dialog = [...fake.dialogs].reverse().find((d) => d.userId === userId);
      if (!dialog) throw new Error(`fake-mattermost: no dialog was opened for ${userId}`);
      // The client checks required elements before it submits.
      for (const e of dialog.dialog.elements ?? []) {
        if (!e.optional && (submission[e.name] === undefined || submission[e.name] === "")) throw new Error(`fake-mattermost: ${e.name} is required in the dialog`);
      }
      return sendDialogSubmission(dialog.url, { callback_id: dialog.dialog.callback_id, state: dialog.dialog.state, user_id: userId, channel_id: opts.channelId ?? directId(userId), submission });
    },
    shareFile(file: { user: string; channel: string; name: string; content: string | Buffer }): string {
      if (!channels.has(file.channel)) channels.set(file.channel, { type: "O", members: "anyone" });
      const at = now();
      const content = typeof file.content === "string" ? Buffer.from(file.content) : file.content;
      const stored = { id: newId(), name: file.name, content, channel: file.channel, user: file.user, post: "", at };
      files.set(stored.id, stored);
      const post: FakePost = { id: newId(), channel_id: file.channel, user_id: file.user, message: "", props: {}, file_ids: [stored.id], create_at: at, update_at: at, delete_at: 0, root_id: "", type: "" };
      posts.set(post.id, post);
      stored.post = post.id;
      return stored.id;
    },
    reset(): void {
      fake.calls.length = 0;
      fake.violations.length = 0;
      fake.ephemerals.length = 0;
      failures.clear();
      retryAfter = { until: 0, at: 0, socket: undefined };
    },
    close(): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  });
}
