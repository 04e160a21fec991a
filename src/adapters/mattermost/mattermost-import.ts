import { languageOf } from "../../core/i18n/language.js";
import { translator } from "../../core/i18n/translator.js";
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { CommandService } from "../../core/command-service.js";
import { formatOf } from "../../core/formats/detect-format.js";
import { MAX_FILE_BYTES } from "../../core/formats/guard.js";
import type { Importer } from "../../core/formats/import-file.js";
import { readImportOptions } from "../../core/formats/import-options.js";
import { importSummaryView } from "../../core/formats/import-view.js";
import type { Inline, MessageView } from "../../core/views/message.js";
import type { Logger } from "../../logger.js";
import { withReceivedFile } from "../received-file.js";
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

const note = (content: Inline[]): MessageView => ({ summary: content.map((p) => (typeof p === "string" ? p : "code" in p ? p.code : p.strong)).join(""), blocks: [{ kind: "paragraph", content }] });
const USAGE_TEXT = "/ciic import [format:stix|misp|csv] [tlp:amber] [column:<name>]";

/**
 * `/ciic import [format:stix|misp|csv] [tlp:…] [column:…]` on Mattermost: imports the file the
 * member most recently posted in this channel (within the hour). The slash command is answered at
 * once; since Mattermost cannot edit an ephemeral message, progress and the summary come in one
 * direct message from the bot, which is updated as the import goes and ends as the summary.
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
  const show = async (view: MessageView) => {
    const result = ref ? await port.update(ref, view) : await port.post(to, view);
    if (result.ok) ref = result.ref;
    else deps.logger.warn({ error: result.error }, "an import message could not be shown");
  };
  const say = (...content: Inline[]) => show(note(content));

  const who = await deps.service.identify("mattermost", userId);
  if ("ok" in who) return say(who.message);
  const t = translator(languageOf(who.member, who.directory));
  const options = readImportOptions(deps.text);
  if (!options) return say(...t.inline("adapters.import.usage", { usage: USAGE_TEXT, where: "mattermost" }));

  let list;
  try {
    list = await client.getPosts(deps.channelId, 0, POSTS_SEARCHED);
  } catch (error) {
    if (error instanceof MattermostApiError && (error.status === 403 || error.status === 404)) {
      return say(...t.inline("adapters.import.channel_unreadable"));
    }
    throw error;
  }
  const since = Date.now() - RECENT_MS;
  const post = list.order.map((id) => list.posts[id]).find((p) => p && p.user_id === userId && (p.file_ids?.length ?? 0) > 0 && p.create_at >= since);
  if (!post) {
    return say(...t.inline("adapters.import.no_file", { where: "mattermost" }));
  }
  const files = await client.getFileInfosForPost(post.id);
  if (files.length !== 1) {
    return say(...t.inline("adapters.import.several_files", { count: files.length }));
  }
  const [file] = files;
  if (file.size > MAX_FILE_BYTES) {
    return say(...t.inline("adapters.import.too_large", { file: file.name, mb: MAX_FILE_BYTES / 1024 / 1024 }));
  }
  await say(t.text("adapters.import.started", { file: file.name }));
  await withReceivedFile(async (path) => {
    // The file is fetched with the bot's token, kept only for the import, and removed after.
    const download = await client.download(file.id, DOWNLOAD_TIMEOUT_MS);
    await pipeline(Readable.fromWeb(download.body as never), createWriteStream(path));
    const format = await formatOf(path, file.name, options.format);
    if (!format) {
      return say(...t.inline("adapters.import.format_unknown", { file: file.name }));
    }
    let last = Date.now();
    let progress = Promise.resolve();
    const outcome = await deps.importer({
      ...who,
      ...options,
      format,
      path,
      fileName: file.name,
      via: "mattermost:/ciic import",
      onProgress: (read) => {
        if (Date.now() - last < PROGRESS_MS) return;
        last = Date.now();
        progress = progress.then(() => say(t.text("adapters.import.progress", { file: file.name, count: t.number(read) }))).catch(() => undefined);
      },
    });
    await progress;
    await show(importSummaryView(file.name, outcome, who));
  });
}
