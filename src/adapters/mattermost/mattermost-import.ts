import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { CommandService } from "../../core/command-service.js";
import type { Importer } from "../../core/formats/import-file.js";
import { importFromChat } from "../../core/formats/import-from-chat.js";
import type { Logger } from "../../logger.js";
import { MattermostApiError, type MattermostClient } from "./mattermost-client.js";
import type { MattermostChatPort } from "./mattermost-chat-port.js";

/** A file posted this long ago or less counts as "the file I just posted". */
const RECENT_MS = 3600_000;
/** Progress is shown at most this often, within Mattermost's rate limits. */
const PROGRESS_MS = 2000;
/** How many of the channel's latest posts are searched for the member's file. */
const POSTS_SEARCHED = 60;
/** A download of up to 200 MB may take a while; it still ends. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

const USAGE_TEXT = "/ciic import [format:stix|misp|csv] [tlp:amber] [column:<name>]";

/**
 * `/ciic import [format:stix|misp|csv] [tlp:…] [column:…]` on Mattermost: imports the file the
 * member most recently posted in this channel (within the hour), through the core's import
 * (core/formats/import-from-chat.ts). The slash command is answered at once; since Mattermost
 * cannot edit an ephemeral message, progress and the summary come in one direct message from the
 * bot, which is updated as the import goes and ends as the summary.
 */
export async function importPostedFile(deps: {
  text: string;
  userId: string;
  channelId: string;
  client: MattermostClient;
  port: MattermostChatPort;
  service: CommandService;
  importer: Importer;
  logger: Logger;
}): Promise<void> {
  const { client, port, userId } = deps;
  const to = { platform: "mattermost" as const, kind: "user" as const, id: userId };
  let ref: string | undefined;
  let lastProgress = Date.now();
  await importFromChat(deps, {
    platform: "mattermost",
    userId,
    text: deps.text,
    via: "mattermost:/ciic import",
    usage: (t) => t.inline("adapters.import.usage", { usage: USAGE_TEXT, where: "mattermost" }),
    async findFile(t) {
      let list;
      try {
        list = await client.getPosts(deps.channelId, 0, POSTS_SEARCHED);
      } catch (error) {
        if (error instanceof MattermostApiError && (error.status === 403 || error.status === 404)) {
          return { refused: "import.channel_unreadable", content: t.inline("adapters.import.channel_unreadable") };
        }
        throw error;
      }
      const since = Date.now() - RECENT_MS;
      const post = list.order.map((id) => list.posts[id]).find((p) => p && p.user_id === userId && (p.file_ids?.length ?? 0) > 0 && p.create_at >= since);
      if (!post) return { refused: "import.no_file", content: t.inline("adapters.import.no_file", { where: "mattermost" }) };
      const files = await client.getFileInfosForPost(post.id);
      if (files.length !== 1) return { refused: "import.several_files", content: t.inline("adapters.import.several_files", { count: files.length }) };
      const [file] = files;
      return {
        name: file.name,
        size: file.size,
        async fetchTo(path) {
          // Fetched with the bot's token, kept only for the import, and removed after.
          const download = await client.download(file.id, DOWNLOAD_TIMEOUT_MS);
          await pipeline(Readable.fromWeb(download.body as never), createWriteStream(path));
          return "fetched";
        },
      };
    },
    async show(view) {
      const result = ref ? await port.update(ref, view) : await port.post(to, view);
      if (result.ok) ref = result.ref;
      else deps.logger.warn({ error: result.error }, "an import message could not be shown");
    },
    mayShowProgress(now) {
      if (now - lastProgress < PROGRESS_MS) return false;
      lastProgress = now;
      return true;
    },
    announce: true,
  });
}
