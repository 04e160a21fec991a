import { createWriteStream } from "node:fs";
import type { IncomingMessage } from "node:http";
import { basename } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { CommandService } from "../../core/command-service.js";
import { formatOf } from "../../core/formats/detect-format.js";
import { MAX_FILE_BYTES } from "../../core/formats/guard.js";
import type { Importer } from "../../core/formats/import-file.js";
import { readImportOptions } from "../../core/formats/import-options.js";
import { importSummaryView } from "../../core/formats/import-view.js";
import type { Logger } from "../../logger.js";
import { withReceivedFile } from "../received-file.js";
import { wellFormed } from "../../core/text/well-formed.js";
import type { Inline } from "../../core/views/message.js";
import { renderFailure, renderMessage } from "./render-html.js";

const LOCAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;

class TooLarge extends Error {}

/**
 * A file name as sent by the page, made safe to keep in source references: no path, no control
 * characters, well-formed (the address's decoding already replaces broken UTF-8; this holds it).
 */
const cleanName = (name: string | null) =>
  [...basename(wellFormed(name ?? "").replace(/\\/g, "/")).replace(/[\p{Cc}\p{Cf}]/gu, "")].slice(0, 200).join("").trim() || "upload";

/**
 * `/ciic import` in the local workspace: the page sends the chosen file's bytes in the body
 * (`?user=…&name=…&options=format:… tlp:… column:…`), and the file goes to the same importer as a
 * file shared in Slack or given to the command line. The file is kept in a temporary folder for
 * the import only, and removed after.
 */
export async function importUpload(
  deps: { service: CommandService; importer: Importer; logger: Logger },
  req: IncomingMessage,
  query: URLSearchParams,
): Promise<{ status: number; html: string }> {
  const user = query.get("user") ?? "";
  if (!LOCAL_ID.test(user)) {
    const t = deps.service.lastKnownTexts("local", "");
    return { status: 400, html: renderFailure(t, t.text("workspace.refused.choose_who")) };
  }
  const who = await deps.service.identify("local", user);
  // identify has just read the directory: the asker's language as it says.
  const t = deps.service.lastKnownTexts("local", user);
  const refused = (content: string | Inline[]) => ({ status: 200, html: renderFailure(t, content) });
  if ("ok" in who) return refused(who.message);
  const options = readImportOptions(wellFormed(query.get("options") ?? ""));
  if (!options) return refused(t.inline("workspace.import.options"));
  const name = cleanName(query.get("name"));
  const tooLarge = () => refused(t.inline("adapters.import.too_large", { file: name, mb: MAX_FILE_BYTES / 1024 / 1024 }));
  if (Number(req.headers["content-length"] ?? 0) > MAX_FILE_BYTES) return tooLarge();
  return withReceivedFile(async (path) => {
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > MAX_FILE_BYTES ? new TooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(req, counted, createWriteStream(path));
    } catch (error) {
      if (error instanceof TooLarge) return tooLarge();
      throw error;
    }
    if (size === 0) return refused(t.text("workspace.import.empty", { file: name }));
    const format = await formatOf(path, name, options.format);
    if (!format) return refused(t.inline("adapters.import.format_unknown", { file: name }));
    const started = Date.now();
    const outcome = await deps.importer({ ...who, ...options, format, path, fileName: name, via: "local:/ciic import" });
    deps.logger.info({ platform: "local", user, format, ok: outcome.ok, ms: Date.now() - started }, "import answered");
    return { status: 200, html: renderMessage(importSummaryView(name, outcome, who), t) };
  });
}
