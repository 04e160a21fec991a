import { domainToASCII } from "node:url";
import { parse as parseHost } from "tldts";
import { phrase, type Phrase } from "../i18n/phrase.js";
import { accept, refuse, REFUSAL_CODES, type ClassifyResult } from "./types.js";

// Hostname rules are checked on the ASCII (punycode) form, because that is what DNS and every
// member's tooling compares; the Unicode form is only how it is typed.

type DomainCheck = { ok: true; value: string } | { ok: false; problem: Phrase };

// ASCII other than letters, digits, ".", "-" and "_" never belongs in a hostname. It is rejected
// before IDNA runs, because domainToASCII would percent-decode "%2e" or let "!" through.
const FORBIDDEN_ASCII = /[^a-zA-Z0-9._\-\u0080-\uffff]/;
const LABEL = /^[a-z0-9_-]{1,63}$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

// A last label of digits or hex, as an address written in another base ends.
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/i;

const topLevelProblem = (label: string): DomainCheck => ({
  ok: false,
  problem: phrase("indicators.domain.top_level", { label: label.length > 63 ? `${label.slice(0, 20)}…` : label }),
});

/**
 * Top-level names on no public list that still name what indicators are about: the reserved
 * names (RFC 2606 and 6761), multicast DNS's `local` (RFC 6762), ICANN's `internal`, `alt` for
 * other name systems (RFC 9476), the names networks use inside (`lan`, `home`, `corp`, `intranet`,
 * `intra`, `private`, `localdomain`), and the alternative roots malware resolves through
 * (Namecoin's `bit`; EmerDNS's `bazar`, `coin`, `emc`, `lib`).
 */
const UNLISTED_TOP_LEVELS: ReadonlySet<string> = new Set([
  ...["example", "test", "invalid", "localhost", "local", "internal", "alt"],
  ...["lan", "home", "corp", "intranet", "intra", "private", "localdomain"],
  ...["bit", "bazar", "coin", "emc", "lib"],
]);
/** Answers per top-level label; bounded, since a hostile file can make up any number of them. */
const topLevels = new Map<string, boolean>();
const MOST_TOP_LEVELS = 4096;

/**
 * Whether a top-level label is in use: delegated (the Public Suffix List's ICANN part, through
 * tldts) or one of the names above. "setup.exe", "invoice.pdf" and "readme.txt" are file names,
 * not domains: stored as domains they would relate to nothing and be looked for in every text.
 */
function isTopLevel(label: string): boolean {
  if (UNLISTED_TOP_LEVELS.has(label)) return true;
  let known = topLevels.get(label);
  if (known === undefined) {
    known = parseHost(`a.${label}`).isIcann === true;
    if (topLevels.size < MOST_TOP_LEVELS) topLevels.set(label, known);
  }
  return known;
}

/**
 * How a name is read. The Art 7.2 guard reads names with any top-level label (`anyTopLevel`): it
 * looks for what is on record, and records made before the check above may end in one not in use.
 */
export interface DomainReading {
  anyTopLevel?: boolean;
}

/** Problems are phrased to follow "the domain …" so e-mail reasons can reuse them. */
export function normaliseDomain(text: string, reading: DomainReading = {}): DomainCheck {
  // The root dot ("evil.example.") is how DNS people write a fully qualified name; it names the same thing.
  const name = text.endsWith(".") ? text.slice(0, -1) : text;
  const forbidden = FORBIDDEN_ASCII.exec(name);
  if (forbidden) return { ok: false, problem: phrase("indicators.domain.forbidden", { character: forbidden[0] }) };
  if (name === "" || name.startsWith(".") || name.includes("..")) {
    return { ok: false, problem: phrase("indicators.domain.empty_label") };
  }
  // Checked before IDNA, which would otherwise read "0x7f.1" as the address 127.0.0.1.
  const lastLabel = name.slice(name.lastIndexOf(".") + 1);
  if (NUMERIC_LABEL.test(lastLabel)) return topLevelProblem(lastLabel);
  const ascii = domainToASCII(name);
  if (ascii === "") return { ok: false, problem: phrase("indicators.domain.idna") };
  const labels = ascii.split(".");
  if (labels.length < 2) return { ok: false, problem: phrase("indicators.domain.one_label") };
  if (ascii.length > 253) return { ok: false, problem: phrase("indicators.domain.too_long") };
  for (const label of labels) {
    if (!LABEL.test(label)) {
      return label.length > 63
        ? { ok: false, problem: phrase("indicators.domain.label_too_long") }
        : { ok: false, problem: phrase("indicators.domain.label_characters", { label }) };
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      return { ok: false, problem: phrase("indicators.domain.label_hyphen", { label }) };
    }
  }
  const top = labels[labels.length - 1];
  if (!TOP_LEVEL.test(top)) return topLevelProblem(top);
  if (!reading.anyTopLevel && !isTopLevel(top)) return { ok: false, problem: phrase("indicators.domain.unknown_top_level", { label: top }) };
  return { ok: true, value: ascii };
}

export function classifyDomain(text: string, reading: DomainReading = {}): ClassifyResult {
  const checked = normaliseDomain(text, reading);
  if (checked.ok) return accept("domain", checked.value);
  return refuse(REFUSAL_CODES.invalidDomain, "indicators.invalid_domain", { problem: checked.problem });
}

// RFC 5322 "atext" plus dots: what real mailboxes use. Quoted local parts are left out on
// purpose; nobody shares them as indicators and they would need their own quoting rules.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;

/** The local part is kept as typed: mail servers may treat it case-sensitively. */
export function classifyEmail(text: string, reading: DomainReading = {}): ClassifyResult {
  const at = text.lastIndexOf("@");
  const local = text.slice(0, at);
  if (!LOCAL_PART.test(local)) {
    const problem = local === "" ? "indicators.email_local_empty" : local.length > 64 ? "indicators.email_local_long" : "indicators.email_local_characters";
    return refuse(REFUSAL_CODES.invalidEmail, "indicators.invalid_email", { problem: phrase(problem) });
  }
  const domain = normaliseDomain(text.slice(at + 1), reading);
  if (!domain.ok) {
    return refuse(REFUSAL_CODES.invalidEmail, "indicators.invalid_email", { problem: phrase("indicators.email_domain", { problem: domain.problem }) });
  }
  return accept("email", `${local}@${domain.value}`);
}
