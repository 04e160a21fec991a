import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** One platform adapter's share of the bot's HTTP endpoint, by path prefix. */
export interface HttpRoute {
  /** e.g. "/slack/"; the first route whose prefix matches the path gets the request. */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

/**
 * The bot's one HTTP server: every adapter (Slack, Mattermost, the local workspace) serves its
 * paths on the same port, so that one deployment can serve several platforms at once, plus
 * /healthz for the operator's monitoring.
 */
export function createHttpServer(routes: readonly HttpRoute[], onError: (error: unknown) => void): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" && req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true }));
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

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
