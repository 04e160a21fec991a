import { createHash } from "node:crypto";
import { authorise } from "../access/policy.js";
import { PARTIES, isPartyCode, type PartyCode } from "../covenant/parties.js";
import type { Directory, Member } from "../directory/types.js";
import type { AuditEvent } from "../audit/chain.js";
import type { Clock, ItemReads, Store, StoredItem } from "../ports.js";
import { exportCsv } from "./export/export-csv.js";
import { exportMisp } from "./export/export-misp.js";
import { exportStix } from "./export/export-stix.js";
import type { FileFormat } from "./types.js";

const PAGE = 5000;

/**
 * Art 5.2: supplying data does not take it away from the supplier. A member of a supplying party
 * exports what their party supplied — the current version of each item — as STIX 2.1, a MISP
 * event or CSV. The text is streamed page by page; when it is complete, one audit entry records
 * the count and the SHA-256 of exactly what was written.
 */
export async function* exportPartyItems(
  deps: { store: Store; clock: Clock },
  request: { member: Member; directory: Directory; format: FileFormat },
): AsyncGenerator<string> {
  const { store, clock } = deps;
  const { member, directory, format } = request;
  const denied = authorise(member, "submit", { now: clock.now(), screeningValidityYears: directory.covenant.screeningValidityYears });
  if (denied || !isPartyCode(member.party)) {
    const code = denied?.code ?? "access.party_does_not_supply";
    await store.transaction((tx) => tx.audit.append([{ action: "access.refused", actor: member.id, subject: "command:export", details: { code } }], clock.now()));
    throw new Error(denied?.message ?? "Only members of a supplying party can export its data.");
  }
  const party: PartyCode = member.party;
  const exported = partyExport(store.items, party, format, clock.now());
  yield* exported.chunks;
  await store.transaction((tx) => tx.audit.append([exportedEvent(member.id, party, format, exported.done())], clock.now()));
}

/** A party's current items as the text of one file, read a page at a time from `items`. */
export function partyExport(items: Pick<ItemReads, "currentPage">, party: PartyCode, format: FileFormat, exportedAt: Date) {
  const digest = createHash("sha256");
  let count = 0;
  async function* all(): AsyncGenerator<StoredItem> {
    for (let after = 0; ; ) {
      const page = await items.currentPage(party, after, PAGE);
      if (page.length === 0) return;
      for (const item of page) {
        count++;
        yield item;
      }
      after = page[page.length - 1].id;
    }
  }
  async function* chunks(): AsyncGenerator<string> {
    for await (const chunk of render(format, all(), { party, exportedAt })) {
      digest.update(chunk);
      yield chunk;
    }
  }
  return {
    chunks: chunks(),
    /** After the last chunk: how many items, and the SHA-256 of exactly what was written. */
    done: () => ({ items: count, sha256: digest.digest("hex") }),
  };
}

/** The one audit entry of an export: the count, and the SHA-256 of exactly what was written. */
export const exportedEvent = (actor: string, party: PartyCode, format: FileFormat, result: { items: number; sha256: string }, via?: string): AuditEvent => ({
  action: "indicators.exported",
  actor,
  subject: `party:${party}`,
  details: { format, items: result.items, sha256: result.sha256, ...(via ? { via } : {}) },
});

function render(format: FileFormat, all: AsyncGenerator<StoredItem>, context: { party: PartyCode; exportedAt: Date }): AsyncGenerator<string> {
  const name = `${context.party} items`;
  if (format === "stix") return exportStix(all, { partyName: PARTIES[context.party].name, exportedAt: context.exportedAt, bundleName: name });
  if (format === "misp") return exportMisp(all, { info: `CIIC: indicators supplied by ${context.party}`, exportedAt: context.exportedAt, eventName: name });
  return exportCsv(all);
}
