import { createHash } from "node:crypto";
import { LineCounter, parseDocument, isNode } from "yaml";
import { checkCovenantRules, checkRecipients, formatPath } from "./covenant-rules.js";
import type { $ZodIssue } from "zod/v4/core";
import { defaultLegalBasis, directorySchema, memberId, memberSchema, type DirectoryDocument, type IndexedMember } from "./schema.js";
import type { Recipient } from "../disclosure/types.js";
import type { Directory, DirectoryProblem, Member } from "./types.js";

export type ParsedDirectory =
  | { ok: true; directory: Directory; sha256: string }
  | { ok: false; problems: DirectoryProblem[] };

/** Directory files are small; anything larger is a mistake (or an attack on the YAML parser). */
const MAX_BYTES = 1_000_000;

/**
 * Parses and validates a directory file. Every problem is reported at once, with the line it is
 * on, so that an administrator can fix the whole file in one go.
 */
export function parseDirectory(text: string): ParsedDirectory {
  if (Buffer.byteLength(text) > MAX_BYTES) {
    return { ok: false, problems: [{ path: "", message: `the file is larger than ${MAX_BYTES} bytes` }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: "",
        line: lineCounter.linePos(e.pos[0]).line,
        message: `not valid YAML: ${e.message.split("\n")[0]}`,
      })),
    };
  }
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  let plain: unknown;
  try {
    // The alias limit guards against expansion bombs ("billion laughs").
    plain = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: `not usable YAML: ${(error as Error).message.split("\n")[0]}` }] };
  }
  // Each member is checked on its own, so that one malformed member does not hide the covenant
  // problems of the others: the administrator sees every problem in one go.
  const problems: DirectoryProblem[] = [];
  const report = (parts: (string | number)[], message: string) => problems.push({ path: formatPath(parts), line: lineOf(parts), message });
  const top = directorySchema.safeParse(plain);
  if (!top.success) top.error.issues.forEach((issue) => report(issuePath(issue), issueMessage(issue)));
  const rawMembers = Array.isArray((plain as { members?: unknown })?.members) ? ((plain as { members: unknown[] }).members) : [];
  const members: IndexedMember[] = [];
  rawMembers.forEach((raw, index) => {
    const member = memberSchema.safeParse(raw);
    if (member.success) members.push({ index, member: member.data });
    else member.error.issues.forEach((issue) => report(["members", index, ...issuePath(issue)], issueMessage(issue)));
  });
  checkCovenantRules(members).forEach(({ pathParts, message }) => report(pathParts, message));
  if (top.success) checkRecipients(top.data.recipients).forEach(({ pathParts, message }) => report(pathParts, message));
  if (problems.length > 0 || !top.success) return { ok: false, problems };
  const parsed = { data: { ...top.data, members: members.map((m) => m.member) } };
  return {
    ok: true,
    directory: toDirectory(parsed.data),
    sha256: createHash("sha256").update(text).digest("hex"),
  };
}

function toDirectory(doc: DirectoryDocument): Directory {
  const legalBasis = defaultLegalBasis();
  for (const [party, settings] of Object.entries(doc.parties)) {
    if (settings) legalBasis[party as keyof typeof legalBasis] = settings.legalBasis;
  }
  const members: Member[] = doc.members.map((m) => {
    const accounts = { slack: m.slack, mattermost: m.mattermost, local: m.local };
    return {
      id: memberId(m),
      name: m.name,
      party: m.party,
      roles: [...new Set(m.roles)],
      accounts: Object.fromEntries(Object.entries(accounts).filter(([, v]) => v)),
      screening: m.screening,
      designation: m.designation,
      ...(m.language ? { language: m.language } : {}),
    };
  });
  const recipients: Recipient[] = doc.recipients.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    party: r.party ?? "AIVD",
    channels: Object.fromEntries(Object.entries({ slack: r.slack, mattermost: r.mattermost, local: r.local }).filter(([, v]) => v)),
    ...(r.format ? { format: r.format } : {}),
    ...(r.language ? { language: r.language } : {}),
  }));
  const steering = doc.channels?.steering;
  const channels = steering ? { channels: { steering: Object.fromEntries(Object.entries(steering).filter(([, v]) => v)) } } : {};
  return { covenant: doc.covenant, legalBasis, members, recipients, consent: doc.consent, retention: doc.retention as Directory["retention"], holidays: doc.holidays, ...(doc.language ? { language: doc.language } : {}), ...channels };
}

export function formatProblems(source: string, problems: DirectoryProblem[]): string[] {
  return problems.map((p) => `${source}${p.line ? `:${p.line}` : ""}: ${p.path ? `${p.path}: ` : ""}${p.message}`);
}

/** Unknown keys are reported on the key's own line, not on the line of the object holding it. */
function issuePath(issue: $ZodIssue): (string | number)[] {
  const parts = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  return issue.code === "unrecognized_keys" && issue.keys.length > 0 ? [...parts, issue.keys[0]] : parts;
}

function issueMessage(issue: $ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `${issue.keys.map((k) => `\`${k}\``).join(", ")} ${issue.keys.length > 1 ? "are not known settings" : "is not a known setting"} here; check the spelling against the README`;
  }
  return issue.message;
}
