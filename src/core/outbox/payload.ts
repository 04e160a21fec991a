import type { Language } from "../i18n/language.js";
import type { MessageView } from "../views/message.js";
import type { Platform } from "../directory/types.js";
import type { Destination, OutboundMessage } from "./outbound.js";

/**
 * How a message is kept in the outbox's payload column, written and read in one place for every
 * store: a post's view; a file's name, content and view; an update's view, or — once views came
 * in several languages — its view with a view per language. Rows written before there were
 * languages hold a bare view, and still read.
 */
export function encodePayload(m: OutboundMessage): string {
  if (m.kind === "file") return JSON.stringify({ fileName: m.fileName, content: m.content, view: m.view });
  if (m.kind === "update" && m.byLanguage) return JSON.stringify({ view: m.view, byLanguage: m.byLanguage });
  return JSON.stringify(m.view);
}

export type UpdatePayload = { view: MessageView; byLanguage?: Partial<Record<Language, MessageView>> };

export function decodeUpdate(payload: string): UpdatePayload {
  const parsed = JSON.parse(payload) as MessageView | Required<UpdatePayload>;
  return "byLanguage" in parsed ? { view: parsed.view, byLanguage: parsed.byLanguage } : { view: parsed };
}

export function decodeFile(payload: string): { fileName: string; content: string; view: MessageView } {
  return JSON.parse(payload) as { fileName: string; content: string; view: MessageView };
}

/** The view a post or file was sent with. */
export function sentView(kind: string, payload: string): MessageView {
  return kind === "file" ? decodeFile(payload).view : (JSON.parse(payload) as MessageView);
}

/**
 * What an update shows a copy that was written in `language`: the view in that language, else
 * the update's own view (copies sent before views had a language are in English, as is that view).
 */
export const updateViewFor = (update: UpdatePayload, language: Language | undefined): MessageView =>
  (language && update.byLanguage?.[language]) || update.view;

/** The view a row shows as written: a post's or file's view, an update's own (English) view. */
export function rowView(kind: string, payload: string): MessageView {
  return kind === "update" ? decodeUpdate(payload).view : sentView(kind, payload);
}

/** An outbox row as the columns every store keeps: where it goes, what kind, its topic, its payload. */
export interface MessageRow {
  kind: string;
  platform: string;
  /** "user" or "channel"; empty for an update. */
  targetKind: string;
  /** The user's or channel's id on the platform; empty for an update. */
  targetId: string;
  topic: string | null;
  payload: string;
  /** The disclosure request whose release the message is, if it is one. */
  releaseOf: number | null;
}

/** The message a row holds, as it was given to the outbox. */
export function decodeMessage(row: MessageRow): OutboundMessage {
  const topic = row.topic ?? undefined;
  const release = row.releaseOf === null ? {} : { releaseOf: row.releaseOf };
  if (row.kind === "update") return { kind: "update", topic: row.topic!, ...decodeUpdate(row.payload) };
  const to = { platform: row.platform as Platform, kind: row.targetKind as Destination["kind"], id: row.targetId };
  if (row.kind === "file") return { kind: "file", to, ...decodeFile(row.payload), topic, ...release };
  return { kind: "post", to, view: sentView(row.kind, row.payload), topic, ...release };
}
