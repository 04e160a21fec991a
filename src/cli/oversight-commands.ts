import { createReadStream, createWriteStream } from "node:fs";
import { unlink } from "node:fs/promises";
import { userInfo } from "node:os";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { authorise } from "../core/access/policy.js";
import { createArchive, exportedEvent, type ArchiveSummary } from "../core/oversight/export-archive.js";
import type { ArchiveKind } from "../core/oversight/archive-format.js";
import { verifyArchive } from "../core/oversight/verify-archive.js";
import { systemClock, type Store } from "../core/ports.js";
import { withTightHeap } from "../storage/bulk-heap.js";

type Out = { write(text: string): unknown };

const USAGE = "Usage: ciic oversight export <file> [--as <auditor's member id>] | ciic oversight verify <file>\n";

const NAMES: Record<ArchiveKind, string> = {
  directory: "directory versions",
  item: "items (all versions)",
  analysis: "analyses",
  request: "disclosure requests",
  ask: "consent asks",
  provision: "provisions",
  meeting: "steering meetings",
  reminder: "steering reminders",
  round: "agreement rounds",
  roundAsk: "round asks",
  consultation: "OM consultations",
  consultationNote: "consultation notes",
  audit: "audit entries",
};
const listCounts = (counts: Record<ArchiveKind, number>) => (Object.keys(NAMES) as ArchiveKind[]).map((k) => `${counts[k]} ${NAMES[k]}`).join(", ");

/**
 * `ciic oversight export <file>` writes the whole record as a sealed archive for the oversight
 * committee (Wiv 2017), streamed, so any size works; `ciic oversight verify <file>` checks one
 * without a database, wherever the committee keeps it.
 */
export async function runOversight(args: string[], out: Out, err: Out, openStore: () => Promise<Store | undefined>): Promise<number> {
  const [action, ...rest] = args;
  if (action === "verify" && rest.length === 1) return verify(rest[0], out, err);
  if (action !== "export") {
    err.write(USAGE);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { as: { type: "string" } } });
  } catch (error) {
    err.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) {
    err.write(`Name the one file to write the archive to.\n${USAGE}`);
    return 2;
  }
  // Undefined where there is no database to export: openStore has said why.
  const store = await openStore();
  if (!store) return 2;
  try {
    const actor = await exporter(store, parsed.values.as, err);
    if (!actor) return 1;
    const summary = await writeArchiveFile(store, file, actor, err);
    if (!summary) return 1;
    await store.transaction((tx) => tx.audit.append([exportedEvent(actor, "cli", summary)], systemClock.now()));
    out.write(
      `Wrote ${file}: ${summary.lines} lines, ${(summary.bytes / 1024 / 1024).toFixed(1)} MB — ${listCounts(summary.counts)}.\n` +
        `Audit head: entry ${summary.head.seq}, hash ${summary.head.hash}\n` +
        `SHA-256 of the file: ${summary.sha256}\n` +
        `The export is recorded in the audit log (oversight.exported, with the same digest). Check the archive with: ciic oversight verify ${file}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** Who exports: the auditor named with --as (who must be one), or the server account running the tool. */
async function exporter(store: Store, as: string | undefined, err: Out): Promise<string | undefined> {
  if (as === undefined) return `cli:${userInfo().username}`;
  const record = await store.directory.current();
  const member = record?.directory.members.find((m) => m.id === as);
  const denied = record && authorise(member, "oversight", { now: systemClock.now(), screeningValidityYears: record.directory.covenant.screeningValidityYears });
  if (!record || !member || denied) {
    const code = denied ? denied.code : "access.unknown_user";
    await store.transaction((tx) => tx.audit.append([{ action: "access.refused", actor: as.slice(0, 80), subject: "command:oversight", details: { code, via: "cli" } }], systemClock.now()));
    err.write(`${denied?.message ?? `No member with id ${as} is in the directory (see \`ciic directory show\`).`} Nothing was exported.\n`);
    return undefined;
  }
  return member.id;
}

async function writeArchiveFile(store: Store, file: string, actor: string, err: Out): Promise<ArchiveSummary | undefined> {
  // "wx": never overwrite an earlier archive, which may be the one an inquiry relies on.
  const target = createWriteStream(file, { flags: "wx" });
  try {
    await once(target, "open");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err.write(code === "EEXIST" ? `${file} exists already; choose another name (an earlier archive is never overwritten).\n` : `Cannot write ${file} (${code ?? (error as Error).message}).\n`);
    return undefined;
  }
  const archive = createArchive(store, { exportedAt: systemClock.now(), exportedBy: actor, via: "cli" });
  try {
    // The whole record streams through: with the heap held close to what it keeps, as an import's (bulk-heap.ts).
    await withTightHeap(async () => {
      for await (const chunk of archive.chunks()) {
        if (!target.write(chunk)) await once(target, "drain");
      }
    });
    target.end();
    await once(target, "finish");
    return archive.summary();
  } catch (error) {
    target.destroy();
    await unlink(file).catch(() => undefined);
    err.write(`The export failed and ${file} was removed: ${(error as Error).message}\n`);
    return undefined;
  }
}

async function verify(file: string, out: Out, err: Out): Promise<number> {
  const input = createReadStream(file);
  try {
    await once(input, "open");
  } catch (error) {
    err.write(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).\n`);
    return 1;
  }
  const verdict = await verifyArchive(input);
  if (!verdict.ok) {
    const total = verdict.problems.length + verdict.moreProblems;
    err.write(`${file}: NOT intact — ${total} ${total === 1 ? "problem" : "problems"}:\n`);
    for (const p of verdict.problems) err.write(`  ${p}\n`);
    if (verdict.moreProblems > 0) err.write(`  …and ${verdict.moreProblems} more\n`);
    err.write(`SHA-256 of the file as read: ${verdict.sha256}\n`);
    return 1;
  }
  out.write(
    `${file}: intact. ${verdict.lines} lines — ${listCounts(verdict.counts)}.\n` +
      `The audit chain runs unbroken from its first entry to entry ${verdict.head!.seq} (hash ${verdict.head!.hash}), the head the archive claims; ` +
      "every line matches its seal, and the content matches the digest in the trailer.\n" +
      `Exported ${verdict.exportedAt ?? "(time not stated)"} by ${verdict.exportedBy ?? "(not stated)"}. SHA-256 of the file: ${verdict.sha256} ` +
      "(the oversight.exported entry in the bot's audit log names the digest of the archive it wrote).\n",
  );
  return 0;
}
