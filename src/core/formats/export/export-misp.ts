import type { StoredItem } from "../../ports.js";
import { admiraltyTags, provenanceTags } from "../misp/attribute.js";
import { asReleased, releaseStatement, type ReleaseMarking } from "./export-stix.js";
import { stableUuid } from "./ids.js";

/** MISP attribute type and category for each indicator type. */
const MISP_TYPES: Record<StoredItem["type"], { type: string; category: string }> = {
  ipv4: { type: "ip-dst", category: "Network activity" },
  "ipv4-cidr": { type: "ip-dst", category: "Network activity" },
  ipv6: { type: "ip-dst", category: "Network activity" },
  "ipv6-cidr": { type: "ip-dst", category: "Network activity" },
  domain: { type: "domain", category: "Network activity" },
  url: { type: "url", category: "Network activity" },
  email: { type: "email-src", category: "Payload delivery" },
  md5: { type: "md5", category: "Payload delivery" },
  sha1: { type: "sha1", category: "Payload delivery" },
  sha256: { type: "sha256", category: "Payload delivery" },
  cve: { type: "vulnerability", category: "External analysis" },
};

/**
 * A MISP event of the given items, streamed as text, with the fields MISP requires to import an
 * event (info, date, threat level, analysis, distribution, uuid) and each attribute marked with
 * its TLP tag. Distribution 0 ("your organisation only") keeps a receiving MISP from sharing it
 * on by itself.
 */
export async function* exportMisp(
  items: AsyncIterable<StoredItem> | Iterable<StoredItem>,
  context: { info: string; exportedAt: Date; eventName: string; release?: ReleaseMarking },
): AsyncGenerator<string> {
  const date = context.exportedAt.toISOString().slice(0, 10);
  const timestamp = String(Math.floor(context.exportedAt.getTime() / 1000));
  const head = {
    uuid: stableUuid(`event:${context.eventName}:${context.exportedAt.toISOString()}`),
    // MISP's core format keeps `info` to 256 characters: the release's reference and label here,
    // its purpose and conditions (and any analysis) in event reports below.
    info: clip(context.release ? `${context.info}, TLP:${context.release.tlp}` : context.info, INFO_LIMIT),
    date,
    timestamp,
    threat_level_id: "4",
    analysis: "2",
    distribution: "0",
    published: false,
  };
  yield `{"Event":${JSON.stringify(head).slice(0, -1)},"Attribute":[`;
  let first = true;
  const tags = new Set<string>();
  for await (const stored of items) {
    const item = asReleased(stored, context.release);
    const { type, category } = MISP_TYPES[item.type];
    const tag = `tlp:${(context.release?.tlp ?? item.tlp).toLowerCase()}`;
    tags.add(tag);
    const attribute = {
      uuid: stableUuid(`item:${item.id}`),
      type,
      category,
      value: item.supplied ?? item.value,
      to_ids: true,
      distribution: "5",
      timestamp: String(Math.floor(item.submittedAt.getTime() / 1000)),
      comment: `CIIC I-${item.id}`,
      ...(context.release ? {} : { first_seen: (item.firstSeen ?? item.submittedAt).toISOString() }),
      // A release carries no provenance: it could tell the recipient who supplied the item (Art 7.2).
      Tag: [tag, ...admiraltyTags(item.reliability), ...(context.release ? [] : provenanceTags(item))].map((name) => ({ name })),
    };
    yield `${first ? "" : ","}${JSON.stringify(attribute)}`;
    first = false;
  }
  // The event carries the strictest label of its attributes, as MISP shows it in lists.
  const order = ["tlp:clear", "tlp:green", "tlp:amber", "tlp:amber+strict", "tlp:red"];
  const strictest = [...tags].sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
  const reports = context.release ? eventReports(context.release, timestamp) : [];
  yield `]${reports.length > 0 ? `,"EventReport":${JSON.stringify(reports)}` : ""},"Tag":${JSON.stringify(strictest ? [{ name: strictest }] : [])}}}`;
}

/** The longest `info` the MISP core format allows. */
const INFO_LIMIT = 256;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * A release's terms (label, purpose, conditions) and its analysis as MISP event reports
 * (Markdown), shared as the event is.
 */
function eventReports(release: ReleaseMarking, timestamp: string) {
  const report = (key: string, name: string, content: string) => ({ uuid: stableUuid(`report:${release.reference}:${key}`), name: clip(name, INFO_LIMIT), content, distribution: "5", timestamp, deleted: false });
  return [
    report("terms", `CIIC disclosure ${release.reference}: terms`, releaseStatement(release)),
    ...(release.analysis ? [report(release.analysis.reference, `${release.analysis.reference}: ${release.analysis.title}`, release.analysis.body)] : []),
  ];
}
