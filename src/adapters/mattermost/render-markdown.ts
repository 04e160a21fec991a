import type { Action, Block, Inline, MessageView } from "../../core/views/message.js";

/**
 * Mattermost's limit on one post's message, in characters (code points): 65,535 bytes / 4 since
 * server 5.0. A longer answer is split into several posts, each marked "Part i of n".
 */
export const POST_MESSAGE_LIMIT = 16_383;
/** Room kept in every post for the part line. */
const PART_LINE_ROOM = 40;
/** Raw characters per atom: the unit a post may be cut between. Escaping at most doubles it. */
const WORD_SLICE = 2_000;
const CODE_SLICE = 8_000;

const length = (s: string) => [...s].length;
const slices = (s: string, size: number): string[] => {
  const cps = [...s];
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(""));
  return out;
};

/**
 * Words Mattermost would turn into something live even when escaped: @-mentions (which notify
 * people, and which the server finds in the raw text whatever the Markdown says), ~channel links,
 * #hashtags, and links (scheme://, www., anything.domain). Such a word is shown as code, verbatim
 * and inert: the server skips code when it looks for mentions, and the client links nothing in it.
 */
const LIVE_WORD = /[@~#]|:\/\/|^www\.|[a-z0-9-]\.[a-z]{2,}/i;
/** Markdown punctuation, escaped wherever it appears so that typed text never becomes markup. */
const MARKUP = /[\\*_{}[\]()<>#+\-.!|~$&=]/g;

const escapeMarkup = (s: string) => s.replace(MARKUP, "\\$&");

/**
 * Inline code, which shows text exactly as typed. A backtick inside is shown as a look-alike: a
 * second fence would let the server's code detection pair the wrong backticks and find a mention.
 */
export function codeSpan(text: string): string {
  const inner = text.replace(/`/g, "ˋ").replace(/[\r\n]+/g, " ");
  return inner.trim() === "" ? "` `" : `\`${inner}\``;
}

/** Typed text as Markdown atoms: whitespace, escaped words, and live words as code. */
function textAtoms(text: string): string[] {
  const normal = text
    .replace(/`/g, "ˋ")
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    // Spaces at the start of a line could make an indented code block.
    .replace(/\n[ \u00a0]+/g, "\n");
  return normal.split(/(\s+)/).flatMap((word): string[] => {
    if (word === "") return [];
    if (/^\s+$/.test(word)) return [word];
    if (!LIVE_WORD.test(word)) return slices(word, WORD_SLICE).map(escapeMarkup);
    // Sentence punctuation after a link or address stays outside the code.
    const [, core, tail] = /^(.*?)([.,;:!?)\]'"]*)$/s.exec(word)!;
    return [...slices(core, WORD_SLICE).map(codeSpan), ...(tail ? [escapeMarkup(tail)] : [])];
  });
}

/**
 * The core's sentences mark commands and values with a pair of backticks, as Slack shows them
 * (e.g. "type `/ciic help`"): such a pair becomes a code span here too — inert, so it can carry
 * no mention or link. A lone backtick stays a look-alike.
 */
function quotedCodeAtoms(text: string): string[] {
  const parts = text.split(/`([^`\n]{1,300})`/);
  return parts.flatMap((part, n) => (n % 2 === 1 ? [codeSpan(part)] : textAtoms(part)));
}

function inlineAtoms(content: readonly Inline[]): string[] {
  const atoms: string[] = [];
  for (const part of content) {
    if (typeof part === "string") atoms.push(...quotedCodeAtoms(part));
    else if ("code" in part) {
      const pieces = slices(part.code, CODE_SLICE).map(codeSpan);
      // A value too long for one atom continues on the next line, whole.
      atoms.push(...pieces.flatMap((p, i) => (i === 0 ? [p] : ["\n", p])));
    } else {
      const inner = textAtoms(part.strong.replace(/\s+/g, " ")).join("");
      atoms.push(length(inner) <= WORD_SLICE ? `**${inner.trim()}**` : inner);
    }
  }
  // Two code spans side by side would read as one span with a double fence.
  for (let i = 1; i < atoms.length; i++) if (atoms[i - 1].endsWith("`") && atoms[i].startsWith("`")) atoms[i] = ` ${atoms[i]}`;
  while (atoms.length > 0 && /^\s+$/.test(atoms[0])) atoms.shift();
  return atoms;
}

/** A piece of a post, and what joins it to the piece before when both land in one post. */
interface Chunk {
  text: string;
  glue: "\n" | "\n\n";
}

/** Packs atoms behind a prefix into chunks no longer than `budget`, cutting between atoms only. */
function pack(prefix: string, atoms: string[], budget: number, glue: Chunk["glue"]): Chunk[] {
  const out: Chunk[] = [];
  let text = prefix;
  let size = length(prefix);
  for (const atom of atoms) {
    const n = length(atom);
    if (size + n > budget && text.trim() !== "") {
      out.push({ text: text.trimEnd(), glue: out.length === 0 ? glue : "\n" });
      text = "";
      size = 0;
      if (/^\s+$/.test(atom)) continue;
    }
    text += atom;
    size += n;
  }
  if (text.trim() !== "" || out.length === 0) out.push({ text: text.trimEnd(), glue: out.length === 0 ? glue : "\n" });
  return out;
}

const NOTICE_ICON = { error: ":no_entry:", warning: ":warning:", info: ":information_source:" } as const;

function blockChunks(block: Block, budget: number): Chunk[] {
  switch (block.kind) {
    case "heading":
      return pack("#### ", textAtoms(block.text.replace(/\s+/g, " ").trim()), budget, "\n\n");
    case "paragraph":
      return pack("", inlineAtoms(block.content), budget, "\n\n");
    case "list":
      return block.items.flatMap((item, i) => pack("- ", inlineAtoms(item), budget, i === 0 ? "\n\n" : "\n"));
    case "fields":
      return block.fields.flatMap((f, i) => pack(`**${textAtoms(f.label).join("")}:** `, inlineAtoms(f.value), budget, i === 0 ? "\n\n" : "\n"));
    case "notice": {
      const chunks = pack(`${NOTICE_ICON[block.tone]} `, inlineAtoms(block.content), budget, "\n\n");
      if (block.code) chunks.push({ text: `code ${codeSpan(block.code)}`, glue: "\n" });
      return chunks;
    }
    case "actions":
      // Buttons are no text: they go into the post's attachment (see post-actions.ts).
      return [];
  }
}

/**
 * A neutral message as the messages of one or more Mattermost posts, each within the post limit.
 * Typed text is escaped so that nobody can put mentions, links or markup into what the bot posts;
 * values are shown as code, exactly. Nothing is cut off: an answer too long for one post is
 * carried on in further posts, marked "Part i of n".
 */
export function renderMarkdown(view: MessageView, limit: number = POST_MESSAGE_LIMIT): string[] {
  const budget = limit - PART_LINE_ROOM;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const chunk of view.blocks.flatMap((b) => blockChunks(b, budget))) {
    if (chunk.text === "") continue;
    const n = length(chunk.text);
    if (current !== "" && size + chunk.glue.length + n > budget) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current = current === "" ? chunk.text : `${current}${chunk.glue}${chunk.text}`;
    size += (size === 0 ? 0 : chunk.glue.length) + n;
  }
  if (current !== "") parts.push(current);
  if (parts.length === 0) parts.push(textAtoms(view.summary).join("") || "…");
  return parts.length === 1 ? parts : parts.map((p, i) => `*Part ${i + 1} of ${parts.length}*\n\n${p}`);
}

/** Typed text as inline Markdown, escaped as in a message (for an attachment's text). */
export const inlineMarkdown = (text: string): string => textAtoms(text.replace(/\s+/g, " ").trim()).join("");

export interface ActionGroup {
  /** The heading the buttons belong to, when a message holds several groups of buttons. */
  title?: string;
  actions: Action[];
}

/**
 * A message's buttons, group by group. Mattermost shows buttons below the whole message, not
 * between its paragraphs, so when a message holds several questions (an overview of what waits)
 * each group is named after the heading it belongs to.
 */
export function actionGroupsOf(view: MessageView): ActionGroup[] {
  const groups: ActionGroup[] = [];
  let heading: string | undefined;
  for (const block of view.blocks) {
    if (block.kind === "heading") heading = block.text;
    if (block.kind === "actions" && block.actions.length > 0) groups.push({ title: heading, actions: block.actions });
  }
  return groups.length > 1 ? groups : groups.map((g) => ({ actions: g.actions }));
}
