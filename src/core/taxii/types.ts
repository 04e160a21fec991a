import type { DisclosureRequest, Recipient } from "../disclosure/types.js";

/**
 * A recipient system's key to pull what was released to that recipient over TAXII 2.1
 * (adapters/taxii). Read-only by design; revocable. Only a digest of the key is stored.
 */
export interface TaxiiKey {
  id: number;
  recipientId: string;
  /** What the administrator called it, e.g. "NCSC SOC MISP". */
  label: string;
  createdAt: Date;
  /** Who made it: "cli:<user>". */
  createdBy: string;
  revokedAt: Date | null;
}

/** Who presented a key: the key, and the recipient it was made for (keys.ts, keyHolder). */
export interface KeyHolder {
  key: TaxiiKey;
  recipient: Recipient;
}

export interface TaxiiKeyReads {
  /** The key whose SHA-256 (hex) this is, revoked or not. */
  byHash(keyHash: string): Promise<TaxiiKey | undefined>;
  /** Every key ever made, oldest first. */
  list(): Promise<TaxiiKey[]>;
}

export interface TaxiiKeyWrites {
  create(key: Omit<TaxiiKey, "id" | "revokedAt"> & { keyHash: string }): Promise<TaxiiKey>;
  /** False when there is no such key or it was revoked before. */
  revoke(id: number, at: Date): Promise<boolean>;
}

/** A released request with its record of provision (Wiv 2017), as a recipient may pull it. */
export interface Release {
  request: DisclosureRequest;
  provisionId: number;
  releasedAt: Date;
}
