import { createHash } from "node:crypto";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFile } from "../../src/core/formats/parse-file.js";
import { manualClock, slackView, startTestBot, type TestBot } from "../support/bot-harness.js";

/**
 * `/ciic export` as Slack drives it (Art 5.2): a member gets what their own party supplied, as a
 * file in their direct messages, in the format their tools read; nothing of another party.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const GRETA = "UNCSCAN01"; // NCSC analyst
const JORIS = "UNCTVCO01"; // NCTV coordinator: the NCTV supplies no data

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ clock: manualClock(new Date("2026-11-30T09:00:00Z")) });
});
afterEach(async () => {
  await t?.stop();
});
const { say, filesFor, settle } = slackView(() => t);

describe("/ciic export over Slack (Art 5.2)", () => {
  it("sends the member's own party's current items as a STIX bundle that imports again, and logs its digest", async () => {
    expect(await say(ANNA, "submit 198.51.100.7 evil.example tlp:green")).toContain("Stored 2");
    expect(await say(ANNA, "correct I-2 value:evil-two.example")).toContain("I-3");
    expect(await say(GRETA, "submit 203.0.113.5")).toContain("Stored 1");
    const shown = await say(ANNA, "export");
    expect(shown).toContain("The 2 items AIVD supplied (their current versions) are on their way to your direct messages as `ciic-aivd-items-2026-11-30.stix.json`");
    await settle();
    const [file] = filesFor(ANNA);
    expect(file.name).toBe("ciic-aivd-items-2026-11-30.stix.json");
    const sha256 = createHash("sha256").update(file.content).digest("hex");
    expect(shown).toContain(sha256);
    // Only AIVD's current records: not the corrected version, nothing NCSC supplied.
    expect(file.content).toContain("198.51.100.7");
    expect(file.content).toContain("evil-two.example");
    expect(file.content).not.toContain("'evil.example'");
    expect(file.content).not.toContain("203.0.113.5");
    // What the bot exports, the bot (and so the party's own tools) reads back.
    const path = join(mkdtempSync(join(tmpdir(), "ciic-export-")), file.name);
    writeFileSync(path, file.content);
    const values: string[] = [];
    for await (const events of parseFile({ path, format: "stix", options: {} })) {
      for (const e of events) if (e.kind === "record") values.push(`${e.record.type} ${e.record.value} ${e.record.tlp}`);
    }
    expect(values.sort()).toEqual(["domain evil-two.example GREEN", "ipv4 198.51.100.7 GREEN"]);
    const exported = (await t.bot.store.audit.latest(20)).filter((e) => e.action === "indicators.exported");
    expect(exported.map((e) => JSON.parse(e.readable))).toEqual([{ format: "stix", items: 2, sha256, via: "slack" }]);
    expect(t.fake.violations).toEqual([]);
  });

  it("writes CSV or MISP when asked, and refuses another format saying how to ask", async () => {
    expect(await say(ANNA, "submit 198.51.100.8")).toContain("Stored 1");
    expect(await say(ANNA, "export format:csv")).toContain("ciic-aivd-items-2026-11-30.csv");
    expect(await say(ANNA, "export format:MISP")).toContain("ciic-aivd-items-2026-11-30.misp.json");
    expect(await say(ANNA, "export format:xml")).toContain("Nothing was exported: use `/ciic export [format:stix|misp|csv]`");
    await settle();
    const files = filesFor(ANNA);
    expect(files.map((f) => f.name).sort()).toEqual(["ciic-aivd-items-2026-11-30.csv", "ciic-aivd-items-2026-11-30.misp.json"]);
    expect(files.find((f) => f.name.endsWith(".csv"))!.content).toContain("198.51.100.8");
    expect(JSON.parse(files.find((f) => f.name.endsWith(".json"))!.content)).toHaveProperty("Event.Attribute");
  });

  it("sends nothing when the party supplied nothing, and refuses the NCTV, which supplies no data", async () => {
    expect(await say(GRETA, "export")).toContain("NCSC has supplied no items yet, so there is nothing to export.");
    expect(await say(JORIS, "export")).toContain("NCTV does not supply data to the cell (covenant Art 5.1), so its members cannot submit, import, correct or export indicators.");
    await settle();
    expect(t.fake.uploadedFiles).toEqual([]);
  });
});
