import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandService, refusalCode } from "../../src/core/command-service.js";
import { parseCommandText } from "../../src/core/commands/command.js";
import type { IndicatorType } from "../../src/core/indicators/index.js";
import type { Store } from "../../src/core/ports.js";
import { sealedItemIds } from "../../src/storage/sealing/sealed-text.js";
import { DATABASE_KINDS, storeWithDirectory } from "../support/databases.js";
import { textOf as replyText } from "../support/reply-text.js";
import { testClock } from "../support/test-clock.js";

/**
 * A look-up's audit entry repeats the value looked up, and is sealed under the keys of every
 * record on file that the value names (issue 17: letting any of them go destroys it), whoever
 * holds them and whatever the look-up itself showed. The store reads what the value names beside
 * the look-up's own reads (prisma-store.ts, readNamedAhead); the seal must be the one a read at
 * commit would give, records stored by the same transaction included.
 */
const DIRECTORY = readFileSync("test/fixtures/directory.yml", "utf8");
const AIVD = "UAIVDAN01";
const NCSC = "UNCSCAN01";

describe.each(DATABASE_KINDS)("a look-up's audit entry sealed under what its value names on %s (real database)", (kind) => {
  let store: Store;
  let close: () => Promise<void>;
  let n = 0;

  beforeAll(async () => {
    ({ store, close } = await storeWithDirectory(kind, DIRECTORY, testClock("2026-12-01T09:00:00Z")));
  });
  afterAll(() => close());

  const send = async (userId: string, text: string) => {
    const service = createCommandService({ store, clock: testClock("2026-12-01T09:00:00Z") });
    const reply = await service.handle({ platform: "slack", userId, requestKey: `slack:command:sealing-${++n}`, command: parseCommandText(text), text });
    expect(refusalCode(reply), replyText(reply)).toBeUndefined();
    return reply;
  };
  const idsOf = async (type: IndicatorType, value: string) => (await store.items.byValue(type, value)).map((i) => i.id);
  /** The items the latest look-up's entry (of `value`) is sealed under. */
  const sealedUnder = async (value: string) => {
    const entries = (await store.audit.withAction("indicator.looked_up")).filter((e) => e.readable.includes(value));
    expect(entries.length).toBeGreaterThan(0);
    return sealedItemIds(entries[entries.length - 1].details).sort((a, b) => a - b);
  };

  it("seals a looked-up domain under every party's record of it and of the web address on it", async () => {
    await send(AIVD, "submit seal-ahead.example.com");
    await send(NCSC, "submit seal-ahead.example.com");
    // A URL with no path is written as its host with a slash: the value names it too.
    await send(AIVD, "submit http://seal-ahead.example.com/");
    await send(NCSC, "lookup seal-ahead.example.com");
    const expected = [...(await idsOf("domain", "seal-ahead.example.com")), ...(await idsOf("url", "http://seal-ahead.example.com/"))].sort((a, b) => a - b);
    expect(expected).toHaveLength(3);
    expect(await sealedUnder("seal-ahead.example.com")).toEqual(expected);
  });

  it("seals a looked-up address under the records of it that parties hold, and a hash under its own", async () => {
    await send(AIVD, "submit 198.51.100.201");
    await send(NCSC, "lookup 198.51.100.201");
    expect(await sealedUnder("198.51.100.201")).toEqual(await idsOf("ipv4", "198.51.100.201"));
    const hash = "9e107d9d372bb6826bd81d3542a419d6";
    await send(AIVD, `submit ${hash}`);
    await send(NCSC, `lookup ${hash}`);
    expect(await sealedUnder(hash)).toEqual(await idsOf("md5", hash));
  });
});
