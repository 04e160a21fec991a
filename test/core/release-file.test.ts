import { describe, expect, it } from "vitest";
import { releaseFile } from "../../src/core/disclosure/release-file.js";
import type { Analysis, DisclosureRequest } from "../../src/core/disclosure/types.js";
import { asChecked } from "../../src/core/guard/checked-text.js";
import { parseMisp } from "../../src/core/formats/misp/parse-misp.js";
import type { StoredItem } from "../../src/core/ports.js";
import { Readable } from "node:stream";

/**
 * A release is a product in the recipient's format (issue 16): the analysis released with the
 * indicators is in the file — a STIX report on the released objects, a MISP event report — and
 * the MISP event's title stays within the 256 characters of MISP's core format.
 */
const NOW = new Date("2026-12-03T10:00:00Z");
const request = { id: 7, tlp: "AMBER", purpose: "Block the actor at the border. ".repeat(20).trim(), conditions: "not to be passed on" } as DisclosureRequest;
const items = [
  { id: 1, type: "ipv4", value: "198.51.100.90", tlp: "AMBER", reliability: "B2", submittedAt: NOW, legalBasis: "Wiv 2017 art 39", sourceRef: "AIVD op Kiwi", note: "from the AIVD's own sensor" },
  { id: 2, type: "cve", value: "CVE-2021-44228", tlp: "AMBER", reliability: "A1", submittedAt: NOW, legalBasis: "Wiv 2017 art 39", sourceRef: null, note: null },
] as StoredItem[];
const analysis = { id: 3, title: asChecked("Phishing wave"), body: asChecked("Both point at one actor, who reuses the kit."), itemIds: [1, 2] } as Analysis;

describe("a release file carries its analysis", () => {
  it("as a STIX report on every released object, marked with the release's TLP and terms", async () => {
    const bundle = JSON.parse((await releaseFile("stix", request, items, NOW, analysis)).content);
    const report = bundle.objects.find((o: { type: string }) => o.type === "report");
    expect(report).toMatchObject({ name: "Phishing wave", description: "Both point at one actor, who reuses the kit.", report_types: ["threat-report"], external_references: [{ source_name: "ciic-bot", external_id: "A-3" }] });
    const released = bundle.objects.filter((o: { type: string }) => o.type === "indicator" || o.type === "vulnerability").map((o: { id: string }) => o.id);
    expect(report.object_refs).toEqual(released);
    expect(released).toHaveLength(2);
    const statement = bundle.objects.find((o: { definition_type?: string }) => o.definition_type === "statement");
    expect(report.object_marking_refs).toEqual(["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", statement.id]);
    // Every reference in the bundle resolves.
    const ids = new Set(bundle.objects.map((o: { id: string }) => o.id));
    for (const ref of [...report.object_refs, ...report.object_marking_refs, report.created_by_ref]) expect(ids.has(ref), ref).toBe(true);
  });

  it("as MISP event reports beside a title within 256 characters, and the indicators still import", async () => {
    const { content } = await releaseFile("misp", request, items, NOW, analysis);
    const event = JSON.parse(content).Event;
    expect(event.info).toBe("CIIC disclosure R-7, TLP:AMBER");
    expect(event.info.length).toBeLessThanOrEqual(256);
    expect(event.EventReport.map((r: { name: string }) => r.name)).toEqual(["CIIC disclosure R-7: terms", "A-3: Phishing wave"]);
    expect(event.EventReport[0].content).toContain("Purpose: Block the actor at the border.");
    expect(event.EventReport[0].content).toContain("Conditions: not to be passed on");
    expect(event.EventReport[1].content).toBe("Both point at one actor, who reuses the kit.");
    const values: string[] = [];
    for await (const e of parseMisp(Readable.from([content]))) if (e.kind === "record") values.push(e.record.value);
    expect(values.sort()).toEqual(["198.51.100.90", "CVE-2021-44228"]);
  });

  it("without an analysis: no report, and the terms still travel", async () => {
    const bundle = JSON.parse((await releaseFile("stix", request, items, NOW)).content);
    expect(bundle.objects.some((o: { type: string }) => o.type === "report")).toBe(false);
    const event = JSON.parse((await releaseFile("misp", request, items, NOW)).content).Event;
    expect(event.EventReport.map((r: { name: string }) => r.name)).toEqual(["CIIC disclosure R-7: terms"]);
  });

  it.each(["stix", "misp", "csv"] as const)("in %s never carries what a party recorded with its items: a source or note could name the party (Art 7.2)", async (format) => {
    const { content } = await releaseFile(format, request, items, NOW, analysis);
    for (const recorded of ["Wiv 2017", "op Kiwi", "own sensor", "\"legal_basis\":", "\"source_ref\":", "ciic:legal", "ciic:source", "ciic:note"]) expect(content).not.toContain(recorded);
  });

  it.each(["stix", "misp", "csv"] as const)("in %s carries a URL as its liaisons saw it (the normal form) and no first-seen time of the supplier's sources", async (format) => {
    const url = { id: 5, type: "url", value: "http://evil.example/login", supplied: "HTTP://Evil.example/a/../login", firstSeen: new Date("2019-03-02T08:00:00Z"), tlp: "AMBER", reliability: "B2", submittedAt: NOW, legalBasis: "Wiv 2017 art 39", sourceRef: null, note: null } as StoredItem;
    const { content } = await releaseFile(format, request, [url], NOW);
    expect(content).toContain("http://evil.example/login");
    expect(content).not.toContain("Evil.example/a/../login");
    expect(content).not.toContain("2019-03-02");
  });
});

