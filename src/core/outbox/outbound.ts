import type { Platform } from "../directory/types.js";
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
  | { kind: "post"; to: Destination; view: MessageView; topic?: string }
  /** Replaces every already sent message of the topic, on whatever platform, e.g. to retire stale buttons. */
  | { kind: "update"; topic: string; view: MessageView }
  /** A file posted to a conversation with `view` as its message. */
  | { kind: "file"; to: Destination; fileName: string; content: string; view: MessageView; topic?: string };

export interface OutboxEntry {
  id: number;
  message: OutboundMessage;
  /** Failed attempts so far. */
  attempts: number;
  /** End of this sender's claim; also the token that its later updates of the row must match. */
  lease: Date;
}

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

/** What a platform answers when the bot sends a message. */
export type SendResult =
  | { ok: true; ref: string }
  | { ok: false; error: string; /** ms to wait, when the platform said so (HTTP 429 Retry-After) */ retryAfterMs?: number; permanent?: boolean }
  /**
   * Try again later at no cost of an attempt: the platform asked to slow down (HTTP 429), or the
   * message waits for another to go out first.
   */
  | { ok: false; wait: true; error: string; retryAfterMs: number };

/**
 * One outcome of the sender, for operators' metrics (see dispatch-outbox.ts `events`):
 * - `sent`: a message or update went out;
 * - `failed`: an attempt failed and will be retried;
 * - `rate_limited`: the platform answered HTTP 429 (`method` names the API method paused);
 * - `server_error`: the platform answered HTTP 5xx;
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
  post(to: Destination, view: MessageView): Promise<SendResult>;
  upload(to: Destination, file: { fileName: string; content: string }, view: MessageView): Promise<SendResult>;
  update(ref: string, view: MessageView): Promise<SendResult>;
}
