import { describe, expect, it } from "vitest";
import { issueTaxiiKey, keyHolder } from "../../src/core/taxii/keys.js";
import { DEFAULT_LIMIT, type Query } from "../../src/core/taxii/query.js";
import { readCollection, type CollectionAsk } from "../../src/core/taxii/read-collection.js";
import { collectionId } from "../../src/core/taxii/released-objects.js";
import { coreWorlds } from "../support/core-world.js";
import * as roster from "../support/roster.js";
import { auditEntries } from "../support/test-store.js";

/**
 * What a recipient's key reads over TAXII is decided and audited in the core (the HTTP route only
 * speaks TAXII): its own recipient's releases and nothing else (Art 7.2), and every read of
 * content an audit entry of what was read, in the read's transaction (Wiv 2017: a provision
 * known to have been picked up).
 */
const DIRECTORY = roster.directoryYaml({
  recipients: [
    { id: "water-oost", name: "Waterbedrijf Oost", kind: "external", party: "NCSC", slack: "C0WATER01", format: "stix" },
    { id: "haven-west", name: "Haven West", kind: "external", party: "NCSC", slack: "C0HAVEN01", format: "stix" },
  ],
  language: "en",
  members: [roster.ANNA, roster.BRAM],
});
const { ANNA, BRAM } = roster.SLACK;
const worlds = coreWorlds();

async function holderOf(w: Awaited<ReturnType<typeof worlds>>, recipientId: string) {
  const issued = await issueTaxiiKey(w, { recipientId, actor: "cli:admin" });
  if (!issued.ok) throw new Error(issued.message);
  return (await keyHolder(w.store, issued.key))!;
}

/** AIVD's evil.example, released to Waterbedrijf Oost with its liaison's consent. */
async function releaseToWaterOost(w: Awaited<ReturnType<typeof worlds>>) {
  await w.as(ANNA, "submit evil.example");
  await w.as(ANNA, "disclose I-1 to water-oost purpose warn the water sector");
  await w.run(BRAM, { name: "decide", askId: 1, choice: { decision: "approve" } }, "[button] approve");
}

/** What a request without parameters asks for: the latest version of each object, a page of 100. */
const query = (): Query => ({ limit: DEFAULT_LIMIT, versions: ["last"] });

describe("readCollection: what a TAXII key reads (Art 7.2)", () => {
  it("reads its recipient's release, and audits the read with its key, endpoint, objects and record of provision", async () => {
    const w = await worlds(DIRECTORY, "2026-12-01T09:00:00Z");
    await releaseToWaterOost(w);
    const holder = await holderOf(w, "water-oost");

    const ask: CollectionAsk = { holder, collection: collectionId("water-oost"), endpoint: "objects", query: query() };
    const read = await readCollection(w, ask);
    expect(read.kind).toBe("page");
    if (read.kind !== "page") return;
    expect(read.objects.some((o) => JSON.stringify(o.object).includes("evil.example"))).toBe(true);
    const entry = (await auditEntries(w.store)).at(-1)!;
    expect(entry).toMatchObject({ action: "taxii.fetched", actor: `taxii:${holder.key.id}`, subject: "recipient:water-oost" });
    expect(JSON.parse(entry.details)).toMatchObject({ key: holder.key.id, endpoint: "objects", objects: read.objects.length, provisions: [read.objects[0].provisionId] });
  });

  it("reads another recipient's collection as no collection, and audits nothing", async () => {
    const w = await worlds(DIRECTORY, "2026-12-01T09:00:00Z");
    await releaseToWaterOost(w);
    const holder = await holderOf(w, "haven-west");
    const before = (await auditEntries(w.store)).length;

    expect(await readCollection(w, { holder, collection: collectionId("water-oost"), endpoint: "objects", query: query() })).toEqual({ kind: "unknown-collection" });
    expect(await readCollection(w, { holder, collection: "no-such-collection", endpoint: "manifest", query: query() })).toEqual({ kind: "unknown-collection" });
    expect((await auditEntries(w.store)).length).toBe(before);
    // Its own collection holds nothing: an empty page, and that read is audited.
    expect(await readCollection(w, { holder, collection: collectionId("haven-west"), endpoint: "objects", query: query() })).toEqual({ kind: "page", objects: [], more: false });
    expect((await auditEntries(w.store)).length).toBe(before + 1);
  });

  it("tells an object not in the collection from a page", async () => {
    const w = await worlds(DIRECTORY, "2026-12-01T09:00:00Z");
    const holder = await holderOf(w, "water-oost");
    const ask: CollectionAsk = { holder, collection: collectionId("water-oost"), endpoint: "object", query: query(), objectId: "indicator--00000000-0000-4000-8000-000000000000" };
    expect(await readCollection(w, ask)).toEqual({ kind: "unknown-object" });
  });
});
