import type { Directory, Member } from "../directory/types.js";
import type { Destination, OutboundMessage } from "../outbox/outbound.js";
import type { MessageView } from "../views/message.js";

/**
 * A member's direct messages on every platform they have an account on. A deployment sends
 * those on the platforms it serves and passes over the rest (see dispatch-outbox.ts), so that
 * the core need not know which platforms run; an update of the topic reaches every copy.
 */
export function memberDestinations(member: Member): Destination[] {
  return (["slack", "mattermost", "local"] as const).flatMap((platform) => {
    const id = member.accounts[platform];
    return id ? [{ platform, kind: "user" as const, id }] : [];
  });
}

export function directMessage(member: Member, view: MessageView, topic?: string): OutboundMessage[] {
  return memberDestinations(member).map((to) => ({ kind: "post" as const, to, view, topic }));
}

export const memberById = (directory: Directory, id: string): Member | undefined => directory.members.find((m) => m.id === id);

/** Every copy of a topic's messages, on whatever platform it went to, is replaced by `view`. */
export function updateTopic(topic: string, view: MessageView): OutboundMessage[] {
  return [{ kind: "update", topic, view }];
}

export const askTopic = (askId: number) => `ask:${askId}`;
export const deliveryTopic = (requestId: number) => `delivery:${requestId}`;
