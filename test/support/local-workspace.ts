import { randomUUID } from "node:crypto";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { startBot, type RunningBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/core/ports.js";
import { createLogger } from "../../src/logger.js";
import { freshSqliteUrl } from "./databases.js";
import { settleOutbox } from "./settle-outbox.js";

/**
 * The real bot (the same startBot as main.ts) with no chat platform configured, so that it
 * serves the local workspace, and a client that speaks the workspace's HTTP API as its page does.
 */
export interface LocalBot {
  bot: RunningBot;
  baseUrl: string;
  databaseUrl: string;
  rawLogs: string[];
  logs: Record<string, unknown>[];
  /** POSTs JSON as the page does (its own Origin), unless headers say otherwise. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: ApiBody }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; json: ApiBody; text: string }>;
  /** A request with exactly these headers, Host included (fetch will not forge a Host). */
  raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }>;
  command(user: string, text: string, key?: string): Promise<ApiBody>;
  action(user: string, action: string, value: string, key?: string): Promise<ApiBody>;
  form(user: string, form: OpenForm, values: Record<string, string>, key?: string): Promise<ApiBody>;
  /** The person's direct messages (or a channel's posts), as shown: newest first. */
  messages(who: { user: string } | { channel: string }): Promise<ApiBody>;
  /** Sends what the outbox holds until nothing is due, as the bot's loop does after a command. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface ApiBody {
  kind?: string;
  html: string;
  error?: string;
  options?: string;
  version?: string;
  count?: number;
  demo?: boolean;
  members?: number;
  channels?: number;
  /** /api/people: the directory's language, the "You are" list in each language, the page's texts in each. */
  language?: string;
  htmlIn?: Record<string, string>;
  texts?: Record<string, Record<string, string>>;
}

export interface OpenForm {
  formId: string;
  metadata: string;
  fields: string[];
}

/**
 * `realDirectory` sets CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY, as an operator must to serve the
 * login-less workspace on a directory other than the built-in demo one (`directory`, or one
 * already in the database).
 */
export async function startLocalBot(
  options: { databaseUrl?: string; directory?: string; realDirectory?: boolean; host?: string; logLevel?: string; clock?: Clock } = {},
): Promise<LocalBot> {
  const rawLogs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      rawLogs.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const databaseUrl = options.databaseUrl ?? freshSqliteUrl();
  const config = loadConfig({
    HOST: options.host ?? "127.0.0.1",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    CIIC_DIRECTORY: options.directory,
    CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY: options.realDirectory ? "1" : undefined,
    LOG_LEVEL: options.logLevel ?? "info",
  });
  const bot = await startBot(config, createLogger(config.LOG_LEVEL, sink), { clock: options.clock });
  const { port } = bot.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const own = { origin: baseUrl };

  const post: LocalBot["post"] = async (path, body, headers = {}) => {
    const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", ...own, ...headers }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, json: parse(text) };
  };
  const get: LocalBot["get"] = async (path, headers = {}) => {
    const response = await fetch(`${baseUrl}${path}`, { headers });
    const text = await response.text();
    return { status: response.status, json: parse(text), text };
  };
  const raw: LocalBot["raw"] = (method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method, path, headers, setHost: false }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      req.end(body);
    });
  const ok = async (path: string, body: unknown) => {
    const { status, json } = await post(path, body);
    if (status !== 200) throw new Error(`${path} answered ${status}: ${json.error}`);
    return json;
  };
  return {
    bot,
    baseUrl,
    databaseUrl,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    post,
    get,
    raw,
    command: (user, text, key = randomUUID()) => ok("/api/command", { user, key, text }),
    action: (user, action, value, key = randomUUID()) => ok("/api/action", { user, key, action, value }),
    form: (user, form, values, key = randomUUID()) => ok("/api/form", { user, key, formId: form.formId, metadata: form.metadata, values }),
    async messages(who) {
      const query = new URLSearchParams(who as Record<string, string>);
      const { status, json } = await get(`/api/messages?${query}`);
      if (status !== 200) throw new Error(`messages answered ${status}: ${json.error}`);
      return json;
    },
    settle: () => settleOutbox(bot, options.clock),
    stop: () => bot.stop(),
  };
}

const parse = (text: string): ApiBody => {
  try {
    return JSON.parse(text) as ApiBody;
  } catch {
    return { html: "", error: text };
  }
};

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** What a person reads in an HTML fragment: its text, without markup, entities decoded. */
export function shown(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h\d|\/div|\/dt|\/dd)\b[^>]*>/g, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e])
    .replace(/[ \t]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .trim();
}

/** The buttons a fragment shows, as the page finds them. */
export function buttons(html: string): { action: string; value: string; label: string }[] {
  return [...html.matchAll(/<button type="button" class="ciic-action[^"]*" data-action="([^"]*)" data-value="([^"]*)">([^<]*)<\/button>/g)].map((m) => ({
    action: m[1],
    value: m[2],
    label: m[3],
  }));
}

/** The form an answer opens: its id, context and field names. */
export function openedForm(body: ApiBody): OpenForm {
  if (body.kind !== "form") throw new Error(`expected a form, got ${body.kind}: ${shown(body.html)}`);
  const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(body.html)?.[1] ?? "";
  return { formId: attr("data-form-id"), metadata: attr("data-metadata"), fields: [...body.html.matchAll(/ name="([^"]*)"/g)].map((m) => m[1]) };
}

/** The delivered messages of a messages answer, newest first, each as shown. */
export function deliveredItems(body: ApiBody): string[] {
  return [...body.html.matchAll(/<li class="delivered"[\s\S]*?(?=<li class="delivered"|<\/ol>$)/g)].map((m) => m[0]);
}
