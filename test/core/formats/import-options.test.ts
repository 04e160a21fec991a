import { describe, expect, it } from "vitest";
import { readImportOptions } from "../../../src/core/formats/import-options.js";

describe("the options of /ciic import, read alike on every platform", () => {
  it("takes a format, a label and a column, or none of them", () => {
    expect(readImportOptions("")).toEqual({ format: undefined, tlp: undefined, columns: undefined });
    expect(readImportOptions("format:CSV tlp:green column:sha256_hash")).toEqual({ format: "csv", tlp: "GREEN", columns: ["sha256_hash"] });
    expect(readImportOptions('  tlp:amber+strict   column:"first seen" ')).toEqual({ format: undefined, tlp: "AMBER+STRICT", columns: ["first seen"] });
  });

  it.each([["format:xml"], ["tlp:purple"], ["bundle.json"], ["format:stix extra"], ['column:"unclosed']])("refuses %s, so that nothing is imported", (text) => {
    expect(readImportOptions(text)).toBeUndefined();
  });
});
