import { createHash } from "node:crypto";
import { LineCounter, parseDocument, isNode } from "yaml";
import { checkCovenantRules, formatPath } from "./covenant-rules.js";
import { defaultLegalBasis, directorySchema, type DirectoryDocument } from "./schema.js";
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
  // maxAliasCount guards against alias expansion bombs ("billion laughs").
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
  const parsed = directorySchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const parts = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        return { path: formatPath(parts), line: lineOf(parts), message: issue.message };
      }),
    };
  }
  const ruleIssues = checkCovenantRules(parsed.data);
  if (ruleIssues.length > 0) {
    return {
      ok: false,
      problems: ruleIssues.map(({ pathParts, path, message }) => ({ path, line: lineOf(pathParts), message })),
    };
  }
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
    const firstAccount = (["slack", "mattermost", "local"] as const).find((p) => accounts[p]);
    return {
      id: m.id ?? `${firstAccount}:${accounts[firstAccount!]}`,
      name: m.name,
      party: m.party,
      roles: [...new Set(m.roles)],
      accounts: Object.fromEntries(Object.entries(accounts).filter(([, v]) => v)),
      screening: m.screening,
      designation: m.designation,
    };
  });
  return { covenant: doc.covenant, legalBasis, members };
}

export function formatProblems(source: string, problems: DirectoryProblem[]): string[] {
  return problems.map((p) => `${source}${p.line ? `:${p.line}` : ""}: ${p.path ? `${p.path}: ` : ""}${p.message}`);
}
