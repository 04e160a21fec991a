import { EventEmitter } from "node:events";
import type { ChatPort, Destination, SendResult } from "../../core/outbox/outbound.js";

/** A person's direct messages or a channel, as the key the workspace's readers wait on. */
export const destinationKey = (to: Pick<Destination, "kind" | "id">) => `${to.kind}:${to.id}`;

/**
 * The outbox's port for the local workspace. There is no server to hand messages to: a message
 * is delivered when the outbox marks it sent, and the workspace reads it back from there
 * (store.outbox.delivered), so that people's messages survive a restart. An update needs no
 * work either, since the reader applies the latest update of a topic itself.
 *
 * The port only tells waiting readers that a destination has news (`changes`), so that a page
 * learns of a message at once instead of asking every second.
 *
 * The reference must not be empty: only sends with a reference count as delivered, which keeps
 * apart the copies the outbox passed over while no local workspace was running.
 */
export function createLocalChatPort() {
  const events = new EventEmitter().setMaxListeners(0);
  // The news goes out once the outbox has marked the message sent, a moment after this returns.
  const announce = (key: string) => setTimeout(() => events.emit(key), 50).unref();
  const delivered = (to: Destination): Promise<SendResult> => {
    announce(destinationKey(to));
    return Promise.resolve({ ok: true, ref: `local|${destinationKey(to)}` });
  };
  const port: ChatPort = {
    post: (to) => delivered(to),
    upload: (to) => delivered(to),
    update: (ref) => {
      announce(ref.replace(/^local\|/, ""));
      return Promise.resolve({ ok: true, ref });
    },
  };
  return {
    port,
    changes: {
      /** Resolves when `key` has news, or after `ms` without any. */
      wait(key: string, ms: number): Promise<void> {
        return new Promise((resolve) => {
          const done = () => {
            clearTimeout(timer);
            events.off(key, done);
            resolve();
          };
          const timer = setTimeout(done, ms);
          timer.unref();
          events.on(key, done);
        });
      },
    },
  };
}

export type LocalChanges = ReturnType<typeof createLocalChatPort>["changes"];
