import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyedHmac } from "../../src/storage/sealing/hmac.js";

// Every index token, blinded key and text key is an HMAC (issue 17): one made without Node's Hmac
// object must give the very bytes createHmac gives, or every token stored before would stop
// matching what is asked for.
describe("HMAC-SHA-256 without an Hmac object", () => {
  it("gives createHmac's bytes for any key and any text, as bytes, base64url and hex", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), fc.string({ unit: "binary", maxLength: 300 }), (keyBytes, text) => {
        const key = Buffer.from(keyBytes);
        const mac = keyedHmac(key);
        const expected = createHmac("sha256", key).update(text).digest();
        expect(mac.bytes(text).equals(expected)).toBe(true);
        expect(mac.text(text, "base64url")).toBe(expected.toString("base64url"));
        expect(mac.text(text, "hex")).toBe(expected.toString("hex"));
      }),
      { numRuns: 500 },
    );
  });

  it("holds at the block's edges: keys of 32, 63, 64 and 65 bytes, empty and long texts", () => {
    for (const length of [0, 1, 32, 63, 64, 65, 128]) {
      const key = Buffer.alloc(length, 0xa5);
      // Up to 1,365 UTF-16 units (4,096 bytes at three a unit) a text is written into a buffer kept for the key; beyond, one is made for it.
      for (const text of ["", "url\u0000https://evil.example/", "é".repeat(1000), "\u{1F600}", "\u{1F600}".repeat(682), "x".repeat(1366), "é".repeat(5000)]) {
        expect(keyedHmac(key).text(text, "hex")).toBe(createHmac("sha256", key).update(text).digest("hex"));
      }
    }
  });

  it("keeps nothing from one call to the next", () => {
    const mac = keyedHmac(Buffer.alloc(32, 7));
    const first = mac.text("a", "hex");
    const bytes = mac.bytes("a");
    mac.text("b".repeat(500), "hex");
    mac.text("c".repeat(9000), "hex");
    expect(mac.text("a", "hex")).toBe(first);
    // What bytes() gave is the caller's: a later call does not write over it.
    expect(bytes.toString("hex")).toBe(first);
  });
});
