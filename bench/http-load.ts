/**
 * The benchmark's HTTP client: signed requests sent as Slack sends them, each on a connection of
 * its own, timed from the moment it was due to the last byte of its answer. The same client
 * measures the bot and a bare Node server, so that the difference is the bot's.
 */
import http from "node:http";
import { slackSignature } from "../test/support/slack-requests.js";

export interface Answer {
  status: number;
  text: string;
  ms: number;
}

/** A request ready to go: its body signed when it was made (Slack allows five minutes). */
export interface Prepared {
  url: URL;
  body: string;
  headers: Record<string, string>;
}

export function prepare(url: string, signingSecret: string, body: string): Prepared {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    url: new URL(url),
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(body)),
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(signingSecret, timestamp, body),
    },
  };
}

/** Sends one request; `ms` counts from `dueAt` (performance.now()), or from now. */
export function send(request: Prepared, dueAt = performance.now()): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // agent false: a connection of its own, as a request from outside arrives.
    const req = http.request(request.url, { method: "POST", headers: request.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - dueAt }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(request.body);
  });
}

/** All at once, in one tick. */
export function burst(requests: readonly Prepared[]): Promise<Answer[]> {
  const started = performance.now();
  return Promise.all(requests.map((r) => send(r, started)));
}

/**
 * `count` requests at `perSecond`, each timed from when it was due (so that a client held up
 * would show, not hide, the wait). `make(k)` builds the kth request when it is due.
 */
export async function paced(count: number, perSecond: number, make: (k: number) => Prepared): Promise<Answer[]> {
  const interval = 1000 / perSecond;
  const started = performance.now();
  const answers: Promise<Answer>[] = [];
  for (let k = 0; k < count; k++) {
    const due = started + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(send(make(k), due));
  }
  return Promise.all(answers);
}

/** A bare Node HTTP server that reads the request and answers 200: the machine's limit. */
export const BARE_SERVER = `
const http = require("node:http");
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"text":"ok"}');
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

export const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

export interface Figures {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export function figures(ms: readonly number[]): Figures {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1], count: sorted.length };
}

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
export const formatFigures = (f: Figures) => `p50 ${ms(f.p50)} ms, p99 ${ms(f.p99)} ms, max ${ms(f.max)} ms`;
