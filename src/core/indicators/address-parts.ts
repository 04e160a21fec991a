import ipaddr from "ipaddr.js";

/**
 * Parts of stored values that the comparisons read (relations/, warninglists/): a URL's host,
 * an address or range with its prefix length, and an address's network at a prefix length.
 */

/** An address's family, its bytes and a prefix length. */
export interface AddressParts {
  v4: boolean;
  bytes: number[];
  prefix: number;
}

/**
 * An address (its full length as prefix) or a range, as stored; undefined when it is neither.
 * An IPv4 address or range in its normal form ("10.1.2.3", "10.0.0.0/8": what the store keeps) is
 * read directly; anything else through ipaddr.js, whose parser (a regular expression and its
 * match) made a tenth of the garbage of an import's related look-ups.
 */
export function addressWithPrefix(value: string): AddressParts | undefined {
  const direct = plainIpv4(value);
  if (direct) return direct;
  try {
    if (value.includes("/")) {
      const [address, prefix] = ipaddr.parseCIDR(value);
      return { v4: address.kind() === "ipv4", bytes: address.toByteArray(), prefix };
    }
    const address = ipaddr.parse(value);
    const v4 = address.kind() === "ipv4";
    return { v4, bytes: address.toByteArray(), prefix: v4 ? 32 : 128 };
  } catch {
    return undefined;
  }
}

/**
 * A decimal number of one to `digits` digits without a leading zero (but "0" itself), read from
 * `text` between `from` and `to`; -1 when it is not one.
 */
function plainNumber(text: string, from: number, to: number, digits: number): number {
  const length = to - from;
  if (length < 1 || length > digits || (length > 1 && text.charCodeAt(from) === 48)) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Four dotted decimal bytes, and "/" with a prefix of 0 to 32 or none, as classify writes them; else undefined. */
function plainIpv4(value: string): AddressParts | undefined {
  const slash = value.indexOf("/");
  const end = slash === -1 ? value.length : slash;
  const bytes: number[] = [];
  let from = 0;
  for (let part = 0; part < 4; part++) {
    const dot = part < 3 ? value.indexOf(".", from) : end;
    if (dot === -1 || dot > end) return undefined;
    const byte = plainNumber(value, from, dot, 3);
    if (byte < 0 || byte > 255) return undefined;
    bytes.push(byte);
    from = dot + 1;
  }
  if (slash === -1) return { v4: true, bytes, prefix: 32 };
  const prefix = plainNumber(value, slash + 1, value.length, 2);
  return prefix < 0 || prefix > 32 ? undefined : { v4: true, bytes, prefix };
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
