import { describe, expect, it } from "vitest";
import type { DataProbe, NamedRecord } from "../../src/core/ports.js";
import { othersAnswered } from "../../src/core/relations/others-answered.js";
import type { RelationReads } from "../../src/core/relations/related.js";

/**
 * The relation thread of an import on SQLite keeps what other parties hold of each value it was
 * asked for (core/relations/others-answered.ts): the parents a feed names come up slice after slice.
 */
const AIVD_PARENT: NamedRecord = { id: 7, type: "domain", value: "evil.example", party: "AIVD" };

function counting() {
  const asked: string[][] = [];
  const reads: RelationReads = {
    async named(probe) {
      asked.push(probe.values.map((v) => v.value));
      return probe.values.some((v) => v.value === "evil.example") ? [AIVD_PARENT] : [];
    },
    underKeys: async () => [],
    keysOf: async () => [],
  };
  return { reads, asked };
}

const probe = (values: string[], more: Partial<DataProbe> = {}): DataProbe => ({
  values: values.map((value) => ({ type: "domain" as const, value })),
  urlPrefixes: [],
  emails: [],
  itemIds: [],
  namesOnly: true,
  otherThan: "NCSC",
  ...more,
});

describe("other parties' records of a value, kept for the import's relation thread", () => {
  it("asks for a value once, found or not, and answers as the reads did", async () => {
    const { reads, asked } = counting();
    const kept = othersAnswered(reads, "NCSC");
    expect(await kept.named(probe(["evil.example", "quiet.example"]))).toEqual([AIVD_PARENT]);
    expect(await kept.named(probe(["evil.example", "quiet.example", "new.example"]))).toEqual([AIVD_PARENT]);
    expect(asked).toEqual([["evil.example", "quiet.example"], ["new.example"]]);
  });

  it("keeps nothing of a look-up that is not the import's count for this party", async () => {
    const { reads, asked } = counting();
    const kept = othersAnswered(reads, "NCSC");
    for (const other of [{ otherThan: "MIVD" as const }, { namesOnly: false }, { otherThan: undefined }, { urlPrefixes: ["https://evil.example"] }]) {
      await kept.named(probe(["evil.example"], other));
      await kept.named(probe(["evil.example"], other));
    }
    expect(asked).toHaveLength(8);
  });
});
