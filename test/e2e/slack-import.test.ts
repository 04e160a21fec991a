import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownText, startTestBot, type TestBot } from "../support/bot-harness.js";
import type { RecordedCall } from "../support/fake-slack.js";

/**
 * Importing a file shared in Slack: the member uploads it to the conversation, types
 * `/ciic import`, the bot fetches it with its token and answers with the summary.
 */
const ANNA = "UAIVDAN01"; // AIVD analyst
const JORIS = "UNCTVCO01"; // NCTV: supplies no data (Art 5.1)
const DM = "D0ANNA001";
const fixture = (path: string) => readFileSync(resolve("test/fixtures/public", path));

describe("/ciic import of a file shared in Slack", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const importCommand = async (user: string, text = "", channel = DM) => {
    const id = `${user}-${Math.random().toString(36).slice(2)}`;
    const { sendSlashCommand } = await import("../support/slack-requests.js");
    const { SIGNING_SECRET } = await import("../support/bot-harness.js");
    const ack = await sendSlashCommand(t.url, SIGNING_SECRET, { user_id: user, text: `import ${text}`, channel_id: channel, response_url: t.fake.responseUrl(id) });
    expect(ack.status).toBe(200);
    expect(shownText(ack.json)).toContain("Looking for the file");
    // The last answer on this response_url is the summary (or the refusal).
    const final = async (): Promise<RecordedCall> => {
      for (let i = 0; i < 100; i++) {
        const answers = t.fake.callsTo("response_url").filter((c) => c.id === id);
        const last = answers.at(-1);
        if (last && !/Importing/.test(shownText(last.body as never))) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("no final answer");
    };
    return shownText((await final()).body as never);
  };

  it("imports the STIX bundle the member just uploaded, fetched with the bot's token, and reports the summary", async () => {
    t.fake.shareFile({ user: ANNA, channel: DM, name: "ipsum.json", content: fixture("stix21/feeds2stix_ipsum_level_8.json") });
    const summary = await importCommand(ANNA);
    expect(summary).toContain("Import finished");
    expect(summary).toContain("ipsum.json: stored 58, already known 0, refused 0.");
    const downloads = t.fake.callsTo("file_download");
    expect(downloads.at(-1)!.token).toMatch(/^xoxb-/);
    const items = await t.bot.store.items.currentPage("AIVD", 0, 100);
    expect(items).toHaveLength(58);
    expect(items[0]).toMatchObject({ tlp: "CLEAR", via: "slack:/ciic import" });
    expect(t.fake.violations).toEqual([]);
  });

  it("takes a CSV feed with the label the member gives", async () => {
    t.fake.shareFile({ user: ANNA, channel: DM, name: "bazaar.csv", content: fixture("csv/abusech_malwarebazaar_dump_20260226_sample.csv") });
    const summary = await importCommand(ANNA, "tlp:green");
    expect(summary).toContain("bazaar.csv: stored 117");
    const fromFile = (await t.bot.store.items.currentPage("AIVD", 0, 1000)).filter((i) => i.sourceRef?.startsWith("bazaar.csv "));
    expect(fromFile).toHaveLength(117);
    expect(new Set(fromFile.map((i) => i.tlp))).toEqual(new Set(["GREEN"]));
  });

  it("refuses a truncated file whole and says why", async () => {
    const text = fixture("stix21/oasis_poisonivy.json").toString("utf8");
    t.fake.shareFile({ user: ANNA, channel: DM, name: "cut.json", content: text.slice(0, 40_000) });
    const before = (await t.bot.store.items.currentPage("AIVD", 0, 1000)).length;
    const summary = await importCommand(ANNA, "format:stix");
    expect(summary).toContain("Nothing was imported");
    expect((await t.bot.store.items.currentPage("AIVD", 0, 1000)).length).toBe(before);
  });

  it("says what to do when no file was shared", async () => {
    expect(await importCommand(ANNA, "", "D0EMPTY01")).toContain("upload the STIX, MISP or CSV file to this conversation first");
  });

  it("refuses a member whose party supplies no data (Art 5.1)", async () => {
    t.fake.shareFile({ user: JORIS, channel: "D0JORIS01", name: "x.txt", content: "198.51.100.9\n" });
    expect(await importCommand(JORIS, "", "D0JORIS01")).toContain("NCTV does not supply data");
  });
});
