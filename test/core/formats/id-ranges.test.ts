import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdRanges } from "../../../src/core/formats/id-ranges.js";

/** What the import's audit entry says of its ids, written out plainly: sorted, runs of consecutive ids joined. */
function runsOf(ids: Iterable<number>): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return parts.join(",");
}

describe("the ids an import stored, as runs", () => {
  it("writes rising ids as runs, a lone id as itself", () => {
    const ids = new IdRanges();
    for (const id of [12, 13, 14, 20, 22, 23]) ids.add(id);
    expect(ids.toString()).toBe("12-14,20,22-23");
    expect(ids.size).toBe(6);
  });

  it("places an id that comes late (another instance took ids between) and joins the runs it touches", () => {
    const ids = new IdRanges();
    for (const id of [1, 2, 5, 6, 9]) ids.add(id);
    ids.add(4);
    ids.add(3);
    ids.add(7);
    expect(ids.toString()).toBe("1-7,9");
    expect([ids.has(3), ids.has(8), ids.has(9), ids.has(0)]).toEqual([true, false, true, false]);
  });

  it("agrees with a plain set for any ids in any order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 200 }), fc.array(fc.integer({ min: 0, max: 301 }), { maxLength: 50 }), (added, asked) => {
        const ids = new IdRanges();
        for (const id of added) ids.add(id);
        const plain = new Set(added);
        expect(ids.toString()).toBe(runsOf(added));
        expect(ids.size).toBe(plain.size);
        for (const id of asked) expect(ids.has(id)).toBe(plain.has(id));
      }),
      { numRuns: 500 },
    );
  });

  it("holds ten million rising ids as one run", () => {
    const ids = new IdRanges();
    for (let id = 1; id <= 10_000_000; id++) ids.add(id);
    expect(ids.toString()).toBe("1-10000000");
    expect(ids.size).toBe(10_000_000);
  });
});
