import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { WebClient } from "@slack/web-api";
import type { CommandService } from "../../core/command-service.js";
import type { Importer } from "../../core/formats/import-file.js";
import { importFromChat } from "../../core/formats/import-from-chat.js";
import { renderMessage } from "./render-message.js";
import type { Logger } from "../../logger.js";
type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/** A file shared this long ago or less counts as "the file I just uploaded". */
const RECENT_SECONDS = 3600;
/**
 * Slack takes at most five messages through one response URL (within 30 minutes). Progress is
 * shown at most three times, this long into the import, so that the summary always has its place.
 */
const PROGRESS_MARKS_MS = [2_000, 10_000, 30_000];

/** Whether a progress line may be shown now; each mark is used once, in order. */
export function progressGate(startedAt: number, marksMs: readonly number[] = PROGRESS_MARKS_MS): (now: number) => boolean {
  let shown = 0;
  return (now) => {
    if (shown >= marksMs.length || now - startedAt < marksMs[shown]) return false;
    shown++;
    return true;
  };
}

/**
 * `/ciic import [format:stix|misp|csv] [tlp:…] [column:…]`: imports the file the member most
 * recently shared in this conversation (core/formats/import-from-chat.ts). The command is
 * acknowledged at once; the import runs after, updating one message through the response URL,
 * which ends as the summary.
 */
export async function importSharedFile(deps: {
  text: string;
  userId: string;
  channelId: string;
  botToken: string;
  client: WebClient;
  respond: Respond;
  service: CommandService;
  importer: Importer;
  logger: Logger;
}): Promise<void> {
  await importFromChat(deps, {
    platform: "slack",
    userId: deps.userId,
    text: deps.text,
    via: "slack:/ciic import",
    usage: (t) => t.inline("adapters.import.usage", { usage: USAGE, where: "slack" }),
    async findFile(t) {
      const listed = await deps.client.files.list({ user: deps.userId, channel: deps.channelId, count: 1 });
      const file = listed.files?.[0];
      const url = file?.url_private_download;
      if (!file || !url || (file.created ?? 0) < Date.now() / 1000 - RECENT_SECONDS) {
        return { refused: "import.no_file", content: t.inline("adapters.import.no_file", { where: "slack" }) };
      }
      return {
        name: file.name ?? "upload",
        size: file.size,
        async fetchTo(path) {
          // Fetched with the bot's token, kept only for the import, and removed after.
          const download = await fetch(url, { headers: { authorization: `Bearer ${deps.botToken}` } });
          if (!download.ok || !download.body) throw new Error(`Slack answered ${download.status} to the file download`);
          await pipeline(Readable.fromWeb(download.body as never), createWriteStream(path));
          return "fetched";
        },
      };
    },
    show: async (view) => void (await deps.respond({ response_type: "ephemeral", replace_original: true, ...renderMessage(view) })),
    mayShowProgress: progressGate(Date.now()),
  });
}

const USAGE = "/ciic import [format:stix|misp|csv] [tlp:amber] [column:<name>]";
