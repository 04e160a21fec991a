import type { ChatPort, Destination, SendResult } from "../../core/outbox/outbound.js";
import type { MessageView } from "../../core/views/message.js";
import { MattermostApiError, MattermostTimeoutError, type MattermostClient } from "./mattermost-client.js";
import { buttonProps, type ButtonSettings } from "./post-actions.js";
import { actionGroupsOf, renderMarkdown } from "./render-markdown.js";

/**
 * Answers no later attempt can change: a post Mattermost refuses (400), a bad token (401), a
 * channel the bot may not post in (403), a channel or post that is gone (404, 410), a file too
 * large (413). Everything else — 5xx, timeouts, a refused connection — may pass later.
 */
const PERMANENT = new Set([400, 401, 403, 404, 410, 413]);

export function sendFailure(error: unknown): SendResult {
  if (error instanceof MattermostApiError) {
    const what = `Mattermost answered HTTP ${error.status}${error.errorId ? ` (${error.errorId})` : ""}`;
    if (error.status === 429) return { ok: false, wait: true, error: `${what}: rate limited`, retryAfterMs: error.retryAfterMs ?? 1000 };
    return { ok: false, error: what, permanent: PERMANENT.has(error.status) };
  }
  if (error instanceof MattermostTimeoutError) return { ok: false, error: error.message };
  // fetch fails with a TypeError whose cause says why the server could not be reached.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error instanceof TypeError && cause) return { ok: false, error: `Mattermost could not be reached (${cause.code ?? cause.message})` };
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
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
export function createMattermostChatPort(deps: { client: MattermostClient; buttons: ButtonSettings }) {
  const { client } = deps;
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

  /** The posts of one message, in order; buttons go on the last one. */
  function posts(view: MessageView, forUser?: string): { message: string; props: Record<string, unknown> }[] {
    const parts = renderMarkdown(view);
    const buttons = buttonProps(actionGroupsOf(view), deps.buttons, forUser);
    return parts.map((message, i) => ({ message, props: i === parts.length - 1 ? buttons : {} }));
  }

  /**
   * Creates a message's posts. If a later post fails, the earlier ones are taken back, so that the
   * outbox's next attempt does not repeat them.
   */
  async function createAll(channel: string, view: MessageView, forUser?: string, fileIds: string[] = []): Promise<string[]> {
    const created: string[] = [];
    try {
      for (const [i, post] of posts(view, forUser).entries()) {
        const made = await client.createPost({ channel_id: channel, message: post.message, props: post.props, ...(i === 0 && fileIds.length ? { file_ids: fileIds } : {}) });
        created.push(made.id);
      }
      return created;
    } catch (error) {
      for (const id of created) await client.deletePost(id).catch(() => undefined);
      throw error;
    }
  }

  const attempt = async (work: () => Promise<string>): Promise<SendResult> => {
    try {
      return { ok: true, ref: await work() };
    } catch (error) {
      return sendFailure(error);
    }
  };

  const port: ChatPort = {
    post: (to, view) =>
      attempt(async () => {
        const channel = await channelOf(to);
        const forUser = to.kind === "user" ? to.id : undefined;
        return refOf(channel, await createAll(channel, view, forUser), forUser);
      }),
    upload: (to, file, view) =>
      attempt(async () => {
        const channel = await channelOf(to);
        const form = new FormData();
        form.append("channel_id", channel);
        // The report's chart is labelled as the image it is; everything else goes as plain bytes.
        const type = file.fileName.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream";
        form.append("files", new Blob([file.content], { type }), file.fileName);
        const uploaded = await client.uploadFile(form);
        const fileId = uploaded.file_infos[0]?.id;
        if (!fileId) throw new Error("Mattermost accepted the upload but named no file");
        // Buttons on a file sent to one member are bound to that member, as on a post.
        const forUser = to.kind === "user" ? to.id : undefined;
        return refOf(channel, await createAll(channel, view, forUser, [fileId]), forUser);
      }),
    update: (ref, view) =>
      attempt(async () => {
        const where = parseRef(ref);
        if (!where) throw new MattermostApiError(404, undefined, `no Mattermost post is named by ${ref}`);
        const next = posts(view, where.forUser);
        // Each existing post takes the new text in order; an answer that grew gets more posts,
        // one that shrank leaves none of its old posts behind.
        for (const [i, id] of where.posts.entries()) {
          if (i < next.length) await client.patchPost({ id, message: next[i].message, props: next[i].props as never });
          else await client.deletePost(id);
        }
        const kept = where.posts.slice(0, next.length);
        const added: string[] = [];
        try {
          for (const post of next.slice(where.posts.length)) {
            added.push((await client.createPost({ channel_id: where.channel, message: post.message, props: post.props })).id);
          }
        } catch (error) {
          // The outbox will try the whole update again: parts added this time must not stay
          // behind as a second copy. (Should their removal fail too, they do; nothing is lost.)
          await Promise.allSettled(added.map((id) => client.deletePost(id)));
          throw error;
        }
        return refOf(where.channel, [...kept, ...added], where.forUser);
      }),
  };
  return Object.assign(port, { directChannel });
}

export type MattermostChatPort = ReturnType<typeof createMattermostChatPort>;
