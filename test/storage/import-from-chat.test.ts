import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService, type CommandService } from "../../src/core/command-service.js";
import { MAX_FILE_BYTES } from "../../src/core/formats/guard.js";
import { importFile } from "../../src/core/formats/import-file.js";
import { importFromChat, type ChatFile, type ChatImport } from "../../src/core/formats/import-from-chat.js";
import { StoreUnavailableError, type Store } from "../../src/core/ports.js";
import type { MessageView } from "../../src/core/views/message.js";
import { storeWithDirectory } from "../support/databases.js";
import { testClock } from "../support/test-clock.js";

/**
 * `/ciic import` as the core runs it for every platform (issue 14): a platform only finds and
 * fetches the file and shows what it is told. Each refusal carries its code and stores nothing;
 * the summary comes after every progress line. On a real SQLite store.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const CSV = "value\n198.51.100.20\n198.51.100.21\nevil-import.example\n";
const ANALYST = "UAIVDAN01";
const NCTV_MEMBER = "UNCTVCO01";

describe("importing a file a member gave in a chat (core/formats/import-from-chat.ts)", () => {
  let store: Store;
  let service: CommandService;
  let close: () => Promise<void>;
  const clock = testClock("2026-12-01T09:00:00Z");

  beforeAll(async () => {
    ({ store, close } = await storeWithDirectory("sqlite", DIRECTORY, clock));
    service = createCommandService({ store, clock });
  });
  afterAll(() => close());

  /** Runs one import as `userId` with a file of `bytes` (or none found); returns what was shown. */
  const run = async (userId: string, text: string, file: { bytes: string; size?: number; name?: string } | "none", extra: Partial<ChatImport> = {}) => {
    const shown: MessageView[] = [];
    const found = (name: string): ChatFile | { refused: string; content: string[] } =>
      file === "none"
        ? { refused: "import.no_file", content: ["no file"] }
        : {
            name,
            size: file.size,
            async fetchTo(path) {
              writeFileSync(path, file.bytes);
              return file.bytes.length > MAX_FILE_BYTES ? "too_large" : "fetched";
            },
          };
    await importFromChat(
      { service, importer: (request) => importFile({ store, clock }, request) },
      { platform: "slack", userId, text, via: "slack:/ciic import", usage: () => ["usage"], findFile: async () => found(file === "none" ? "" : (file.name ?? "feed.csv")), show: async (view) => void shown.push(view), ...extra },
    );
    return shown;
  };
  const stored = async () => (await store.items.currentPage("AIVD", 0, 1000)).length;

  it("imports the file and ends with the summary, after the progress lines it was allowed", async () => {
    const shown = await run(ANALYST, "format:csv tlp:green", { bytes: CSV }, { mayShowProgress: () => true, announce: true });
    expect(shown[0].summary).toBe("Importing feed.csv…");
    expect(shown.at(-1)!.summary).toContain("feed.csv: stored 3, already known 0, refused 0.");
    expect(shown.at(-1)!.refused).toBeUndefined();
    expect((await store.items.byValue("domain", "evil-import.example"))[0]).toMatchObject({ tlp: "GREEN", via: "slack:/ciic import" });
  });

  it("tells the member whether the database lost its answer to the commit, or never stored it", async () => {
    const file = (bytes: string): ChatFile => ({
      name: "feed.csv",
      async fetchTo(path) {
        writeFileSync(path, bytes);
        return "fetched";
      },
    });
    const importWith = async (importer: Parameters<typeof importFromChat>[0]["importer"], bytes: string) => {
      const shown: MessageView[] = [];
      await importFromChat({ service, importer }, { platform: "slack", userId: ANALYST, text: "", via: "slack:/ciic import", usage: () => ["usage"], findFile: async () => file(bytes), show: async (view) => void shown.push(view) });
      return shown.at(-1)!;
    };
    // The import committed, and the answer to its COMMIT was lost: "nothing was stored" would be false.
    const committed = await importWith(async (request) => {
      await importFile({ store, clock }, request);
      throw new StoreUnavailableError("the commit's answer was lost", true);
    }, "value\nlost-answer.example\n");
    expect(committed.refused).toBe("store.unconfirmed");
    expect(committed.summary).toContain("Look before you try again");
    expect(await store.items.byValue("domain", "lost-answer.example")).toHaveLength(1);
    const unanswered = await importWith(async () => {
      throw new StoreUnavailableError("no answer within 30000 ms");
    }, "value\nnever-stored.example\n");
    expect(unanswered).toMatchObject({ refused: "store.unavailable" });
    expect(unanswered.summary).toContain("Nothing was changed");
  });

  it("refuses with a code, says what to do, and stores nothing", async () => {
    const before = await stored();
    const refusal = async (...args: Parameters<typeof run>) => {
      const shown = await run(...args);
      expect(shown).toHaveLength(1);
      return shown[0];
    };
    expect((await refusal(NCTV_MEMBER, "", { bytes: CSV })).refused).toBe("access.party_does_not_supply");
    expect(await refusal(ANALYST, "tlp:purple", { bytes: CSV })).toMatchObject({ refused: "import.usage", summary: "usage" });
    expect(await refusal(ANALYST, "", "none")).toMatchObject({ refused: "import.no_file", summary: "no file" });
    expect((await refusal(ANALYST, "", { bytes: CSV, size: MAX_FILE_BYTES + 1 })).refused).toBe("import.too_large");
    expect((await refusal(ANALYST, "", { bytes: "" })).summary).toBe("Nothing was imported: feed.csv is empty.");
    expect((await refusal(ANALYST, "", { bytes: '{"neither": "STIX nor MISP"}', name: "notes.json" })).refused).toBe("import.format_unknown");
    expect(await stored()).toBe(before);
  });
});
