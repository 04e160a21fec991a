import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classify } from "../../src/core/indicators/index.js";
import { relationProbe } from "../../src/core/relations/related.js";
import { coreWorlds } from "../support/core-world.js";
import { textOf } from "../support/reply-text.js";

/**
 * Related indicators (issue 15, Art 6.1): an analyst learns which other parties hold records
 * related to theirs — an address in a range, a URL on a domain, a subdomain of a domain, an
 * e-mail address at a domain — on submit and look-up. A liaison, who is no cell staff, is not told.
 */
const worlds = coreWorlds();
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const AIVD_ANALYST = "UAIVDAN01";
const NCSC_ANALYST = "UNCSCAN01";
const MIVD_LIAISON = "UMIVDLI01";

async function cell(language: "en" | "nl" = "en") {
  const w = await worlds(DIRECTORY.replace(/^language: en$/m, `language: ${language}`), "2026-12-01T09:00:00Z");
  await w.as(AIVD_ANALYST, "submit 10.1.0.0/16 evil.example 2001:db8:aa::/48");
  return w;
}

describe("related indicators on submit (analysts only)", () => {
  it("tells an analyst that another party's range holds the address, and its domain is the URL's host and the subdomain's parent", async () => {
    const w = await cell();
    const text = textOf(await w.as(NCSC_ANALYST, "submit 10.1.2.3 http://evil.example/x sub.evil.example 2001:db8:aa:1::5"));
    expect(text).toContain("Stored 4");
    expect(text).toContain("4 of these indicators relate to records other parties supplied (covenant Art 6.1)");
    expect(text).toContain("10.1.2.3: AIVD (a range that holds this address 10.1.0.0/16)");
    expect(text).toContain("http://evil.example/x: AIVD (the host of this URL evil.example)");
    expect(text).toContain("sub.evil.example: AIVD (a parent domain evil.example)");
    expect(text).toContain("2001:db8:aa:1::5: AIVD (a range that holds this address 2001:db8:aa::/48)");
  });

  it("tells an analyst what another party holds below their value: an address in their range, a subdomain and a URL under their domain", async () => {
    const w = await worlds(DIRECTORY, "2026-12-01T09:00:00Z");
    await w.as(AIVD_ANALYST, "submit 10.1.2.3 sub.evil.example http://login.evil.example/x");
    const text = textOf(await w.as(NCSC_ANALYST, "submit 10.1.0.0/16 evil.example"));
    expect(text).toContain("2 of these indicators relate to records other parties supplied (covenant Art 6.1)");
    expect(text).toContain("10.1.0.0/16: AIVD (an address in this range 10.1.2.3)");
    expect(text).toContain("evil.example: AIVD (a subdomain of this domain sub.evil.example) and AIVD (a URL on this domain or below it http://login.evil.example/x)");
    const liaison = textOf(await w.as(MIVD_LIAISON, "submit 10.1.0.0/16 evil.example"));
    expect(liaison).not.toContain("AIVD");
  });

  it("names three related records of a value on submit and says how many more the look-up shows", async () => {
    const w = await worlds(DIRECTORY, "2026-12-01T09:00:00Z");
    await w.as(AIVD_ANALYST, `submit ${Array.from({ length: 5 }, (_, n) => `h${n}.many.example`).join(" ")}`);
    const text = textOf(await w.as(NCSC_ANALYST, "submit many.example"));
    expect(text).toContain("many.example: AIVD (a subdomain of this domain h0.many.example), AIVD (a subdomain of this domain h1.many.example), AIVD (a subdomain of this domain h2.many.example) and 2 more");
  });

  it("tells a liaison nothing of other parties' related records (Art 7.2)", async () => {
    const w = await cell();
    const text = textOf(await w.as(MIVD_LIAISON, "submit 10.1.2.3 sub.evil.example"));
    expect(text).toContain("Stored 2");
    expect(text).not.toContain("AIVD");
    expect(text).not.toContain("relate");
  });

  it("relates nothing across a public suffix, nor unrelated values", async () => {
    const w = await worlds(DIRECTORY, "2026-12-01T09:00:00Z");
    await w.as(AIVD_ANALYST, "submit evil.co.uk x.github.io 10.1.0.0/16");
    const text = textOf(await w.as(NCSC_ANALYST, "submit other.co.uk y.github.io 10.2.0.1 co.uk.example"));
    expect(text).toContain("Stored 4");
    expect(text).not.toContain("relate");
  });

  it("says it in Dutch to a Dutch analyst", async () => {
    const w = await cell("nl");
    const text = textOf(await w.as(NCSC_ANALYST, "submit 10.1.2.3"));
    expect(text).toContain("1 van deze indicatoren is verwant aan vastleggingen van andere partijen (convenant art. 6.1)");
    expect(text).toContain("10.1.2.3: AIVD (een reeks die dit adres bevat 10.1.0.0/16)");
  });
});

describe("related indicators on look-up", () => {
  it("shows the related records below the identical ones, each with its relation, both ways between a domain and its URLs", async () => {
    const w = await cell();
    await w.as(NCSC_ANALYST, "submit https://evil.example/login a@evil.example");
    const byUrl = textOf(await w.as(NCSC_ANALYST, "lookup https://evil.example/login"));
    expect(byUrl).toContain("Related records");
    expect(byUrl).toMatch(/I-\d+ AIVD domain evil\.example — the host of this URL/);
    const byDomain = textOf(await w.as(AIVD_ANALYST, "lookup evil.example"));
    expect(byDomain).toMatch(/I-\d+ NCSC url https:\/\/evil\.example\/login — a URL on this domain/);
    const byEmail = textOf(await w.as(NCSC_ANALYST, "lookup a@evil.example"));
    expect(byEmail).toMatch(/I-\d+ AIVD domain evil\.example — the domain of this e-mail address/);
    const byAddress = textOf(await w.as(NCSC_ANALYST, "lookup 10.1.200.1"));
    expect(byAddress).toContain("No party has supplied");
    expect(byAddress).toMatch(/I-\d+ AIVD ipv4-cidr 10\.1\.0\.0\/16 — a range that holds this address/);
  });

  it("takes an IPv4-mapped IPv6 address, as dual-stack servers log a peer, for the IPv4 address it is: the same records and the ranges that hold it", async () => {
    const w = await cell();
    await w.as(AIVD_ANALYST, "submit 192.0.2.44");
    const submitted = textOf(await w.as(NCSC_ANALYST, "submit ::ffff:192.0.2.44 ::FFFF:10.1.9.9 ::ffff:10.1.0.0/112 http://[::ffff:10.1.7.7]/x"));
    expect(submitted).toMatch(/I-\d+ ipv4 192\.0\.2\.44 — also supplied by AIVD/);
    expect(submitted).toMatch(/I-\d+ ipv4-cidr 10\.1\.0\.0\/16 — also supplied by AIVD/);
    expect(submitted).toContain("10.1.9.9: AIVD (a range that holds this address 10.1.0.0/16)");
    // A URL keeps its host as written (the URL standard's form), and relates through the IPv4 address it is.
    expect(submitted).toContain("http://[::ffff:a01:707]/x: AIVD (a range that holds this address 10.1.0.0/16)");
    const looked = textOf(await w.as(NCSC_ANALYST, "lookup ::ffff:10.1.200.1"));
    expect(looked).toMatch(/No party has supplied 10\.1\.200\.1 \(ipv4\)/);
    expect(looked).toMatch(/I-\d+ AIVD ipv4-cidr 10\.1\.0\.0\/16 — a range that holds this address/);
    const byRange = textOf(await w.as(AIVD_ANALYST, "lookup 10.1.0.0/16"));
    expect(byRange).toMatch(/I-\d+ NCSC ipv4 10\.1\.9\.9 — an address in this range/);
  });

  it("lets an analyst cite a related record in an analysis by the id the look-up shows; its party's consent is then needed (Art 7.2)", async () => {
    const w = await cell();
    await w.as(NCSC_ANALYST, "submit 10.1.2.3");
    const lookup = textOf(await w.as(NCSC_ANALYST, "lookup 10.1.2.3"));
    const rangeId = lookup.match(/(I-\d+) AIVD ipv4-cidr 10\.1\.0\.0\/16/)![1];
    const recorded = textOf(await w.as(NCSC_ANALYST, `analysis title:"Address in a known range" 10.1.2.3 ${rangeId} text: The address lies in 10.1.0.0/16.`));
    expect(recorded).toContain("A-1 recorded");
    expect(recorded).toContain("AIVD, NCSC");
    // Not cited, the range may not be named in the text: it is AIVD's (Art 7.2).
    const refused = textOf(await w.as(NCSC_ANALYST, 'analysis title:"Address" 10.1.2.3 text: The address lies in 10.1.0.0/16.'));
    expect(refused).toContain("No analysis was recorded");
    expect(refused).not.toContain("A-2");
  });

  it("shows a liaison no related records", async () => {
    const w = await cell();
    const text = textOf(await w.as(MIVD_LIAISON, "lookup 10.1.2.3"));
    expect(text).not.toContain("Related records");
  });
});

describe("what a relation is read from", () => {
  it("asks for every larger range of an address, the parents up to the registrable domain, and the URLs on a domain", () => {
    expect(relationProbe({ type: "ipv4", value: "10.1.2.3" }).values.map((v) => v.value)).toEqual(
      Array.from({ length: 31 }, (_, k) => k + 1).map((p) => `${[10, 1, 2, 3].map((b, i) => b & (0xff << (8 - Math.max(0, Math.min(8, p - i * 8)))) & 0xff).join(".")}/${p}`),
    );
    expect(relationProbe({ type: "domain", value: "a.b.evil.co.uk" }).values.map((v) => v.value)).toEqual(["b.evil.co.uk", "evil.co.uk"]);
    expect(relationProbe({ type: "domain", value: "evil.co.uk" }).values).toEqual([]);
    // Below a domain: its own key and every key that begins with it ("d:example.evil." …).
    expect(relationProbe({ type: "domain", value: "evil.example" }).below).toEqual({ from: "d:example.evil.", to: "d:example.evil/" });
    expect(relationProbe({ type: "ipv4-cidr", value: "10.1.0.0/16" }).below).toEqual({ from: "4:0a010000", to: "4:0a01ffff" });
    expect(relationProbe({ type: "ipv6-cidr", value: "2001:db8::/33" }).below).toEqual({ from: `6:20010db8${"0".repeat(24)}`, to: `6:20010db87fff${"f".repeat(20)}` });
    expect(relationProbe({ type: "sha256", value: "a".repeat(64) })).toEqual({ values: [], below: undefined });
  });

  it("writes every range it asks for exactly as the store writes a range, so that the index finds it", () => {
    for (const value of ["2001:db8:aa:1::5", "fe80::1:2:3:4", "2001:db8:0:0:1:0:0:1", "::ffff:0:0", "10.1.2.3", "255.255.255.255"]) {
      const parsed = classify(value);
      if (!parsed.ok) throw new Error(value);
      for (const candidate of relationProbe(parsed.indicator).values) {
        const again = classify(candidate.value);
        expect(again.ok && again.indicator.value, candidate.value).toBe(candidate.value);
      }
    }
  });
});
