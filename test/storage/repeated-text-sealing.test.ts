import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService, receiptKey, refusalCode } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import type { Store } from "../../src/core/ports.js";
import { DATABASE_KINDS, storeWithDirectory } from "../support/databases.js";
import { textOf } from "../support/reply-text.js";
import { testClock } from "../support/test-clock.js";

/**
 * What a person typed and the bot's reply repeats (a request's purpose in its summary) is sealed
 * in the reply as in the typed text: under the keys of the items it names (issue 17), so that
 * letting an item go destroys every stored copy. Also where the value is written so that only its
 * being on record makes it one ("repeat-seal example", words for a name: Extracted.wordNames), and
 * where it is written encoded (base64).
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const AIVD = "UAIVDAN01";

describe.each(DATABASE_KINDS)("a reply that repeats a typed text naming an item, on %s (real database)", (kind) => {
  let store: Store;
  let close: () => Promise<void>;
  let n = 0;

  beforeAll(async () => {
    ({ store, close } = await storeWithDirectory(kind, DIRECTORY, testClock("2026-12-01T09:00:00Z")));
  });
  afterAll(() => close());

  const send = async (text: string) => {
    const request = { platform: "slack" as const, userId: AIVD, requestKey: `slack:command:repeat-${++n}` };
    const service = createCommandService({ store, clock: testClock("2026-12-01T09:00:00Z") });
    const reply = await service.handle({ ...request, command: parseCommandText(text), text });
    expect(refusalCode(reply), textOf(reply)).toBeUndefined();
    return { key: receiptKey(request), text: textOf(reply) };
  };

  it.each([
    ["with its dots", "repeat-seal.example", "warn about repeat-seal.example"],
    ["with spaces for its dots", "repeat-words.example", "warn about repeat-words example"],
    ["in base64", "r64.example", "warn about cjY0LmV4YW1wbGU"],
  ])("is destroyed in the stored reply when the item is let go: a name written %s", async (_how, value, purpose) => {
    await send(`submit ${value}`);
    await send("submit 198.51.100.77");
    const [named] = await store.items.byValue("domain", value);
    const [disclosed] = await store.items.byValue("ipv4", "198.51.100.77");
    const request = await send(`disclose I-${disclosed.id} to ncsc-ops purpose ${purpose}`);
    expect(request.text).toContain(purpose);
    expect(await store.receipts.find(request.key)).toContain(purpose);
    expect(await store.transaction((tx) => tx.retention.removeItem(named.id, new Date("2027-06-01T10:00:00Z")))).toBe(true);
    const kept = await store.receipts.find(request.key);
    expect(kept).not.toContain(purpose);
    expect(kept).toContain("[destroyed]");
  });
});
