import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCommandService } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import type { IndicatorType } from "../../src/core/indicators/index.js";
import { knownBenign } from "../../src/core/warninglists/known-benign.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { loadWarninglists } from "../../src/warninglists/load.js";
import { testStores } from "../support/test-store.js";
import { textOf } from "../support/reply-text.js";
import { testClock } from "../support/test-clock.js";
import { readFileSync } from "node:fs";

/** Real stores (SQLite), each closed after its test. */
const newStore = testStores();

/**
 * Known-benign values (issue 15): the MISP warninglists kept in the project flag values an
 * analyst should not chase, with the list's name, on submit and look-up; a flag never refuses.
 */
const { benign, lists, skipped } = loadWarninglists();
const on = (type: IndicatorType, value: string) => benign.listsOf({ type, value });

describe("the built-in warninglists", () => {
  it("are all read", () => {
    expect(skipped).toEqual([]);
    expect(lists.length).toBeGreaterThanOrEqual(20);
  });

  it("hold addresses and ranges (IPv4 and IPv6), a range only when a listed range holds all of it", () => {
    expect(on("ipv4", "8.8.8.8")).toContain("List of known IPv4 public DNS resolvers");
    expect(on("ipv4", "10.20.30.40")).toContain("List of RFC 1918 CIDR blocks");
    expect(on("ipv4-cidr", "10.1.0.0/16")).toContain("List of RFC 1918 CIDR blocks");
    expect(on("ipv4-cidr", "10.0.0.0/7")).not.toContain("List of RFC 1918 CIDR blocks");
    expect(on("ipv6", "2001:db8::1")).toContain("List of RFC 3849 CIDR blocks");
    expect(on("ipv6", "fe80::1")).toEqual(expect.arrayContaining([expect.stringMatching(/link.?local/i)]));
    expect(on("ipv4", "145.97.1.1")).toEqual([]);
  });

  it("hold host names with everything below them, also as a URL's host and an e-mail address's domain", () => {
    expect(on("domain", "google.com")).toContain("Top 10K most-used sites from Tranco");
    expect(on("domain", "mail.google.com")).toContain("Top 10K most-used sites from Tranco");
    expect(on("url", "https://bit.ly/3xYz")).toContain("List of known URL Shorteners domains");
    expect(on("domain", "google.com.evil.example")).toEqual([]);
    expect(on("domain", "notgoogle.com")).not.toContain("Top 10K most-used sites from Tranco");
  });

  it("hold hashes of empty files, and apply each list only to the types it is for", () => {
    expect(on("md5", "d41d8cd98f00b204e9800998ecf8427e")).toContain("List of known hashes for empty files");
    expect(on("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).toContain("List of known hashes for empty files");
    // An address list says nothing of a domain, a domain list nothing of a hash.
    expect(on("domain", "8.8.8.8.example")).toEqual([]);
    expect(on("md5", "0".repeat(32))).toEqual([]);
  });
});

describe("loading warninglists an operator keeps", () => {
  it("takes cidr, string, hostname and substring lists, and leaves out what it cannot read, saying why", () => {
    const folder = mkdtempSync(join(tmpdir(), "ciic-warninglists-"));
    const write = (name: string, content: string) => {
      mkdirSync(join(folder, name));
      writeFileSync(join(folder, name, "list.json"), content);
    };
    write("ours", JSON.stringify({ name: "Our partners' mail hosts", type: "substring", matching_attributes: ["domain"], list: ["partner-mail"] }));
    write("regex", JSON.stringify({ name: "A regex list", type: "regex", matching_attributes: ["domain"], list: ["^x"] }));
    write("broken", "{ not json");
    write("wrong", JSON.stringify({ name: "No list", type: "string" }));
    const loaded = loadWarninglists(folder);
    expect(loaded.lists).toEqual([{ name: "Our partners' mail hosts", entries: 1 }]);
    expect(loaded.benign.listsOf({ type: "domain", value: "smtp.partner-mail.example" })).toEqual(["Our partners' mail hosts"]);
    expect(loaded.skipped.map((s) => s.file.split("/").at(-2))).toEqual(["broken", "regex", "wrong"]);
    expect(loaded.skipped.find((s) => s.file.includes("regex"))?.why).toContain('type "regex" is not read');
    // The operator changes a list: the next start reads it anew (one process may start the bot
    // more than once, and keeps what it read only while no file changed).
    writeFileSync(join(folder, "ours", "list.json"), JSON.stringify({ name: "Our partners' mail hosts", type: "substring", matching_attributes: ["domain"], list: ["partner-mail", "partner-relay"] }));
    const again = loadWarninglists(folder);
    expect(again.lists).toEqual([{ name: "Our partners' mail hosts", entries: 2 }]);
    expect(again.benign.listsOf({ type: "domain", value: "mx.partner-relay.example" })).toEqual(["Our partners' mail hosts"]);
    rmSync(join(folder, "broken"), { recursive: true });
    expect(loadWarninglists(folder).skipped.map((s) => s.file.split("/").at(-2))).toEqual(["regex", "wrong"]);
  });

  it("flags nothing without lists", () => {
    expect(knownBenign([]).listsOf({ type: "ipv4", value: "8.8.8.8" })).toEqual([]);
    expect(loadWarninglists("/nonexistent/folder").skipped).toEqual([{ file: "/nonexistent/folder", why: "no such folder" }]);
  });
});

describe("flags on submit and look-up", () => {
  const directory = readFileSync("test/fixtures/directory.yml", "utf8");
  let n = 0;
  async function cell(language: "en" | "nl") {
    const store = await newStore();
    const clock = testClock("2026-12-01T09:00:00Z");
    await loadDirectory({ store, clock }, { text: directory.replace(/^language: en$/m, `language: ${language}`), source: "directory.yml", actor: "cli:admin" });
    const service = createCommandService({ store, clock, knownBenign: benign });
    const as = (userId: string, text: string) => service.handle({ platform: "slack", userId, requestKey: `slack:test:${++n}`, command: parseCommandText(text), text });
    return { store, as };
  }

  it("stores a listed value all the same, and says which lists hold it", async () => {
    const { as, store } = await cell("en");
    const reply = textOf(await as("UAIVDAN01", "submit 8.8.8.8 evil-unlisted.example"));
    expect(reply).toContain("Stored 2");
    expect(reply).toContain("This value is on a warninglist of known-benign or very common values (MISP warninglists), often a false positive");
    expect(reply).toContain("8.8.8.8 — on: List of known IPv4 public DNS resolvers");
    expect(reply).not.toContain("evil-unlisted.example — on");
    expect((await store.items.byValue("ipv4", "8.8.8.8")).length).toBe(1);
    const lookup = textOf(await as("UAIVDAN01", "lookup 8.8.8.8"));
    expect(lookup).toContain("8.8.8.8 — on: List of known IPv4 public DNS resolvers");
    const nobody = textOf(await as("UAIVDAN01", "lookup mail.google.com"));
    expect(nobody).toContain("mail.google.com — on: Top 10K most-used sites from Tranco");
  });

  it("says it in Dutch to a Dutch member", async () => {
    const { as } = await cell("nl");
    const reply = textOf(await as("UAIVDAN01", "submit 8.8.8.8 1.1.1.1"));
    expect(reply).toContain("Deze waarden staan op een waarschuwingslijst van bekende onschuldige of zeer gangbare waarden (MISP-warninglists)");
    expect(reply).toContain("8.8.8.8 — staat op: List of known IPv4 public DNS resolvers");
  });
});
