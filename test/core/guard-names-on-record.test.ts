import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "../../src/core/indicators/index.js";
import type { Store } from "../../src/core/ports.js";
import { openStore } from "../../src/storage/database.js";
import { freshSqliteUrl } from "../support/databases.js";
import { namedIn } from "../support/guard-store.js";
import { newItem } from "../support/new-item.js";

/**
 * Art 7.2: a submission no longer takes a name whose top-level label is in no use (a file name
 * such as "payload.exe"), but records made before may hold one. The guard looks for what is on
 * record, so it still finds them however a text writes them. Real SQLite.
 */
let store: Store;
beforeAll(async () => {
  store = await openStore(freshSqliteUrl());
  // Straight into the store, as a submission stored them before.
  await store.transaction((tx) =>
    tx.items.insert([newItem("domain", "payload.exe", "AIVD"), newItem("url", "http://dl.payload.exe/x", "AIVD"), newItem("email", "bob@report.docx", "AIVD")]),
  );
});
afterAll(async () => store.close());

describe("names on record whose top-level label a submission no longer takes", () => {
  it("are not taken as domains when typed", () => {
    expect(["payload.exe", "http://dl.payload.exe/x", "bob@report.docx"].map((v) => classify(v).ok)).toEqual([false, false, false]);
  });

  it("are still found in a text, as written and defanged", async () => {
    expect(await namedIn(store, "seen at PAYLOAD[.]exe and hxxp://dl.payload.exe/x, mail from bob@report.docx")).toEqual(
      expect.arrayContaining(["payload.exe", "http://dl.payload.exe/x", "bob@report.docx"]),
    );
  });
});
