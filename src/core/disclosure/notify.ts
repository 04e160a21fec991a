import type { Directory, Member } from "../directory/types.js";
import type { Destination, OutboundMessage } from "../outbox/outbound.js";
import type { MessageView } from "../views/message.js";

/** A member's direct messages on the first platform they have an account on. */
export function memberDestination(member: Member): Destination | undefined {
  for (const platform of ["slack", "mattermost", "local"] as const) {
    const id = member.accounts[platform];
    if (id) return { platform, kind: "user", id };
  }
  return undefined;
}

export function directMessage(member: Member, view: MessageView, topic?: string): OutboundMessage[] {
  const to = memberDestination(member);
  return to ? [{ kind: "post", to, view, topic }] : [];
}

export const memberById = (directory: Directory, id: string): Member | undefined => directory.members.find((m) => m.id === id);

/** Every copy of a topic's messages, on whatever platform it went to, is replaced by `view`. */
export function updateTopic(topic: string, view: MessageView): OutboundMessage[] {
  return [{ kind: "update", topic, view }];
}

export const askTopic = (askId: number) => `ask:${askId}`;
export const deliveryTopic = (requestId: number) => `delivery:${requestId}`;
