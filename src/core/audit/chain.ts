import { hash } from "node:crypto";
import { wellFormed } from "../text/well-formed.js";

/** What a use case records; the log adds sequence number, time and hashes. */
export interface AuditEvent {
  /** Dotted verb, e.g. "indicators.submitted", "access.refused". Stable: reports filter on it. */
  action: string;
  /** Member id, or "<platform>:<user id>" for someone not in the directory; null for the system. */
  actor: string | null;
  /**
   * What the event is about, e.g. "item:42" or "directory:3". Never a value: unlike the details,
   * the subject is stored as it is (storage/sealing seals only details).
   */
  subject?: string | null;
  details: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: Date;
  actor: string | null;
  action: string;
  subject: string | null;
  /** JSON text exactly as hashed; kept as text so that verification never depends on re-serialising. */
  details: string;
  /**
   * The details to read: `details` with the strings the store keeps sealed opened, and
   * "[destroyed]" where the key of an item such a string named was destroyed (storage/sealing).
   * Not hashed: the chain covers what is stored, so it verifies after a key is destroyed.
   */
  readable: string;
  prevHash: string;
  hash: string;
}

/** An entry as the database keeps it, before its details are opened for reading. */
export type StoredAuditEntry = Omit<AuditEntry, "readable">;

export const GENESIS_HASH = "0".repeat(64);

/** SHA-256 over every field of the entry and the previous entry's hash. */
export function hashEntry(entry: Omit<StoredAuditEntry, "hash">): string {
  const material = JSON.stringify([
    entry.seq,
    entry.at.toISOString(),
    entry.actor,
    entry.action,
    entry.subject,
    entry.details,
    entry.prevHash,
  ]);
  // One-shot: no Hash object (a native handle each young collection visits) for each entry.
  return hash("sha256", material, "hex");
}

/**
 * Builds the next entries of the chain after `head`, in order.
 *
 * Every text in an entry is made well-formed first (lone surrogates become U+FFFD): a string
 * without a UTF-8 form is stored as something else than was hashed, and the entry would read as
 * altered for ever. The adapters already clean what people send; this holds for any other path.
 * Well-formed input is recorded exactly as before, so existing chains verify unchanged.
 */
export function chainEvents(
  head: { seq: number; hash: string },
  events: readonly AuditEvent[],
  at: Date,
): AuditEntry[] {
  let prev = head;
  return events.map((event) => {
    const unsigned = {
      seq: prev.seq + 1,
      at,
      actor: typeof event.actor === "string" ? wellFormed(event.actor) : event.actor,
      action: wellFormed(event.action),
      subject: typeof event.subject === "string" ? wellFormed(event.subject) : (event.subject ?? null),
      details: JSON.stringify(event.details, wellFormedStrings),
      prevHash: prev.hash,
    };
    const entry = { ...unsigned, readable: unsigned.details, hash: hashEntry(unsigned) };
    prev = entry;
    return entry;
  });
}

/**
 * JSON.stringify's replacer: string values well-formed. (JSON.stringify would write a lone
 * surrogate as the escape "\\ud800", which survives storage, but whoever parses the details
 * gets the ill-formed string back.)
 */
function wellFormedStrings(_key: string, value: unknown): unknown {
  return typeof value === "string" ? wellFormed(value) : value;
}

export type ChainVerdict =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; seq: number; problem: "altered" | "removed"; message: string };

/**
 * Walks the chain in sequence order. Names the first entry that was altered (its hash no longer
 * matches its content), or the first place where entries were removed (a gap in the sequence, a
 * broken link, or fewer entries than the head records).
 */
export async function verifyChain(
  entries: AsyncIterable<StoredAuditEntry> | Iterable<StoredAuditEntry>,
  head: { seq: number; hash: string },
): Promise<ChainVerdict> {
  let expected = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  for await (const entry of entries) {
    count++;
    if (entry.seq !== expected.seq + 1) {
      return {
        ok: false,
        entries: count,
        seq: expected.seq + 1,
        problem: "removed",
        message: `entry ${expected.seq + 1} is missing: after entry ${expected.seq} comes entry ${entry.seq}`,
      };
    }
    if (hashEntry(entry) !== entry.hash) {
      return { ok: false, entries: count, seq: entry.seq, problem: "altered", message: `entry ${entry.seq} was altered: its content no longer matches its hash` };
    }
    if (entry.prevHash !== expected.hash) {
      // The entry itself is intact, so what changed is the one it should link to: that entry was
      // rewritten with a freshly computed hash.
      const culprit = Math.max(expected.seq, 1);
      return {
        ok: false,
        entries: count,
        seq: culprit,
        problem: "altered",
        message: `entry ${culprit} was rewritten: entry ${entry.seq} no longer links to it`,
      };
    }
    expected = { seq: entry.seq, hash: entry.hash };
  }
  if (head.seq !== expected.seq || head.hash !== expected.hash) {
    if (head.seq > expected.seq) {
      return {
        ok: false,
        entries: count,
        seq: expected.seq + 1,
        problem: "removed",
        message: `entries ${expected.seq + 1} to ${head.seq} were removed from the end of the log`,
      };
    }
    return { ok: false, entries: count, seq: head.seq, problem: "altered", message: `the log's head (entry ${head.seq}) does not match its last entry` };
  }
  return { ok: true, entries: count, headHash: expected.hash };
}
