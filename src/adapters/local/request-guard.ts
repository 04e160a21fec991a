import type { IncomingMessage } from "node:http";

/** The workspace has no login, so it listens on this machine's loopback address only. */
export const LOCAL_WORKSPACE_HOST = "127.0.0.1";

/** The names a browser on this machine reaches the workspace by, with the port it listens on. */
function ownHosts(req: IncomingMessage): string[] {
  const port = req.socket.localPort;
  return ["127.0.0.1", "localhost"].flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));
}

/**
 * Why a request must be refused, or undefined when it may go on. Binding to 127.0.0.1 keeps
 * other machines out, but not web pages open in a browser on this one:
 * - a page on a domain that its owner re-points at 127.0.0.1 (DNS rebinding) reaches the
 *   workspace with its own domain in the Host header, so only this machine's own names pass;
 * - a page of another site can make the browser send a POST here, so a POST whose Origin is not
 *   the workspace's own is refused. A request without Origin comes from a program on this
 *   machine, not from a web page: browsers send Origin with every POST.
 */
export function refusal(req: IncomingMessage): { status: number; reason: "host" | "origin"; message: string } | undefined {
  const hosts = ownHosts(req);
  const home = `http://${hosts[0]}/`;
  if (!hosts.includes((req.headers.host ?? "").toLowerCase())) {
    return {
      status: 403,
      reason: "host",
      message: `Refused: this local workspace answers only at ${home} (or by the name localhost). This request was addressed to another host name, as a web page that re-points its own domain at this machine (DNS rebinding) would do.`,
    };
  }
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  const origin = req.headers.origin;
  const foreign = origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`);
  if (foreign || req.headers["sec-fetch-site"] === "cross-site") {
    return { status: 403, reason: "origin", message: `Refused: this request came from another web site. The workspace takes commands only from its own page at ${home}.` };
  }
  return undefined;
}
