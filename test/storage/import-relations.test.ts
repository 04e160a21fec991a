import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService, type CommandService } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import { importFile } from "../../src/core/formats/import-file.js";
import type { Store } from "../../src/core/ports.js";
import { DATABASE_KINDS, storeWithDirectory } from "../support/databases.js";
import { textOf } from "../support/reply-text.js";
import { testClock } from "../support/test-clock.js";

/**
 * Related indicators through whole files (issue 15, Art 6.1), on both real databases: an import
 * tells the analyst how many of its values relate to other parties' records, and a file object's
 * hashes (MISP FALLCHILL: MD5 and SHA-1 of each of two files) relate a later submission of one
 * hash to the others.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const FALLCHILL = "test/fixtures/public/misp/pymisp_osint_hidden_cobra_fallchill.json";
const AIVD_ANALYST = "UAIVDAN01";
const NCSC_ANALYST = "UNCSCAN01";

describe.each(DATABASE_KINDS)("imports and related records on %s (real database)", (kind) => {
  let store: Store;
  let service: CommandService;
  let close: () => Promise<void>;
  const clock = testClock("2026-12-01T09:00:00Z");
  const dir = mkdtempSync(join(tmpdir(), "ciic-import-relations-"));
  let serial = 0;
  const as = (userId: string, text: string) => service.handle({ platform: "slack", userId, requestKey: `slack:test:${kind}:${++serial}`, command: parseCommandText(text), text });
  const importAs = async (slack: string, path: string, format: "misp" | "csv") => {
    const record = (await store.directory.current())!;
    const member = record.directory.members.find((m) => m.accounts.slack === slack)!;
    return importFile({ store, clock }, { member, directory: record.directory, format, path, fileName: path.split("/").pop()!, via: "slack:/ciic import" });
  };

  beforeAll(async () => {
    ({ store, close } = await storeWithDirectory(kind, DIRECTORY, clock));
    service = createCommandService({ store, clock });
  });
  afterAll(() => close());

  it("a later submission of one hash of a file object is told of the file's other hash, whoever supplied it", async () => {
    const path = join(dir, "fallchill.json");
    copyFileSync(FALLCHILL, path);
    expect(await importAs(AIVD_ANALYST, path, "misp")).toMatchObject({ ok: true, stored: 105 });
    const text = textOf(await as(NCSC_ANALYST, "submit e48fe20eb1f5a5887f2ac631fed9ed63"));
    expect(text).toContain("1 of these indicators relates to records other parties supplied");
    expect(text).toContain("e48fe20eb1f5a5887f2ac631fed9ed63: AIVD (another hash of the same file f83f30bd284074d1daaf2e262a280ca780791f2c)");
    const lookup = textOf(await as(NCSC_ANALYST, "lookup 5ee752a1b2bcdb84243e615cd67397d965b16490"));
    expect(lookup).toMatch(/I-\d+ AIVD md5 1216da2b3d6e64075e8434be1058de06 — another hash of the same file/);
  });

  it("an import says how many of its values relate to other parties' records, and whose", async () => {
    const path = join(dir, "related.csv");
    await as(AIVD_ANALYST, "submit 10.0.0.0/8");
    // 98.101.211.0/24 holds an address of FALLCHILL (AIVD), AIVD's 10.0.0.0/8 holds 10.20.30.40
    // (the import asks only for the range lengths on file); evil-x.example relates to nothing.
    writeFileSync(path, "indicator\n98.101.211.0/24\nevil-x.example\n10.20.30.40\n");
    const outcome = await importAs(NCSC_ANALYST, path, "csv");
    expect(outcome).toMatchObject({ ok: true, stored: 3, related: { indicators: 2, parties: ["AIVD"] } });
  });

  it("finds another party's record below a value however many of the member's own party's lie beside it", async () => {
    // The records below a value are read up to a limit (BELOW_LIMIT, in the order of their keys);
    // when the party's own records counted towards it, another party's one subdomain among a
    // thousand of the member's own was missed more often than found.
    const own = join(dir, "own-subdomains.csv");
    const lines = ["indicator"];
    for (let n = 1; n <= 1000; n++) lines.push(`h${n}.wide-a.example`, `h${n}.wide-b.example`);
    writeFileSync(own, `${lines.join("\n")}\n`);
    expect(await importAs(NCSC_ANALYST, own, "csv")).toMatchObject({ ok: true, stored: 2000 });
    expect(textOf(await as(AIVD_ANALYST, "submit zz.wide-a.example zz.wide-b.example"))).toContain("Stored 2");

    const parent = join(dir, "parent.csv");
    writeFileSync(parent, "indicator\nwide-a.example\n");
    expect(await importAs(NCSC_ANALYST, parent, "csv")).toMatchObject({ ok: true, stored: 1, related: { indicators: 1, parties: ["AIVD"] } });
    const reply = textOf(await as(NCSC_ANALYST, "submit wide-b.example"));
    expect(reply).toContain("wide-b.example: AIVD (a subdomain of this domain zz.wide-b.example)");
    // Only other parties' records are named to the member: never their own party's.
    expect(reply).not.toContain("NCSC (");
  });
});
