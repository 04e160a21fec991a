import { createWriteStream } from "node:fs";
import type { IncomingMessage } from "node:http";
import { basename } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { CommandService } from "../../core/command-service.js";
import { MAX_FILE_BYTES } from "../../core/formats/guard.js";
import type { Importer } from "../../core/formats/import-file.js";
import { importFromChat } from "../../core/formats/import-from-chat.js";
import type { Logger } from "../../logger.js";
import { wellFormed } from "../../core/text/well-formed.js";
import type { MessageView } from "../../core/views/message.js";
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
 * (`?user=…&name=…&options=format:… tlp:… column:…`), and the file goes through the core's import
 * as a file shared in Slack does (core/formats/import-from-chat.ts). The answer is the last
 * message the import showed: a refusal or the summary.
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
  const name = cleanName(query.get("name"));
  const started = Date.now();
  let shown: MessageView | undefined;
  await importFromChat(deps, {
    platform: "local",
    userId: user,
    text: wellFormed(query.get("options") ?? ""),
    via: "local:/ciic import",
    usage: (t) => t.inline("workspace.import.options"),
    findFile: async () => ({
      name,
      size: Number(req.headers["content-length"] ?? 0),
      async fetchTo(path) {
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
          if (error instanceof TooLarge) return "too_large";
          throw error;
        }
        return "fetched";
      },
    }),
    show: async (view) => void (shown = view),
  });
  deps.logger.info({ platform: "local", user, refused: shown?.refused ?? null, ms: Date.now() - started }, "import answered");
  // The core has identified the asker by now: their language, as the directory says.
  const t = deps.service.lastKnownTexts("local", user);
  return { status: 200, html: shown ? renderMessage(shown, t) : renderFailure(t, t.text("adapters.import.failed")) };
}
