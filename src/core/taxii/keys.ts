import { createHash, randomBytes } from "node:crypto";
import type { Clock, Store } from "../ports.js";
import type { KeyHolder, TaxiiKey } from "./types.js";

/**
 * Keys for recipients' systems (a SOC's MISP, OpenCTI or SIEM) to pull their releases over
 * TAXII 2.1: one recipient each, read-only, revocable. A key is 32 random bytes, shown once; the
 * database keeps its SHA-256 only, so a copy of the database lets no one pull anything. A random
 * key of that length needs no slow hash: there is nothing to guess.
 */
const KEY_PREFIX = "ciic_taxii_";

export const keyDigest = (key: string): string => createHash("sha256").update(key, "utf8").digest("hex");

export type KeyIssue = { ok: true; key: string; record: TaxiiKey } | { ok: false; message: string };

/** Makes a key for a recipient in the directory in force; the audit log records who made it (never the key). */
export async function issueTaxiiKey(deps: { store: Store; clock: Clock }, input: { recipientId: string; label?: string; actor: string }): Promise<KeyIssue> {
  const record = await deps.store.directory.current();
  const recipient = record?.directory.recipients.find((r) => r.id === input.recipientId);
  if (!recipient) {
    const known = record?.directory.recipients.map((r) => r.id).join(", ") || "none";
    return { ok: false, message: `No recipient "${input.recipientId}" is in the directory in force (recipients: ${known}); \`ciic directory show\` lists them.` };
  }
  const label = (input.label ?? recipient.name).trim();
  if (label.length === 0 || label.length > 100) return { ok: false, message: "A key's label runs from 1 to 100 characters, e.g. --label \"NCSC SOC MISP\"." };
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const now = deps.clock.now();
  const made = await deps.store.transaction(async (tx) => {
    const created = await tx.taxiiKeys.create({ recipientId: recipient.id, label, keyHash: keyDigest(key), createdAt: now, createdBy: input.actor });
    await tx.audit.append([{ action: "taxii.key_issued", actor: input.actor, subject: `recipient:${recipient.id}`, details: { key: created.id, label } }], now);
    return created;
  });
  return { ok: true, key, record: made };
}

/** Revokes a key at once: the next request with it is refused. */
export async function revokeTaxiiKey(deps: { store: Store; clock: Clock }, input: { id: number; actor: string }): Promise<{ ok: boolean; message: string }> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const key = (await tx.taxiiKeys.list()).find((k) => k.id === input.id);
    if (!key) return { ok: false, message: `No TAXII key ${input.id}; \`ciic taxii keys\` lists them.` };
    if (!(await tx.taxiiKeys.revoke(input.id, now))) return { ok: false, message: `TAXII key ${input.id} (${key.label}) was revoked before.` };
    await tx.audit.append([{ action: "taxii.key_revoked", actor: input.actor, subject: `recipient:${key.recipientId}`, details: { key: key.id, label: key.label } }], now);
    return { ok: true, message: `TAXII key ${input.id} (${key.label}, for ${key.recipientId}) is revoked.` };
  });
}

/**
 * Whose key was presented: the key and its recipient, when the key is known, not revoked, and
 * its recipient is still in the directory in force (a recipient taken out of it pulls nothing).
 */
export async function keyHolder(store: Pick<Store, "taxiiKeys" | "directory">, presented: string): Promise<KeyHolder | undefined> {
  if (!presented.startsWith(KEY_PREFIX)) return undefined;
  const key = await store.taxiiKeys.byHash(keyDigest(presented));
  if (!key || key.revokedAt) return undefined;
  const recipient = (await store.directory.current())?.directory.recipients.find((r) => r.id === key.recipientId);
  return recipient && { key, recipient };
}
