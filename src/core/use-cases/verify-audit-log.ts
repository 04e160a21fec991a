import { verifyChain, type AuditEntry, type ChainVerdict } from "../audit/chain.js";
import type { Store } from "../ports.js";

/**
 * Checks the whole audit chain up to the head as it stood when the check began, so that entries
 * appended while it runs do not count as tampering.
 */
export async function verifyAuditLog(store: Store): Promise<ChainVerdict> {
  const head = await store.audit.head();
  async function* upToHead(): AsyncIterable<AuditEntry> {
    for await (const entry of store.audit.entries()) {
      if (entry.seq > head.seq) return;
      yield entry;
    }
  }
  return verifyChain(upToHead(), head);
}
