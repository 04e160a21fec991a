import { normaliseDomain, type DomainReading } from "./domain.js";
import { accept, MAX_TOKEN_LENGTH, refuse, REFUSAL_CODES, type ClassifyResult, type Refusal } from "./types.js";

export const SUPPORTED_SCHEME = /^(?:https?|ftp):/i;

// Schemes people paste from reports that must never become "links" in the cell. Any other
// "scheme://" is caught by the generic rule; a bare "word:" is not, since "evil.example:8080"
// has the same shape and deserves the missing-scheme hint instead.
const OTHER_SCHEME = /^(javascript|vbscript|data|file|about|blob|tel|sms|view-source|jar|ms-[a-z0-9-]+|search-ms):|^([a-z][a-z0-9+.-]{0,30}):\/\//i;

export function refuseOtherScheme(text: string): Refusal | undefined {
  const match = OTHER_SCHEME.exec(text);
  if (!match) return undefined;
  const scheme = (match[1] ?? match[2]).toLowerCase();
  return refuse(REFUSAL_CODES.urlScheme, "indicators.url_scheme", { scheme });
}

// Made once: a regular expression literal inside a function is a new object at every call, and
// the guard classifies URLs for every host it reads.
const LEADING_SLASHES = /^[/\\]*/;
const AUTHORITY_END = /[/\\?#]/;
const PORT = /:[^:]*$/;
const ROOT_DOT = /\.$/;
const DOTTED_NUMBERS = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * The host as written, so we can tell whether the URL parser rewrote it. WHATWG turns
 * "010.1.1.1", "0x7f.1" and "%31.2.3.4" into ordinary dotted quads, which would hide from the
 * person that their indicator was ambiguous or obfuscated.
 */
function hostAsWritten(text: string): string {
  const rest = text.slice(text.indexOf(":") + 1).replace(LEADING_SLASHES, "");
  const end = rest.search(AUTHORITY_END);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const hostPort = authority.slice(authority.lastIndexOf("@") + 1);
  const host = hostPort.startsWith("[") ? hostPort : hostPort.replace(PORT, "");
  return host.toLowerCase().replace(ROOT_DOT, "");
}

/** Value is url.href: lower-case host, punycode, default port dropped, as every browser sees it. */
export function classifyUrl(text: string, reading: DomainReading = {}): ClassifyResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse(REFUSAL_CODES.invalidUrl, "indicators.invalid_url");
  }
  const host = url.hostname;
  if (host === "") {
    return refuse(REFUSAL_CODES.invalidUrl, "indicators.url_no_host");
  }
  if (DOTTED_NUMBERS.test(host)) {
    if (hostAsWritten(text) !== host) {
      return refuse(REFUSAL_CODES.urlHost, "indicators.url_ip_form", { host });
    }
  } else if (!host.startsWith("[")) {
    const checked = normaliseDomain(host, reading);
    if (!checked.ok) return refuse(REFUSAL_CODES.urlHost, "indicators.url_host", { problem: checked.problem });
  }
  if (url.href.length > MAX_TOKEN_LENGTH) {
    return refuse(REFUSAL_CODES.tooLong, "indicators.url_too_long", { max: MAX_TOKEN_LENGTH });
  }
  // Matched by its normal form; kept as supplied where that differs, for display and export.
  return text === url.href ? accept("url", url.href) : { ok: true, indicator: { type: "url", value: url.href, supplied: text } };
}

/**
 * "evil.example/login" could be http or https, and they are different indicators; we ask rather
 * than guess.
 */
export function refuseMissingScheme(text: string): Refusal | undefined {
  const end = text.search(/[/?#:]/);
  if (end <= 0) return undefined;
  const host = text.slice(0, end);
  const isHost = /^[0-9.]+$/.test(host) ? /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) : normaliseDomain(host).ok;
  if (!isHost) return undefined;
  return refuse(REFUSAL_CODES.urlWithoutScheme, "indicators.url_without_scheme");
}
