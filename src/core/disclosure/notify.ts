import { PLATFORMS, type Directory, type Member } from "../directory/types.js";
import { LANGUAGES, languageOf, type Language } from "../i18n/language.js";
import { translator, type Translator } from "../i18n/translator.js";
import type { Destination, OutboundMessage } from "../outbox/outbound.js";
import type { MessageView } from "../views/message.js";

/** A view written for its reader, in their language. */
export type ViewFor = (t: Translator) => MessageView;

/** The texts a member reads: their language, else the directory's. */
export const textsOf = (reader: { language?: Language } | undefined, directory: Directory): Translator => translator(languageOf(reader, directory));

/**
 * A member's direct messages on every platform they have an account on. A deployment sends
 * those on the platforms it serves and passes over the rest (see dispatch-outbox.ts), so that
 * the core need not know which platforms run; an update of the topic reaches every copy.
 */
export function memberDestinations(member: Member): Destination[] {
  return PLATFORMS.flatMap((platform) => {
    const id = member.accounts[platform];
    return id ? [{ platform, kind: "user" as const, id }] : [];
  });
}

export function directMessage(member: Member, view: MessageView, topic?: string): OutboundMessage[] {
  return memberDestinations(member).map((to) => ({ kind: "post" as const, to, view, topic }));
}

/** A direct message written in the member's own language. */
export function tellMember(directory: Directory, member: Member, view: ViewFor, topic?: string): OutboundMessage[] {
  return directMessage(member, view(textsOf(member, directory)), topic);
}

export const memberById = (directory: Directory, id: string): Member | undefined => directory.members.find((m) => m.id === id);

/**
 * Every copy of a topic's messages, on whatever platform it went to, is replaced by `view`:
 * written in every language, each copy gets the view in the language it was written in.
 */
export function updateTopic(topic: string, view: MessageView | ViewFor): OutboundMessage[] {
  if (typeof view !== "function") return [{ kind: "update", topic, view }];
  const byLanguage = Object.fromEntries(LANGUAGES.map((l) => [l, view(translator(l))])) as Record<Language, MessageView>;
  // Copies written before views had a language are in English.
  return [{ kind: "update", topic, view: byLanguage.en, byLanguage }];
}

export const askTopic = (askId: number) => `ask:${askId}`;
export const deliveryTopic = (requestId: number) => `delivery:${requestId}`;
