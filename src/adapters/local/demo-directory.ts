import type { Clock, DirectoryRecord, Store } from "../../core/ports.js";
import { loadDirectory } from "../../core/use-cases/load-directory.js";
import type { Logger } from "../../logger.js";
import { readAsset } from "./assets.js";

/** How the demo directory is named in the directory's history and the audit log. */
export const DEMO_DIRECTORY_SOURCE = "built-in demo directory (made-up members; src/adapters/local/demo-directory.yml)";

/**
 * Whether a directory is the built-in demo one, by the source it was loaded under. Only this
 * module loads under that source; the CLI names the file it loads.
 */
export const isDemoDirectory = (record: Pick<DirectoryRecord, "source">): boolean => record.source === DEMO_DIRECTORY_SOURCE;

/**
 * Puts the demo directory in force when no directory is, so that `npm start` alone leads to a
 * working round in the local workspace. It goes through the same load as any directory file
 * (checked, versioned, audited), and never replaces a directory someone loaded.
 */
export async function loadDemoDirectoryIfNone(deps: { store: Store; clock: Clock }, logger: Logger): Promise<boolean> {
  if (await deps.store.directory.current()) return false;
  const outcome = await loadDirectory(deps, { text: readAsset("./demo-directory.yml"), source: DEMO_DIRECTORY_SOURCE, actor: "system:demo" });
  if (!outcome.ok) throw new Error(`the built-in demo directory was refused: ${outcome.problems.join("; ")}`);
  logger.warn(
    { version: outcome.version, members: outcome.members },
    "no directory was in force: the DEMO directory of made-up members is loaded for trying the bot; set CIIC_DIRECTORY to load the cell's own",
  );
  return true;
}
