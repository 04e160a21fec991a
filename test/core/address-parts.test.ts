import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { addressWithPrefix } from "../../src/core/indicators/address-parts.js";

/**
 * The comparisons read an address or range as stored (relations/): IPv4 in its normal form
 * directly, everything else through ipaddr.js. Whatever the text, the answer must be the one
 * ipaddr.js alone gives.
 */
function throughIpaddr(value: string) {
  try {
    if (value.includes("/")) {
      const [address, prefix] = ipaddr.parseCIDR(value);
      return { v4: address.kind() === "ipv4", bytes: address.toByteArray(), prefix };
    }
    const address = ipaddr.parse(value);
    return { v4: address.kind() === "ipv4", bytes: address.toByteArray(), prefix: address.kind() === "ipv4" ? 32 : 128 };
  } catch {
    return undefined;
  }
}

const byte = fc.integer({ min: 0, max: 255 });
const plain = fc.tuple(byte, byte, byte, byte).map((b) => b.join("."));
/** Texts near an IPv4 address or range: leading zeros, hex, too many or few parts, odd prefixes, IPv6. */
const near = fc.oneof(
  plain,
  fc.tuple(plain, fc.integer({ min: -1, max: 40 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(plain, fc.constantFrom("/", "/032", "/08", "/ 8", "/8 ", "/1e1", "/+8")).map(([a, p]) => `${a}${p}`),
  fc.tuple(byte, byte, byte, byte, fc.constantFrom("0", "00", "0x", " ", "+", "-")).map(([a, b, c, d, x]) => `${a}.${x}${b}.${c}.${d}`),
  fc.array(byte, { minLength: 1, maxLength: 6 }).map((b) => b.join(".")),
  fc.stringMatching(/^[0-9./x:a-f]{0,20}$/),
  fc.constantFrom("::ffff:10.1.2.3", "2001:db8::/32", "::1", "1.2.3.4/32", "0.0.0.0/0", "255.255.255.255", "1.2.3.256", "01.2.3.4", "1.2.3", "4294967295", "0x0a000001"),
);

describe("an address or range read for the comparisons", () => {
  it("is what ipaddr.js reads, for IPv4 in its normal form and for every other text", () => {
    fc.assert(
      fc.property(near, (value) => {
        expect(addressWithPrefix(value)).toEqual(throughIpaddr(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads the stored forms of addresses and ranges", () => {
    expect(addressWithPrefix("10.1.2.3")).toEqual({ v4: true, bytes: [10, 1, 2, 3], prefix: 32 });
    expect(addressWithPrefix("10.0.0.0/8")).toEqual({ v4: true, bytes: [10, 0, 0, 0], prefix: 8 });
    expect(addressWithPrefix("2001:db8::/32")).toMatchObject({ v4: false, prefix: 32 });
    expect(addressWithPrefix("evil.example")).toBeUndefined();
  });
});
