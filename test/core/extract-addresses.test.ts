import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { extract } from "../../src/core/guard/extract.js";
import { classifyIpv6 } from "../../src/core/indicators/network.js";

/**
 * The Art 7.2 guard and the sealing of stored texts read IPv6 addresses out of any text. Runs
 * that cannot be one are passed over before the parser is asked; these check that no way of
 * writing a real address is among them.
 */
describe("reading IPv6 addresses out of text (Art 7.2)", () => {
  /** How the store keeps the address: "type|value" (an IPv4-mapped one as its IPv4 address). */
  const stored = (text: string) => {
    const checked = classifyIpv6(text);
    return checked.ok ? `${checked.indicator.type}|${checked.indicator.value}` : undefined;
  };

  it("finds every address in every form the parser reads: compressed or not, leading zeros, an IPv4 address last", () => {
    const groups = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 });
    const written = fc.oneof(
      fc.ipV6(),
      groups.map((parts) => new ipaddr.IPv6(parts).toRFC5952String()),
      groups.map((parts) => parts.map((p) => p.toString(16).padStart(4, "0")).join(":")),
      groups.map((parts) => new ipaddr.IPv6(parts).toNormalizedString()),
      fc.tuple(fc.array(fc.nat(0xffff), { minLength: 6, maxLength: 6 }), fc.ipV4()).map(([parts, v4]) => `${parts.map((p) => p.toString(16)).join(":")}:${v4}`),
    );
    fc.assert(
      fc.property(written, fc.constantFrom("", "see ", "src:", "[", "ip6 "), fc.constantFrom("", ".", " now", "]", "/64"), (address, before, after) => {
        const value = stored(address);
        fc.pre(value !== undefined);
        const found = extract(`${before}${address}${after}`.toLowerCase());
        expect([...found.values.keys()]).toContain(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("passes over runs of colons and digits that are no address, and finds one written beside them", () => {
    for (const text of ["k:12:3:4", "12:30:45", "1:2:3:4:5:6:7", "bench:-143:0.13"]) {
      expect([...extract(text).values.keys()].filter((k) => k.startsWith("ipv6|"))).toEqual([]);
    }
    expect([...extract("k:12:3:4 and 2001:db8::7 at 12:30:45").values.keys()]).toContain("ipv6|2001:db8::7");
    // Stored as its IPv4 address, and as IPv6 by records kept before IPv4-mapped addresses were.
    expect(stored("::ffff:192.0.2.1")).toBe("ipv4|192.0.2.1");
    expect([...extract("::ffff:192.0.2.1").values.keys()]).toEqual(expect.arrayContaining(["ipv4|192.0.2.1", "ipv6|::ffff:c000:201"]));
    expect([...extract("::ffff:10.1.2.3/104").values.keys()]).toEqual(expect.arrayContaining(["ipv4-cidr|10.0.0.0/8", "ipv6-cidr|::ffff:a00:0/104"]));
  });
});
