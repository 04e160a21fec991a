import { describe, expect, it } from "vitest";
import { parseCommandText } from "../../src/core/commands/command.js";
import { parseConsultationId } from "../../src/core/consultation/types.js";
import { parsePrefixedId } from "../../src/core/disclosure/types.js";
import { parseItemId } from "../../src/core/items/item-id.js";
import { parseReviewId } from "../../src/core/retention/types.js";
import { parseRoundId } from "../../src/core/rounds/types.js";

/** Ids are typed back as members write them, also with the dash a phone or a word processor puts in. */
describe("ids with a prefix, as typed back", () => {
  it.each(["I-42", "i-42", "I42", "I‑42", "I–42", "I—42", "I−42", "I_42", " I-42 "])("reads %s as item 42", (text) => {
    expect(parseItemId(text)).toBe(42);
  });

  it("reads requests, analyses, rounds, consultations and reviews alike", () => {
    expect(parsePrefixedId("R", "R–3")).toBe(3);
    expect(parsePrefixedId("A", "a‑2")).toBe(2);
    expect(parseRoundId("amendment", "AM–8")).toBe(8);
    expect(parseConsultationId("C‑7")).toBe(7);
    expect(parseReviewId("RV–2")).toBe(2);
    expect(parseCommandText("consult C–7 answer: yes")).toMatchObject({ name: "consult", input: { action: "answer", ref: "C–7", text: "yes" } });
  });

  it("reads no id in what is not one", () => {
    for (const text of ["I-0", "I--4", "I 4", "A-4", "I-", "I-1234567890123", "RV4x"]) expect(parseItemId(text) ?? parseReviewId(text), text).toBeUndefined();
  });
});
