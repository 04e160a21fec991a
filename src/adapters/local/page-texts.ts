import type { TextKey } from "../../core/i18n/catalogue/index.js";
import type { Translator } from "../../core/i18n/translator.js";
import { inline } from "./render-html.js";

/**
 * The page's own words (workspace.html, workspace.js), sent to it in both languages with the
 * people it can choose from, so that the page can follow whoever is chosen without asking
 * again. The script holds no text of its own: it fills `data-text`, `data-html` and
 * `data-label-text` elements from these, and workspace.html keeps the English as the page without
 * script. The inputs' placeholders are command syntax (`tlp:green`), the same in both languages.
 */
const PLAIN = [
  "workspace.page.title",
  "workspace.page.title_of",
  "workspace.page.subtitle",
  "workspace.page.scope",
  "workspace.page.who",
  "workspace.page.you_are",
  "workspace.page.choose_who",
  "workspace.page.commands",
  "workspace.page.commands_note",
  "workspace.page.send",
  "workspace.page.shortcuts",
  "workspace.page.as_form",
  "workspace.page.as_button",
  "workspace.page.import_title",
  "workspace.page.import_file",
  "workspace.page.import_options",
  "workspace.optional",
  "workspace.page.import",
  "workspace.page.importing",
  "workspace.page.choose_file",
  "workspace.page.messages",
  "workspace.page.messages_of_member",
  "workspace.page.messages_of_channel",
  "workspace.page.inbox_note",
  "workspace.page.inbox_note_member",
  "workspace.page.inbox_note_channel",
  "workspace.page.recipient_note",
  "workspace.page.choose_first",
  "workspace.page.loading",
  "workspace.page.http_status",
] as const satisfies readonly TextKey[];

/** Texts with code or bold in them, sent as HTML (everything in them escaped but those tags): `data-html`. */
const RICH = ["workspace.page.real_directory", "workspace.page.demo", "workspace.page.no_local_members"] as const satisfies readonly TextKey[];

/**
 * What the page fills in for a person's name or an HTTP status: the placeholder itself, which
 * the script replaces (text, never markup).
 */
const SLOTS = { name: "{name}", status: "{status}" };

/** Every text the page shows, by key, in `t`'s language. */
export function pageTexts(t: Translator): Record<string, string> {
  return Object.fromEntries([
    ...PLAIN.map((key) => [key, t.text(key, SLOTS)]),
    ...RICH.map((key) => [key, inline(t.inline(key))]),
  ]);
}
