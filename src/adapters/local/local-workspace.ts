import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CommandService } from "../../core/command-service.js";
import type { Store } from "../../core/ports.js";
import type { HttpRoute } from "../../http-server.js";
import type { Logger } from "../../logger.js";
import { logRequest } from "../../request-log.js";
import { loadAssets } from "./assets.js";
import { isDemoDirectory } from "./demo-directory.js";
import { createInbox } from "./inbox.js";
import { RequestTooLarge, mediaType, readBody, send, sendError, sendJson } from "./http-io.js";
import { createLocalChatPort } from "./local-chat-port.js";
import type { Importer } from "../../core/formats/import-file.js";
import { importUpload } from "./local-import.js";
import { refusal } from "./request-guard.js";
import { createWorkspaceApi } from "./workspace-api.js";
import { makeWellFormed } from "../../core/text/well-formed.js";
import type { TextKey } from "../../core/i18n/catalogue/index.js";
import type { TextValues } from "../../core/i18n/translator.js";
import { DECIDE_WITHIN_MS, notCarriedOut, settleWithin, type Attempt } from "../answer-in-time.js";
import type { ChatPlatform } from "../chat-platform.js";

/** The paths the log names as they are; any other is logged as "(other)". */
const ROUTES = new Set(["/", "/index.html", "/static/workspace.js", "/static/workspace.css", "/favicon.ico", "/api/people", "/api/messages", "/api/command", "/api/form", "/api/action", "/api/import"]);

const FILE_PATH = /^\/api\/files\/(\d{1,12})$/;

/** A command, form or click is small; large sets of indicators come as a file import. */
const MAX_JSON_BYTES = 1024 * 1024;

/**
 * The local workspace: the bot in a browser on this machine, for trying it and for training,
 * when no chat platform is configured. One HTTP route serves the page and a small JSON API:
 *
 *   GET  /                      the page (and /static/workspace.js, /static/workspace.css)
 *   GET  /api/people            whom one can be: members and recipient channels with a local: id
 *   GET  /api/messages          ?user= or ?channel= [&after=<version>]: delivered messages, newest first
 *   GET  /api/files/<id>        ?user= or ?channel=: a delivered file
 *   POST /api/command           {user, key, text}: a typed /ciic command
 *   POST /api/form              {user, key, formId, metadata, values}: a submitted form
 *   POST /api/action            {user, key, action, value}: a button
 *   POST /api/import            ?user=&name=&options=, the file as the body: /ciic import
 *
 * Answers carry HTML fragments rendered from the core's neutral views (render-html.ts).
 * There is no login: whoever can open the page can act as anyone in the directory. That is why
 * the bot then listens on 127.0.0.1 only, request-guard.ts refuses web pages of other sites, and
 * the workspace serves only the built-in demo directory unless `realDirectory` (the operator's
 * CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY) allows the cell's own; the page then says so in a warning bar.
 */
export function createLocalWorkspace(deps: { service: CommandService; store: Store; importer: Importer; logger: Logger; realDirectory: boolean }): ChatPlatform {
  const assets = loadAssets();
  const page = deps.realDirectory ? withRealDirectoryWarning(assets.page) : assets.page;
  const { port, changes } = createLocalChatPort();
  // Who sent a request is read only further on (or never): what is refused before is said in the
  // directory's language as last read, English before it was read once.
  const texts = (user: string) => deps.service.lastKnownTexts("local", user);
  const refuse = (res: ServerResponse, status: number, key: TextKey, values?: TextValues) => sendError(res, status, texts("").text(key, values));
  const inbox = createInbox({ store: deps.store, changes, texts });
  const api = createWorkspaceApi(deps);
  const posts = { "/api/command": api.command, "/api/form": api.form, "/api/action": api.action } as const;

  async function route(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, deadline: number): Promise<void> {
    const method = req.method ?? "GET";
    if (method === "GET" || method === "HEAD") {
      if (path === "/" || path === "/index.html") return send(res, 200, "text/html; charset=utf-8", page);
      if (path === "/static/workspace.js") return send(res, 200, "text/javascript; charset=utf-8", assets.script);
      if (path === "/static/workspace.css") return send(res, 200, "text/css; charset=utf-8", assets.style);
      if (path === "/favicon.ico") return send(res, 204, "text/plain", "");
      if (path === "/api/people") return sendJson(res, 200, await inbox.people());
      if (path === "/api/messages") {
        const found = await inbox.messages(query, () => res.destroyed || req.socket.destroyed);
        return found.ok ? sendJson(res, 200, found.value) : sendError(res, found.status, found.error);
      }
      const file = FILE_PATH.exec(path);
      if (file) {
        const found = await inbox.file(Number(file[1]), query);
        if (!found.ok) return sendError(res, found.status, found.error);
        const name = found.value.fileName;
        const type = name.endsWith(".csv") ? "text/csv; charset=utf-8" : name.endsWith(".svg") ? "image/svg+xml; charset=utf-8" : "application/json; charset=utf-8";
        const ascii = name.replace(/[^A-Za-z0-9._-]/g, "_");
        return send(res, 200, type, found.value.content, { "content-disposition": `attachment; filename="${ascii}"` });
      }
    } else if (method === "POST") {
      if (Object.hasOwn(posts, path)) {
        // JSON only: a page of another site cannot send it without asking first (CORS), and it is not asked.
        if (mediaType(req) !== "application/json") return refuse(res, 415, "workspace.refused.not_json");
        let body: unknown;
        try {
          body = JSON.parse((await readBody(req, MAX_JSON_BYTES)).toString("utf8"));
        } catch (error) {
          if (error instanceof RequestTooLarge) return refuse(res, 413, "workspace.refused.too_large");
          return refuse(res, 400, "workspace.refused.bad_json");
        }
        if (!body || typeof body !== "object" || Array.isArray(body)) return refuse(res, 400, "workspace.refused.not_object");
        // JSON may carry half a surrogate pair ("\ud800"), which no database stores as sent: every
        // string is made well-formed here, before the core sees it.
        const answer = await posts[path as keyof typeof posts](makeWellFormed(body as Record<string, unknown>), deadline);
        return sendJson(res, answer.status, answer.body);
      }
      if (path === "/api/import") {
        if (mediaType(req) !== "application/octet-stream") return refuse(res, 415, "workspace.refused.not_a_file");
        const answer = await importUpload(deps, req, query);
        return sendJson(res, answer.status, { kind: "message", html: answer.html });
      }
    }
    if (ROUTES.has(path) || FILE_PATH.test(path)) return refuse(res, 405, "workspace.refused.method", { method, path });
    return refuse(res, 404, "workspace.refused.not_found");
  }

  const httpRoute: HttpRoute = {
    prefix: "/",
    async handle(req, res) {
      const started = Date.now();
      // A click or a form is answered by then, decided or not, as on Slack (see answer-in-time.ts).
      const deadline = started + DECIDE_WITHIN_MS;
      const url = new URL(req.url ?? "/", "http://workspace.invalid");
      // The operators' log names the route, never query strings or bodies, which carry values.
      const logged = FILE_PATH.test(url.pathname) ? "/api/files/:id" : ROUTES.has(url.pathname) ? url.pathname : "(other)";
      // The page's wait for news and its own files at debug, what people do at info (request-log.ts).
      res.on("finish", () => logRequest(deps.logger, "local workspace request", { method: req.method ?? "GET", path: logged, status: res.statusCode, ms: Date.now() - started }));
      const refused = refusal(req);
      if (refused) {
        deps.logger.warn({ method: req.method, path: logged, reason: refused.reason }, "local workspace request refused");
        return send(res, refused.status, "text/plain; charset=utf-8", `${refused.message}\n`);
      }
      // The directory was admitted at start-up; one loaded with the CLI while the bot runs is
      // checked here, so that a real directory is never served without the operator's setting.
      // That read is bounded like the rest: a database that does not answer closes nothing and
      // opens nothing, and the person is told so in time.
      const read = deps.realDirectory ? { value: undefined } : await settleWithin(deps.store.directory.current(), deadline - Date.now()).catch((error: unknown) => {
        deps.logger.warn({ err: error, method: req.method, path: logged }, "local workspace request refused: the database could not be read");
        return undefined;
      });
      if (!read) {
        const ref = randomUUID();
        deps.logger.warn({ requestId: ref, method: req.method, path: logged }, "local workspace request refused: the database did not answer in time");
        req.resume();
        // Nothing was attempted yet, so nothing was done: said in the words of what was sent.
        const attempt = req.method !== "POST" ? undefined : ATTEMPTS[url.pathname];
        // Who sent it is not read yet: said in the directory's language as last read.
        return sendError(res, 503, attempt ? notCarriedOut({ kind: "unavailable", ref }, attempt, texts("")) : texts("").text("workspace.refused.database"));
      }
      const record = read.value;
      if (record && !isDemoDirectory(record)) {
        deps.logger.warn({ method: req.method, path: logged, directory: record.version }, "local workspace request refused: the cell's own directory is in force, and CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY is not set");
        req.resume();
        // Said in the language of the demo directory it served, as last read: its people ask.
        const closed = texts("").text("workspace.refused.closed");
        if (url.pathname.startsWith("/api/")) return sendError(res, 503, closed);
        return send(res, 503, "text/plain; charset=utf-8", `${closed}\n`);
      }
      await route(req, res, url.pathname, url.searchParams, deadline);
    },
  };

  return {
    platform: "local",
    route: httpRoute,
    port,
    serves: "local workspace: /",
    // Nothing to connect or close: the page calls in over HTTP.
    start: async () => undefined,
    stop: async () => undefined,
  };
}

const ATTEMPTS: Record<string, Attempt> = { "/api/action": "click", "/api/form": "form", "/api/command": "command" };

/** The page with its warning bar shown: served on the cell's own directory without a login. */
const REAL_DIRECTORY_BAR = '<p id="real-directory-banner" class="warning" role="alert" hidden>';
function withRealDirectoryWarning(page: string): string {
  // The bar is in the page itself, not drawn by the script, so that it shows before anything else does.
  if (!page.includes(REAL_DIRECTORY_BAR)) throw new Error("workspace.html has lost its real-directory warning bar (#real-directory-banner)");
  return page.replace(REAL_DIRECTORY_BAR, REAL_DIRECTORY_BAR.replace(" hidden>", ">"));
}
