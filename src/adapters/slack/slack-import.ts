import { languageOf } from "../../core/i18n/language.js";
import { translator, type TextValues } from "../../core/i18n/translator.js";
import type { TextKey } from "../../core/i18n/catalogue/index.js";
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { WebClient } from "@slack/web-api";
import type { CommandService } from "../../core/command-service.js";
import { formatOf } from "../../core/formats/detect-format.js";
import { MAX_FILE_BYTES } from "../../core/formats/guard.js";
import type { Importer } from "../../core/formats/import-file.js";
import { readImportOptions } from "../../core/formats/import-options.js";
import { importSummaryView } from "../../core/formats/import-view.js";
import type { Logger } from "../../logger.js";
import { withReceivedFile } from "../received-file.js";
import { renderMessage } from "./render-message.js";
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
 * recently shared in this conversation. The command is acknowledged at once; the import runs
 * after, updating one progress message, which ends as the summary.
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
  const { respond } = deps;
  const say = (text: string, replace = true) => respond({ response_type: "ephemeral", replace_original: replace, text });
  const who = await deps.service.identify("slack", deps.userId);
  if ("ok" in who) {
    await say(who.message);
    return;
  }
  const t = translator(languageOf(who.member, who.directory));
  /** A catalogue text as Slack's mrkdwn: its code runs between backticks. */
  const said = (key: TextKey, values?: TextValues) => t.inline(key, values).map((run) => (typeof run === "string" ? run : "code" in run ? `\`${run.code}\`` : `*${run.strong}*`)).join("");
  const options = readImportOptions(deps.text);
  if (!options) {
    await say(said("adapters.import.usage", { usage: "/ciic import [format:stix|misp|csv] [tlp:amber] [column:<name>]", where: "slack" }));
    return;
  }
  const listed = await deps.client.files.list({ user: deps.userId, channel: deps.channelId, count: 1 });
  const file = listed.files?.[0];
  const url = file?.url_private_download;
  if (!file || !url || (file.created ?? 0) < Date.now() / 1000 - RECENT_SECONDS) {
    await say(said("adapters.import.no_file", { where: "slack" }));
    return;
  }
  const name = file.name ?? "upload";
  if ((file.size ?? 0) > MAX_FILE_BYTES) {
    await say(said("adapters.import.too_large", { file: name, mb: MAX_FILE_BYTES / 1024 / 1024 }));
    return;
  }
  await withReceivedFile(async (path) => {
    // The file is fetched with the bot's token, kept only for the import, and removed after.
    const download = await fetch(url, { headers: { authorization: `Bearer ${deps.botToken}` } });
    if (!download.ok || !download.body) throw new Error(`Slack answered ${download.status} to the file download`);
    await pipeline(Readable.fromWeb(download.body as never), createWriteStream(path));
    const format = await formatOf(path, name, options.format);
    if (!format) {
      await say(said("adapters.import.format_unknown", { file: name }));
      return;
    }
    const mayShow = progressGate(Date.now());
    const outcome = await deps.importer({
      ...who,
      ...options,
      format,
      path,
      fileName: name,
      via: "slack:/ciic import",
      onProgress: (read) => {
        if (!mayShow(Date.now())) return;
        void say(said("adapters.import.progress", { file: name, count: t.number(read) })).catch(() => undefined);
      },
    });
    await respond({ response_type: "ephemeral", replace_original: true, ...renderMessage(importSummaryView(name, outcome, who)) });
  });
}
