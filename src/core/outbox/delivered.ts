import type { MessageView } from "../views/message.js";
import type { DeliveredMessage } from "./outbound.js";

/** A sent outbox row as the stores keep it: the payload is the JSON the outbox was given. */
export interface SentRow {
  id: number;
  kind: string;
  topic: string | null;
  payload: string;
  sentAt: Date;
}

/**
 * Turns a destination's sent posts and files, and the sent updates of their topics, into what
 * the destination sees now. An update replaces only the copies sent before it was made (a
 * lower id): the outbox holds an update back until those have gone out, and a message posted
 * after an update (a deputy asked later) was never shown the old view.
 */
export function deliveredFromRows(posts: readonly SentRow[], updates: readonly SentRow[]): DeliveredMessage[] {
  return posts.map((row) => {
    const payload = JSON.parse(row.payload) as MessageView | { fileName: string; content: string; view: MessageView };
    const file = row.kind === "file" ? (payload as { fileName: string; content: string; view: MessageView }) : undefined;
    const latest = updates.filter((u) => row.topic !== null && u.topic === row.topic && u.id > row.id).sort((a, b) => b.id - a.id)[0];
    const first = file ? file.view : (payload as MessageView);
    return {
      id: row.id,
      sentAt: row.sentAt,
      view: latest ? (JSON.parse(latest.payload) as MessageView) : first,
      ...(latest ? { updatedAt: latest.sentAt } : {}),
      ...(file ? { file: { fileName: file.fileName, content: file.content } } : {}),
    };
  });
}
