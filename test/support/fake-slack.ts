// A local stand-in for the Slack Web API and for response_url endpoints.
//
// It is a test oracle: besides answering like Slack, it checks every payload
// against Slack's documented Block Kit and method limits, because those are
// the failures that only show up in production ("invalid_blocks" for a
// 3001-character section). Every broken limit is answered with Slack's error
// AND written to `violations`, so a test can assert the list stays empty even
// when the bot swallows API errors.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** The <id> of a response_url post; undefined for Web API calls. */
  id?: string;
  /** What the fake answered, so tests can tell a rejected call from an accepted one. */
  response?: { status: number; body: unknown };
}

export interface FailResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What the next call of a method gets instead of its plain answer (see FakeSlack's fault switches). */
/** `channel`: only a call to that conversation takes the fault (a user id is their DM); calls to others pass it by. */
type Fault = ({ fail: FailResponse } | { hangMs: number; processed: "before" | "after" } | { drop: true }) & { channel?: string };

/** ms of slack allowed for a client's own timer when it waits out a Retry-After. */
const RETRY_AFTER_GRACE_MS = 50;
/**
 * A call on another connection that arrives this soon (ms) after a 429 was sent may have left the
 * client before the 429 arrived there: parallel calls in flight are no breach. On the connection
 * that carried the 429, any call inside Retry-After was sent after the client read it.
 */
const IN_FLIGHT_MS = 500;
/**
 * conversations.history gives non-Marketplace apps at most 15 messages a call since 2025 (and
 * Tier 1, one call a minute); the fake gives 15 so that a client must page.
 */
const HISTORY_MAX = 15;

export interface FakeSlack {
  apiUrl: string;
  responseUrl(id?: string): string;
  calls: RecordedCall[];
  violations: string[];
  callsTo(method: string): RecordedCall[];
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  failNext(method: string, response: FailResponse, times?: number): void;
  /**
   * The next `times` calls of `method` hang for `ms` before they are answered. `processed`
   * "before" (default): Slack did the work at once and only its answer is late; "after": the
   * work is done when the answer goes out. A client that gave up meanwhile never hears it.
   * `channel`: only calls to that conversation hang, whatever order calls arrive in.
   */
  hangNext(method: string, ms: number, options?: { processed?: "before" | "after"; times?: number; channel?: string }): void;
  /** The next `times` calls of `method` are carried out, then the connection is dropped unanswered. */
  dropNext(method: string, times?: number): void;
  /** Messages in a conversation (a user id means the bot's DM with them), oldest first, as history shows them. */
  messagesIn(channel: string): Record<string, unknown>[];
  /** Files the bot uploaded and completed into a channel, with their content. */
  uploadedFiles: { id: string; channel: string; name: string; content: string }[];
  /** A file as if `user` had uploaded it to `channel`: listed by files.list, served to the bot's token. */
  shareFile(file: { user: string; channel: string; name: string; content: string | Buffer; filetype?: string }): string;
  reset(): void;
  close(): Promise<void>;
}

// Fixed identities, shared with slack-requests.ts so events and API answers agree.
export const TEAM_ID = "T0CIIC000";
export const TEAM_DOMAIN = "ciic-test";
export const APP_ID = "A0CIIC000";
export const BOT_ID = "B0CIIC000";
export const DEFAULT_BOT_USER_ID = "U0CIICBOT";

// ---------------------------------------------------------------------------
// Block Kit checks
// ---------------------------------------------------------------------------

type Seg = string | number;
type Obj = Record<string, unknown>;

/** One broken rule: the Slack error code it earns, where it is, and what is wrong. */
export interface Problem {
  error: string;
  where: Seg[];
  detail: string;
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

// Slack counts characters, not UTF-16 units; counting code points keeps an
// emoji from being reported as two characters.
const chars = (s: string) => [...s].length;

const dotted = (where: Seg[]) =>
  where.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
const pointer = (where: Seg[]) => "/" + where.join("/");

// Element types whose option text may be mrkdwn; in menus it must be plain_text.
const MRKDWN_OPTION_ELEMENTS = new Set(["radio_buttons", "checkboxes"]);
const OPTION_LIMITS: Record<string, number> = {
  static_select: 100,
  multi_static_select: 100,
  overflow: 5,
  radio_buttons: 10,
  checkboxes: 10,
};

/**
 * Walks blocks and collects every limit they break. `error` is the code Slack
 * answers for a broken block on this surface: messages say invalid_blocks,
 * views say invalid_arguments.
 */
class BlockChecker {
  readonly problems: Problem[] = [];
  constructor(private readonly error: string) {}

  fail(where: Seg[], detail: string, error = this.error): void {
    this.problems.push({ error, where, detail });
  }

  length(where: Seg[], value: unknown, max: number, min = 0): void {
    if (value === undefined) return;
    if (typeof value !== "string") return this.fail(where, "must be a string");
    const n = chars(value);
    if (n > max) this.fail(where, `${n} chars, limit ${max}`);
    else if (n < min) this.fail(where, `${n} chars, minimum ${min}`);
  }

  list(where: Seg[], value: unknown, max: number, noun: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(where, "must be an array");
      return [];
    }
    if (value.length > max) this.fail(where, `${value.length} ${noun}, limit ${max}`);
    return value;
  }

  /** A text composition object: needs a known `type` and a non-empty `text`. */
  text(where: Seg[], t: unknown, max: number, opts: { plainOnly?: boolean; optional?: boolean } = {}): void {
    if (t === undefined || t === null) {
      if (!opts.optional) this.fail(where, "text object is required");
      return;
    }
    if (!isObj(t)) return this.fail(where, "must be a text object with type and text");
    if (t.type !== "plain_text" && t.type !== "mrkdwn") {
      return this.fail([...where, "type"], `type must be plain_text or mrkdwn, got ${JSON.stringify(t.type)}`);
    }
    if (opts.plainOnly && t.type !== "plain_text") this.fail([...where, "type"], "must be plain_text");
    // Slack rejects `emoji` on mrkdwn (it is a plain_text-only property).
    if (t.type === "mrkdwn" && "emoji" in t) this.fail([...where, "emoji"], "emoji is only allowed on plain_text");
    if (typeof t.text !== "string") return this.fail([...where, "text"], "text is required");
    this.length([...where, "text"], t.text, max, 1);
  }

  blocks(where: Seg[], blocks: unknown, max: number): void {
    if (blocks === undefined) return;
    if (!Array.isArray(blocks)) return this.fail(where, "must be an array of blocks");
    // Checked separately from list() so the message reads "51 blocks, limit 50".
    if (blocks.length > max) this.fail(where, `${blocks.length} blocks, limit ${max}`);
    const blockIds = new Set<string>();
    blocks.forEach((b, i) => this.block([...where, i], b, blockIds));
  }

  private block(where: Seg[], b: unknown, blockIds: Set<string>): void {
    if (!isObj(b) || typeof b.type !== "string") return this.fail(where, "block needs a type");
    if (b.block_id !== undefined) {
      this.length([...where, "block_id"], b.block_id, 255, 1);
      // Slack refuses a surface in which two blocks share a block_id.
      if (typeof b.block_id === "string") {
        if (blockIds.has(b.block_id)) this.fail([...where, "block_id"], `duplicate block_id ${JSON.stringify(b.block_id)}`);
        blockIds.add(b.block_id);
      }
    }
    const actionIds = new Set<string>(); // action_id must be unique within one block
    switch (b.type) {
      case "section":
        if (b.text === undefined && b.fields === undefined) this.fail(where, "section needs text or fields");
        this.text([...where, "text"], b.text, 3000, { optional: true });
        this.list([...where, "fields"], b.fields, 10, "fields").forEach((f, i) =>
          this.text([...where, "fields", i], f, 2000),
        );
        if (b.accessory !== undefined) this.element([...where, "accessory"], b.accessory, actionIds);
        break;
      case "header":
        this.text([...where, "text"], b.text, 150, { plainOnly: true });
        break;
      case "context":
        this.list([...where, "elements"], b.elements, 10, "elements").forEach((e, i) => {
          if (isObj(e) && e.type === "image") this.image([...where, "elements", i], e);
          else this.text([...where, "elements", i], e, 3000);
        });
        break;
      case "actions":
        if (!Array.isArray(b.elements) || b.elements.length === 0) this.fail([...where, "elements"], "actions needs elements");
        this.list([...where, "elements"], b.elements, 25, "elements").forEach((e, i) =>
          this.element([...where, "elements", i], e, actionIds),
        );
        break;
      case "input":
        this.text([...where, "label"], b.label, 2000, { plainOnly: true });
        this.text([...where, "hint"], b.hint, 2000, { plainOnly: true, optional: true });
        if (b.element === undefined) this.fail([...where, "element"], "input needs an element");
        else this.element([...where, "element"], b.element, actionIds);
        break;
      case "image":
        this.image(where, b);
        this.text([...where, "title"], b.title, 2000, { plainOnly: true, optional: true });
        break;
      case "markdown":
        this.length([...where, "text"], b.text, 12000, 1);
        break;
      default:
        // divider, rich_text, video, file...: nothing with a documented limit we need.
        break;
    }
  }

  private image(where: Seg[], img: Obj): void {
    if (img.image_url !== undefined) this.length([...where, "image_url"], img.image_url, 3000);
    if (typeof img.alt_text !== "string") this.fail([...where, "alt_text"], "image needs alt_text");
    else this.length([...where, "alt_text"], img.alt_text, 2000);
  }

  private element(where: Seg[], e: unknown, actionIds: Set<string>): void {
    if (!isObj(e) || typeof e.type !== "string") return this.fail(where, "element needs a type");
    if (e.action_id !== undefined) {
      this.length([...where, "action_id"], e.action_id, 255, 1);
      if (typeof e.action_id === "string") {
        if (actionIds.has(e.action_id)) this.fail([...where, "action_id"], `duplicate action_id ${JSON.stringify(e.action_id)} in one block`);
        actionIds.add(e.action_id);
      }
    }
    this.text([...where, "placeholder"], e.placeholder, 150, { plainOnly: true, optional: true });
    if (e.confirm !== undefined) this.confirm([...where, "confirm"], e.confirm);

    if (e.type === "button") {
      this.text([...where, "text"], e.text, 75, { plainOnly: true });
      this.length([...where, "value"], e.value, 2000);
      this.length([...where, "url"], e.url, 3000);
      this.length([...where, "accessibility_label"], e.accessibility_label, 75);
      if (e.style !== undefined && e.style !== "primary" && e.style !== "danger") {
        this.fail([...where, "style"], `style must be primary or danger, got ${JSON.stringify(e.style)}`);
      }
    } else if (e.type === "image") {
      this.image(where, e);
    } else if (e.type === "plain_text_input") {
      for (const key of ["max_length", "min_length"] as const) {
        const n = e[key];
        if (n !== undefined && (typeof n !== "number" || n > 3000 || n < 0)) {
          this.fail([...where, key], `${JSON.stringify(n)}, limit 3000`);
        }
      }
    }

    const maxOptions = OPTION_LIMITS[e.type];
    if (maxOptions !== undefined) {
      const plainOnly = !MRKDWN_OPTION_ELEMENTS.has(e.type);
      this.list([...where, "options"], e.options, maxOptions, "options").forEach((o, i) =>
        this.option([...where, "options", i], o, plainOnly),
      );
      this.list([...where, "option_groups"], e.option_groups, 100, "option groups").forEach((g, i) => {
        const gw = [...where, "option_groups", i];
        if (!isObj(g)) return this.fail(gw, "option group must be an object");
        this.text([...gw, "label"], g.label, 75, { plainOnly: true });
        this.list([...gw, "options"], g.options, 100, "options").forEach((o, j) =>
          this.option([...gw, "options", j], o, true),
        );
      });
      if (e.initial_option !== undefined) this.option([...where, "initial_option"], e.initial_option, plainOnly);
    }
  }

  private option(where: Seg[], o: unknown, plainOnly: boolean): void {
    if (!isObj(o)) return this.fail(where, "option must be an object");
    this.text([...where, "text"], o.text, 75, { plainOnly });
    if (typeof o.value !== "string") this.fail([...where, "value"], "option needs a value");
    else this.length([...where, "value"], o.value, 150, 1);
    this.text([...where, "description"], o.description, 75, { plainOnly, optional: true });
    this.length([...where, "url"], o.url, 3000);
  }

  private confirm(where: Seg[], c: unknown): void {
    if (!isObj(c)) return this.fail(where, "confirm must be an object");
    this.text([...where, "title"], c.title, 100, { plainOnly: true });
    this.text([...where, "text"], c.text, 300);
    this.text([...where, "confirm"], c.confirm, 30, { plainOnly: true });
    this.text([...where, "deny"], c.deny, 30, { plainOnly: true });
  }
}

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

/**
 * Problems with a message payload (chat.* arguments or a response_url body).
 * `needsContent` is false only for a response_url delete_original.
 */
export function messageProblems(body: Obj, needsContent = true): Problem[] {
  const c = new BlockChecker("invalid_blocks");
  const hasBlocks = Array.isArray(body.blocks) && body.blocks.length > 0;
  const hasAttachments = Array.isArray(body.attachments) && body.attachments.length > 0;
  // Slack wants at least one of text, blocks, attachments.
  if (needsContent && !present(body.text) && !hasBlocks && !hasAttachments) {
    c.fail(["text"], "one of text, blocks or attachments is required", "no_text");
  }
  if (body.text !== undefined && typeof body.text !== "string") c.fail(["text"], "must be a string", "invalid_arguments");
  if (typeof body.text === "string" && chars(body.text) > 40000) {
    c.fail(["text"], `${chars(body.text)} chars, limit 40000`, "msg_too_long");
  }
  c.blocks(["blocks"], body.blocks, 50);
  return c.problems;
}

/** Problems with a view object; `type` is what the method expects (modal or home). */
export function viewProblems(view: unknown, type: "modal" | "home"): Problem[] {
  const c = new BlockChecker("invalid_arguments");
  const w: Seg[] = ["view"];
  if (!isObj(view)) {
    c.fail(w, "view is required");
    return c.problems;
  }
  if (view.type !== type) c.fail([...w, "type"], `type must be ${type}, got ${JSON.stringify(view.type)}`);
  if (type === "modal") {
    c.text([...w, "title"], view.title, 24, { plainOnly: true });
    c.text([...w, "submit"], view.submit, 24, { plainOnly: true, optional: true });
    c.text([...w, "close"], view.close, 24, { plainOnly: true, optional: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === "input");
    if (hasInput && view.submit === undefined) c.fail([...w, "submit"], "submit is required when the modal has input blocks");
  }
  c.length([...w, "callback_id"], view.callback_id, 255);
  c.length([...w, "private_metadata"], view.private_metadata, 3000);
  c.length([...w, "external_id"], view.external_id, 255);
  if (!Array.isArray(view.blocks)) c.fail([...w, "blocks"], "blocks is required");
  c.blocks([...w, "blocks"], view.blocks, 100);
  return c.problems;
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

/** How the fake handles one Web API method. */
interface MethodSpec {
  /** Arguments Slack refuses the call without, with the error it answers. */
  required?: Array<[argument: string, error: string]>;
  check?: (body: Obj) => Problem[];
  answer: (body: Obj) => Obj;
}

// Fields the Web API client sends as JSON strings inside form bodies, and the
// error Slack answers when one is not valid JSON.
const JSON_FIELDS: Record<string, string> = {
  blocks: "invalid_blocks_format",
  attachments: "invalid_attachments",
  view: "invalid_arguments",
  metadata: "invalid_metadata_format",
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const type = typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
  res.writeHead(status, { "content-type": type, ...headers });
  res.end(text);
};

/** The first file part of a multipart/form-data body. */
function multipartFile(body: Buffer, boundary: string): Buffer {
  const text = body.toString("latin1");
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0 || !/filename=/i.test(part.slice(0, split))) continue;
    return Buffer.from(part.slice(split + 4).replace(/\r\n$/, ""), "latin1");
  }
  return body;
}

/**
 * `historyEveryMs`: conversations.history at its tier, one call per this many ms (Slack gives an
 * app outside the Marketplace one a minute); a call sooner is answered 429 with Retry-After, as
 * Slack answers it.
 */
export async function startFakeSlack(options: { botToken: string; botUserId?: string; historyEveryMs?: number }): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? DEFAULT_BOT_USER_ID;
  let lastHistoryAt = -Infinity;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const failures = new Map<string, Fault[]>();
  /** Per method (or response_url), until when (ms) Slack said to wait, and on which connection it said so. */
  const retryAfter = new Map<string, { until: number; at: number; socket: unknown }>();
  /** What each conversation holds, oldest first; a post to a user id lands in the DM "D" + id. */
  const conversations = new Map<string, Obj[]>();
  const conversationOf = (channel: string) => (/^[UW]/.test(channel) ? `D${channel}` : channel);
  const store = (channel: string, m: Obj) => {
    const key = conversationOf(channel);
    conversations.set(key, [...(conversations.get(key) ?? []), m]);
  };
  const sharedFiles: { id: string; user: string; channel: string; name: string; content: Buffer; filetype: string; created: number }[] = [];
  const uploads = new Map<string, { name: string; content: Buffer; length: number }>();
  const uploaded: { id: string; channel: string; name: string; content: string; created: number }[] = [];
  let filesBase = () => "";
  let seq = 0;
  // Slack timestamps are "seconds.micro"; a counter in the fraction keeps them unique.
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq % 1e6).padStart(6, "0")}`;
  const nextViewId = () => `V0CIIC${(++seq).toString(36).toUpperCase().padStart(5, "0")}`;

  const message = (body: Obj, ts: string): Obj => ({
    type: "message",
    user: botUserId,
    bot_id: BOT_ID,
    app_id: APP_ID,
    team: TEAM_ID,
    ts,
    text: typeof body.text === "string" ? body.text : "",
    ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
    ...(body.thread_ts !== undefined ? { thread_ts: body.thread_ts } : {}),
    ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
  });
  /** Message metadata as chat.postMessage takes it: an event_type and an object payload. */
  const metadataProblems = (body: Obj): Problem[] => {
    if (body.metadata === undefined) return [];
    const m = body.metadata;
    if (!isObj(m) || typeof m.event_type !== "string" || m.event_type === "" || !isObj(m.event_payload)) {
      return [{ error: "invalid_metadata_format", where: ["metadata"], detail: "metadata needs an event_type string and an event_payload object" }];
    }
    return [];
  };
  const viewAnswer = (body: Obj): Obj => {
    const view = isObj(body.view) ? body.view : {};
    const id = typeof body.view_id === "string" ? body.view_id : nextViewId();
    return {
      view: {
        id,
        team_id: TEAM_ID,
        app_id: APP_ID,
        bot_id: BOT_ID,
        app_installed_team_id: TEAM_ID,
        callback_id: "",
        private_metadata: "",
        external_id: "",
        clear_on_close: false,
        notify_on_close: false,
        previous_view_id: null,
        root_view_id: id,
        ...view,
        state: { values: {} },
        hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
      },
    };
  };
  const checkMessage = (body: Obj) => messageProblems(body);

  const methods: Record<string, MethodSpec> = {
    "auth.test": {
      answer: () => ({
        url: `https://${TEAM_DOMAIN}.slack.com/`,
        team: "CIIC Test",
        user: "ciic-bot",
        team_id: TEAM_ID,
        user_id: botUserId,
        bot_id: BOT_ID,
        is_enterprise_install: false,
      }),
    },
    "chat.postMessage": {
      required: [["channel", "channel_not_found"]],
      check: (b) => [...checkMessage(b), ...metadataProblems(b)],
      answer: (b) => {
        const ts = nextTs();
        store(String(b.channel), message(b, ts));
        // (Slack answers a post to a user id with the DM's id; the fake keeps the id it was given.)
        return { channel: b.channel, ts, message: message(b, ts) };
      },
    },
    "conversations.history": {
      required: [["channel", "channel_not_found"]],
      answer: (b) => {
        const oldest = present(b.oldest) ? Number(b.oldest) : 0;
        const latest = present(b.latest) ? Number(b.latest) : Infinity;
        const inclusive = b.inclusive === true || b.inclusive === "true" || b.inclusive === "1";
        const withMetadata = b.include_all_metadata === true || b.include_all_metadata === "true" || b.include_all_metadata === "1";
        const inRange = (ts: number) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
        const all = (conversations.get(conversationOf(String(b.channel))) ?? [])
          .filter((m) => inRange(Number(m.ts)))
          .sort((x, y) => Number(y.ts) - Number(x.ts))
          .map((m) => (withMetadata ? m : Object.fromEntries(Object.entries(m).filter(([k]) => k !== "metadata"))));
        const limit = Math.min(present(b.limit) ? Number(b.limit) : HISTORY_MAX, HISTORY_MAX);
        const offset = present(b.cursor) ? Number(Buffer.from(String(b.cursor), "base64").toString("utf8").replace("next:", "")) : 0;
        const page = all.slice(offset, offset + limit);
        const more = offset + limit < all.length;
        return {
          messages: page,
          has_more: more,
          pin_count: 0,
          response_metadata: { next_cursor: more ? Buffer.from(`next:${offset + limit}`).toString("base64") : "" },
        };
      },
    },
    "chat.postEphemeral": {
      required: [["channel", "channel_not_found"], ["user", "user_not_in_channel"]],
      check: checkMessage,
      answer: () => ({ message_ts: nextTs() }),
    },
    "chat.update": {
      required: [["channel", "channel_not_found"], ["ts", "message_not_found"]],
      check: checkMessage,
      answer: (b) => ({ channel: b.channel, ts: b.ts, text: b.text ?? "", message: message(b, String(b.ts)) }),
    },
    "chat.delete": {
      required: [["channel", "channel_not_found"], ["ts", "message_not_found"]],
      answer: (b) => ({ channel: b.channel, ts: b.ts }),
    },
    "views.open": {
      required: [["trigger_id", "invalid_arguments"]],
      check: (b) => viewProblems(b.view, "modal"),
      answer: viewAnswer,
    },
    "views.push": {
      required: [["trigger_id", "invalid_arguments"]],
      check: (b) => viewProblems(b.view, "modal"),
      answer: viewAnswer,
    },
    "views.update": {
      check: (b) => [
        ...(present(b.view_id) || present(b.external_id)
          ? []
          : [{ error: "invalid_arguments", where: ["view_id"], detail: "view_id or external_id is required" }]),
        ...viewProblems(b.view, "modal"),
      ],
      answer: viewAnswer,
    },
    "views.publish": {
      required: [["user_id", "invalid_arguments"]],
      check: (b) => viewProblems(b.view, "home"),
      answer: viewAnswer,
    },
    "conversations.open": {
      check: (b) =>
        present(b.users) || present(b.channel)
          ? []
          : [{ error: "users_list_not_supplied", where: ["users"], detail: "users or channel is required" }],
      answer: (b) => ({
        no_op: false,
        already_open: false,
        channel: { id: present(b.channel) ? String(b.channel) : "D" + String(b.users).split(",")[0] },
      }),
    },
    // Slack's upload flow: an upload URL, the bytes posted there, then completion to a channel.
    "files.getUploadURLExternal": {
      required: [["filename", "invalid_arguments"], ["length", "invalid_arguments"]],
      answer: (b) => {
        const id = `F0UP${(++seq).toString(36).toUpperCase().padStart(6, "0")}`;
        uploads.set(id, { name: String(b.filename), content: Buffer.alloc(0), length: Number(b.length) });
        return { upload_url: `${filesBase()}/upload/${id}`, file_id: id };
      },
    },
    "files.completeUploadExternal": {
      required: [["files", "invalid_arguments"]],
      check: (b) => {
        const files = (typeof b.files === "string" ? JSON.parse(b.files) : b.files) as { id: string }[];
        // Slack shares into conversations only: a user id (U…) is refused, a DM must be opened first.
        if (present(b.channel_id) && !/^[CGDZ][A-Z0-9]{8,}$/.test(String(b.channel_id))) {
          return [{ error: "invalid_arguments", where: ["channel_id"], detail: "input must match regex pattern: ^[CGDZ][A-Z0-9]{8,}$" }];
        }
        return files.every((f) => uploads.get(f.id)?.content.length)
          ? []
          : [{ error: "file_not_found", where: ["files"], detail: "completed a file whose bytes were never uploaded" }];
      },
      answer: (b) => {
        const files = (typeof b.files === "string" ? JSON.parse(b.files) : b.files) as { id: string; title?: string }[];
        const created = Date.now() / 1000;
        for (const f of files) uploaded.push({ id: f.id, channel: String(b.channel_id ?? ""), name: uploads.get(f.id)!.name, content: uploads.get(f.id)!.content.toString("utf8"), created });
        // Shared into a conversation, the files arrive there as one message with its comment.
        if (present(b.channel_id)) {
          const ts = nextTs();
          store(String(b.channel_id), {
            ...message({ text: typeof b.initial_comment === "string" ? b.initial_comment : "" }, ts),
            upload: true,
            files: files.map((f) => ({ id: f.id, name: uploads.get(f.id)!.name, title: f.title ?? uploads.get(f.id)!.name, size: uploads.get(f.id)!.content.length })),
          });
        }
        return { files: files.map((f) => ({ id: f.id, title: f.title ?? uploads.get(f.id)!.name })) };
      },
    },
    "files.list": {
      answer: (b) => {
        const count = Number(b.count ?? 100);
        const page = Math.max(1, Number(b.page ?? 1));
        const from = present(b.ts_from) ? Number(b.ts_from) : 0;
        const to = present(b.ts_to) ? Number(b.ts_to) : Infinity;
        // Files people shared, and those the bot uploaded into a conversation.
        const files = [
          ...sharedFiles,
          ...uploaded.filter((f) => f.channel).map((f) => ({ id: f.id, user: botUserId, channel: f.channel, name: f.name, content: Buffer.from(f.content, "utf8"), filetype: f.name.split(".").pop() ?? "text", created: f.created })),
        ];
        const all = files
          .filter((f) => (!present(b.user) || f.user === b.user) && (!present(b.channel) || f.channel === b.channel) && f.created >= from && f.created <= to)
          .sort((x, y) => y.created - x.created);
        const matching = all.slice((page - 1) * count, page * count);
        return {
          paging: { count, total: all.length, page, pages: Math.max(1, Math.ceil(all.length / count)) },
          files: matching.map((f) => ({
            id: f.id,
            name: f.name,
            title: f.name,
            user: f.user,
            channels: [f.channel],
            filetype: f.filetype,
            size: f.content.length,
            created: f.created,
            url_private_download: `${filesBase()}/files/${f.id}/${encodeURIComponent(f.name)}`,
          })),
        };
      },
    },
    "users.info": {
      required: [["user", "user_not_found"]],
      answer: (b) => {
        const id = String(b.user);
        const name = `user-${id.toLowerCase()}`;
        return {
          user: {
            id,
            team_id: TEAM_ID,
            name,
            real_name: `User ${id}`,
            deleted: false,
            is_bot: false,
            is_admin: false,
            tz: "Etc/UTC",
            tz_offset: 0,
            profile: { display_name: name, real_name: `User ${id}`, email: `${name}@example.org`, team: TEAM_ID },
          },
        };
      },
    },
  };

  const fake = {
    apiUrl: "",
    calls: [] as RecordedCall[],
    violations: [] as string[],
    uploadedFiles: uploaded,
  };

  const record = (call: RecordedCall) => {
    fake.calls.push(call);
    events.emit("call");
  };
  const violate = (method: string, problems: Problem[]) => {
    for (const p of problems) fake.violations.push(`${method}: ${dotted(p.where)}: ${p.detail}`);
  };
  /** Takes the next queued fault for a method that this call's conversation takes, if any. */
  const takeFault = (method: string, channel?: unknown): Fault | undefined => {
    const queue = failures.get(method);
    const at = queue?.findIndex((f) => f.channel === undefined || f.channel === channel) ?? -1;
    if (!queue || at < 0) return undefined;
    const [next] = queue.splice(at, 1);
    if (queue.length === 0) failures.delete(method);
    return next;
  };
  const sendFailure = (res: ServerResponse, method: string, f: FailResponse): { status: number; body: unknown } => {
    const body = f.body ?? { ok: false, error: f.status === 429 ? "ratelimited" : "fatal_error" };
    if (f.status === 429) {
      const seconds = Number(Object.entries(f.headers ?? {}).find(([k]) => k.toLowerCase() === "retry-after")?.[1] ?? 0);
      retryAfter.set(method, { until: Date.now() + seconds * 1000, at: Date.now(), socket: res.socket });
    }
    send(res, f.status, body, f.headers);
    return { status: f.status, body };
  };
  /** Slack said to wait: a call before Retry-After has passed breaks its rule. */
  const checkRetryAfter = (method: string, req: IncomingMessage) => {
    const limit = retryAfter.get(method);
    if (limit === undefined) return;
    const now = Date.now();
    const early = limit.until - now;
    if (early <= RETRY_AFTER_GRACE_MS) retryAfter.delete(method);
    else if (req.socket === limit.socket || now - limit.at > IN_FLIGHT_MS) fake.violations.push(`${method}: called ${(early / 1000).toFixed(2)} s before its Retry-After had passed`);
  };
  /**
   * Answers a call after a fault: a hang holds the answer (the work done before or after it), a
   * drop does the work and closes the connection unanswered.
   */
  const deliver = (req: IncomingMessage, res: ServerResponse, call: RecordedCall, fault: Fault | undefined, work: () => { status: number; payload: Obj }) => {
    if (fault && "drop" in fault) {
      const { status, payload } = work();
      call.response = { status: 0, body: `dropped (would have answered ${status}: ${JSON.stringify(payload).slice(0, 200)})` };
      record(call);
      req.socket.destroy();
      return;
    }
    if (fault && "hangMs" in fault) {
      // The call is on record once its work is done, whether or not its answer ever arrives.
      const done = fault.processed === "before" ? work() : undefined;
      if (done) {
        call.response = { status: done.status, body: done.payload };
        record(call);
      }
      setTimeout(() => {
        const { status, payload } = done ?? work();
        if (!done) {
          call.response = { status, body: payload };
          record(call);
        }
        if (!res.destroyed && !res.writableEnded) send(res, status, payload);
      }, fault.hangMs).unref();
      return;
    }
    const { status, payload } = work();
    call.response = { status, body: payload };
    record(call);
    send(res, status, payload);
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    const raw = await readBody(req);
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    const problems: Problem[] = [];
    let body: Obj = Object.fromEntries(url.searchParams);
    if (type === "application/json") {
      try {
        const parsed: unknown = raw ? JSON.parse(raw) : {};
        if (!isObj(parsed)) throw new Error("not an object");
        body = { ...body, ...parsed };
      } catch {
        problems.push({ error: "invalid_json", where: ["body"], detail: "body is not a JSON object" });
      }
    } else if (type === "application/x-www-form-urlencoded" || (type === "" && raw === "")) {
      body = { ...body, ...Object.fromEntries(new URLSearchParams(raw)) };
    } else {
      problems.push({ error: "invalid_form_data", where: ["body"], detail: `unsupported content-type ${JSON.stringify(type)}` });
    }
    // Nested values arrive as JSON strings in form bodies; tests want objects.
    for (const [field, error] of Object.entries(JSON_FIELDS)) {
      if (typeof body[field] !== "string") continue;
      try {
        body[field] = JSON.parse(body[field] as string);
      } catch {
        problems.push({ error, where: [field], detail: "is not valid JSON" });
      }
    }

    // Slack reads the token from the Authorization header, or from a form field.
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : typeof body.token === "string" ? body.token : undefined;
    delete body.token;
    const call: RecordedCall = { method, body, token, at: Date.now() };

    checkRetryAfter(method, req);
    if (method === "conversations.history" && options.historyEveryMs !== undefined) {
      const wait = lastHistoryAt + options.historyEveryMs - Date.now();
      if (wait > 0) {
        call.response = sendFailure(res, method, { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } });
        record(call);
        return;
      }
      lastHistoryAt = Date.now();
    }
    const fault = takeFault(method, body.channel);
    if (fault && "fail" in fault) {
      call.response = sendFailure(res, method, fault.fail);
      record(call);
      return;
    }

    deliver(req, res, call, fault, () => {
      const spec = methods[method];
      if (!spec) {
        violate(method, [{ error: "unknown_method", where: ["method"], detail: "not implemented by the fake (or not a Slack method)" }]);
        return { status: 200, payload: { ok: false, error: "unknown_method" } };
      }
      if (token !== options.botToken) {
        // Slack says not_authed when no token is sent, invalid_auth when it is wrong.
        const error = token ? "invalid_auth" : "not_authed";
        violate(method, [{ error, where: ["token"], detail: token ? "wrong token" : "no token" }]);
        return { status: 200, payload: { ok: false, error } };
      }
      for (const [arg, error] of spec.required ?? []) {
        if (!present(body[arg])) problems.push({ error, where: [arg], detail: `${arg} is required` });
      }
      if (spec.check) problems.push(...spec.check(body));
      if (problems.length > 0) {
        violate(method, problems);
        return {
          status: 200,
          payload: {
            ok: false,
            error: problems[0].error,
            response_metadata: { messages: problems.map((p) => `[ERROR] ${p.detail} [json-pointer:${pointer(p.where)}]`) },
          },
        };
      }
      return { status: 200, payload: { ok: true, ...spec.answer(body) } };
    });
  }

  const responseUrlUses = new Map<string, number>();

  // response_url behaves like an incoming webhook: JSON in, plain-text answer,
  // HTTP 400 with the error string when the message is refused.
  async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const raw = await readBody(req);
    let body: Obj = {};
    let problems: Problem[] = [];
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!isObj(parsed)) throw new Error("not an object");
      body = parsed;
    } catch {
      problems = [{ error: "invalid_payload", where: ["body"], detail: "body is not a JSON object" }];
    }
    const call: RecordedCall = { method: "response_url", body, token: undefined, at: Date.now(), id };
    // Slack takes at most five messages through one response URL within 30 minutes.
    const uses = (responseUrlUses.get(id) ?? 0) + 1;
    responseUrlUses.set(id, uses);
    if (uses > 5) {
      violate("response_url", [{ error: "used_url", where: ["url"], detail: `message ${uses} through one response URL; Slack takes five` }]);
      call.response = { status: 404, body: "used_url" };
      record(call);
      send(res, 404, "used_url");
      return;
    }
    const failure = takeFault("response_url");
    if (failure && "fail" in failure) {
      call.response = sendFailure(res, "response_url", failure.fail);
      record(call);
      return;
    }
    if (problems.length === 0) problems = messageProblems(body, body.delete_original !== true);
    if (problems.length > 0) violate("response_url", problems);
    const status = problems.length > 0 ? 400 : 200;
    const text = problems.length > 0 ? problems[0].error : "ok";
    call.response = { status, body: text };
    record(call);
    send(res, status, text);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const upload = /^\/upload\/([^/]+)$/.exec(url.pathname);
    if (upload && req.method === "POST") {
      const target = uploads.get(upload[1]);
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (!target) return send(res, 404, "not_found");
        // The Web API client posts the bytes as multipart form data, as Slack's upload URL takes them.
        const body = Buffer.concat(chunks);
        const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers["content-type"] ?? "");
        target.content = boundary ? multipartFile(body, boundary[1] ?? boundary[2]) : body;
        fake.calls.push({ method: "file_upload", body: { id: upload[1], bytes: target.content.length }, token: undefined, at: Date.now() });
        send(res, 200, "OK");
      });
      return;
    }
    const download = /^\/files\/([^/]+)\//.exec(url.pathname);
    if (download && req.method === "GET") {
      // Slack serves private files only with the bot's token in the Authorization header.
      const file = sharedFiles.find((f) => f.id === download[1]);
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      fake.calls.push({ method: "file_download", body: { id: download[1] }, token, at: Date.now() });
      if (token !== options.botToken) {
        fake.violations.push(`file download of ${download[1]} without the bot token`);
        send(res, 403, "forbidden");
      } else if (!file) send(res, 404, "not_found");
      else {
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(file.content.length) });
        res.end(file.content);
      }
      return;
    }
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    const response = /^\/response\/([^/]+)$/.exec(url.pathname);
    const work = api
      ? handleApi(req, res, api[1], url)
      : response && req.method === "POST"
        ? handleResponseUrl(req, res, decodeURIComponent(response[1]))
        : Promise.resolve().then(() => {
            fake.violations.push(`unexpected request: ${req.method} ${url.pathname}`);
            send(res, 404, "not_found");
          });
    work.catch((err: unknown) => {
      fake.violations.push(`fake-slack crashed on ${req.method} ${url.pathname}: ${String(err)}`);
      if (!res.headersSent) send(res, 500, "fake_slack_error");
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.apiUrl = `${base}/api/`;
  filesBase = () => base;

  const callsTo = (method: string) => fake.calls.filter((c) => c.method === method);

  return Object.assign(fake, {
    responseUrl: (id: string = randomBytes(6).toString("hex")) => `${base}/response/${encodeURIComponent(id)}`,
    callsTo,
    waitFor(method: string, count = 1, timeoutMs = 5000): Promise<RecordedCall[]> {
      return new Promise<RecordedCall[]>((resolve, reject) => {
        const check = () => {
          const found = callsTo(method);
          if (found.length < count) return false;
          clearTimeout(timer);
          events.off("call", check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          events.off("call", check);
          const seen = new Map<string, number>();
          for (const c of fake.calls) seen.set(c.method, (seen.get(c.method) ?? 0) + 1);
          const list = [...seen].map(([m, n]) => `${m} x${n}`).join(", ") || "none";
          const violations = fake.violations.length ? `; violations: ${fake.violations.join(" | ")}` : "";
          reject(
            new Error(
              `fake-slack: waited ${timeoutMs} ms for ${count} call(s) to ${method}, got ${callsTo(method).length}; methods seen: ${list}${violations}`,
            ),
          );
        }, timeoutMs);
        if (!check()) events.on("call", check);
      });
    },
    shareFile(file: { user: string; channel: string; name: string; content: string | Buffer; filetype?: string }): string {
      const id = `F0CIIC${(++seq).toString(36).toUpperCase().padStart(5, "0")}`;
      const content = typeof file.content === "string" ? Buffer.from(file.content) : file.content;
      sharedFiles.push({ ...file, id, content, filetype: file.filetype ?? (file.name.split(".").pop() ?? "text"), created: Math.floor(Date.now() / 1000) + seq / 1e6 });
      return id;
    },
    failNext(method: string, response: FailResponse, times = 1): void {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push({ fail: response });
      failures.set(method, queue);
    },
    hangNext(method: string, ms: number, opts: { processed?: "before" | "after"; times?: number; channel?: string } = {}): void {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < (opts.times ?? 1); i++) queue.push({ hangMs: ms, processed: opts.processed ?? "before", ...(opts.channel ? { channel: opts.channel } : {}) });
      failures.set(method, queue);
    },
    dropNext(method: string, times = 1): void {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push({ drop: true });
      failures.set(method, queue);
    },
    messagesIn: (channel: string) => [...(conversations.get(conversationOf(channel)) ?? [])],
    reset(): void {
      fake.calls.length = 0;
      fake.violations.length = 0;
      failures.clear();
      retryAfter.clear();
      responseUrlUses.clear();
    },
    close(): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  });
}
