import { formatProblems, parseDirectory } from "../directory/parse-directory.js";
import type { Clock, Store } from "../ports.js";

export type DirectoryLoadOutcome =
  | { ok: true; version: number; members: number; unchanged: boolean }
  | { ok: false; problems: string[] };

/**
 * Puts a directory file in force. A file with any problem is refused whole and the directory in
 * force stays as it was; a good file becomes a new version, so nothing recorded is lost and the
 * audit log shows who was in the cell when.
 */
export async function loadDirectory(
  deps: { store: Store; clock: Clock },
  args: { text: string; source: string; actor: string },
): Promise<DirectoryLoadOutcome> {
  const parsed = parseDirectory(args.text);
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    if (!parsed.ok) {
      const problems = formatProblems(args.source, parsed.problems);
      await tx.audit.append([{ action: "directory.refused", actor: args.actor, details: { source: args.source, problems } }], now);
      return { ok: false, problems };
    }
    // The audit head's lock first, as every writer takes it: instances that start together with
    // the same file load it one after the other, and each reads the directory in force only once
    // it holds the lock, so the second finds the first one's version and leaves it unchanged.
    await tx.audit.holdHead();
    const current = await tx.directory.current();
    if (current && current.sha256 === parsed.sha256) {
      await tx.audit.append(
        [{ action: "directory.unchanged", actor: args.actor, subject: `directory:${current.version}`, details: { source: args.source, sha256: parsed.sha256 } }],
        now,
      );
      return { ok: true, version: current.version, members: current.directory.members.length, unchanged: true };
    }
    const saved = await tx.directory.save({ loadedAt: now, sha256: parsed.sha256, source: args.source, directory: parsed.directory });
    await tx.audit.append(
      [
        {
          action: "directory.loaded",
          actor: args.actor,
          subject: `directory:${saved.version}`,
          details: {
            source: args.source,
            sha256: parsed.sha256,
            previousVersion: current?.version ?? null,
            members: parsed.directory.members.map((m) => ({ id: m.id, party: m.party, roles: m.roles, screening: m.screening ?? null })),
          },
        },
      ],
      now,
    );
    return { ok: true, version: saved.version, members: parsed.directory.members.length, unchanged: false };
  });
}
