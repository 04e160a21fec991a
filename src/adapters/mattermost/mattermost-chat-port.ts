import type { ChatOperation, ChatPort, Destination, FindResult, OutboxTag, SendFailure, SendResult, WaitFailure } from "../../core/outbox/outbound.js";
import { retryAfterPauses } from "../../core/outbox/retry-after.js";
import type { MessageView } from "../../core/views/message.js";
import type { Post } from "@mattermost/types/posts";
import { MattermostApiError, MattermostTimeoutError, type MattermostClient } from "./mattermost-client.js";
import { buttonProps, type ButtonSettings } from "./post-actions.js";
import { actionGroupsOf, renderMarkdown } from "./render-markdown.js";

/**
 * Answers no later attempt can change: a post Mattermost refuses (400), a bad token (401), a
 * channel the bot may not post in (403), a channel or post that is gone (404, 410), a file too
 * large (413). Everything else — 5xx, timeouts, a refused connection — may pass later.
 */
const PERMANENT = new Set([400, 401, 403, 404, 410, 413]);
/** What Mattermost answers for a post that is not there (any more). */
const GONE = /^Mattermost answered HTTP (?:404|410)\b/;
/** Network failures in which the request never reached Mattermost: nothing can have been posted. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
/**
 * Mattermost limits the rate of a user's (the bot's) calls as a whole, not per route: one 429
 * holds back every call.
 */
const SCOPE = "api";

/** Mattermost answers a "posts since" with the newest this many (GetPostsSince). */
const POSTS_SINCE_MAX = 1000;
/** Posts read a page when that answer was full (Mattermost's largest page), and pages at most. */
const PAGE_SIZE = 200;
const MOST_PAGES = 50;

/** Post props that mark each post of a message with its outbox tag, so that a lost one can be found. */
export const OUTBOX_PROP = "ciic_outbox";
export const PART_PROP = "ciic_part";

/**
 * Why a call failed, as the outbox needs it. `method` names the call. Whether anything was
 * posted is for the caller to say (`notSent`): a refusal of the first post of a message leaves
 * nothing, one of a later post may leave the earlier ones.
 */
export function sendFailure(error: unknown, method?: string): SendFailure {
  const named = method ? { method } : {};
  if (error instanceof MattermostApiError) {
    const what = `Mattermost answered HTTP ${error.status}${error.errorId ? ` (${error.errorId})` : ""}`;
    if (error.status === 429) {
      const limited: WaitFailure = { ok: false, wait: true, error: `${what}: rate limited`, retryAfterMs: error.retryAfterMs ?? 1000, rateLimited: { scope: SCOPE }, notSent: true, ...named };
      return limited;
    }
    if (error.status >= 500) return { ok: false, error: what, permanent: false, serverError: true, ...named };
    return { ok: false, error: what, permanent: PERMANENT.has(error.status), notSent: true, ...named };
  }
  if (error instanceof MattermostTimeoutError) return { ok: false, error: error.message, ...named };
  // fetch fails with a TypeError whose cause says why the server could not be reached.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error instanceof TypeError && cause) {
    return { ok: false, error: `Mattermost could not be reached (${cause.code ?? cause.message})`, ...(cause.code && NEVER_SENT.has(cause.code) ? { notSent: true } : {}), ...named };
  }
  return { ok: false, error: error instanceof Error ? error.message : String(error), ...named };
}

/** A failed call on its way out of an attempt, already classified. */
class CallFailed extends Error {
  constructor(readonly result: SendFailure) {
    super(result.error);
  }
}

/**
 * Where a sent message lives, so that it can be updated: its channel, its post ids (a long message
 * takes several posts) and, for a direct message, the person its buttons are for.
 */
const refOf = (channel: string, posts: string[], forUser?: string) => `${channel}|${posts.join(",")}|${forUser ?? ""}`;
function parseRef(ref: string): { channel: string; posts: string[]; forUser?: string } | undefined {
  const [channel, posts, forUser] = ref.split("|");
  if (!channel || !posts) return undefined;
  return { channel, posts: posts.split(","), forUser: forUser || undefined };
}

/**
 * Sends the outbox's messages through Mattermost's REST API v4 as the bot account. A person is
 * reached in their direct channel with the bot, opened (or found) once. No call is retried here:
 * the outbox owns retries, so that a crash between attempts loses nothing and a rate limit is
 * honoured across restarts.
 */
export function createMattermostChatPort(deps: { client: MattermostClient; buttons: ButtonSettings; /** ms now, on the outbox's clock; default Date.now */ now?: () => number }) {
  const { client } = deps;
  /**
   * The API as Mattermost paused it (it limits a bot as a whole). The outbox pauses it for every
   * message when it learns of a 429, but it checks before an operation, and an operation is
   * several calls (a look-up for a post in doubt, a message of several posts, taking back the
   * posts of an attempt cut short): checked here before each call, none goes out inside it. The
   * check waits one turn of the event loop first, so that a 429 that came in while the process was
   * busy is read before a call a timer began is made (as the Slack port does).
   */
  const pauses = retryAfterPauses(deps.now ?? Date.now);
  const called = async <T>(method: string, work: () => Promise<T>): Promise<T> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const heldBack = pauses.held([SCOPE], method);
    if (heldBack) throw new CallFailed(heldBack);
    try {
      return await work();
    } catch (error) {
      const failed = sendFailure(error, method);
      pauses.learn(failed, [SCOPE]);
      throw new CallFailed(failed);
    }
  };
  /** Takes back a post; false when that failed or had to wait, which leaves the message in doubt. */
  const takenBack = (id: string) => called("deletePost", () => client.deletePost(id)).then(() => true, () => false);
  let me: Promise<string> | undefined;
  const directChannels = new Map<string, Promise<string>>();

  // Asked once; a failed answer is forgotten, so that the next message asks again.
  const botUserId = () =>
    (me ??= client.getMe().then(
      (user) => user.id,
      (error: unknown) => {
        me = undefined;
        throw error;
      },
    ));

  /** The bot's direct channel with a person (Mattermost returns the existing one when there is one). */
  async function directChannel(userId: string): Promise<string> {
    let channel = directChannels.get(userId);
    if (!channel) {
      channel = botUserId()
        .then((bot) => client.createDirectChannel([bot, userId]))
        .then(
          (c) => c.id,
          (error: unknown) => {
            directChannels.delete(userId);
            throw error;
          },
        );
      directChannels.set(userId, channel);
    }
    return channel;
  }

  const channelOf = (to: Destination) => (to.kind === "user" ? directChannel(to.id) : Promise.resolve(to.id));

  /** The posts of one message, in order; buttons go on the last one, the outbox tag on each. */
  function posts(view: MessageView, forUser?: string, tag?: OutboxTag): { message: string; props: Record<string, unknown> }[] {
    const parts = renderMarkdown(view);
    const buttons = buttonProps(actionGroupsOf(view), deps.buttons, forUser);
    return parts.map((message, i) => ({ message, props: { ...(i === parts.length - 1 ? buttons : {}), ...(tag ? { [OUTBOX_PROP]: tag.key, [PART_PROP]: i } : {}) } }));
  }

  /**
   * Creates a message's posts. If a later post fails, the earlier ones are taken back, so that the
   * outbox's next attempt does not repeat them. Nothing was posted when the first post was
   * refused, or every earlier one was taken back; otherwise the failure leaves the outcome in
   * doubt, and the next attempt looks (see `find`).
   */
  async function createAll(channel: string, view: MessageView, forUser?: string, fileIds: string[] = [], tag?: OutboxTag): Promise<string[]> {
    const created: string[] = [];
    try {
      for (const [i, post] of posts(view, forUser, tag).entries()) {
        const made = await called("createPost", () => client.createPost({ channel_id: channel, message: post.message, props: post.props, ...(i === 0 && fileIds.length ? { file_ids: fileIds } : {}) }));
        created.push(made.id);
      }
      return created;
    } catch (error) {
      const removed = await Promise.all(created.map(takenBack));
      if (error instanceof CallFailed && error.result.notSent && !removed.every(Boolean)) {
        throw new CallFailed({ ...error.result, notSent: undefined });
      }
      throw error;
    }
  }

  const attempt = async (signal: AbortSignal | undefined, work: () => Promise<string>): Promise<SendResult> => {
    try {
      return { ok: true, ref: await client.withSignal(signal, work) };
    } catch (error) {
      if (error instanceof CallFailed) return error.result;
      return sendFailure(error);
    }
  };

  /**
   * The channel's posts since `since`. Mattermost returns every post created, changed or deleted
   * since then, but the newest 1,000 only: in a channel that busy the earlier attempt's posts,
   * among the oldest of that time, can be left out, and not finding them would post the message
   * a second time. A full answer is read again page by page from the newest back to `since`;
   * where that is more than MOST_PAGES pages the look-up fails, and the message stays in doubt
   * rather than be sent twice.
   */
  async function postsSince(channel: string, since: Date): Promise<Post[]> {
    const list = await called("getPostsSince", () => client.getPostsSince(channel, since.getTime(), false));
    const changed = Object.values(list.posts ?? {});
    if (changed.length < POSTS_SINCE_MAX) return changed;
    const read = new Map<string, Post>();
    for (let page = 0; page < MOST_PAGES; page++) {
      const got = await called("getPosts", () => client.getPosts(channel, page, PAGE_SIZE, false));
      const batch = (got.order ?? []).map((id) => got.posts[id]).filter((p): p is Post => p !== undefined);
      for (const post of batch) read.set(post.id, post);
      // Pages shift while posts arrive: a post may be read twice, none skipped.
      if (batch.length < PAGE_SIZE || batch.some((p) => p.create_at < since.getTime())) return [...read.values()];
    }
    throw new CallFailed({ ok: false, error: `more than ${MOST_PAGES * PAGE_SIZE} posts in the channel since the first attempt: not looked through, not sent again`, method: "getPosts" });
  }

  /**
   * The posts of an earlier attempt, found by their tag among the channel's posts since `since`.
   * A message is there when all its parts are; a part of one left behind by an attempt cut short
   * is deleted, so that the message is posted again whole and in order.
   */
  async function findPosts(channel: string, view: MessageView, forUser: string | undefined, tag: OutboxTag, since: Date): Promise<string | null> {
    const bot = await called("getMe", botUserId);
    const mine = (await postsSince(channel, since))
      .filter((p) => p.user_id === bot && !p.delete_at && p.props?.[OUTBOX_PROP] === tag.key)
      .sort((a, b) => Number(a.props?.[PART_PROP] ?? 0) - Number(b.props?.[PART_PROP] ?? 0));
    if (mine.length === 0) return null;
    const expected = posts(view, forUser).length;
    const parts = mine.map((p) => Number(p.props?.[PART_PROP] ?? 0));
    if (mine.length === expected && parts.every((part, i) => part === i)) return refOf(channel, mine.map((p) => p.id), forUser);
    for (const post of mine) await called("deletePost", () => client.deletePost(post.id));
    return null;
  }

  const scopes = (_operation: ChatOperation) => [SCOPE];

  const port: ChatPort = {
    post: (to, view, { tag, signal } = {}) =>
      attempt(signal, async () => {
        const channel = await called("createDirectChannel", () => channelOf(to));
        const forUser = to.kind === "user" ? to.id : undefined;
        return refOf(channel, await createAll(channel, view, forUser, [], tag), forUser);
      }),
    upload: (to, file, view, { tag, signal } = {}) =>
      attempt(signal, async () => {
        const channel = await called("createDirectChannel", () => channelOf(to));
        const form = new FormData();
        form.append("channel_id", channel);
        // The report's chart is labelled as the image it is; everything else goes as plain bytes.
        const type = file.fileName.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream";
        form.append("files", new Blob([file.content], { type }), file.fileName);
        // An uploaded file is seen by nobody until a post carries it: only the posts can deliver.
        const uploaded = await called("uploadFile", () => client.uploadFile(form));
        const fileId = uploaded.file_infos[0]?.id;
        if (!fileId) throw new CallFailed({ ok: false, error: "Mattermost accepted the upload but named no file", notSent: true, method: "uploadFile" });
        // Buttons on a file sent to one member are bound to that member, as on a post.
        const forUser = to.kind === "user" ? to.id : undefined;
        return refOf(channel, await createAll(channel, view, forUser, [fileId], tag), forUser);
      }),
    update: (ref, view, { signal } = {}) =>
      attempt(signal, async () => {
        const where = parseRef(ref);
        if (!where) throw new MattermostApiError(404, undefined, `no Mattermost post is named by ${ref}`);
        const next = posts(view, where.forUser);
        // Each existing post takes the new text in order; an answer that grew gets more posts,
        // one that shrank leaves none of its old posts behind.
        for (const [i, id] of where.posts.entries()) {
          if (i < next.length) await called("patchPost", () => client.patchPost({ id, message: next[i].message, props: next[i].props as never }));
          // A part already gone (an earlier try of this update took it away) is as good as taken away.
          else await called("deletePost", () => client.deletePost(id)).catch((error: unknown) => {
            if (!(error instanceof CallFailed && GONE.test(error.result.error))) throw error;
          });
        }
        const kept = where.posts.slice(0, next.length);
        const added: string[] = [];
        try {
          for (const post of next.slice(where.posts.length)) {
            added.push((await called("createPost", () => client.createPost({ channel_id: where.channel, message: post.message, props: post.props }))).id);
          }
        } catch (error) {
          // The outbox will try the whole update again: parts added this time must not stay
          // behind as a second copy. (Should their removal fail too, they do; nothing is lost.)
          await Promise.all(added.map(takenBack));
          throw error;
        }
        return refOf(where.channel, [...kept, ...added], where.forUser);
      }),
    async find(to, message, tag, since, { signal } = {}): Promise<FindResult> {
      try {
        const ref = await client.withSignal(signal, async () => {
          const channel = await called("createDirectChannel", () => channelOf(to));
          return findPosts(channel, message.view, to.kind === "user" ? to.id : undefined, tag, since);
        });
        return { ok: true, ref };
      } catch (error) {
        if (error instanceof CallFailed) return error.result;
        return sendFailure(error);
      }
    },
    scopes,
  };
  return Object.assign(port, { directChannel });
}

export type MattermostChatPort = ReturnType<typeof createMattermostChatPort>;
