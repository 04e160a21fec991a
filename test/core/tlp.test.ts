import { describe, expect, it } from "vitest";
import { parseTlp } from "../../src/core/covenant/tlp.js";

describe("TLP labels as members write them", () => {
  it("reads TLP 2.0's labels in any case, TLP 1.0's WHITE, and the colours in Dutch", () => {
    expect(["red", "TLP:RED", "tlp:amber+strict", "Clear", "white"].map(parseTlp)).toEqual(["RED", "RED", "AMBER+STRICT", "CLEAR", "CLEAR"]);
    expect(["groen", "TLP:GROEN", "oranje", "oranje+strikt", "rood", "wit"].map(parseTlp)).toEqual(["GREEN", "GREEN", "AMBER", "AMBER+STRICT", "RED", "CLEAR"]);
    for (const wrong of ["purple", "blauw", "", "tlp:"]) expect(parseTlp(wrong), wrong).toBeUndefined();
  });
});
