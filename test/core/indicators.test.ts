import { describe, expect, it } from "vitest";
import { say } from "../../src/core/i18n/phrase.js";
import { translator } from "../../src/core/i18n/translator.js";
import {
  classify,
  INDICATOR_TYPES,
  MAX_TOKEN_LENGTH,
  parseIndicators,
  refang,
  REFUSAL_CODES,
  tokenise,
  type ClassifyResult,
} from "../../src/core/indicators/index.js";

function accepted(token: string): { type: string; value: string } {
  const result = classify(token);
  if (!result.ok) throw new Error(`expected "${token}" to be accepted, got ${result.code}: ${result.reason}`);
  return result.indicator;
}

function refused(token: string): { code: string; reason: string } {
  const result: ClassifyResult = classify(token);
  if (result.ok) throw new Error(`expected "${token}" to be refused, got ${result.indicator.type} ${result.indicator.value}`);
  return { code: result.code, reason: result.reason };
}

const thisYear = new Date().getUTCFullYear();
const short = (text: string): string => (text.length > 60 ? `${text.slice(0, 30)}… (${text.length} chars)` : text);

describe("INDICATOR_TYPES", () => {
  it("lists every indicator type exactly once", () => {
    expect([...INDICATOR_TYPES].sort()).toEqual(
      ["cve", "domain", "email", "ipv4", "ipv4-cidr", "ipv6", "ipv6-cidr", "md5", "sha1", "sha256", "url"].sort(),
    );
  });
});

describe("refang", () => {
  it.each([
    ["hxxp://evil.example", "http://evil.example"],
    ["hXXp://evil.example", "http://evil.example"],
    ["HXXPS://evil.example", "https://evil.example"],
    ["hxxps[:]//evil[.]example", "https://evil.example"],
    ["hxxp[://]evil[.]example", "http://evil.example"],
    ["http[:]//evil[.]example", "http://evil.example"],
    ["h**p://evil.example", "http://evil.example"],
    ["h[tt]ps://evil.example", "https://evil.example"],
    ["fxp://files.example/x", "ftp://files.example/x"],
    ["1.2.3[.]4", "1.2.3.4"],
    ["evil(.)example", "evil.example"],
    ["evil{.}example", "evil.example"],
    ["evil[dot]example", "evil.example"],
    ["evil(DOT)example", "evil.example"],
    ["evil{dot}example", "evil.example"],
    ["evil\\.example", "evil.example"],
    ["2001[:]db8[:][:]1", "2001:db8::1"],
    ["user[@]evil.example", "user@evil.example"],
    ["user[at]evil.example", "user@evil.example"],
    ["user(AT)evil.example", "user@evil.example"],
    ["evil.example", "evil.example"],
  ])("%s → %s", (input, output) => {
    expect(refang(input)).toBe(output);
  });

  it("leaves a word that merely starts like a defanged scheme alone", () => {
    expect(refang("hxxpected")).toBe("hxxpected");
  });
});

describe("tokenise", () => {
  it("splits on spaces, tabs, newlines, non-breaking spaces, commas and semicolons", () => {
    expect(tokenise("1.1.1.1 2.2.2.2\t3.3.3.3\n4.4.4.4\r\n5.5.5.5\u00a06.6.6.6,7.7.7.7;8.8.8.8 ,; 9.9.9.9")).toEqual([
      "1.1.1.1",
      "2.2.2.2",
      "3.3.3.3",
      "4.4.4.4",
      "5.5.5.5",
      "6.6.6.6",
      "7.7.7.7",
      "8.8.8.8",
      "9.9.9.9",
    ]);
  });

  it("drops empty tokens", () => {
    expect(tokenise("  ,,; \n\n ")).toEqual([]);
    expect(tokenise("")).toEqual([]);
    expect(tokenise(' "" () `` ')).toEqual([]);
  });

  it("takes text as typed: a platform's markup is its adapter's to undo (Slack's: adapters/slack/command-text.ts)", () => {
    // On Mattermost or in the local workspace this is what the person typed, not a Slack link.
    expect(tokenise("<http://x.example|x.example>")).toEqual(["http://x.example|x.example"]);
    expect(tokenise("<http://x.example/a>")).toEqual(["http://x.example/a"]);
  });

  it("strips quotes, backticks, brackets and parentheses around a whole token", () => {
    expect(tokenise('"evil.example" \'1.2.3.4\' `abc` ```code.example``` [2001:db8::1] (5.6.7.8) {x.example} <y.example>')).toEqual([
      "evil.example",
      "1.2.3.4",
      "abc",
      "code.example",
      "2001:db8::1",
      "5.6.7.8",
      "x.example",
      "y.example",
    ]);
    expect(tokenise("\u201cevil.example\u201d *bold.example* _italic.example_")).toEqual([
      "evil.example",
      "bold.example",
      "italic.example",
    ]);
  });

  it("strips sentence punctuation that cannot belong to the value", () => {
    expect(tokenise("Seen from 1.2.3.4. Also (see evil.example). And CVE-2021-44228: bad!")).toEqual([
      "Seen",
      "from",
      "1.2.3.4",
      "Also",
      "see",
      "evil.example",
      // "And" joins, and is passed over like "en" and "&" (see the list markers below).
      "CVE-2021-44228",
      "bad",
    ]);
  });

  it("keeps characters that do belong to the value", () => {
    expect(tokenise("2001:db8:: https://w.example/wiki/A_(b) evil[.]example 1.2.3[.]4 _dmarc.example")).toEqual([
      "2001:db8::",
      "https://w.example/wiki/A_(b)",
      "evil[.]example",
      "1.2.3[.]4",
      "_dmarc.example",
    ]);
  });

  it("handles a Slack code block", () => {
    expect(tokenise("```\n1.1.1.1\n2.2.2.2\n```")).toEqual(["1.1.1.1", "2.2.2.2"]);
    expect(tokenise("```1.1.1.1\n2.2.2.2```")).toEqual(["1.1.1.1", "2.2.2.2"]);
  });

  it("passes over the markers of a pasted list, bullets and numbers, which stand for no value", () => {
    expect(tokenise("• 203.0.113.5\n◦ evil.example\n- 2001:db8::1\n– a.example\n* b.example\n1) c.example\n2. d.example\n(3) e.example\n(b) f.example\n→ g.example")).toEqual([
      "203.0.113.5",
      "evil.example",
      "2001:db8::1",
      "a.example",
      "b.example",
      "c.example",
      "d.example",
      "e.example",
      "f.example",
      "g.example",
    ]);
    // A number that is no list marker is still read (and refused as no indicator).
    expect(tokenise("1234) 42 3405803785")).toEqual(["1234", "42", "3405803785"]);
  });

  it("passes over the names of fields written before their values, as reports and tools print them", () => {
    expect(tokenise("MD5: d41d8cd98f00b204e9800998ecf8427e\nSHA-256: e3b0c442\nIP: 203.0.113.20 IPv6: 2001:db8::1 Domein: evil.example URL: http://evil.example/x C2: 198.51.100.3 IOCs: a.example")).toEqual([
      "d41d8cd98f00b204e9800998ecf8427e",
      "e3b0c442",
      "203.0.113.20",
      "2001:db8::1",
      "evil.example",
      "http://evil.example/x",
      "198.51.100.3",
      "a.example",
    ]);
    // Nor the word joining the last two of a list.
    expect(tokenise("I-1, I-2 and I-3 en I-4 & I-5")).toEqual(["I-1", "I-2", "I-3", "I-4", "I-5"]);
    // Only as a name before its value: a value is never taken for one.
    expect(tokenise("md5:d41d8cd98f00b204e9800998ecf8427e evil.example:")).toEqual(["md5:d41d8cd98f00b204e9800998ecf8427e", "evil.example"]);
  });

  it("does not treat zero-width characters as separators", () => {
    expect(tokenise("evil\u200b.example a\ufeffb.example")).toEqual(["evil\u200b.example", "a\ufeffb.example"]);
  });
});

describe("classify: accepted and normalised", () => {
  it.each([
    ["1.2.3[.]4", "ipv4", "1.2.3.4"],
    ["192.0.2.1", "ipv4", "192.0.2.1"],
    ["0.0.0.0", "ipv4", "0.0.0.0"],
    ["255.255.255.255", "ipv4", "255.255.255.255"],
    ["2001:DB8:0:0:0:0:0:1", "ipv6", "2001:db8::1"],
    ["2001:0db8:0000:0000:0001:0000:0000:0001", "ipv6", "2001:db8::1:0:0:1"],
    ["::1", "ipv6", "::1"],
    ["2001[:]db8[:][:]1", "ipv6", "2001:db8::1"],
    // IPv4-mapped: the IPv4 host it is, as dual-stack software writes it (RFC 4291 2.5.5.2).
    ["::ffff:192.0.2.1", "ipv4", "192.0.2.1"],
    ["::FFFF:c000:0201", "ipv4", "192.0.2.1"],
    ["0:0:0:0:0:ffff:192.0.2.1", "ipv4", "192.0.2.1"],
    ["::ffff:0:192.0.2.1", "ipv6", "::ffff:0:c000:201"],
    ["64:ff9b::192.0.2.1", "ipv6", "64:ff9b::c000:201"],
    ["10.1.2.3/8", "ipv4-cidr", "10.0.0.0/8"],
    ["192.168.1.0/24", "ipv4-cidr", "192.168.1.0/24"],
    ["192.0.2.7/32", "ipv4-cidr", "192.0.2.7/32"],
    ["0.0.0.0/0", "ipv4-cidr", "0.0.0.0/0"],
    ["255.255.255.255/1", "ipv4-cidr", "128.0.0.0/1"],
    ["2001:db8::/32", "ipv6-cidr", "2001:db8::/32"],
    ["2001:DB8:1:2::5/32", "ipv6-cidr", "2001:db8::/32"],
    ["2001:db8::1/128", "ipv6-cidr", "2001:db8::1/128"],
    ["2001:db8:abcd:12ff::/56", "ipv6-cidr", "2001:db8:abcd:1200::/56"],
    ["::ffff:10.1.2.3/104", "ipv4-cidr", "10.0.0.0/8"],
    ["::ffff:192.0.2.1/128", "ipv4-cidr", "192.0.2.1/32"],
    ["::ffff:0:0/96", "ipv4-cidr", "0.0.0.0/0"],
    ["::ffff:0:0/95", "ipv6-cidr", "::fffe:0:0/95"],
    ["Evil.Example.", "domain", "evil.example"],
    ["evil[.]example", "domain", "evil.example"],
    ["münchen.example", "domain", "xn--mnchen-3ya.example"],
    ["MÜNCHEN.example", "domain", "xn--mnchen-3ya.example"],
    ["xn--mnchen-3ya.example", "domain", "xn--mnchen-3ya.example"],
    ["_dmarc.overheid.example", "domain", "_dmarc.overheid.example"],
    ["a-b.c-d.nl", "domain", "a-b.c-d.nl"],
    ["hxxps://evil[.]example/a?b=1", "url", "https://evil.example/a?b=1"],
    ["HTTP://Evil.EXAMPLE:80/Path", "url", "http://evil.example/Path"],
    ["https://evil.example:443", "url", "https://evil.example/"],
    ["https://evil.example:8443/x#frag", "url", "https://evil.example:8443/x#frag"],
    ["https://münchen.example/login", "url", "https://xn--mnchen-3ya.example/login"],
    ["http://user:pass@evil.example/", "url", "http://user:pass@evil.example/"],
    ["ftp://files.example/pub/x.bin", "url", "ftp://files.example/pub/x.bin"],
    ["fxp://files[.]example/x", "url", "ftp://files.example/x"],
    ["http://192.0.2.1/x", "url", "http://192.0.2.1/x"],
    ["http://[2001:DB8::1]:8080/", "url", "http://[2001:db8::1]:8080/"],
    ["john.doe[at]Evil[.]Example", "email", "john.doe@evil.example"],
    ["John.Doe@Evil.Example", "email", "John.Doe@evil.example"],
    ["o'brien+tag@münchen.example", "email", "o'brien+tag@xn--mnchen-3ya.example"],
    ["mailto:a@b.example", "email", "a@b.example"],
    ["D41D8CD98F00B204E9800998ECF8427E", "md5", "d41d8cd98f00b204e9800998ecf8427e"],
    // Glued to the name of its kind, as tools print one.
    ["sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["SHA-1=da39a3ee5e6b4b0d3255bfef95601890afd80709", "sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"],
    ["md5:d41d8cd98f00b204e9800998ecf8427e", "md5", "d41d8cd98f00b204e9800998ecf8427e"],
    ["DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"],
    [
      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
      "sha256",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ],
    ["cve-2021-44228", "cve", "CVE-2021-44228"],
    ["CVE-2014-0160", "cve", "CVE-2014-0160"],
    ["CVE-1999-0001", "cve", "CVE-1999-0001"],
    ["CVE-2023-1234567", "cve", "CVE-2023-1234567"],
  ])("%s → %s %s", (input, type, value) => {
    const got = accepted(input);
    expect({ type: got.type, value: got.value }).toEqual({ type, value });
    // A URL written otherwise than its normal form is also kept as supplied (refanged), for
    // display and export (issue 16); no other type is.
    expect((got as { supplied?: string }).supplied).toBe(type === "url" && refang(input) !== value ? refang(input) : undefined);
  });

  it("accepts a CVE from next year (ids are reserved ahead) but not the year after", () => {
    expect(accepted(`CVE-${thisYear + 1}-0001`)).toEqual({ type: "cve", value: `CVE-${thisYear + 1}-0001` });
    expect(refused(`CVE-${thisYear + 2}-0001`).code).toBe("indicator.cve_year");
  });

  it("normalises idempotently: an accepted value classifies to itself", () => {
    for (const input of ["Evil.Example.", "hxxps://evil[.]example/a?b=1", "2001:DB8:0:0:0:0:0:1", "10.1.2.3/8", "münchen.example"]) {
      const first = accepted(input);
      expect(accepted(first.value)).toEqual(first);
    }
  });
});

describe("classify: refused with a stable code and a reason", () => {
  it.each(([
    ["hello", "indicator.unrecognised", /supported are .*IPv4.*CVE/],
    ["12345", "indicator.unrecognised", /supported/],
    ["[2001:db8::1]", "indicator.unrecognised", /supported/],
    ["a".repeat(128), "indicator.hash_length", /SHA-512.*128.*MD5 \(32.*SHA-1 \(40\).*SHA-256 \(64\)/],
    ["ab".repeat(48), "indicator.hash_length", /SHA-384/],
    ["abcdef0123456789abcdef0123456789a", "indicator.hash_length", /33 hex digits.*MD5.*SHA-1.*SHA-256/],
    ["md5:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "indicator.hash_length", /labelled md5 but holds 64 hex digits/],
    ["CVE-1998-0001", "indicator.cve_year", /1998.*1999/],
    ["CVE-2021-123", "indicator.invalid_cve", /CVE-2021-44228/],
    ["CVE-2021-01234", "indicator.invalid_cve", /CVE-/],
    ["CVE\u20132021\u201344228", "indicator.invalid_cve", /plain hyphens/],
    ["010.1.1.1", "indicator.ipv4_leading_zero", /leading zero.*octal/],
    ["1.2.3.04", "indicator.ipv4_leading_zero", /leading zero/],
    ["256.1.1.1", "indicator.invalid_ipv4", /0 to 255/],
    ["1.2.3", "indicator.invalid_ipv4", /four numbers/],
    ["1.2.3.4.5", "indicator.invalid_ipv4", /four numbers/],
    ["2021.12.31", "indicator.invalid_ipv4", /four numbers/],
    ["1::2::3", "indicator.invalid_ipv6", /IPv6/],
    ["1:2:3:4:5:6:7:8:9", "indicator.invalid_ipv6", /IPv6/],
    ["::ffff:010.1.1.1", "indicator.invalid_ipv6", /leading zeros/],
    ["fe80::1%eth0", "indicator.ipv6_zone", /zone.*fe80::1/],
    ["1.2.3.4/33", "indicator.cidr_prefix", /0 to 32/],
    ["2001:db8::/129", "indicator.cidr_prefix", /0 to 128/],
    ["1.2.3.4/", "indicator.cidr_prefix", /0 to 32/],
    ["010.0.0.0/8", "indicator.ipv4_leading_zero", /leading zero/],
    ["javascript:alert(1)", "indicator.url_scheme", /http, https and ftp.*javascript/],
    ["file:///etc/passwd", "indicator.url_scheme", /file/],
    ["data:text/html,x", "indicator.url_scheme", /data/],
    ["ssh://host.example", "indicator.url_scheme", /ssh/],
    ["evil.example/path", "indicator.url_without_scheme", /http:\/\/ or https:\/\//],
    ["evil[.]example/login.php?x=1", "indicator.url_without_scheme", /http:\/\//],
    ["evil.example:8080", "indicator.url_without_scheme", /http:\/\//],
    ["192.0.2.1:443", "indicator.url_without_scheme", /http:\/\//],
    ["http://", "indicator.invalid_url", /host/],
    ["http://exa mple", "indicator.invalid_url", /URL/],
    ["http://010.1.1.1/", "indicator.url_host", /non-standard.*8\.1\.1\.1/],
    ["http://0x7f.1/", "indicator.url_host", /non-standard/],
    ["http://%31.2.3.4/", "indicator.url_host", /non-standard/],
    ["http://intranet/", "indicator.url_host", /two labels/],
    ["http://a*b.example/", "indicator.url_host", /\*/],
    ["a@b", "indicator.invalid_email", /after "@".*two labels/],
    ["@alice", "indicator.invalid_email", /before "@" is empty/],
    [`${"x".repeat(65)}@evil.example`, "indicator.invalid_email", /64/],
    ["jan\u00e9@evil.example", "indicator.invalid_email", /before "@"/],
    ["x@evil..example", "indicator.invalid_email", /empty label/],
    ["e.g", "indicator.invalid_domain", /top-level/],
    ["a.123", "indicator.invalid_domain", /top-level/],
    ["0x7f.1", "indicator.invalid_domain", /top-level/],
    ["-evil.example", "indicator.invalid_domain", /hyphen/],
    ["evil-.example", "indicator.invalid_domain", /hyphen/],
    [`${"a".repeat(64)}.example`, "indicator.invalid_domain", /63/],
    [`${"abcdefghi.".repeat(26)}example`, "indicator.invalid_domain", /253/],
    ["ev%69l.example", "indicator.invalid_domain", /%/],
    ["evil!.example", "indicator.invalid_domain", /!/],
    ["xn--zz.example", "indicator.invalid_domain", /internationalised/],
    ["evil\u202e.example", "indicator.control_characters", /U\+202E/],
    ["x".repeat(MAX_TOKEN_LENGTH + 1), "indicator.too_long", /2048/],
    [`https://evil.example/${"a".repeat(MAX_TOKEN_LENGTH)}`, "indicator.too_long", /2048/],
  ] as const).map(([input, code, reason]) => ({ name: short(input), input, code, reason })))(
    "$name → $code",
    ({ input, code, reason }) => {
      const result = refused(input);
      expect(result.code).toBe(code);
      expect(result.reason).toMatch(reason);
    },
  );

  it("refuses a file name written where a domain could be, since no top-level domain is named so; takes delegated, reserved and malware's own roots", () => {
    // Top-level labels of no domain: file extensions, and a typo.
    for (const name of ["setup.exe", "Invoice.PDF", "readme.txt", "dropper.example.dll", "uyguhr.sov.te", "http://payload.exe/x", "bob@report.docx"]) {
      const { code, reason } = refused(name);
      expect([REFUSAL_CODES.invalidDomain, REFUSAL_CODES.invalidEmail, "indicator.url_host"]).toContain(code);
      expect(reason).toMatch(/no top-level domain; if it is a file name, submit the file's hash/);
    }
    const dutch = classify("setup.exe");
    expect(!dutch.ok && say(translator("nl"), dutch.why)).toBe("Dit is geen geldige domeinnaam: de naam eindigt op ‘.exe’, en dat is geen topniveaudomein; is het een bestandsnaam, dien dan de hash van het bestand in.");
    // Delegated (also those that look like extensions), reserved, internal, and alternative roots.
    for (const name of ["archive.zip", "clip.mov", "evil.co.uk", "a.xn--p1ai", "evil.example", "x.test", "host.localhost", "printer.local", "dc01.corp", "svc.internal", "db.localdomain", "x.onion", "c2.bit", "loader.bazar"]) {
      expect(accepted(name).type).toBe("domain");
    }
  });

  it("uses only codes from REFUSAL_CODES and writes reasons as one sentence", () => {
    const codes = new Set<string>(Object.values(REFUSAL_CODES));
    for (const input of ["hello", "a".repeat(128), "CVE-1998-0001", "010.1.1.1", "fe80::1%eth0", "javascript:x", "a@b", "e.g"]) {
      const { code, reason } = refused(input);
      expect(codes.has(code)).toBe(true);
      expect(reason).toMatch(/^[A-Z].*\.$/);
      expect(reason.length).toBeLessThan(300);
    }
  });

  it("never repeats a very long token inside the reason", () => {
    const { reason } = refused(`${"a".repeat(60)}.${"b".repeat(1500)}`);
    expect(reason.length).toBeLessThan(300);
  });

  it.each([
    ["NUL", "evil\u0000.example", "U+0000"],
    ["escape", "1.2.3.4\u001b[31m", "U+001B"],
    ["DEL", "evil\u007f.example", "U+007F"],
    ["C1 control", "evil\u0085.example", "U+0085"],
    ["right-to-left override", "evil\u202egpj.example", "U+202E"],
    ["left-to-right embedding", "\u202a1.2.3.4", "U+202A"],
    ["first strong isolate", "evil\u2068.example", "U+2068"],
    ["pop directional isolate", "evil.example\u2069", "U+2069"],
    ["zero-width space", "ev\u200bil.example", "U+200B"],
    ["zero-width joiner", "ev\u200dil.example", "U+200D"],
    ["byte order mark", "\ufeff1.2.3.4", "U+FEFF"],
    ["soft hyphen", "ev\u00adil.example", "U+00AD"],
    ["word joiner", "d41d8cd98f00b204e9800998ecf8427e\u2060", "U+2060"],
    ["tag character", "evil.example\u{e0041}", "U+E0041"],
  ])("refuses a token containing a %s instead of stripping it", (_name, token, codePoint) => {
    const { code, reason } = refused(token);
    expect(code).toBe("indicator.control_characters");
    expect(reason).toContain(codePoint);
  });

  it("returns a result, never throws, for arbitrary input", () => {
    const alphabet = "0123456789abcdefxX.:/@[](){}%-_ hH\u00fc\u202e\u200b\u0000";
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const codes = new Set<string>(Object.values(REFUSAL_CODES));
    for (let i = 0; i < 3000; i++) {
      let token = "";
      const length = 1 + Math.floor(random() * 40);
      for (let j = 0; j < length; j++) token += alphabet[Math.floor(random() * alphabet.length)];
      const result = classify(token);
      if (result.ok) expect(INDICATOR_TYPES).toContain(result.indicator.type);
      else expect(codes.has(result.code)).toBe(true);
    }
  });
});

describe("parseIndicators", () => {
  it("accepts mixed indicators, keeping what the person typed as raw", () => {
    const result = parseIndicators(
      "Please share:\n1.2.3[.]4, hxxps://evil[.]example/a?b=1; Evil.Example.\n`D41D8CD98F00B204E9800998ECF8427E` (cve-2021-44228)",
    );
    expect(result.accepted).toEqual([
      { type: "ipv4", value: "1.2.3.4", raw: "1.2.3[.]4" },
      { type: "url", value: "https://evil.example/a?b=1", raw: "hxxps://evil[.]example/a?b=1" },
      { type: "domain", value: "evil.example", raw: "Evil.Example" },
      { type: "md5", value: "d41d8cd98f00b204e9800998ecf8427e", raw: "D41D8CD98F00B204E9800998ECF8427E" },
      { type: "cve", value: "CVE-2021-44228", raw: "cve-2021-44228" },
    ]);
    expect(result.refused.map((r) => [r.raw, r.code])).toEqual([
      ["Please", "indicator.unrecognised"],
      ["share", "indicator.unrecognised"],
    ]);
    expect(result.duplicates).toBe(0);
  });

  it("keeps the first of each (type, value) and counts the rest as duplicates", () => {
    const result = parseIndicators("1.2.3.4 1.2.3[.]4 [1.2.3.4] evil.example EVIL.example. https://evil.example/ evil.example");
    expect(result.accepted).toEqual([
      { type: "ipv4", value: "1.2.3.4", raw: "1.2.3.4" },
      { type: "domain", value: "evil.example", raw: "evil.example" },
      { type: "url", value: "https://evil.example/", raw: "https://evil.example/" },
    ]);
    expect(result.duplicates).toBe(4);
  });

  it("takes a bulleted or numbered list pasted from a report as its values alone, refusing none of its markers", () => {
    const result = parseIndicators("• 203.0.113.5\n• evil.example\n1) 198.51.100.7\n2) https://evil.example/x");
    expect(result.accepted.map((a) => a.value)).toEqual(["203.0.113.5", "evil.example", "198.51.100.7", "https://evil.example/x"]);
    expect(result.refused).toEqual([]);
  });

  it("reports each refused token once, in input order", () => {
    const result = parseIndicators("foo 010.1.1.1 bar foo 1.2.3.4 010.1.1.1 baz");
    expect(result.refused.map((r) => r.raw)).toEqual(["foo", "010.1.1.1", "bar", "baz"]);
    expect(result.refused.map((r) => r.code)).toEqual([
      "indicator.unrecognised",
      "indicator.ipv4_leading_zero",
      "indicator.unrecognised",
      "indicator.unrecognised",
    ]);
    expect(result.accepted).toHaveLength(1);
    expect(result.duplicates).toBe(0);
  });

  it("shows invisible characters of refused tokens as \\uXXXX", () => {
    const result = parseIndicators("evil\u202egpj.example 1.2.3.4\u0000 ok.example");
    expect(result.refused).toEqual([
      expect.objectContaining({ raw: "evil\\u202Egpj.example", code: "indicator.control_characters" }),
      expect.objectContaining({ raw: "1.2.3.4\\u0000", code: "indicator.control_characters" }),
    ]);
    expect(result.accepted).toEqual([{ type: "domain", value: "ok.example", raw: "ok.example" }]);
  });

  it("shortens refused tokens to at most 80 characters ending in …", () => {
    const result = parseIndicators(`${"y".repeat(5000)} ${"\u200b".repeat(100)}`);
    expect(result.refused).toHaveLength(2);
    const [tooLong, invisible] = result.refused;
    expect(tooLong.code).toBe("indicator.too_long");
    expect(tooLong.raw).toBe(`${"y".repeat(79)}…`);
    expect(invisible.code).toBe("indicator.control_characters");
    expect(invisible.raw.length).toBeLessThanOrEqual(80);
    expect(invisible.raw.endsWith("…")).toBe(true);
    expect(invisible.raw).toMatch(/^(\\u200B)+…$/);
  });

  it("processes 5000 values in one message", () => {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      lines.push(i % 2 === 0 ? `10.${(i >> 8) & 255}.${i & 255}.1` : `host${i}[.]evil[.]example`);
    }
    lines.push("10.0.0.1", "host1.evil.example");
    const result = parseIndicators(lines.join("\n"));
    expect(result.accepted).toHaveLength(5000);
    expect(result.refused).toEqual([]);
    expect(result.duplicates).toBe(2);
    expect(result.accepted[1]).toEqual({ type: "domain", value: "host1.evil.example", raw: "host1[.]evil[.]example" });
  });

  it("survives a megabyte of hostile text", () => {
    // Slack's escaped form of such text ("&amp;" and all) is tried in test/adapters/slack-command-text.test.ts.
    const hostile = `${"(".repeat(300_000)}${"<".repeat(300_000)}${"&".repeat(250_000)}${"[.]".repeat(50_000)}`;
    const result = parseIndicators(`${hostile} 1.2.3.4`);
    expect(result.accepted).toEqual([{ type: "ipv4", value: "1.2.3.4", raw: "1.2.3.4" }]);
    expect(result.refused).toHaveLength(1);
    expect(result.refused[0].code).toBe("indicator.too_long");
    expect(result.refused[0].raw.length).toBeLessThanOrEqual(80);
  });

  it("returns nothing for empty input", () => {
    expect(parseIndicators("")).toEqual({ accepted: [], refused: [], duplicates: 0 });
  });
});
