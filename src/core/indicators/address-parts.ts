import ipaddr from "ipaddr.js";

/**
 * Parts of stored values that the comparisons read (relations/, warninglists/): a URL's host,
 * an address or range with its prefix length, and an address's network at a prefix length.
 */

/** An address (its full length as prefix) or a range, as stored; undefined when it is neither. */
export function addressWithPrefix(value: string): { address: ipaddr.IPv4 | ipaddr.IPv6; prefix: number } | undefined {
  try {
    if (value.includes("/")) {
      const [address, prefix] = ipaddr.parseCIDR(value);
      return { address, prefix };
    }
    const address = ipaddr.parse(value);
    return { address, prefix: address.kind() === "ipv4" ? 32 : 128 };
  } catch {
    return undefined;
  }
}

/** The host of a URL as stored (WHATWG form), without the brackets of an IPv6 literal; undefined when it does not parse. */
export function hostOfUrl(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return undefined;
  }
}

/** The address's bytes with every bit past the first `prefix` cleared: its network. */
export const networkBytes = (bytes: readonly number[], prefix: number): number[] =>
  bytes.map((byte, i) => byte & ((0xff << (8 - Math.max(0, Math.min(8, prefix - i * 8)))) & 0xff));
