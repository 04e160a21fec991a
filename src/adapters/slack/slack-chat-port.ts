import { AsyncLocalStorage } from "node:async_hooks";
import { WebClient, ErrorCode, type WebAPICallError } from "@slack/web-api";
import type { Logger as BoltLogger } from "@slack/bolt";
import { CALL_TIMEOUT_MS } from "../../core/outbox/dispatch-outbox.js";
import { retryAfterPauses } from "../../core/outbox/retry-after.js";
import type { ChatOperation, ChatPort, Destination, FindResult, OutboxTag, SendFailure, SendResult, WaitFailure } from "../../core/outbox/outbound.js";
import type { MessageView } from "../../core/views/message.js";
import type { Logger } from "../../logger.js";
import { boltLogger } from "./bolt-logger.js";
import { renderMessage } from "./render-message.js";

/** Slack errors that another attempt will not cure. */
const PERMANENT = new Set(["channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "account_inactive", "token_revoked", "missing_scope", "invalid_blocks", "msg_too_long", "no_text", "message_not_found", "cant_update_message", "user_not_found"]);
/**
 * Slack errors that say Slack failed on its side: whether the message was posted before it did is
 * not known. Every other error Slack answers is a refusal, and nothing was posted.
 */
const SERVER_SIDE = new Set(["fatal_error", "internal_error", "service_unavailable", "request_timeout"]);
/** Said with HTTP 200 by some methods (chat.postMessage: "posted too many messages"), without a Retry-After. */
const RATE_LIMITED = new Set(["ratelimited", "rate_limited"]);
/** Network failures in which the request never reached Slack: nothing can have been posted. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** The message metadata every post carries, so that a post whose answer was lost can be found. */
export const OUTBOX_EVENT_TYPE = "ciic_outbox";
/** conversations.history gives a non-Marketplace app at most 15 messages a call (2025). */
const HISTORY_PAGE = 15;
/** How many pages of history (or of files) a look-up reads before it gives up looking. */
const LOOKUP_PAGES = 40;
/** Look-ups left off on a rate limit that are remembered (findPost). */
const MOST_LOOKUPS_KEPT = 1000;
/** How far Slack's clock may run ahead of this machine's, for the end of a look-up's pages. */
const LOOKUP_CLOCK_MARGIN_MS = 2 * 60_000;
/** Files a page of files.list. */
const FILES_PAGE = 100;

/** A request the port did not make: its method is inside a Retry-After (the answer is the outbox's "held back"). */
class HeldBack extends Error {
  constructor(readonly result: SendFailure) {
    super(result.error);
  }
}

/** The client's log, with its warning for a request the port held back (`said`) at debug: no request failed. */
function withoutHeldBack(logger: BoltLogger, said: () => string | undefined): BoltLogger {
  return { ...logger, warn: (...msg) => (msg[0] === "http request failed" && msg[1] === said() ? logger.debug(...msg) : logger.warn(...msg)) };
}

/** Slack answered HTTP 429: the method is paused for Retry-After, and nothing was posted. */
const rateLimited = (method: string, retryAfterMs: number): WaitFailure => ({
  ok: false,
  wait: true,
  error: `Slack answered HTTP 429 to ${method}`,
  retryAfterMs,
  rateLimited: { scope: method },
  notSent: true,
  method,
});

/** The Web API method a request calls ("chat.postMessage" in …/api/chat.postMessage). */
function apiMethod(input: Parameters<typeof fetch>[0]): string | undefined {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return /\/api\/([\w.]+)/.exec(url)?.[1];
}

/**
 * Sends the outbox's messages through the Slack Web API. Its client does not retry by itself:
 * the outbox owns retries, so that a crash between attempts loses nothing and Retry-After is
 * honoured across restarts. Each post carries its outbox tag as message metadata, and a post or
 * file whose answer was lost is looked for (`find`) before it is sent again.
 */
export function createSlackChatPort(options: { token: string; apiUrl: string; logger: Logger; timeoutMs?: number; /** ms now, on the outbox's clock; default Date.now */ now?: () => number }): ChatPort {
  const now = options.now ?? Date.now;
  // The outbox's own time limit per attempt reaches each call through this store: the client
  // takes one fetch for all calls, and aborts a call when either its own time-out or the
  // attempt's signal fires.
  const attemptSignal = new AsyncLocalStorage<AbortSignal | undefined>();
  /**
   * The methods Slack paused (it limits each method). The outbox pauses a method for every
   * message when it learns of a 429, but it checks before an operation, and a look-up is several
   * calls: a lane already inside one called conversations.history again 3 s before the
   * Retry-After another lane had just been given. Checked here before each call, no call goes out
   * inside it. The last check is at the request itself (`fetchWithSignal`): a call that passed the
   * first while another's 429 was on its way, and waited in the client's queue, is held back there;
   * and a 429 is learned as soon as its headers arrive, before its connection can carry the next
   * request (a lane's post went out on it 0.5 s into the Retry-After, the fault suite found). The
   * check waits one turn of the event loop first: after the process was busy (a slow disk), timers
   * run before sockets are read, and a lane woken by one would otherwise send before reading a 429
   * that had already come in.
   */
  const pauses = retryAfterPauses(now);
  // What the latest request held back here said: the client logs every failed request as a
  // warning ("http request failed"), and one held back was never made (the outbox notes it).
  let heldBackSaid: string | undefined;
  const fetchWithSignal: typeof fetch = async (input, init) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const method = apiMethod(input);
    const heldBack = method ? pauses.held([method], method) : undefined;
    if (heldBack) {
      heldBackSaid = heldBack.error;
      throw new HeldBack(heldBack);
    }
    const signal = attemptSignal.getStore();
    const response = await fetch(input, signal ? { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal } : init);
    if (method && response.status === 429) {
      const seconds = Number(response.headers.get("retry-after"));
      const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
      pauses.learn(rateLimited(method, retryAfterMs), [method]);
    }
    return response;
  };
  // timeout (ms) per call, below the outbox's attempt limit; the outbox counts on it (CALL_TIMEOUT_MS).
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? CALL_TIMEOUT_MS,
    logger: withoutHeldBack(boltLogger(options.logger), () => heldBackSaid),
    fetch: fetchWithSignal,
  });

  /** Why a call failed, as the outbox needs it: wait, retry, give up, and was anything posted. */
  function failure(method: string, error: unknown): SendFailure {
    const e = error as WebAPICallError & { retryAfter?: number; data?: { error?: string }; statusCode?: number; original?: Error };
    const held = e.original ?? error;
    if (held instanceof HeldBack) return held.result;
    if (e.code === ErrorCode.RateLimitedError) return rateLimited(method, (e.retryAfter ?? 1) * 1000);
    if (e.code === ErrorCode.PlatformError) {
      const code = e.data?.error ?? "unknown";
      if (RATE_LIMITED.has(code)) {
        const limited: WaitFailure = { ok: false, wait: true, error: `Slack answered ${code} to ${method}`, retryAfterMs: 1000, rateLimited: { scope: method }, notSent: true, method };
        return limited;
      }
      const serverSide = SERVER_SIDE.has(code);
      return { ok: false, error: `Slack answered ${code} to ${method}`, permanent: PERMANENT.has(code), ...(serverSide ? { serverError: true } : { notSent: true }), method };
    }
    if (e.code === ErrorCode.HTTPError) {
      const status = e.statusCode ?? 0;
      // A 4xx is a refusal; a 5xx may come after Slack did the work.
      return { ok: false, error: `Slack answered HTTP ${status || "error"} to ${method}`, ...(status >= 500 ? { serverError: true } : status >= 400 ? { notSent: true } : {}), method };
    }
    const original = e.code === ErrorCode.RequestError ? e.original : (error as Error);
    const cause = (original as { cause?: { code?: string } } | undefined)?.cause?.code;
    const name = original?.name;
    if (name === "AbortError" || name === "TimeoutError") return { ok: false, error: `Slack did not answer ${method} in time`, method };
    if (cause && NEVER_SENT.has(cause)) return { ok: false, error: `Slack could not be reached for ${method} (${cause})`, notSent: true, method };
    return { ok: false, error: `${method}: ${original?.message ?? String(error)}${cause ? ` (${cause})` : ""}`, method };
  }

  /** Runs one call with the attempt's signal; a failure says which method failed. */
  async function call<T>(method: string, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new CallFailed(failure(method, Object.assign(new Error("aborted"), { name: "AbortError" })));
    const heldBack = pauses.held([method], method);
    if (heldBack) throw new CallFailed(heldBack);
    try {
      return await attemptSignal.run(signal, work);
    } catch (error) {
      const failed = failure(method, error);
      pauses.learn(failed, [method]);
      throw new CallFailed(failed);
    }
  }
  const attempt = async (work: () => Promise<string>): Promise<SendResult> => {
    try {
      return { ok: true, ref: await work() };
    } catch (error) {
      if (error instanceof CallFailed) return error.result;
      throw error;
    }
  };

  /** A person's direct messages are a conversation of their own (D…), opened once per call. */
  const conversationOf = async (to: Destination, signal?: AbortSignal): Promise<string> => {
    if (to.kind === "channel") return to.id;
    const opened = await call("conversations.open", signal, () => client.conversations.open({ users: to.id }));
    if (!opened.channel?.id) throw new CallFailed({ ok: false, error: "Slack opened no direct conversation", method: "conversations.open" });
    return opened.channel.id;
  };
  const metadata = (tag: OutboxTag) => ({ event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: tag.id, outbox_key: tag.key } });
  const seconds = (date: Date) => (date.getTime() / 1000).toFixed(6);

  /**
   * Where each look-up got to, by outbox key, when a rate limit stopped it: the next attempt goes
   * on from that page. At one call a minute (conversations.history outside the Marketplace), a
   * look-up that began again at its first page each time would never reach its second, and the
   * message and its channel's lane would wait for good. The pages end where the first one began
   * (`latest`, with a margin for Slack's clock), so that messages posted since move no page; a
   * failed attempt since (which may have posted it after that end) starts the look-up anew.
   */
  const lookups = new Map<string, { latest: string; cursor?: string; page: number }>();

  async function findPost(channel: string, tag: OutboxTag, since: Date, signal?: AbortSignal, attempts?: number): Promise<string | null> {
    // Only where no attempt came between: one of another instance may have posted it meanwhile,
    // after the end of the pages the stopped look-up read.
    const key = `${channel}|${tag.key}|${attempts ?? "?"}`;
    const progress = lookups.get(key) ?? { latest: seconds(new Date(Date.now() + LOOKUP_CLOCK_MARGIN_MS)), page: 0 };
    lookups.delete(key);
    for (; progress.page < LOOKUP_PAGES; progress.page++) {
      let history;
      try {
        history = await call("conversations.history", signal, () =>
          client.conversations.history({ channel, oldest: seconds(since), latest: progress.latest, inclusive: true, limit: HISTORY_PAGE, include_all_metadata: true, ...(progress.cursor ? { cursor: progress.cursor } : {}) }),
        );
      } catch (error) {
        // Kept only for a wait the platform asked for; any other failure starts the look-up anew.
        if (error instanceof CallFailed && !error.result.ok && error.result.rateLimited) remember(key, progress);
        throw error;
      }
      for (const message of history.messages ?? []) {
        const meta = (message as { metadata?: { event_type?: string; event_payload?: { outbox_key?: string } } }).metadata;
        if (meta?.event_type === OUTBOX_EVENT_TYPE && meta.event_payload?.outbox_key === tag.key && message.ts) return `${channel}|${message.ts}`;
      }
      progress.cursor = history.response_metadata?.next_cursor || undefined;
      if (!history.has_more || !progress.cursor) return null;
    }
    throw new CallFailed({ ok: false, error: `conversations.history: more than ${LOOKUP_PAGES * HISTORY_PAGE} messages since the first attempt; not looked through`, method: "conversations.history" });
  }
  const remember = (key: string, progress: { latest: string; cursor?: string; page: number }) => {
    // Bounded: the oldest look-up left off is forgotten first (it starts again, at worst).
    if (lookups.size >= MOST_LOOKUPS_KEPT) lookups.delete(lookups.keys().next().value!);
    lookups.set(key, progress);
  };

  /**
   * A file carries no metadata: it is known by its name and size among the files shared in the
   * conversation since the first attempt. Two copies of the same file there are the same file.
   */
  async function findFile(channel: string, file: { fileName: string; content: string }, since: Date, signal?: AbortSignal): Promise<string | null> {
    const size = Buffer.byteLength(file.content, "utf8");
    for (let page = 1; page <= LOOKUP_PAGES; page++) {
      const list = await call("files.list", signal, () => client.files.list({ channel, ts_from: String(Math.floor(since.getTime() / 1000)), count: FILES_PAGE, page }));
      const found = (list.files ?? []).find((f) => f.name === file.fileName && f.size === size);
      if (found?.id) return `${channel}|${found.id}`;
      if (!list.paging || page >= (list.paging.pages ?? 1)) return null;
    }
    // Not looked through to the end: "not there" could post the file a second time.
    throw new CallFailed({ ok: false, error: `files.list: more than ${LOOKUP_PAGES * FILES_PAGE} files since the first attempt; not looked through`, method: "files.list" });
  }

  const scopes: Record<ChatOperation, string[]> = {
    post: ["chat.postMessage"],
    upload: ["conversations.open", "files.getUploadURLExternal", "files.completeUploadExternal"],
    update: ["chat.update"],
    findPost: ["conversations.open", "conversations.history"],
    findFile: ["conversations.open", "files.list"],
  };

  return {
    post: (to, view: MessageView, { tag, signal } = {}) =>
      attempt(async () => {
        const response = await call("chat.postMessage", signal, () => client.chat.postMessage({ channel: to.id, ...renderMessage(view), ...(tag ? { metadata: metadata(tag) } : {}) } as never));
        return `${response.channel}|${response.ts}`;
      }),
    // Slack's upload flow: an upload URL, the bytes sent there, then completion into the
    // conversation. Only the completion shares the file, so only it can deliver a copy.
    upload: (to, file, view: MessageView, { signal } = {}) =>
      attempt(async () => {
        // Slack shares files only into a conversation (C…, G…, D…), never to a user id: a file
        // for a member's direct messages goes to the bot's conversation with them.
        const channel = await conversationOf(to, signal);
        const bytes = Buffer.from(file.content, "utf8");
        const target = await call("files.getUploadURLExternal", signal, () => client.files.getUploadURLExternal({ filename: file.fileName, length: bytes.length }));
        if (!target.upload_url || !target.file_id) throw new CallFailed({ ok: false, error: "Slack gave no upload URL", notSent: true, method: "files.getUploadURLExternal" });
        await call("file upload", signal, async () => {
          const sent = await fetchWithSignal(target.upload_url!, { method: "POST", body: bytes, signal: AbortSignal.timeout(options.timeoutMs ?? CALL_TIMEOUT_MS) });
          await sent.body?.cancel();
          if (sent.status !== 200) throw Object.assign(new Error(`the upload URL answered HTTP ${sent.status}`), { code: ErrorCode.HTTPError, statusCode: sent.status });
        });
        await call("files.completeUploadExternal", signal, () =>
          client.files.completeUploadExternal({ files: [{ id: target.file_id!, title: file.fileName }], channel_id: channel, initial_comment: renderMessage(view).text }),
        );
        return `${channel}|${target.file_id}`;
      }),
    update: (ref, view: MessageView, { signal } = {}) => {
      const [channel, ts] = ref.split("|");
      return attempt(async () => {
        await call("chat.update", signal, () => client.chat.update({ channel, ts, ...renderMessage(view) } as never));
        return ref;
      });
    },
    async find(to, message, tag, since, { signal, attempts } = {}): Promise<FindResult> {
      try {
        const channel = await conversationOf(to, signal);
        const ref = message.file ? await findFile(channel, message.file, since, signal) : await findPost(channel, tag, since, signal, attempts);
        return { ok: true, ref };
      } catch (error) {
        if (error instanceof CallFailed) return error.result;
        throw error;
      }
    },
    scopes: (operation) => scopes[operation],
  };
}

/** A failed call on its way out of an attempt, already classified. */
class CallFailed extends Error {
  constructor(readonly result: SendFailure) {
    super(result.error);
  }
}
