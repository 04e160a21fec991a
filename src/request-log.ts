import type { Logger } from "./logger.js";

/** One answered HTTP request as the operators' log names it: the route, never its query or body. */
export interface AnsweredRequest {
  method: string;
  /** The route ("/api/messages", "/api/files/:id"), not the path as sent. */
  path: string;
  status: number;
  /** From the request's arrival to the end of the answer. */
  ms: number;
}

/**
 * Routes that are asked again and again by themselves rather than by someone doing something:
 * the local workspace page's wait for new messages (one held request after another, for each
 * open tab: some 280 lines in six minutes at info), the page's own files and its list of people,
 * and the operators' probes. Answered as expected, they are logged at debug; at info they would
 * bury the lines that matter (a command answered, a refusal, a warning).
 */
const ROUTINE_READS = new Set(["/api/messages", "/api/people", "/static/workspace.js", "/static/workspace.css", "/favicon.ico", "/healthz", "/readyz", "/metrics"]);

/** debug for a routine read answered as expected; info for anything done, refused or failed. */
export function requestLogLevel(request: Pick<AnsweredRequest, "method" | "path" | "status">): "debug" | "info" {
  const read = request.method === "GET" || request.method === "HEAD";
  return read && request.status < 400 && ROUTINE_READS.has(request.path) ? "debug" : "info";
}

/** Logs an answered request at its level (see requestLogLevel). */
export function logRequest(logger: Logger, message: string, request: AnsweredRequest): void {
  logger[requestLogLevel(request)](request, message);
}
