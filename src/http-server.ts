import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AnsweredRequest } from "./request-log.js";

/** One platform adapter's share of the bot's HTTP endpoint, by path prefix. */
export interface HttpRoute {
  /** e.g. "/slack/"; the first route whose prefix matches the path gets the request. */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

/**
 * The bot's one HTTP server: every adapter (Slack, Mattermost, the local workspace) serves its
 * paths on the same port, so that one deployment can serve several platforms at once, plus
 * /healthz (the process is up) and /readyz (it can serve: see ops/readiness.ts) for the
 * operator's monitoring.
 */
export function createHttpServer(
  routes: readonly HttpRoute[],
  onError: (error: unknown) => void,
  ops: { readiness?: () => Promise<{ ready: boolean }>; logProbe?: (request: AnsweredRequest) => void } = {},
): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if ((path === "/healthz" || path === "/readyz") && ops.logProbe) whenAnswered(req, res, path, ops.logProbe);
    if (path === "/healthz" && req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    if (path === "/readyz" && req.method === "GET" && ops.readiness) {
      ops.readiness().then(
        (readiness) => {
          res.writeHead(readiness.ready ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
          res.end(JSON.stringify(readiness));
        },
        (error: unknown) => {
          onError(error);
          res.writeHead(503, { "content-type": "application/json" });
          res.end(JSON.stringify({ ready: false, reason: "the readiness check failed (see the log)" }));
        },
      );
      return;
    }
    const route = routes.find((r) => path.startsWith(r.prefix));
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not found");
      return;
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((error) => {
        onError(error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end();
      });
  });
}

export function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/**
 * Stops listening, lets the requests under way finish for up to `graceMs`, then cuts every
 * connection that is left. Resolves true when none had to be cut.
 */
export function close(server: Server, graceMs = 0): Promise<boolean> {
  return new Promise((resolve) => {
    let cut = false;
    const timer = setTimeout(() => {
      cut = true;
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve(!cut);
    });
    // Kept-alive connections with no request under way would hold close() until they time out.
    server.closeIdleConnections();
    if (graceMs <= 0) {
      cut = true;
      server.closeAllConnections();
    }
  });
}

/**
 * The metrics listener: GET /metrics only, on an address of its own (CIIC_METRICS), so that the
 * figures need not be reachable where the chat platforms reach the bot.
 */
export function createMetricsServer(
  render: () => Promise<{ contentType: string; body: string }>,
  onError: (error: unknown) => void,
  logScrape?: (request: AnsweredRequest) => void,
): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (logScrape) whenAnswered(req, res, path === "/metrics" ? path : "(other)", logScrape);
    if (path !== "/metrics" || req.method !== "GET") {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not found");
      return;
    }
    render().then(
      ({ contentType, body }) => {
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
      },
      (error: unknown) => {
        onError(error);
        res.writeHead(500, { "content-type": "text/plain" });
        res.end("metrics failed; see the log");
      },
    );
  });
}

/** Calls `log` with the request's route, status and duration once its answer is sent. */
function whenAnswered(req: IncomingMessage, res: ServerResponse, path: string, log: (request: AnsweredRequest) => void): void {
  const started = Date.now();
  res.on("finish", () => log({ method: req.method ?? "GET", path, status: res.statusCode, ms: Date.now() - started }));
}
