import type { Platform } from "../directory/types.js";
import type { Language } from "../i18n/language.js";
import type { MessageView } from "../views/message.js";

/** Where a message goes: a person's direct messages or a channel, on one platform. */
export interface Destination {
  platform: Platform;
  kind: "user" | "channel";
  id: string;
}

/**
 * A message the core wants sent. It is written to the outbox in the same transaction as the
 * change that causes it, and sent afterwards (see dispatch-outbox.ts).
 */
export type OutboundMessage =
  | { kind: "post"; to: Destination; view: MessageView; topic?: string; releaseOf?: number }
  /**
   * Replaces every already sent message of the topic, on whatever platform, e.g. to retire stale
   * buttons: each copy with the view in the language it was written in (`byLanguage`), else `view`.
   */
  | { kind: "update"; topic: string; view: MessageView; byLanguage?: Partial<Record<Language, MessageView>> }
  /** A file posted to a conversation with `view` as its message. */
  | { kind: "file"; to: Destination; fileName: string; content: string; view: MessageView; topic?: string; releaseOf?: number };

export interface OutboxEntry {
  id: number;
  message: OutboundMessage;
  /** Failed attempts so far. */
  attempts: number;
  /** End of this sender's claim; also the token that its later updates of the row must match. */
  lease: Date;
  /**
   * Since when a send of this message may have happened without its outcome being recorded (a
   * crash, a lost answer, a time-out); undefined when every earlier attempt is known not to have
   * delivered it. While set, the next attempt first asks the platform whether it arrived.
   */
  inDoubtSince?: Date;
  /** What marks the message on the platform, so that it can be found there (see OutboxTag). */
  tag: OutboxTag;
}

/**
 * How a sent message is marked on its platform, so that a send whose answer was lost can be
 * found: Slack message metadata, Mattermost post props. `key` is unique to the outbox row (its id
 * with the moment it was written), so that a restored or second database's row of the same id
 * is not taken for it.
 */
export interface OutboxTag {
  id: number;
  key: string;
}

/** The key that marks a message on its platform (see OutboxTag): its id and when it was written. */
export const outboxKey = (id: number, createdAt: Date) => `ciic-${id}-${createdAt.getTime().toString(36)}`;

/**
 * The lane a message goes out in: its destination, or an update's topic. Messages of one lane go
 * out one at a time, in the order they were written.
 */
export const laneOf = (m: OutboundMessage) => (m.kind === "update" ? `topic:${m.topic}` : `${m.to.platform}:${m.to.kind}:${m.to.id}`);

/**
 * A message as the person or channel it went to sees it now: sent, and replaced by the latest
 * update of its topic that was sent after it (a consent question becomes its outcome).
 */
export interface DeliveredMessage {
  /** The outbox entry's id. */
  id: number;
  sentAt: Date;
  view: MessageView;
  /** When a later update replaced the view; undefined while the message is as first sent. */
  updatedAt?: Date;
  /** A delivered file (a release in the recipient's format), with `view` as its message. */
  file?: { fileName: string; content: string };
}

/** An attempt that did not deliver, or whose outcome is not known. */
export interface SendFailure {
  ok: false;
  error: string;
  /** ms to wait, when the platform said so (HTTP 429 Retry-After) */
  retryAfterMs?: number;
  /** No later attempt can succeed (a refused message, a channel that is gone). */
  permanent?: boolean;
  /**
   * The platform certainly did not take the message: it refused it, or was never reached. Without
   * this the outcome is in doubt (no answer, a dropped connection, HTTP 5xx), and the next attempt
   * looks for the message first.
   */
  notSent?: boolean;
  /**
   * The platform asked to slow down (HTTP 429): no call in `scope` (a Slack API method, or all of
   * Mattermost) is made for `retryAfterMs`, for any message.
   */
  rateLimited?: { scope: string };
  /** The platform failed on its side (HTTP 5xx, or Slack's fatal_error). */
  serverError?: boolean;
  /** The API method that failed, for the operators' log and metrics. */
  method?: string;
}

/**
 * Try again later at no cost of an attempt: the platform asked to slow down (HTTP 429, with
 * `rateLimited`), or the message waits for another to go out first.
 */
export type WaitFailure = SendFailure & { wait: true; retryAfterMs: number };

/** What a platform answers when the bot sends a message. */
export type SendResult = { ok: true; ref: string } | SendFailure | WaitFailure;

/**
 * Whether an earlier attempt's message is on the platform: its reference when it is (complete),
 * null when it is not.
 */
export type FindResult = { ok: true; ref: string | null } | SendFailure;

/** What a call may do; a port names the rate-limit scopes each one uses (see ChatPort.scopes). */
export type ChatOperation = "post" | "upload" | "update" | "findPost" | "findFile";

/** Each send is marked with its tag, and ends its calls when `signal` aborts (the sender's time-out). */
export interface SendOptions {
  tag?: OutboxTag;
  signal?: AbortSignal;
}

/**
 * One outcome of the sender, for operators' metrics (see dispatch-outbox.ts `events`), once per
 * platform the attempt called:
 * - `sent`: a message went out (an update: once per platform whose copies it replaced);
 * - `failed`: an attempt failed and will be retried;
 * - `rate_limited`: the platform answered HTTP 429 (`method` names the API method paused);
 * - `server_error`: the platform failed on its side (HTTP 5xx); reported besides `failed` or
 *   `gave_up`, which say what became of the message;
 * - `gave_up`: a message will not be tried again (audited);
 * - `reconciled`: a message whose send was in doubt turned out delivered, and was not sent again.
 */
export interface OutboxEvent {
  kind: "sent" | "failed" | "rate_limited" | "gave_up" | "reconciled" | "server_error";
  platform: Platform;
  method?: string;
}

/** The platform side of sending, implemented by each chat adapter. */
export interface ChatPort {
  post(to: Destination, view: MessageView, options?: SendOptions): Promise<SendResult>;
  upload(to: Destination, file: { fileName: string; content: string }, view: MessageView, options?: SendOptions): Promise<SendResult>;
  update(ref: string, view: MessageView, options?: Pick<SendOptions, "signal">): Promise<SendResult>;
  /**
   * Looks on the platform for the message of `tag` sent to `to` at or after `since` (a file by its
   * name and size), for a send whose outcome was lost. A port without it cannot have a send in
   * doubt: its sends are repeated safely (the local workspace's delivery is the outbox's record).
   * `attempts`: the message's failed attempts so far; a look-up a rate limit stopped goes on only
   * in the same count, since another attempt (of any instance) may have posted it since.
   */
  find?(to: Destination, message: { view: MessageView; file?: { fileName: string; content: string } }, tag: OutboxTag, since: Date, options?: Pick<SendOptions, "signal"> & { attempts?: number }): Promise<FindResult>;
  /** The rate-limit scopes (see SendFailure.rateLimited) that an operation may call. */
  scopes?(operation: ChatOperation): string[];
}
