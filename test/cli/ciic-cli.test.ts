import { existsSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/ciic.js";
import { sqlitePath } from "../../src/storage/database.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";

/** Runs the CLI in-process with DATABASE_URL set, capturing what it prints. */
async function ciic(url: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write: (chunk, _e, done) => (into.push(chunk.toString()), done()) });
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    const code = await runCli(args, sink(out) as never, sink(err) as never);
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

/** Changes the audit table behind the bot's back, as an intruder with database access would. */
async function tamper(url: string, sql: string) {
  if (url.startsWith("file:")) {
    const db = new Database(sqlitePath(url));
    db.exec(sql);
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  }
}

const tmp = mkdtempSync(join(tmpdir(), "ciic-cli-"));
const good = readFileSync("test/fixtures/directory.yml", "utf8");

describe.each(DATABASE_KINDS)("the ciic command-line tool on %s", (kind) => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  const database = async () => {
    const { url, drop } = await freshDatabaseUrl(kind);
    drops.push(drop);
    return url;
  };

  it("loads a directory, refuses a bad one naming file, line and reason, and keeps the previous one in force", async () => {
    const url = await database();
    const goodFile = join(tmp, `good-${kind}.yml`);
    writeFileSync(goodFile, good);
    expect(await ciic(url, "directory", "load", goodFile)).toMatchObject({ code: 0, out: expect.stringContaining("in force as version 1 (14 members)") });

    const badFile = join(tmp, `bad-${kind}.yml`);
    writeFileSync(
      badFile,
      good
        .replace("party: NCSC\n    roles: [analyst]", "party: NCSC\n    roles: [analyst, wizard]")
        .replace("party: OM\n    roles: [liaison, coordinator]", "party: OM\n    roles: [analyst]"),
    );
    const refused = await ciic(url, "directory", "load", badFile);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("the directory in force is unchanged");
    expect(refused.err).toMatch(/:\d+: members\[1\]\.roles\[1\]: must be one of/);
    expect(refused.err).toMatch(/:\d+: members\[3\]\.roles: OM designates no staff .*\(Art 4\.1\)/);

    expect((await ciic(url, "directory", "show")).out).toContain("Version 1");
    expect(await ciic(url, "directory", "load", goodFile)).toMatchObject({ code: 0, out: expect.stringContaining("already in force as version 1") });
    const tail = await ciic(url, "audit", "tail", "5");
    expect(tail.out).toContain("directory.refused");
    expect(tail.out).toContain("directory.unchanged");
  });

  it("verifies the audit chain and names the first entry that was altered", async () => {
    const url = await database();
    const file = join(tmp, `dir-${kind}.yml`);
    writeFileSync(file, good);
    for (let i = 0; i < 3; i++) await ciic(url, "directory", "load", file);
    const intact = await ciic(url, "audit", "verify");
    expect(intact).toMatchObject({ code: 0, out: expect.stringMatching(/Audit log intact: 3 entries, head [0-9a-f]{64}/) });

    await tamper(url, `UPDATE "AuditEntry" SET "actor" = 'someone-else' WHERE "seq" = 2`);
    const broken = await ciic(url, "audit", "verify");
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("entry 2 was altered");
  });

  it("notices entries cut from the end and an entry removed from the middle", async () => {
    const url = await database();
    const file = join(tmp, `cut-${kind}.yml`);
    writeFileSync(file, good);
    for (let i = 0; i < 4; i++) await ciic(url, "directory", "load", file);
    await tamper(url, `DELETE FROM "AuditEntry" WHERE "seq" = 4`);
    expect((await ciic(url, "audit", "verify")).err).toContain("entries 4 to 4 were removed from the end");
    await tamper(url, `DELETE FROM "AuditEntry" WHERE "seq" = 2`);
    expect((await ciic(url, "audit", "verify")).err).toContain("entry 2 is missing");
  });

  it("makes, lists and revokes TAXII keys for recipients in the directory; the key is printed once and stored as a digest only", async () => {
    const url = await database();
    const file = join(tmp, `taxii-${kind}.yml`);
    writeFileSync(file, good);
    await ciic(url, "directory", "load", file);
    const made = await ciic(url, "taxii", "key", "add", "water-oost", "--label", "Waterbedrijf Oost SOC");
    expect(made.code).toBe(0);
    const key = made.out.match(/ciic_taxii_[A-Za-z0-9_-]{43}/)![0];
    expect(made.out).toContain("TAXII key 1 for water-oost (Waterbedrijf Oost SOC)");
    expect(made.out).toContain("/taxii2/ciic/");
    const unknown = await ciic(url, "taxii", "key", "add", "the-press");
    expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining('No recipient "the-press" is in the directory in force (recipients: ncsc-ops, water-oost)') });
    const listed = await ciic(url, "taxii", "keys");
    expect(listed.out).toMatch(/^1\twater-oost\tWaterbedrijf Oost SOC\tmade .* by cli:\S+\tin force$/m);
    expect(listed.out).not.toContain(key);
    expect(await ciic(url, "taxii", "key", "revoke", "1")).toMatchObject({ code: 0, out: expect.stringContaining("TAXII key 1 (Waterbedrijf Oost SOC, for water-oost) is revoked.") });
    expect(await ciic(url, "taxii", "key", "revoke", "1")).toMatchObject({ code: 1, err: expect.stringContaining("was revoked before") });
    expect((await ciic(url, "taxii", "keys")).out).toMatch(/\trevoked \d{4}-/);
    // The audit log names the key by number and label, never the key itself.
    const tail = await ciic(url, "audit", "tail", "3");
    expect(tail.out).toContain("taxii.key_issued");
    expect(tail.out).toContain("taxii.key_revoked");
    expect(tail.out).not.toContain(key);
    expect((await ciic(url, "taxii", "nonsense")).code).toBe(2);
  });

  it("explains its usage on a wrong call", async () => {
    const url = await database();
    const res = await ciic(url, "frobnicate");
    expect(res.code).toBe(2);
    expect(res.err).toContain("ciic directory load <file>");
  });
});

describe("the ciic command-line tool on a SQLite file that is not there", () => {
  it("reads nothing and makes nothing, and says which file it looked for and how to name the right one", async () => {
    const url = `file:${join(tmp, "not-here", "ciic.db")}`;
    for (const args of [["audit", "verify"], ["audit", "tail"], ["directory", "show"], ["report"], ["export", "--as", "slack:U0AIVD001", "--format", "csv"], ["oversight", "export", join(tmp, "archive.jsonl")], ["keys", "check"]]) {
      const { code, out, err } = await ciic(url, ...args);
      expect(code, args.join(" ")).toBe(2);
      expect(out).toBe("");
      expect(err).toContain(`There is no database at ${sqlitePath(url)}`);
      expect(err).toContain("ciic directory load <file>");
      expect(existsSync(sqlitePath(url)), args.join(" ")).toBe(false);
      expect(existsSync(`${sqlitePath(url)}.master-key`)).toBe(false);
    }
    // A new master key needs no database.
    expect(await ciic(url, "keys", "new")).toMatchObject({ code: 0 });
    expect(existsSync(sqlitePath(url))).toBe(false);
    // Loading a directory is how a new cell's database begins.
    const file = join(tmp, "first.yml");
    writeFileSync(file, good);
    mkdirSync(join(tmp, "not-here"), { recursive: true });
    expect(await ciic(url, "directory", "load", file)).toMatchObject({ code: 0 });
    expect(await ciic(url, "audit", "verify")).toMatchObject({ code: 0, out: expect.stringContaining("Audit log intact") });
  });
});

describe("the example files the README imports", () => {
  it("are imported whole for the example directory's AIVD analyst, and a member id without its platform is pointed to the right one", async () => {
    const { url, drop } = await freshDatabaseUrl("sqlite");
    try {
      expect(await ciic(url, "directory", "load", "examples/directory.yml")).toMatchObject({ code: 0 });
      // A new cell has nothing in the last full quarter, which the report shows by default: it says where to look.
      const report = await ciic(url, "report");
      expect(report.code).toBe(0);
      expect(report.err).toMatch(/^Nothing was supplied or requested in \d{4}-Q\d, the last full quarter .* ciic report \d{4}-\d{2} \(this month\)/);
      for (const [file, stored] of [["examples/bundle.json", 5], ["examples/event.json", 4], ["examples/feed.csv", 3]] as const) {
        const { code, out } = await ciic(url, "import", file, "--as", "slack:U0AIVD001");
        expect(code, file).toBe(0);
        expect(out, file).toContain(`stored ${stored}, already known 0, repeated in the file 0, refused 0`);
      }
      const { code, err } = await ciic(url, "import", "examples/feed.csv", "--as", "U0AIVD001");
      expect(code).toBe(2);
      expect(err).toContain("--as slack:U0AIVD001");
    } finally {
      await drop();
    }
  });
});
