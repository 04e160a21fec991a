import type { PartyCode } from "../covenant/parties.js";
import type { ItemReads, StoredItem } from "../ports.js";
import type { DisclosureRequest } from "./types.js";

/**
 * The items a request would release — all of them, or only one party's (what that party's
 * liaison may be shown, Art 7.2) — in id order.
 */
export async function itemsOfRequest(items: ItemReads, request: DisclosureRequest, party?: PartyCode): Promise<StoredItem[]> {
  const wanted = request.items.filter((i) => !party || i.party === party);
  const found = await Promise.all(wanted.map((i) => items.byId(i.itemId)));
  return found.filter((i): i is StoredItem => i !== undefined);
}
