// Values that logs, configuration and tools keep in pieces, each in a field or column of its own:
// a request's host, path and query; a mailbox and its domain; a DNS record's name and its zone; a
// CVE number under a column named for it. Joined and written out on a line each for the guard's
// readings (tool-forms.ts, composed).
//
// Every pattern with a repetition is bounded, so that no text makes them backtrack for long.
import { MOST_RUNS } from "./byte-forms.js";

// A domain as an LDAP name's DC parts ("dc=evil,dc=example").
const LDAP_DOMAIN = /\bdc=([\p{L}\p{N}-]{1,63})((?:[ ]{0,2},[ ]{0,2}dc=[\p{L}\p{N}-]{1,63}){1,10})/giu;
// A mailbox kept apart from its domain: an LDAP name's uid beside its DC parts, or fields of their
// own ("user": "john.doe", "domain": "evil.example"; ECS's user.name and user.domain).
const LDAP_UID = /\buid=([\p{L}\p{N}._%+-]{1,64})/giu;
const MAILBOX_FIELD = /(?<![\p{L}\p{N}_])(?:user|username|user\.name|sender_local|local_part|localpart|local|mailbox|account)["']?[ ]{0,8}[:=][ ]{0,8}["']?([\p{L}\p{N}._%+-]{1,64})(?![\p{L}\p{N}._%+-])/giu;
const DOMAIN_FIELD = /(?<![\p{L}\p{N}_])(?:domain|user\.domain|sender_domain|mail_domain|maildomain)["']?[ ]{0,8}[:=][ ]{0,8}["']?([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10})(?![\p{L}\p{N}-])/giu;
// A request's host and path as logs, JSON events and rules name them: "Host: …", "host=…",
// "\"hostname\":\"…\"" (Zeek, Suricata EVE), "dhost=" (CEF), "dest=", ":authority:" (HTTP/2),
// "\"domain\":" (ECS); "POST /login", "uri=/login", "\"url\":\"/login\"", "uri_path=", ":path:".
// Rules name them too: Sigma's fields with their modifiers ("cs-host|contains:", "c-uri|startswith:"),
// Suricata's sticky buffers ("http.host; content:\"…\""), Snort's content with its modifier after it
// ("content:\"/login\"; http_uri;") or the header written out ("content:\"Host|3a| …\"").
const HTTP_HOST = /(?<![\p{L}\p{N}])(?::authority|host|hostname|http_host|cs-host|dhost|dest_host|dest|server_name|domain)["']?(?:\|[a-z]{1,12}){0,2}[ ]{0,2}[:=][ ]{0,2}["']?([\p{L}\p{N}.:[\]-]{1,260})|http[._]host;[ ]{0,2}content:[ ]{0,2}"([^"|]{1,260})"|content:[ ]{0,2}"host\|3a\|[ ]?([^"|]{1,260})"/giu;
// A URL to an address with a Host header beside it (curl -H "Host: …" http://203.0.113.5/login): its path is the named host's.
const HTTP_PATH = /\b(?:get|post|put|head|delete|patch|options)[ ]{1,3}(\/[^\s"'<>]{0,2048})|\bhttps?:\/\/\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(\/[^\s"'<>]{0,2048})|(?<![\p{L}\p{N}])(?::path|uri|url|path|pathname|uri_path|url_path|uri-stem|cs-uri-stem|cs-uri|c-uri|c-uri-stem|request-uri|request_uri|request)["']?(?:\|[a-z]{1,12}){0,2}[ ]{0,2}[:=][ ]{0,2}["']?(\/[^\s"'<>,}]{0,2048})|http[._]uri;[ ]{0,2}content:[ ]{0,2}"(\/[^"]{0,2048})"|content:[ ]{0,2}"(\/[^"]{0,2048})";[ ]{0,2}http_uri/giu;
// A request's query in a field of its own (ECS's url.query, CIM's uri_query, IIS's cs-uri-query, a URL object's search).
const HTTP_QUERY = /(?<![\p{L}\p{N}])(?:query|uri_query|url_query|cs-uri-query|query_string|querystring|search)["']?[ ]{0,2}[:=][ ]{0,2}["']?\??([^\s"'<>,}?]{1,2048})/giu;
/** The first group a pattern of several alternatives matched. */
const matched = (m: RegExpMatchArray) => m.slice(1).find((group) => group !== undefined)!;

// A name on a log line, which may be the host a request on the same line went to (a web server's log).
const NAME_ON_LINE = /(?<![\p{L}\p{N}.-])[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10}(?![\p{L}\p{N}-])/gu;

/** Combinations of hosts and paths of HTTP requests read at most. */
const MOST_HOSTS = 10;
/** Requests (a host and a path) read from one text at most: a proxy log of a thousand lines. */
const MOST_REQUESTS = 2000;

/** Each value the fields of a text make together, onto `lines`. */
export function fieldValues(text: string, lines: string[]): void {
  const low = text.toLowerCase();
  if (low.includes("dc=")) {
    const domains = [...text.matchAll(LDAP_DOMAIN)].slice(0, MOST_RUNS).map((m) => [m[1], ...m[2].split(",").filter((p) => p.trim()).map((p) => p.trim().slice(3))].join("."));
    lines.push(...domains);
    for (const [, uid] of [...text.matchAll(LDAP_UID)].slice(0, MOST_HOSTS)) for (const domain of domains.slice(0, MOST_HOSTS)) lines.push(`${uid}@${domain}`);
  }
  for (const [host, path] of [...requestsIn(text, low), ...tableRequests(text)]) lines.push(`http://${host}${path}`);
  if (low.includes("domain")) {
    const mailboxes = [...new Set([...text.matchAll(MAILBOX_FIELD)].map((m) => m[1]))].slice(0, MOST_HOSTS);
    const domains = mailboxes.length > 0 ? [...new Set([...text.matchAll(DOMAIN_FIELD)].map((m) => m[1]))].slice(0, MOST_HOSTS) : [];
    for (const mailbox of mailboxes) for (const domain of domains) lines.push(`${mailbox}@${domain}`);
  }
  lines.push(...zoneNames(text), ...cveColumn(text), ...parametersApart(text));
}

// A request's parameters given apart from its URL, which a server reads as one request: curl's
// -d and --data options (a query with -G, a form body without; a reader takes either for the
// URL's parameters), a form body on a line of its own, a HAR entry's queryString.
const DATA_OPTION = /(?<!\S)(?:-d|--data(?:-urlencode|-raw|-binary|-ascii)?|--post-data)[ =](?:'([^'\n]{1,2048})'|"([^"\n]{1,2048})"|([^\s'"]{1,2048}))/g;
const FORM_BODY_LINE = /^[ \t]{0,8}([\w.~%[\]-]{1,64}=[^\s&]{0,1024}(?:&[\w.~%[\]-]{1,64}=[^\s&]{0,1024}){0,50})[ \t]{0,8}$/gm;
const HAR_PAIR = /"name"[ ]{0,2}:[ ]{0,2}"([^"\n]{1,256})"[ ]{0,2},[ ]{0,2}"value"[ ]{0,2}:[ ]{0,2}"([^"\n]{0,1024})"/g;
const URL_IN_TEXT = /https?:\/\/[^\s"'<>]{1,2048}/g;
const MAY_HOLD_PARAMETERS_APART = /(?<!\S)(?:-d|--data|--post-data)|"querystring"|^[ \t]{0,8}[\w.~%[\]-]{1,64}=/im;

/** Each URL of the text without a query, with the parameters the text gives apart from it. */
function parametersApart(text: string): string[] {
  if (!text.includes("://") || !MAY_HOLD_PARAMETERS_APART.test(text)) return [];
  const queries = [
    ...[...text.matchAll(DATA_OPTION)].map((m) => m[1] ?? m[2] ?? m[3]),
    ...[...text.matchAll(FORM_BODY_LINE)].map((m) => m[1]),
    ...(text.toLowerCase().includes('"querystring"') ? [[...text.matchAll(HAR_PAIR)].map(([, name, value]) => `${name}=${value}`).join("&")] : []),
  ].filter(Boolean).slice(0, MOST_HOSTS);
  if (queries.length === 0) return [];
  const urls = [...new Set([...text.matchAll(URL_IN_TEXT)].map((m) => m[0]).filter((url) => !url.includes("?")))].slice(0, MOST_HOSTS);
  return urls.flatMap((url) => queries.map((query) => `${url}?${query}`));
}

/**
 * The host and path of each HTTP request a text holds with its host apart from its path: a
 * proxy log's line ("host=… uri=…"), a raw request or a rule ("Host: …" once for the text), or a
 * web server's log line (the names on the line of the request). A line's own hosts come first,
 * so that the hosts of earlier lines never crowd out a later line's.
 */
function requestsIn(text: string, low: string): [string, string][] {
  if (!/\b(?:get|post|put|head|delete|patch|options|uri|url|path|pathname|uri_path|url_path|uri-stem|cs-uri-stem|cs-uri|c-uri|c-uri-stem|request-uri|request_uri|request|http_uri)\b/.test(low) && !/https?:\/\/\d/.test(low)) return [];
  const mayNameHost = /host|dest|domain|authority|server_name/.test(low);
  const hostsIn = (part: string) => (mayNameHost ? [...new Set([...part.matchAll(HTTP_HOST)].map(matched))] : []);
  const hosts = hostsIn(text).slice(0, MOST_HOSTS);
  const mayNameQuery = /query|search/.test(low);
  const queriesIn = (part: string) => (mayNameQuery ? [...new Set([...part.matchAll(HTTP_QUERY)].map((m) => m[1]))] : []);
  const queries = queriesIn(text).slice(0, MOST_HOSTS);
  const out: [string, string][] = [];
  for (const line of text.split("\n").slice(0, MOST_REQUESTS)) {
    const paths = [...new Set([...line.matchAll(HTTP_PATH)].map(matched))];
    if (paths.length === 0) continue;
    const names = [...new Set([...hostsIn(line), ...[...line.matchAll(NAME_ON_LINE)].map((m) => m[0]), ...hosts])].slice(0, MOST_HOSTS);
    const lineQueries = queriesIn(line);
    const withQueries = (path: string) => [path, ...(lineQueries.length > 0 ? lineQueries : queries).slice(0, MOST_HOSTS).map((q) => `${path}?${q}`)];
    for (const host of names) for (const path of paths.slice(0, MOST_HOSTS).flatMap(withQueries)) out.push([host, path]);
    if (out.length >= MOST_REQUESTS) break;
  }
  return out.slice(0, MOST_REQUESTS);
}

// A table whose header names a request's host and its path in columns of their own: a proxy log
// exported as CSV or TSV, a Markdown table ("timestamp,host,path,status").
const HOST_COLUMN = /^(?:host|hostname|http_host|cs-host|dhost|dest_host|server_name|domain|site|fqdn)$/;
const PATH_COLUMN = /^(?:path|uri|url|uri_path|url_path|uri-stem|cs-uri-stem|request_uri|request-uri|request)$/;
const QUERY_COLUMN = /^(?:query|uri_query|url_query|cs-uri-query|query_string|querystring|search)$/;
const MAY_NAME_HOST_COLUMN = /host|domain|site|fqdn/i;
const MAY_NAME_PATH_COLUMN = /path|uri|url|request/i;
const TABLE_DELIMITERS = [",", "\t", ";", "|"];
// The W3C extended log format (IIS) names its space-separated columns on a "#Fields:" line.
const W3C_FIELDS = /^#fields:[ ]*/i;
const cellsOf = (line: string, delimiter: string) => line.split(delimiter).map((cell) => cell.trim().replace(/^["']|["']$/g, ""));

/**
 * Each table in a text whose header `wanted` takes (its cells lower-cased), with the rows under
 * it, split as the header is: by commas, tabs, semicolons or bars, or by spaces under a W3C
 * "#Fields:" line. A row with fewer cells than the header ends the table.
 */
function* tables(text: string, wanted: (header: string[]) => boolean): Generator<{ header: string[]; rows: string[][] }> {
  if (!text.includes("\n")) return;
  const lines = text.split("\n").slice(0, 1000);
  for (let i = 0; i < lines.length; i++) {
    for (const delimiter of W3C_FIELDS.test(lines[i]) ? [" "] : TABLE_DELIMITERS) {
      if (!lines[i].includes(delimiter)) continue;
      const header = cellsOf(lines[i].replace(W3C_FIELDS, ""), delimiter).map((cell) => cell.toLowerCase());
      if (!wanted(header)) continue;
      const rows: string[][] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const row = cellsOf(lines[j], delimiter);
        if (row.length < header.length) break;
        rows.push(row);
      }
      yield { header, rows };
      break;
    }
  }
}

/** The host and path of each row of a table with a host column and a path column (and the path with its query, where a column holds one). */
function tableRequests(text: string): [string, string][] {
  if (!MAY_NAME_HOST_COLUMN.test(text) || !MAY_NAME_PATH_COLUMN.test(text)) return [];
  const out: [string, string][] = [];
  const hasBoth = (header: string[]) => header.some((cell) => HOST_COLUMN.test(cell)) && header.some((cell) => PATH_COLUMN.test(cell));
  for (const { header, rows } of tables(text, hasBoth)) {
    const [hostAt, pathAt, queryAt] = [HOST_COLUMN, PATH_COLUMN, QUERY_COLUMN].map((column) => header.findIndex((cell) => column.test(cell)));
    for (const row of rows) {
      const [host, path] = [row[hostAt], row[pathAt]];
      // A Markdown table's rule ("|---|---|") and rows without a path are passed over; a query
      // column ("-" where there is none) is the path's query.
      if (!host || !path.startsWith("/")) continue;
      out.push([host, path]);
      const query = queryAt === -1 ? "" : row[queryAt].replace(/^\?/, "");
      if (query && query !== "-") out.push([host, `${path}?${query}`]);
      if (out.length >= MOST_RUNS) return out;
    }
  }
  return out;
}

// A DNS zone's names relative to its origin ("$ORIGIN evil.example." then "c2  IN  A  192.0.2.1"):
// each record's owner name written whole. "@" is the origin itself.
const ZONE_ORIGIN = /(?:^|[ \t])\$origin[ \t]{1,8}([\p{L}\p{N}_.-]{1,253}?)\.?[ \t]*$/imu;
const ZONE_RECORD = /^[ \t]{0,16}([\p{L}\p{N}_*@-]{1,63}(?:\.[\p{L}\p{N}_-]{1,63}){0,10})[ \t]{1,16}(?:\d{1,10}[ \t]{1,16})?(?:in[ \t]{1,16})?(?:\d{1,10}[ \t]{1,16})?(?:a|aaaa|cname|mx|ns|txt|ptr|srv|caa|soa|https|svcb)[ \t]/gimu;

// A zone named otherwise: by a field ("zone: evil.example", Terraform's zone_id, Route 53's
// HostedZone), by BIND's configuration ("zone \"evil.example\" {"), or a zone file's header comment;
// and a record's name by a field of its own ("name: c2", "record": "c2").
const ZONE_FIELD = /(?<![\p{L}\p{N}_])(?:zone|zone_name|zonename|zone_id|hostedzone|hosted_zone|origin|domain)["']?[ ]{0,8}[:=][ ]{0,8}["']?([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10})\.?(?![\p{L}\p{N}-])/giu;
const ZONE_NAMED = /\bzone(?:[ ]file[ ]for)?[ ]{1,3}"?([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10})\.?(?![\p{L}\p{N}-])/giu;
const NAME_FIELD = /(?<![\p{L}\p{N}_.])(?:name|record|record_name|host|subdomain|label)["']?[ ]{0,8}[:=][ ]{0,8}["']?([\p{L}\p{N}_*-]{1,63})(?![\p{L}\p{N}_.-])/giu;
const MAY_NAME_ZONE = /\$origin|zone|subdomain/i;

/** Each record's owner name in a zone's text, joined to the zone ($ORIGIN, or a zone named otherwise). */
function zoneNames(text: string): string[] {
  if (!MAY_NAME_ZONE.test(text)) return [];
  const origin = ZONE_ORIGIN.exec(text);
  const zones = new Set([...(origin ? [origin[1]] : []), ...[...text.matchAll(ZONE_FIELD)].map((m) => m[1]), ...[...text.matchAll(ZONE_NAMED)].map((m) => m[1])].slice(0, MOST_HOSTS));
  if (zones.size === 0) return [];
  const owners = new Set([...[...text.matchAll(ZONE_RECORD)].map((m) => m[1]), ...[...text.matchAll(NAME_FIELD)].map((m) => m[1])].slice(0, MOST_RUNS));
  const names = new Set<string>();
  for (const zone of zones) {
    for (const owner of owners) {
      names.add(owner === "@" ? zone : `${owner}.${zone}`);
      if (names.size >= MOST_RUNS) return [...names];
    }
  }
  return [...names];
}

// A CVE number without its prefix in a column named for it (CSV, TSV, a Markdown table).
const CVE_COLUMN = /^cves?(?:[ _-]?(?:id|ids|number|nr))?$/;
const CVE_NUMBER = /^\d{4}-\d{4,7}$/;
const MAY_NAME_CVE_COLUMN = /cve/i;

/** The CVE numbers in a column named for them, as CVE ids. */
function cveColumn(text: string): string[] {
  if (!MAY_NAME_CVE_COLUMN.test(text)) return [];
  const out: string[] = [];
  for (const { header, rows } of tables(text, (header) => header.some((cell) => CVE_COLUMN.test(cell)))) {
    const at = header.findIndex((cell) => CVE_COLUMN.test(cell));
    for (const row of rows) if (CVE_NUMBER.test(row[at])) out.push(`CVE-${row[at]}`);
  }
  return out.slice(0, MOST_RUNS);
}
