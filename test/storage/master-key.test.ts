import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, rotateMasterKey, sqlitePath } from "../../src/storage/database.js";
import { newMasterKeyText, parseMasterKey } from "../../src/storage/sealing/cell-keys.js";
import { KeyringError } from "../../src/storage/sealing/keyring.js";
import { DATABASE_KINDS, freshDatabaseUrl, freshSqliteUrl } from "../support/databases.js";

/**
 * The master key (issue 17): it wraps the database's keys from outside the database, a key that
 * does not open them stops the start with what to do, and a rotation re-wraps them so that the
 * data written before read as before under the new key.
 */
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});
async function fresh(kind: (typeof DATABASE_KINDS)[number]) {
  const { url, drop } = await freshDatabaseUrl(kind);
  drops.push(drop);
  return url;
}

/** Runs `work` with the environment's key settings replaced, as an operator sets them. */
async function withKeySettings<T>(settings: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = { CIIC_MASTER_KEY: process.env.CIIC_MASTER_KEY, CIIC_MASTER_KEY_FILE: process.env.CIIC_MASTER_KEY_FILE };
  for (const [name, value] of Object.entries({ CIIC_MASTER_KEY: undefined, CIIC_MASTER_KEY_FILE: undefined, ...settings })) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const append = async (url: string, text: string, key?: ReturnType<typeof parseMasterKey>) => {
  const store = await openStore(url, key ? { masterKey: key } : {});
  await store.transaction((tx) => tx.audit.append([{ action: "test.noted", actor: "tester", details: { text } }], new Date()));
  await store.close();
};
const lastReadable = async (url: string, key?: ReturnType<typeof parseMasterKey>) => {
  const store = await openStore(url, key ? { masterKey: key } : {});
  try {
    return (await store.audit.latest(1))[0].readable;
  } finally {
    await store.close();
  }
};

describe.each(DATABASE_KINDS)("the master key on %s (issue 17)", (kind) => {
  it("refuses to open a database with another master key, naming both keys, and changes nothing", async () => {
    const url = await fresh(kind);
    const first = parseMasterKey(newMasterKeyText());
    const other = parseMasterKey(newMasterKeyText());
    await append(url, "seen at 192.0.2.44", first);
    const refused = await openStore(url, { masterKey: other }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(KeyringError);
    expect((refused as Error).message).toContain(first.fingerprint);
    expect((refused as Error).message).toContain(other.fingerprint);
    expect(await lastReadable(url, first)).toContain("192.0.2.44");
  });

  it("re-wraps the keys under a new master key: what was written before reads the same, the old key no longer opens them", async () => {
    const url = await fresh(kind);
    await append(url, "seen at 192.0.2.45");
    const next = parseMasterKey(newMasterKeyText());
    const turned = await rotateMasterKey(url, next);
    expect(turned).toEqual({ from: parseMasterKey(process.env.CIIC_MASTER_KEY!).fingerprint, to: next.fingerprint });
    expect(await lastReadable(url, next)).toContain("192.0.2.45");
    await expect(openStore(url)).rejects.toThrow(KeyringError);
  });
});

describe("the master key's settings", () => {
  it("makes a key file beside a new SQLite database, readable by its owner only, and uses it from then on", async () => {
    const url = freshSqliteUrl();
    const file = `${sqlitePath(url)}.master-key`;
    let made: string | undefined;
    await withKeySettings({}, async () => {
      const store = await openStore(url, { onKeys: (opened) => (made = opened.createdKeyFile) });
      await store.close();
    });
    expect(made).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = parseMasterKey(readFileSync(file, "utf8"));
    await withKeySettings({}, () => append(url, "seen at 192.0.2.46"));
    expect(await lastReadable(url, key)).toContain("192.0.2.46");
  });

  it("refuses a database that has keys when no key is set and the file beside it is gone, saying what to set", async () => {
    const url = freshSqliteUrl();
    await append(url, "seen at 192.0.2.47");
    expect(existsSync(`${sqlitePath(url)}.master-key`)).toBe(false);
    await withKeySettings({}, () => expect(openStore(url)).rejects.toThrow(/no master key is set.*CIIC_MASTER_KEY_FILE/s));
  });

  it("reads the key from CIIC_MASTER_KEY_FILE, and refuses a file that holds no key", async () => {
    const url = freshSqliteUrl();
    const file = `${sqlitePath(url)}.elsewhere.key`;
    writeFileSync(file, `${process.env.CIIC_MASTER_KEY}\n`);
    await withKeySettings({ CIIC_MASTER_KEY_FILE: file }, () => append(url, "seen at 192.0.2.48"));
    expect(await lastReadable(url)).toContain("192.0.2.48");
    writeFileSync(file, "not a key\n");
    await withKeySettings({ CIIC_MASTER_KEY_FILE: file }, () => expect(openStore(url)).rejects.toThrow(/not usable.*32 random bytes/s));
  });

  it("asks for the key on PostgreSQL instead of making one", async () => {
    const url = await fresh("postgres");
    await withKeySettings({}, () => expect(openStore(url)).rejects.toThrow(/On PostgreSQL set CIIC_MASTER_KEY_FILE/));
  });
});
