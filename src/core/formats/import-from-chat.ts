import { stat } from "node:fs/promises";
import type { CommandService } from "../command-service.js";
import type { Platform } from "../directory/types.js";
import { StoreUnavailableError } from "../ports.js";
import { languageOf } from "../i18n/language.js";
import { translator, type Translator } from "../i18n/translator.js";
import type { Inline, MessageView } from "../views/message.js";
import { storeFailureView } from "../views/store-failure.js";
import { formatOf } from "./detect-format.js";
import { MAX_FILE_BYTES } from "./guard.js";
import type { Importer, ImportOutcome } from "./import-file.js";
import { readImportOptions } from "./import-options.js";
import { importSummaryView } from "./import-view.js";
import { withReceivedFile } from "./received-file.js";

/** The file a platform found for `/ciic import`, and how to fetch its bytes. */
export interface ChatFile {
  name: string;
  /** Its size in bytes, where the platform says it before the download. */
  size?: number;
  /** Writes its bytes to `path`; "too_large" once they pass what the bot takes (MAX_FILE_BYTES). */
  fetchTo(path: string): Promise<"fetched" | "too_large">;
}

/** Why a platform found no file to import: a refusal's code and what to tell the member. */
export interface NoFile {
  refused: string;
  content: Inline[];
}

/** What a platform brings to `/ciic import`: who asks, where the file is, how to answer. */
export interface ChatImport {
  platform: Platform;
  userId: string;
  /** What followed `/ciic import`: `format:…`, `tlp:…`, `column:…`. */
  text: string;
  /** The audit's `via`, e.g. "slack:/ciic import". */
  via: string;
  /** How to give the options, said when they cannot be read. */
  usage(t: Translator): Inline[];
  /** The member's file as the platform keeps it, or why there is none. */
  findFile(t: Translator): Promise<ChatFile | NoFile>;
  /** Shows the member a message; each replaces the one before where the platform can (progress, then the summary). */
  show(view: MessageView): Promise<void>;
  /** Whether a progress line may be shown now, within the platform's limits; without it, none is. */
  mayShowProgress?(now: number): boolean;
  /** Says "Importing …" once the file is found: for a platform whose answer to the command is already gone. */
  announce?: boolean;
}

/**
 * `/ciic import` as every platform runs it (Art 5.1: a party's staff supply its data): who asks
 * and whether they may, the options typed, the file the platform found, its size, its format, the
 * import and its summary, each refusal with its code. A platform only finds and fetches the file
 * and shows what this says. The file is kept in a folder of its own while the import runs and
 * removed after.
 */
export async function importFromChat(
  deps: { service: Pick<CommandService, "identify">; importer: Importer; logger?: { warn(details: object, message: string): void } },
  request: ChatImport,
): Promise<void> {
  const { show } = request;
  const who = await deps.service.identify(request.platform, request.userId);
  if ("ok" in who) return show(refused(who.code, [who.message]));
  const t = translator(languageOf(who.member, who.directory));
  const options = readImportOptions(request.text);
  if (!options) return show(refused("import.usage", request.usage(t)));
  const found = await request.findFile(t);
  if ("refused" in found) return show(refused(found.refused, found.content));
  const file = found.name;
  const tooLarge = () => show(refused("import.too_large", t.inline("adapters.import.too_large", { file, mb: MAX_FILE_BYTES / 1024 / 1024 })));
  if ((found.size ?? 0) > MAX_FILE_BYTES) return tooLarge();
  if (request.announce) await show(note([t.text("adapters.import.started", { file })]));
  await withReceivedFile(async (path) => {
    if ((await found.fetchTo(path)) === "too_large") return tooLarge();
    if ((await stat(path)).size === 0) return show(refused("import.empty", [t.text("adapters.import.empty", { file })]));
    const format = await formatOf(path, file, options.format);
    if (!format) return show(refused("import.format_unknown", t.inline("adapters.import.format_unknown", { file })));
    // Progress lines go out one after another, and the summary after the last of them, so that
    // none replaces the summary; a line that cannot be shown is left out.
    let progress = Promise.resolve();
    let outcome: ImportOutcome;
    try {
      outcome = await deps.importer({
        ...who,
        ...options,
        format,
        path,
        fileName: file,
        via: request.via,
        onProgress: (read) => {
          if (!request.mayShowProgress?.(Date.now())) return;
          progress = progress.then(() => show(note([t.text("adapters.import.progress", { file, count: t.number(read) })]))).catch(() => undefined);
        },
      });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      // The database did not answer, had no room, or lost its answer to the commit: the member is
      // told which, as for a command. "Nothing was stored" would be false after a commit. The
      // operators' log says so, as for a command.
      deps.logger?.warn({ inDoubt: error.inDoubt, diskFull: error.diskFull, reason: error.reason }, "import not carried out: the database did not answer in time, or had no room");
      await progress;
      return show(storeFailureView(error, t));
    }
    await progress;
    await show(importSummaryView(file, outcome, who));
  });
}

const plain = (content: Inline[]) => content.map((p) => (typeof p === "string" ? p : "code" in p ? p.code : p.strong)).join("");

const note = (content: Inline[]): MessageView => ({ summary: plain(content), blocks: [{ kind: "paragraph", content }] });

const refused = (code: string, content: Inline[]): MessageView => ({
  summary: plain(content),
  blocks: [{ kind: "notice", tone: "error", content, code }],
  refused: code,
});
