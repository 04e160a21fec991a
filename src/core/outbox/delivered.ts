import type { DeliveredMessage } from "./outbound.js";
import { decodeFile, decodeUpdate, sentView, updateViewFor } from "./payload.js";

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
    const file = row.kind === "file" ? decodeFile(row.payload) : undefined;
    const latest = updates.filter((u) => row.topic !== null && u.topic === row.topic && u.id > row.id).sort((a, b) => b.id - a.id)[0];
    const first = sentView(row.kind, row.payload);
    return {
      id: row.id,
      sentAt: row.sentAt,
      view: latest ? updateViewFor(decodeUpdate(latest.payload), first.language) : first,
      ...(latest ? { updatedAt: latest.sentAt } : {}),
      ...(file ? { file: { fileName: file.fileName, content: file.content } } : {}),
    };
  });
}
