import type { AuditEntry } from "../../core/audit/chain.js";
import type { Extracted } from "../../core/guard/extract.js";
import type { DataProbe, NamedRecord } from "../../core/ports.js";
import type { HotQueries } from "../hot-queries.js";
import type { OwnText, TextSealer } from "./text-sealer.js";
import type { ItemCipher } from "./item-cipher.js";
import { isSealed, mapStrings, stringsIn } from "./sealed-text.js";

/** IN-lists stay well below both databases' bound-parameter limits. */
const CHUNK = 500;

/**
 * Sealing bound to one database handle (a transaction, or the store outside one): what the
 * repositories call to seal a text before they write it and to open it after they read it.
 */
export interface Sealing {
  /** The items' rows: their tokens, blinded keys and sealed texts (item-cipher.ts). */
  readonly items: ItemCipher;
  sealJson(texts: readonly string[]): Promise<string[]>;
  sealValues<T>(values: readonly T[], generated?: readonly boolean[]): Promise<T[]>;
  /** One free text sealed as sealValues would (null and undefined stay as they are). */
  sealText<T extends string | null | undefined>(text: T): Promise<T>;
  openJson(texts: readonly string[]): Promise<string[]>;
  /** A value read (objects, arrays, strings; Dates kept) with every sealed string in it opened. */
  openDeep<T>(value: T): Promise<T>;
  /** The repository with what its methods answer opened (openDeep): the core never sees a sealed text. */
  opened<T extends object>(repository: T): T;
  /** Audit rows as read, each with `readable`: its details opened. */
  readableEntries(rows: readonly Omit<AuditEntry, "readable">[]): Promise<AuditEntry[]>;
}

export function sealingFor(
  sealer: TextSealer,
  hot: Pick<HotQueries, "namedRecords" | "itemNonces">,
  transaction?: {
    ownTexts: ReadonlyMap<string, OwnText>;
    destroyedTexts: ReadonlySet<string>;
    readRecords: ReadonlyMap<string, readonly NamedRecord[]>;
    extracted: ReadonlyMap<string, Extracted>;
    /** The nonces of the items the transaction read or stored (sealed-items.ts): only the others are looked up. */
    nonces: ReadonlyMap<number, string>;
  },
): Sealing {
  const reads = {
    items: { named: (probe: DataProbe) => hot.namedRecords(probe) },
    // Read at each call: a transaction's notes are made anew for each (prisma-store.ts).
    get ownTexts() {
      return transaction?.ownTexts;
    },
    get destroyedTexts() {
      return transaction?.destroyedTexts;
    },
    get readRecords() {
      return transaction?.readRecords;
    },
    get extracted() {
      return transaction?.extracted;
    },
    async nonces(itemIds: readonly number[]) {
      const out = new Map<number, string>();
      const unknown: number[] = [];
      for (const id of itemIds) {
        const known = transaction?.nonces.get(id);
        if (known) out.set(id, known);
        else unknown.push(id);
      }
      for (let i = 0; i < unknown.length; i += CHUNK) {
        for (const r of await hot.itemNonces(unknown.slice(i, i + CHUNK))) if (r.keyNonce) out.set(r.id, r.keyNonce);
      }
      return out;
    },
  };
  async function openDeep<T>(value: T): Promise<T> {
    const sealed = stringsIn(value).filter(isSealed);
    if (sealed.length === 0) return value;
    const opened = await sealer.openJsonTexts(sealed.map((s) => JSON.stringify(s)), reads);
    const byText = new Map(sealed.map((s, n) => [s, JSON.parse(opened[n]) as string]));
    return mapStrings(value, (s) => byText.get(s) ?? s) as T;
  }
  return {
    items: sealer.items,
    openDeep,
    opened<T extends object>(repository: T): T {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(repository)) {
        out[name] =
          typeof member === "function"
            ? (...args: unknown[]) => {
                const answer: unknown = member.apply(repository, args);
                return answer instanceof Promise ? answer.then(openDeep) : answer;
              }
            : member;
      }
      return out as T;
    },
    sealJson: (texts) => sealer.sealJsonTexts(texts, reads),
    sealValues: (values, generated) => sealer.sealValues(values, reads, generated),
    sealText: async (text) => (typeof text === "string" ? (await sealer.sealValues([text], reads))[0] : text),
    openJson: (texts) => sealer.openJsonTexts(texts, reads),
    async readableEntries(rows) {
      const readable = await sealer.openJsonTexts(rows.map((r) => r.details), reads);
      return rows.map((r, n) => ({ ...r, readable: readable[n] }));
    },
  };
}
