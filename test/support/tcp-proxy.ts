import { connect, createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of a server (PostgreSQL), to cut a client off from it the ways a network
 * does:
 * - `freeze()`: nothing gets through either way, but nothing is lost; `thaw()` delivers what was
 *   held back and goes on (a partition that heals before TCP gives up);
 * - `hang()`: the server seems to accept connections and never answers: what is sent on open
 *   connections is dropped, and new connections are taken but never passed on;
 * - `restore()`: back to normal; what hung is severed (as TCP does once a partition outlasts its
 *   retries), what was frozen is delivered.
 */
export interface TcpProxy {
  port: number;
  freeze(): void;
  thaw(): void;
  hang(): void;
  restore(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
  /** Bytes held back while frozen, in order, with the side they go to. */
  held: { to: "client" | "upstream"; chunk: Buffer }[];
  /** Taken while hung, or open when the proxy hung: severed on restore. */
  hung: boolean;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let state: "open" | "frozen" | "hung" = "open";
  const pairs = new Set<Pair>();

  const pass = (pair: Pair, to: "client" | "upstream", chunk: Buffer) => {
    if (state === "hung" || pair.hung) return; // dropped: a hung server never answers
    if (state === "frozen") return void pair.held.push({ to, chunk });
    (to === "client" ? pair.client : pair.upstream)?.write(chunk);
  };
  const flush = (pair: Pair) => {
    for (const { to, chunk } of pair.held.splice(0)) (to === "client" ? pair.client : pair.upstream)?.write(chunk);
  };
  const sever = (pair: Pair) => {
    pair.client.destroy();
    pair.upstream?.destroy();
    pairs.delete(pair);
  };

  const server = createServer((client) => {
    const pair: Pair = { client, held: [], hung: state === "hung" };
    pairs.add(pair);
    client.on("error", () => sever(pair));
    client.on("close", () => sever(pair));
    if (pair.hung) return; // taken, never passed on
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on("error", () => sever(pair));
    upstream.on("close", () => sever(pair));
    client.on("data", (chunk: Buffer) => pass(pair, "upstream", chunk));
    upstream.on("data", (chunk: Buffer) => pass(pair, "client", chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    port: (server.address() as AddressInfo).port,
    freeze() {
      state = "frozen";
    },
    thaw() {
      state = "open";
      for (const pair of pairs) flush(pair);
    },
    hang() {
      state = "hung";
      for (const pair of pairs) pair.hung = true;
    },
    restore() {
      state = "open";
      for (const pair of [...pairs]) {
        if (pair.hung) sever(pair);
        else flush(pair);
      }
    },
    async close() {
      for (const pair of [...pairs]) sever(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `url` with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: Pick<TcpProxy, "port">): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(proxy.port);
  return u.toString();
}
