import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewItem, Store } from "../../src/core/ports.js";
import { relatedRecords } from "../../src/core/relations/related.js";
import { openStore } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { newItem } from "../support/new-item.js";
import { rawSql } from "../support/raw-sql.js";

/**
 * A copy of the database without the master key (issue 17): on each real database, every table's
 * every column as stored holds none of the cell's values, their supplied forms, sources or notes,
 * nor the clear relation keys — while the store finds, compares and relates them as before.
 */
const with_ = (item: NewItem, extra: Partial<NewItem>): NewItem => ({ ...item, ...extra });
const ITEMS: NewItem[] = [
  with_(newItem("ipv4-cidr", "10.61.0.0/16", "AIVD"), { sourceRef: "operation north-lantern", note: "seen at the border routers" }),
  newItem("ipv4", "10.61.7.9", "MIVD"),
  newItem("ipv6", "2001:db8:61::7", "NCSC"),
  newItem("domain", "sealed-rows.example", "AIVD"),
  newItem("domain", "deep.sealed-rows.example", "MIVD"),
  with_(newItem("url", "https://login.sealed-rows.example/panel", "NCSC"), { supplied: "https://LOGIN.Sealed-Rows.example/panel" }),
  newItem("email", "Someone@sealed-rows.example", "Politie"),
  with_(newItem("md5", "0cc175b9c0f1b6a831c399e269772661", "AIVD"), { sameFile: "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb" }),
  with_(newItem("sha256", "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", "AIVD"), { sameFile: "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb" }),
];
/** What must not be readable in the copy: the values (as typed and in their parts), supplied forms, texts, and the clear keys. */
const SECRETS = [
  "10.61.",
  "2001:db8:61",
  "sealed-rows",
  "Sealed-Rows",
  "someone@",
  "0cc175b9c0f1b6a8",
  "ca978112ca1bbdca",
  "north-lantern",
  "border routers",
  "0a3d0000",
  "0a3d0709",
  "example.sealed-rows",
];

describe.each(DATABASE_KINDS)("item rows sealed at rest, on %s", (kind) => {
  let store: Store;
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ url, drop } = await freshDatabaseUrl(kind));
    store = await openStore(url);
    await store.transaction((tx) => tx.items.insert(ITEMS));
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it("keeps no value, supplied form, source, note or clear key in any table", async () => {
    const raw = await rawSql(kind, url);
    try {
      const tables =
        kind === "sqlite"
          ? await raw.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
          : await raw.all<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`);
      expect(tables.map((t) => t.name)).toContain("Item");
      let written = "";
      for (const { name } of tables) written += JSON.stringify(await raw.all(`SELECT * FROM "${name}"`));
      for (const secret of SECRETS) expect(written, secret).not.toContain(secret);
    } finally {
      await raw.end();
    }
  });

  it("finds, compares and relates the values as before", async () => {
    const [url_] = await store.items.byValue("url", "https://login.sealed-rows.example/panel");
    expect(url_).toMatchObject({ party: "NCSC", supplied: "https://LOGIN.Sealed-Rows.example/panel" });
    const [range] = await store.items.byValue("ipv4-cidr", "10.61.0.0/16");
    expect(range).toMatchObject({ sourceRef: "operation north-lantern", note: "seen at the border routers" });
    expect(await store.items.suppliersOf([{ type: "domain", value: "sealed-rows.example" }])).toEqual([{ type: "domain", value: "sealed-rows.example", party: "AIVD" }]);
    const [md5] = await store.items.byValue("md5", "0cc175b9c0f1b6a831c399e269772661");
    expect(md5.sameFile).toBe("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");

    const related = async (type: NewItem["type"], value: string) =>
      (await relatedRecords(store.items, { type, value })).records.map((r) => [r.record.value, r.relation]).sort();
    expect(await related("ipv4", "10.61.7.9")).toEqual([["10.61.0.0/16", "range_holds_address"]]);
    expect((await related("domain", "sealed-rows.example")).map(([v]) => v)).toEqual(
      ["Someone@sealed-rows.example", "deep.sealed-rows.example", "https://login.sealed-rows.example/panel"].sort(),
    );
    expect((await related("md5", "0cc175b9c0f1b6a831c399e269772661")).map(([v]) => v)).toContain("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");

    // The guard's one question finds a URL by its host and an e-mail address in any case.
    const named = await store.items.named({ values: [], urlPrefixes: ["https://login.sealed-rows.example"], emails: ["someone@sealed-rows.example"], itemIds: [] });
    expect(named.map((r) => r.value).sort()).toEqual(["Someone@sealed-rows.example", "https://login.sealed-rows.example/panel"]);
  });
});
