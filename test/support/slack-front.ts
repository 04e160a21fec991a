import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FakeSlack } from "./fake-slack.js";

/**
 * The fake Slack as several bot instances reach it: one front per instance, each on a port of its
 * own in front of the one fake (whose record and conversations they share), so that every call is
 * known by the instance that made it. Through it the fault suite makes the fake misbehave at
 * random, call by call:
 * - `500`, `hang` (the work done before or after the late answer) and `drop` (the work done, the
 *   connection dropped unanswered) are the fake's own switches (failNext, hangNext, dropNext),
 *   set for the call the front passes on next;
 * - `429` is answered by the front, as Slack does: the method is limited for the whole app for
 *   Retry-After, so every instance's call of it meanwhile is answered 429 too, and an instance
 *   that calls it again before its Retry-After has passed breaks Slack's rule (a violation). The
 *   fake itself cannot tell instances apart, so it would count another instance's call, which never
 *   heard the 429, as a breach.
 */
export type SlackFault =
  | { kind: "500" }
  | { kind: "hang"; ms: number; processed: "before" | "after" }
  | { kind: "drop" }
  | { kind: "429"; retryAfterS: number };

export interface SlackFronts {
  /** The Web API base URL (SLACK_API_URL) of an instance's front. */
  apiUrlFor(instance: string): Promise<string>;
  /** Decides each call's fault (undefined: none); unset, every call passes untouched. */
  chaos: ((method: string, instance: string) => SlackFault | undefined) | undefined;
  /**
   * Called once Slack carried a call out and answered it, before the answer is passed on to the
   * instance: the moment between a send and its record (a test kills the instance here).
   */
  onAnswered: ((method: string, instance: string) => Promise<void> | void) | undefined;
  /**
   * The instance's process ended: a new one has not heard the old one's 429s (it learns from its
   * own), so its calls are no breach of them.
   */
  forget(instance: string): void;
  /** Calls made inside a Retry-After the same instance was given. */
  violations: string[];
  /** Faults made, by kind ("429" counts the first of a window; "429 (window)" the calls answered 429 within it). */
  faults: Record<string, number>;
  close(): Promise<void>;
}

/** A call on another connection this soon (ms) after a 429 was sent may have left before it arrived. */
const IN_FLIGHT_MS = 500;
/** ms of slack for a client's own timer. */
const GRACE_MS = 50;

export function slackFronts(fake: FakeSlack): SlackFronts {
  const upstream = new URL(fake.apiUrl);
  /** Per method, until when (ms) Slack limits it for the whole app. */
  const windows = new Map<string, number>();
  /** Per instance and method: what it was told, when, and on which connection. */
  const told = new Map<string, { until: number; at: number; socket: Socket }>();
  const servers = new Map<string, Promise<{ server: Server; url: string }>>();
  const fronts: SlackFronts = {
    chaos: undefined,
    onAnswered: undefined,
    violations: [],
    faults: {},
    forget(instance) {
      for (const key of [...told.keys()]) if (key.startsWith(`${instance} `)) told.delete(key);
    },
    apiUrlFor(instance) {
      let started = servers.get(instance);
      if (!started) {
        started = listen(instance);
        servers.set(instance, started);
      }
      return started.then((s) => s.url);
    },
    async close() {
      for (const started of servers.values()) {
        const { server } = await started;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
  const count = (kind: string) => (fronts.faults[kind] = (fronts.faults[kind] ?? 0) + 1);

  const limited = (res: ServerResponse, seconds: number) => {
    res.writeHead(429, { "content-type": "application/json; charset=utf-8", "retry-after": String(seconds) });
    res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
  };

  async function handle(instance: string, req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = /^\/api\/([\w.]+)/.exec(req.url ?? "")?.[1];
    const now = Date.now();
    if (method) {
      const key = `${instance} ${method}`;
      const was = told.get(key);
      if (was && now < was.until - GRACE_MS && (req.socket === was.socket || now - was.at > IN_FLIGHT_MS)) {
        fronts.violations.push(`instance ${instance} called ${method} ${((was.until - now) / 1000).toFixed(2)} s before the Retry-After it was given had passed`);
      }
      const window = windows.get(method) ?? 0;
      const fault = window > now ? ({ kind: "429", retryAfterS: Math.ceil((window - now) / 1000) } as const) : fronts.chaos?.(method, instance);
      if (fault?.kind === "429") {
        count(window > now ? "429 (window)" : "429");
        const until = window > now ? window : now + fault.retryAfterS * 1000;
        windows.set(method, until);
        told.set(key, { until: now + fault.retryAfterS * 1000, at: now, socket: req.socket });
        return limited(res, fault.retryAfterS);
      }
      if (fault) {
        count(fault.kind === "hang" ? `hang (${fault.processed})` : fault.kind);
        if (fault.kind === "500") fake.failNext(method, { status: 500 });
        else if (fault.kind === "hang") fake.hangNext(method, fault.ms, { processed: fault.processed });
        else fake.dropNext(method);
      }
    }
    const headers = { ...req.headers, host: upstream.host, "content-length": String(body.length) };
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      answer.on("error", () => req.socket.destroy());
      res.on("error", () => undefined);
      const pass = () => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      };
      if (method && answer.statusCode === 200 && fronts.onAnswered) {
        answer.pause();
        void Promise.resolve(fronts.onAnswered(method, instance)).then(pass, pass);
      } else pass();
    });
    // The fake dropped the connection (dropNext): so does the front, unanswered.
    forward.on("error", () => req.socket.destroy());
    forward.end(body);
  }

  function listen(instance: string): Promise<{ server: Server; url: string }> {
    const server = createServer((req, res) => {
      handle(instance, req, res).catch(() => req.socket.destroy());
    });
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/` })));
  }

  return fronts;
}
