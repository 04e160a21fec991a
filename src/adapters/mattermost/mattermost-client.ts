import { AsyncLocalStorage } from "node:async_hooks";
import mm from "@mattermost/client";
import type { Options } from "@mattermost/types/client4";
import { CALL_TIMEOUT_MS } from "../../core/outbox/dispatch-outbox.js";

/** Mattermost answered, but not with success: what the outbox needs to decide what to do. */
export class MattermostApiError extends Error {
  constructor(
    readonly status: number,
    /** Mattermost's error id, e.g. "api.context.permissions.app_error". */
    readonly errorId: string | undefined,
    message: string,
    /** On HTTP 429: how long Mattermost asked to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "MattermostApiError";
  }
}

export class MattermostTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Mattermost did not answer within ${timeoutMs / 1000} s`);
    this.name = "MattermostTimeoutError";
  }
}

/** Seconds from Retry-After, else from X-RateLimit-Reset (Mattermost sends both on 429). */
function retryAfterMs(headers: Headers): number | undefined {
  for (const name of ["retry-after", "x-ratelimit-reset"]) {
    const seconds = Number(headers.get(name));
    if (!headers.has(name) || !Number.isFinite(seconds) || seconds < 0) continue;
    // A value this large is a moment (Unix seconds), not a duration.
    const ms = seconds > 1e9 ? seconds * 1000 - Date.now() : seconds * 1000;
    return Math.max(ms, 1000);
  }
  return undefined;
}

/**
 * The REST API v4 client, as the Mattermost web app uses it, with three things a bot needs and
 * the library leaves out: every call gives up after a timeout (below the outbox's lease, so a slow
 * call never overlaps its retry), errors keep the HTTP status and rate-limit headers (the library
 * drops both when a body is not JSON, as on 429), and opening an interactive dialog.
 */
export class MattermostClient extends mm.Client4 {
  /** The outbox's signal for the calls made inside `withSignal`: it ends them when its time is up. */
  private readonly callerSignal = new AsyncLocalStorage<AbortSignal | undefined>();

  constructor(
    url: string,
    token: string,
    private readonly timeoutMs = CALL_TIMEOUT_MS,
  ) {
    super();
    this.setUrl(url);
    this.setToken(token);
    this.setIncludeCookies(false);
    this.setUserAgent("ciic-bot");
  }

  protected override doFetch = async <T>(url: string, options: Options): Promise<T> => {
    const response = await this.send(url, options);
    const text = await response.text();
    let data: unknown = text;
    if ((response.headers.get("content-type") ?? "").startsWith("application/json") && text) {
      try {
        data = JSON.parse(text);
      } catch {
        throw new MattermostApiError(response.status, undefined, "Mattermost sent a JSON answer that cannot be read");
      }
    }
    if (!response.ok) {
      const body = (typeof data === "object" && data ? data : {}) as { id?: string; message?: string };
      throw new MattermostApiError(response.status, body.id, body.message ?? `HTTP ${response.status}`, response.status === 429 ? retryAfterMs(response.headers) : undefined);
    }
    return data as T;
  };

  /** POST /api/v4/actions/dialogs/open: the trigger id is valid for a few seconds and once. */
  openDialog(request: { trigger_id: string; url: string; dialog: object }): Promise<unknown> {
    return this.doFetch(`${this.getBaseRoute()}/actions/dialogs/open`, { method: "post", body: JSON.stringify(request) });
  }

  /** A file's bytes as a stream (GET /api/v4/files/{id}), for imports; its own, longer timeout. */
  async download(fileId: string, timeoutMs: number): Promise<Response> {
    const response = await this.send(this.getFileUrl(fileId, 0), { method: "get" }, timeoutMs);
    if (!response.ok) {
      await response.body?.cancel();
      throw new MattermostApiError(response.status, undefined, `HTTP ${response.status} for the file download`);
    }
    return response;
  }

  /** Runs `work` so that each call it makes also ends when `signal` aborts. */
  withSignal<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    return this.callerSignal.run(signal, work);
  }

  private async send(url: string, options: Options, timeoutMs = this.timeoutMs): Promise<Response> {
    const caller = this.callerSignal.getStore();
    const signal = caller ? AbortSignal.any([AbortSignal.timeout(timeoutMs), caller]) : AbortSignal.timeout(timeoutMs);
    try {
      return await fetch(url, { ...this.getOptions(options), signal } as RequestInit);
    } catch (error) {
      // Out of time, whether the call's own or the caller's: the request may have been carried out.
      if ((error as Error).name === "TimeoutError" || (error as Error).name === "AbortError") throw new MattermostTimeoutError(timeoutMs);
      throw error;
    }
  }
}
