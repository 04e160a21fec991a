import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { knownBenign, NO_WARNINGLISTS, READABLE_TYPES, type KnownBenign, type Warninglist } from "../core/warninglists/known-benign.js";
import type { Logger } from "../logger.js";

/**
 * The project's own copy of the MISP warninglists (SOURCE.md beside this file). Found from
 * src/warninglists when run from source and from dist/warninglists when built: both sit one
 * folder below the project, beside src.
 */
export const BUILT_IN_WARNINGLISTS = fileURLToPath(new URL("../../src/warninglists/lists", import.meta.url));

const listFile = z.object({
  name: z.string().min(1).max(300),
  type: z.string(),
  matching_attributes: z.array(z.string()),
  list: z.array(z.string()),
});

export interface LoadedWarninglists {
  benign: KnownBenign;
  /** The lists taken, by name, with how many entries each. */
  lists: { name: string; entries: number }[];
  /** Files left out, with why: for the operators' log. */
  skipped: { file: string; why: string }[];
}

/**
 * What was read from a folder, with the files' names, sizes and times it was read from: a process
 * that starts the bot again (the tests start hundreds) takes the lists it read before, some
 * 150,000 entries and a tenth of a second each time, as long as no file changed.
 */
const readBefore = new Map<string, { signature: string; loaded: LoadedWarninglists }>();

const listFiles = (folder: string) =>
  readdirSync(folder)
    .sort()
    .map((name) => join(folder, name, "list.json"))
    .filter((file) => existsSync(file));

function signatureOf(files: readonly string[]): string {
  return files
    .map((file) => {
      try {
        const { size, mtimeMs } = statSync(file);
        return `${file}\t${size}\t${mtimeMs}`;
      } catch {
        return `${file}\tgone`; // removed meanwhile: reading it says so
      }
    })
    .join("\n");
}

/** Every `<folder>/<name>/list.json` under `folder`; a list that cannot be read is skipped and said. */
export function loadWarninglists(folder: string = BUILT_IN_WARNINGLISTS): LoadedWarninglists {
  if (!existsSync(folder)) return { benign: knownBenign([]), lists: [], skipped: [{ file: folder, why: "no such folder" }] };
  const files = listFiles(folder);
  const signature = signatureOf(files);
  const before = readBefore.get(folder);
  if (before?.signature === signature) return before.loaded;
  const loaded = readLists(files);
  readBefore.set(folder, { signature, loaded });
  return loaded;
}

function readLists(files: readonly string[]): LoadedWarninglists {
  const lists: Warninglist[] = [];
  const skipped: { file: string; why: string }[] = [];
  for (const file of files) {
    try {
      const parsed = listFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
      if (!parsed.success) {
        skipped.push({ file, why: `not a warninglist: ${parsed.error.issues[0]?.path.join(".") || "the file"} ${parsed.error.issues[0]?.message ?? ""}`.trim() });
      } else if (!(READABLE_TYPES as readonly string[]).includes(parsed.data.type)) {
        skipped.push({ file, why: `its type "${parsed.data.type}" is not read (only ${READABLE_TYPES.join(", ")})` });
      } else {
        lists.push(parsed.data);
      }
    } catch (error) {
      skipped.push({ file, why: error instanceof Error ? error.message : String(error) });
    }
  }
  return { benign: knownBenign(lists), lists: lists.map((l) => ({ name: l.name, entries: l.list.length })), skipped };
}

/**
 * The lists the bot flags values with (CIIC_WARNINGLISTS: a folder, `off`, or unset for the
 * built-in copy), read right after start-up rather than before it: reading some 200,000 entries
 * takes about half a second, which the first answers need not wait for. Until then nothing is
 * flagged.
 */
export function warninglistsAfterStart(setting: string | undefined, logger: Logger): KnownBenign {
  if (setting === "off") return NO_WARNINGLISTS;
  let current: KnownBenign = NO_WARNINGLISTS;
  setImmediate(() => {
    try {
      const loaded = loadWarninglists(setting ?? BUILT_IN_WARNINGLISTS);
      current = loaded.benign;
      logger.info({ lists: loaded.lists.length, entries: loaded.lists.reduce((n, l) => n + l.entries, 0) }, "warninglists loaded");
      for (const skip of loaded.skipped) logger.warn({ file: skip.file, why: skip.why }, "a warninglist was left out");
    } catch (error) {
      logger.warn({ err: error }, "the warninglists could not be read; no value is flagged as known-benign");
    }
  });
  return { listsOf: (indicator) => current.listsOf(indicator) };
}
