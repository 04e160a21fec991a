import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { openStore, sqlitePath } from "../../src/storage/database.js";
import { freshSqliteUrl } from "../support/databases.js";

/**
 * When an SQLite commit reaches the disk is the operator's choice (CIIC_SQLITE_SYNCHRONOUS), and
 * the same on a database made now as on one opened again: SQLite's own default would be FULL on
 * the first and NORMAL on the second.
 */
async function openedWith(url: string, setting: string | undefined) {
  const before = process.env.CIIC_SQLITE_SYNCHRONOUS;
  if (setting === undefined) delete process.env.CIIC_SQLITE_SYNCHRONOUS;
  else process.env.CIIC_SQLITE_SYNCHRONOUS = setting;
  try {
    let reported: string | undefined;
    const store = await openStore(url, { onSqlite: ({ synchronous }) => (reported = synchronous) });
    await store.close();
    return reported;
  } finally {
    if (before === undefined) delete process.env.CIIC_SQLITE_SYNCHRONOUS;
    else process.env.CIIC_SQLITE_SYNCHRONOUS = before;
  }
}

describe("CIIC_SQLITE_SYNCHRONOUS", () => {
  it("is normal by default, on a new database and on one opened again", async () => {
    const url = freshSqliteUrl();
    expect(await openedWith(url, undefined)).toBe("normal");
    expect(await openedWith(url, undefined)).toBe("normal");
  });

  it("is full when the operator says so, on a new database and on one opened again, and can go back", async () => {
    const url = freshSqliteUrl();
    expect(await openedWith(url, "full")).toBe("full");
    expect(await openedWith(url, "full")).toBe("full");
    expect(await openedWith(url, "normal")).toBe("normal");
  });

  it("refuses a value it does not know, saying which it takes, and opens nothing", async () => {
    const url = freshSqliteUrl();
    const opening = openedWith(url, "off");
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(openedWith(url, "OFF")).rejects.toThrow("CIIC_SQLITE_SYNCHRONOUS must be normal or full");
    expect(existsSync(sqlitePath(url))).toBe(false);
  });
});
