import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findData } from "../../src/core/guard/find-data.js";
import type { Store } from "../../src/core/ports.js";
import { newItem } from "../support/new-item.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";

/** The Art 7.2 guard's one question to the store, on each real database. */
describe.each(DATABASE_KINDS)("records a text names, on %s", (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const db = await freshDatabaseUrl(kind);
    drop = db.drop;
    store = await openStore(db.url);
    const rows = [
      newItem("domain", "mivd-only.example", "MIVD"),
      newItem("domain", "shared.example", "AIVD"),
      newItem("domain", "shared.example", "NCSC"),
      newItem("url", "https://aivd-url.example/login", "AIVD"),
      newItem("url", "https://aivd-url.example:8443/Admin/Panel?id=4", "AIVD"),
      newItem("url", "https://aivd-url.example.evil/x", "Politie"),
      newItem("ipv6", "2001:db8::1", "NCSC"),
      newItem("ipv4", "203.0.113.9", "Politie"),
      newItem("domain", "gone.example", "AIVD"),
    ];
    const inserted = await store.transaction((tx) => tx.items.insert(rows));
    for (const i of inserted) ids[`${i.party}:${i.value}`] = i.id;
    await store.transaction((tx) => tx.retention.removeItem(ids["AIVD:gone.example"], new Date("2026-11-20T10:00:00Z")));
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  const named = async (text: string) => {
    const found = await findData(store, text);
    if (found.tooMany) throw new Error("too many");
    return found.mentions.map((m) => `${m.said} ${m.owners.join("+")}`).sort();
  };

  it("finds values as written in prose, with every party that holds them", async () => {
    expect(await named("same actor as mivd-only.example's C2, and shared[.]example")).toEqual(["mivd-only.example MIVD", "shared.example AIVD+NCSC"]);
    expect(await named("see 2001:0DB8:0:0::0001 and [2001:db8::1]:443, also 203.0.113.9:22")).toEqual(["2001:db8::1 NCSC", "203.0.113.9 Politie"]);
  });

  it("finds stored URLs named without their scheme, in another case, deeper, with a port or a query", async () => {
    expect(await named("the panel at aivd-url.example/login/step2 was up")).toEqual(["https://aivd-url.example/login AIVD"]);
    expect(await named("AIVD-URL.EXAMPLE/admin/panel?id=4")).toEqual(["https://aivd-url.example:8443/Admin/Panel?id=4 AIVD"]);
    // Another host that merely begins like it, and a shorter path, are not the stored URL.
    expect(await named("aivd-url.example.evil/y and aivd-url.example/log")).toEqual([]);
  });

  it("finds item ids, and passes over what was removed at a retention review", async () => {
    const mivd = ids["MIVD:mivd-only.example"];
    expect(await named(`as in I\u2011${mivd} and gone.example, I-${ids["AIVD:gone.example"]}`)).toEqual([`I-${mivd} MIVD`]);
  });
});
