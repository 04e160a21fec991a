import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordsNamedIn } from "../../src/core/guard/find-data.js";
import type { DataProbe, NamedRecord } from "../../src/core/ports.js";

// What a stored text names decides which items' keys seal it (Art 7.2, issue 17). The guard
// remembers what it read in texts it met before; remembering may save work, never change an answer.
const stored: NamedRecord[] = [
  { id: 1, type: "ipv4", value: "203.0.113.7", party: "AIVD" },
  { id: 2, type: "domain", value: "evil.example", party: "MIVD" },
  { id: 3, type: "sha256", value: "a".repeat(64), party: "NCSC" },
  { id: 4, type: "email", value: "Boss@evil.example", party: "Politie" },
];
const items = {
  async named(probe: DataProbe) {
    return stored.filter(
      (r) =>
        probe.values.some((v) => v.type === r.type && v.value === r.value) ||
        (r.type === "email" && probe.emails.includes(r.value.toLowerCase())) ||
        (r.type === "url" && probe.urlPrefixes.some((p) => r.value.startsWith(p))),
    );
  },
};

const pool = [
  "seen at 203.0.113.7 twice",
  "evil.example and 203.0.113.7",
  `hash ${"a".repeat(64)}`,
  "mail boss@evil.example",
  "nothing here",
  "the host evil example again",
  "sub.evil.example was new",
  "198.51.100.1 is not on file",
  "R-12 and evil.example",
  ...Array.from({ length: 90 }, (_, n) => `case ${n}: 203.0.113.${n % 9} and host${n}.evil.example`),
];

describe("the guard's remembered texts", () => {
  it("name the same records however often and in whatever order the texts come, alone or together", async () => {
    const alone = new Map<string, Awaited<ReturnType<typeof recordsNamedIn>>[number]>();
    for (const text of pool) alone.set(text, (await recordsNamedIn(items, [text]))[0]);
    expect(alone.get("evil.example and 203.0.113.7")!.recordIds).toEqual([1, 2]);
    // An e-mail address names its domain too.
    expect(alone.get("mail boss@evil.example")!.recordIds).toEqual([2, 4]);
    expect(alone.get("nothing here")!.valueLike).toBe(false);
    // Words that would make a name ("here" is a top-level label) make a text look like a value
    // only when the name is on record: then it is sealed under that item's key.
    expect(alone.get("the host evil example again")).toEqual({ valueLike: true, recordIds: [2] });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 60 }), async (batches) => {
        for (const texts of batches) {
          const found = await recordsNamedIn(items, texts);
          expect(found).toEqual(texts.map((t) => alone.get(t)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
