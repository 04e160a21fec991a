import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService, type CommandService } from "../../src/core/command-service.js";
import { parseCommandText, type Command } from "../../src/core/commands/command.js";
import { issueTaxiiKey, revokeTaxiiKey } from "../../src/core/taxii/keys.js";
import { collectionId } from "../../src/core/taxii/released-objects.js";
import { startTestBot, type TestBot } from "../support/bot-harness.js";
import { DATABASE_KINDS, freshDatabaseUrl } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * TAXII 2.1 (OASIS Standard, 10 June 2021) as recipients' systems pull their releases: the
 * server's required behaviour, each check named by the section of the specification it comes
 * from, against the real bot over HTTP. And the covenant's rule over all of it (Art 7.2): a
 * recipient's collection holds exactly what was released to it, after every consent, nothing else.
 *
 * The cell: AIVD (Anna) and NCSC (Greta) supply; Anna asks to disclose to Waterbedrijf Oost (R-1,
 * released after both liaisons approve), to the NCSC operations centre (R-2, released), to
 * Waterbedrijf Oost again with one item of R-1 (R-3, released a day later), and once more to
 * Waterbedrijf Oost (R-4, still pending).
 */
const ANNA = "UAIVDAN01";
const GRETA = "UNCSCAN01";
const BRAM = "UAIVDLI01"; // AIVD liaison
const LOTTE = "UNCSCLI01"; // NCSC liaison
const TAXII = "application/taxii+json;version=2.1";

const clock = testClock("2026-12-01T09:00:00Z");
let bot: TestBot;
let service: CommandService;
let waterKey: string;
let opsKey: string;
let waterCollection: string;
let serial = 0;

const run = (userId: string, command: Command, text: string) => service.handle({ platform: "slack", userId, requestKey: `slack:taxii:${++serial}`, command, text });
const as = (userId: string, text: string) => run(userId, parseCommandText(text), text);
const approve = (userId: string, askId: number) => run(userId, { name: "decide", askId, choice: { decision: "approve" } }, `[button] approve ask ${askId}`);

async function get(path: string, options: { key?: string | null; accept?: string; method?: string; basic?: boolean } = {}) {
  const key = options.key === undefined ? waterKey : options.key;
  const headers: Record<string, string> = { accept: options.accept ?? TAXII };
  if (key) headers.authorization = options.basic ? `Basic ${Buffer.from(`soc:${key}`).toString("base64")}` : `Bearer ${key}`;
  const response = await fetch(`${bot.baseUrl}${path}`, { method: options.method ?? "GET", headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

const objectsPath = () => `/taxii2/ciic/collections/${waterCollection}/objects/`;

async function setUp(databaseUrl: string) {
  clock.set("2026-12-01T09:00:00Z");
  serial = 0;
  bot = await startTestBot({ clock, databaseUrl });
  service = createCommandService({ store: bot.bot.store, clock });
  await as(ANNA, "submit 198.51.100.7 evil-water.example");
  await as(GRETA, "submit https://pump.example/login");
  await as(ANNA, "submit secret-ops-only.example");
  // R-1 to Waterbedrijf Oost: I-1, I-2 (AIVD) and I-3 (NCSC), both liaisons approve.
  await as(ANNA, 'disclose I-1 I-2 I-3 to water-oost purpose warn the water sector conditions:"not to be passed on" tlp:amber');
  await approve(BRAM, 1);
  await approve(LOTTE, 2);
  // R-2 to the NCSC operations centre: another recipient's release.
  clock.advance(60_000);
  await as(ANNA, "disclose I-4 to ncsc-ops purpose check the logs");
  await approve(BRAM, 3);
  // R-3, a day later: I-1 again (a new version of its object), to Waterbedrijf Oost.
  clock.advance(24 * 3600_000);
  await as(ANNA, "disclose I-1 to water-oost purpose block at the border tlp:green");
  await approve(BRAM, 4);
  // R-4: asked, not consented.
  await as(ANNA, "disclose I-2 to water-oost purpose later");
  const deps = { store: bot.bot.store, clock };
  const water = await issueTaxiiKey(deps, { recipientId: "water-oost", label: "Waterbedrijf Oost SOC", actor: "cli:admin" });
  const ops = await issueTaxiiKey(deps, { recipientId: "ncsc-ops", actor: "cli:admin" });
  if (!water.ok || !ops.ok) throw new Error("keys not issued");
  waterKey = water.key;
  opsKey = ops.key;
  waterCollection = collectionId("water-oost");
}

const patterns = (objects: Record<string, any>[]) => objects.filter((o) => o.type === "indicator").map((o) => o.pattern as string);

describe.each(DATABASE_KINDS)("TAXII 2.1 conformance (the server's required behaviour), on %s", (kind) => {
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(kind);
    drop = fresh.drop;
    await setUp(fresh.url);
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await drop?.();
  });

  it("§4.1 Server Discovery: the discovery resource names the API root, as TAXII JSON", async () => {
    const { status, headers, body } = await get("/taxii2/");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe(TAXII);
    expect(body.api_roots).toEqual([`${bot.baseUrl}/taxii2/ciic/`]);
    expect(body.default).toBe(`${bot.baseUrl}/taxii2/ciic/`);
    expect(body.title).toBeTruthy();
  });

  it("§4.2 Get API Root Information: versions and max_content_length", async () => {
    const { status, body } = await get("/taxii2/ciic/");
    expect(status).toBe(200);
    expect(body.versions).toContain(TAXII);
    expect(Number.isInteger(body.max_content_length)).toBe(true);
  });

  it("§1.6.7 Authentication: without a key, with a wrong or revoked one, 401 with a challenge; HTTP Basic and bearer both work", async () => {
    for (const key of [null, "ciic_taxii_not-a-key", "something-else"]) {
      const refused = await get("/taxii2/", { key });
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
      expect(refused.body.http_status).toBe("401");
    }
    expect((await get("/taxii2/", { basic: true })).status).toBe(200);
    const spare = await issueTaxiiKey({ store: bot.bot.store, clock }, { recipientId: "water-oost", label: "spare", actor: "cli:admin" });
    if (!spare.ok) throw new Error(spare.message);
    expect((await get("/taxii2/", { key: spare.key })).status).toBe(200);
    expect((await revokeTaxiiKey({ store: bot.bot.store, clock }, { id: spare.record.id, actor: "cli:admin" })).ok).toBe(true);
    expect((await get("/taxii2/", { key: spare.key })).status).toBe(401);
    // No key, not even a part of one, reaches the operators' log.
    expect(bot.rawLogs.join("\n")).not.toContain(spare.key);
  });

  it("§1.6.8 Content Negotiation: 406 unless the client accepts TAXII 2.1 JSON", async () => {
    expect((await get("/taxii2/", { accept: "application/json" })).status).toBe(406);
    expect((await get("/taxii2/", { accept: "application/taxii+json;version=2.0" })).status).toBe(406);
    expect((await get("/taxii2/", { accept: "application/taxii+json" })).status).toBe(200);
    expect((await get("/taxii2/", { accept: "text/html, application/taxii+json;version=2.1;q=0.9" })).status).toBe(200);
  });

  it("§5.1 Get Collections: a key sees its recipient's collection only, read-only, of STIX 2.1", async () => {
    const { status, body } = await get("/taxii2/ciic/collections/");
    expect(status).toBe(200);
    expect(body.collections).toEqual([
      expect.objectContaining({ id: waterCollection, can_read: true, can_write: false, media_types: ["application/stix+json;version=2.1"] }),
    ]);
    expect(body.collections[0].title).toContain("Waterbedrijf Oost");
  });

  it("§5.2 Get a Collection: its own; another recipient's is 404, which tells nothing of it", async () => {
    expect((await get(`/taxii2/ciic/collections/${waterCollection}/`)).body).toMatchObject({ id: waterCollection, can_read: true, can_write: false });
    const other = await get(`/taxii2/ciic/collections/${collectionId("ncsc-ops")}/objects/`);
    expect(other.status).toBe(404);
    expect(other.body.http_status).toBe("404");
    expect(JSON.stringify(other.body)).not.toContain("secret-ops-only");
  });

  it("§5.4 Get Objects: every object released to the recipient, marked with its TLP and conditions, with the date-added headers", async () => {
    const { status, headers, body } = await get(objectsPath());
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe(TAXII);
    expect(body.more).toBe(false);
    expect(patterns(body.objects).sort()).toEqual(["[domain-name:value = 'evil-water.example']", "[ipv4-addr:value = '198.51.100.7']", "[url:value = 'https://pump.example/login']"]);
    const statements = body.objects.filter((o: any) => o.definition_type === "statement");
    expect(statements.map((s: any) => s.definition.statement)).toEqual([
      expect.stringContaining('Conditions: not to be passed on'),
      // Asked for GREEN, the release takes the strictest label of its items: AMBER.
      expect.stringContaining("CIIC disclosure R-3, TLP:AMBER. Purpose: block at the border."),
    ]);
    // Each release names its record of provision (Wiv 2017).
    expect(statements.map((s: any) => s.external_references.find((r: any) => r.source_name === "ciic-bot provision").external_id)).toEqual(["P-1", "P-3"]);
    // Microseconds past the release time: each object its own place, so that no two share a date_added.
    expect(headers.get("x-taxii-date-added-first")).toBe("2026-12-01T09:00:00.000000Z");
    expect(headers.get("x-taxii-date-added-last")).toBe("2026-12-02T09:01:00.000003Z");
  });

  it("Art 7.2: nothing released to another recipient, and nothing not yet consented to", async () => {
    const { body } = await get(objectsPath(), { key: waterKey });
    const text = JSON.stringify(body);
    expect(text).not.toContain("secret-ops-only.example");
    expect(text).not.toContain("R-2");
    expect(text).not.toContain("R-4");
    // Nor what a party recorded with its items (legal basis, source, note): that could name the party.
    expect(text).not.toMatch(/"legal_basis":|"source_ref":|Wiv 2017/);
    const ops = await get(`/taxii2/ciic/collections/${collectionId("ncsc-ops")}/objects/`, { key: opsKey });
    expect(patterns(ops.body.objects)).toEqual(["[domain-name:value = 'secret-ops-only.example']"]);
  });

  it("§5.4 Get Objects, match[version]: last by default, first, all, or a version's timestamp", async () => {
    const i1 = (objects: Record<string, any>[]) => objects.filter((o) => o.pattern === "[ipv4-addr:value = '198.51.100.7']").map((o) => o.modified);
    expect(i1((await get(objectsPath())).body.objects)).toEqual(["2026-12-02T09:01:00.000Z"]);
    expect(i1((await get(`${objectsPath()}?match[version]=first`)).body.objects)).toEqual(["2026-12-01T09:00:00.000Z"]);
    expect(i1((await get(`${objectsPath()}?match[version]=all`)).body.objects)).toEqual(["2026-12-01T09:00:00.000Z", "2026-12-02T09:01:00.000Z"]);
    expect(i1((await get(`${objectsPath()}?match[version]=2026-12-01T09:00:00.000Z`)).body.objects)).toEqual(["2026-12-01T09:00:00.000Z"]);
    expect((await get(`${objectsPath()}?match[version]=newest`)).status).toBe(400);
  });

  it("§5.4 Get Objects, match[type] and match[id] (comma-separated lists)", async () => {
    const all = (await get(objectsPath())).body.objects as Record<string, any>[];
    const indicators = await get(`${objectsPath()}?match[type]=indicator`);
    expect(indicators.body.objects.every((o: any) => o.type === "indicator")).toBe(true);
    expect(indicators.body.objects).toHaveLength(3);
    const two = all.filter((o) => o.type === "indicator").slice(0, 2).map((o) => o.id);
    expect((await get(`${objectsPath()}?match[id]=${two.join(",")}`)).body.objects.map((o: any) => o.id)).toEqual(two);
    expect((await get(`${objectsPath()}?match[spec_version]=2.0`)).body).toEqual({ more: false });
  });

  it("Pagination: limit, more and next walk the collection in date-added order without repeats; a foreign next is 400", async () => {
    const whole = (await get(objectsPath())).body.objects.map((o: any) => `${o.id}|${o.modified ?? o.created}`);
    const seen: string[] = [];
    let next: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const { body } = await get(`${objectsPath()}?limit=2${next ? `&next=${next}` : ""}`);
      seen.push(...body.objects.map((o: any) => `${o.id}|${o.modified ?? o.created}`));
      expect(body.objects.length).toBeLessThanOrEqual(2);
      if (!body.more) break;
      expect(body.next).toBeTruthy();
      next = body.next;
    }
    expect(seen).toEqual(whole);
    expect((await get(`${objectsPath()}?next=bm9wZQ`)).status).toBe(400);
    expect((await get(`${objectsPath()}?limit=0`)).status).toBe(400);
  });

  it("Pagination by added_after: a client that pages with X-TAXII-Date-Added-Last and a limit misses nothing", async () => {
    const whole = (await get(objectsPath())).body.objects.map((o: any) => `${o.id}|${o.modified ?? o.created}`);
    const seen: string[] = [];
    let after = "1970-01-01T00:00:00Z";
    for (let pages = 0; pages < 50; pages++) {
      const { headers, body } = await get(`${objectsPath()}?limit=3&added_after=${after}`);
      if (!body.objects) break;
      seen.push(...body.objects.map((o: any) => `${o.id}|${o.modified ?? o.created}`));
      after = headers.get("x-taxii-date-added-last")!;
    }
    expect(seen).toEqual(whole);
  });

  it("added_after: only objects added later, so that a client polls with X-TAXII-Date-Added-Last", async () => {
    const later = await get(`${objectsPath()}?added_after=2026-12-01T12:00:00Z`);
    expect(patterns(later.body.objects)).toEqual(["[ipv4-addr:value = '198.51.100.7']"]);
    expect((await get(`${objectsPath()}?added_after=${later.headers.get("x-taxii-date-added-last")}`)).body).toEqual({ more: false });
    expect((await get(`${objectsPath()}?added_after=yesterday`)).status).toBe(400);
  });

  it("§5.3 Get Object Manifests: id, date_added, version and media type of each object", async () => {
    const { status, headers, body } = await get(`/taxii2/ciic/collections/${waterCollection}/manifest/`);
    expect(status).toBe(200);
    const objects = (await get(objectsPath())).body.objects as Record<string, any>[];
    expect(body.objects.map((m: any) => m.id)).toEqual(objects.map((o) => o.id));
    expect(body.objects[0]).toEqual({ id: objects[0].id, date_added: "2026-12-01T09:00:00.000000Z", version: objects[0].modified ?? objects[0].created, media_type: "application/stix+json;version=2.1" });
    expect(headers.get("x-taxii-date-added-first")).toBe("2026-12-01T09:00:00.000000Z");
    expect(new Set(body.objects.map((m: any) => m.date_added)).size).toBe(body.objects.length);
  });

  it("§5.6 Get an Object and §5.8 Get Object Versions; an object not released here is 404", async () => {
    const i1 = ((await get(objectsPath())).body.objects as Record<string, any>[]).find((o) => o.pattern === "[ipv4-addr:value = '198.51.100.7']")!;
    const one = await get(`${objectsPath()}${i1.id}/`);
    expect(one.body.objects.map((o: any) => o.modified)).toEqual(["2026-12-02T09:01:00.000Z"]);
    const versions = await get(`${objectsPath()}${i1.id}/versions/`);
    expect(versions.body).toEqual({ more: false, versions: ["2026-12-01T09:00:00.000Z", "2026-12-02T09:01:00.000Z"] });
    const ops = (await get(`/taxii2/ciic/collections/${collectionId("ncsc-ops")}/objects/`, { key: opsKey })).body.objects as Record<string, any>[];
    const theirs = ops.find((o) => o.type === "indicator")!;
    expect((await get(`${objectsPath()}${theirs.id}/`)).status).toBe(404);
  });

  it("§5.5 Add Objects and §5.7 Delete an Object: refused, the collection is read-only", async () => {
    expect((await get(objectsPath(), { method: "POST" })).status).toBe(403);
    expect((await get(`${objectsPath()}indicator--00000000-0000-4000-8000-000000000000/`, { method: "DELETE" })).status).toBe(403);
    // A broken %-escape in an object id is no object, not a server error.
    expect((await get(`${objectsPath()}indicator--%E0%A4%A/`)).status).toBe(404);
    expect((await get(`/taxii2/ciic/collections/${waterCollection}/manifest/`, { method: "POST" })).status).toBe(405);
  });

  it("every pull is an audit entry: which key, which recipient, how many objects, of which records of provision", async () => {
    await get(`${objectsPath()}?limit=1`);
    const [entry] = await bot.bot.store.audit.latest(1);
    expect(entry).toMatchObject({ action: "taxii.fetched", subject: "recipient:water-oost" });
    expect(entry.actor).toMatch(/^taxii:\d+$/);
    expect(JSON.parse(entry.readable)).toMatchObject({ label: "Waterbedrijf Oost SOC", endpoint: "objects", objects: 1, provisions: [1] });
  });

  it("an item its party let go at a retention review (Wiv 2017) is served no more", async () => {
    await bot.bot.store.transaction((tx) => tx.retention.removeItem(2, clock.now()));
    expect(patterns((await get(objectsPath())).body.objects)).not.toContain("[domain-name:value = 'evil-water.example']");
  });
});
