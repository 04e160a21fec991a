import { createHash } from "node:crypto";
import { findMember, type Directory } from "../../core/directory/types.js";
import type { TextKey } from "../../core/i18n/catalogue/index.js";
import { LANGUAGES, directoryLanguage, languageOf, type Language } from "../../core/i18n/language.js";
import { translator, type Translator } from "../../core/i18n/translator.js";
import type { Destination } from "../../core/outbox/outbound.js";
import type { Store } from "../../core/ports.js";
import { isDemoDirectory } from "./demo-directory.js";
import { destinationKey, type LocalChanges } from "./local-chat-port.js";
import { pageTexts } from "./page-texts.js";
import { escapeHtml, renderDelivered } from "./render-html.js";

/** The most recent messages a page shows of one person or channel. */
const SHOWN = 200;
/** How long a reader waits for news before it answers "unchanged" (the page then asks again). */
const WAIT_MS = 20_000;
/** While waiting, the messages are read again this often, in case news came without a signal. */
const RECHECK_MS = 1_000;

const LOCAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;

type Found<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

/** A person's or a channel's messages, and who reads them there. */
type Reader = Destination & { t: Translator };

/**
 * The reading side of the workspace: whom one can be, and what a person's direct messages or a
 * recipient's channel hold. Messages are read back from the outbox, never kept in memory. Each
 * is shown in its reader's language: a member's, a recipient's channel's, else the directory's.
 * A request that names nobody known is refused in `texts("")` (CommandService.lastKnownTexts).
 */
export function createInbox(deps: { store: Store; changes: LocalChanges; texts: (user: string) => Translator }) {
  const { store, changes } = deps;

  /**
   * The members and recipient channels one can pick, as options of the page's "You are" list,
   * each with the language it reads (`data-language`); the list in either language, `html` in
   * the directory's; and the page's own texts in both, for the page to follow whoever is chosen.
   */
  async function people() {
    const record = await store.directory.current();
    const directory = record?.directory;
    const members = (directory?.members ?? []).filter((m) => m.accounts.local);
    const channels = (directory?.recipients ?? []).filter((r) => r.channels.local);
    const option = (value: string, name: string, language: Language, label: string) =>
      `<option value="${escapeHtml(value)}" data-name="${escapeHtml(name)}" data-language="${language}">${escapeHtml(label)}</option>`;
    const options = (t: Translator) =>
      `<optgroup label="${escapeHtml(t.text("workspace.people.members"))}">${members
        .map((m) => option(`user:${m.accounts.local}`, m.name, languageOf(m, directory), `${m.name} — ${m.party}, ${t.list(m.roles.map((role) => t.text("commands.role", { role })))}`))
        .join("")}</optgroup>` +
      `<optgroup label="${escapeHtml(t.text("workspace.people.recipients"))}">${channels
        .map((r) => option(`channel:${r.channels.local}`, r.name, languageOf(r, directory), t.text("workspace.people.recipient", { name: r.name })))
        .join("")}</optgroup>`;
    const language = directoryLanguage(directory);
    const htmlIn = Object.fromEntries(LANGUAGES.map((l) => [l, options(translator(l))])) as Record<Language, string>;
    return {
      demo: record !== undefined && isDemoDirectory(record),
      members: members.length,
      channels: channels.length,
      language,
      html: htmlIn[language],
      htmlIn,
      texts: Object.fromEntries(LANGUAGES.map((l) => [l, pageTexts(translator(l))])) as Record<Language, Record<string, string>>,
    };
  }

  /** The person (`?user=`) or channel (`?channel=`) a request names, if the directory in force knows them. */
  async function destination(query: URLSearchParams): Promise<Found<Reader>> {
    const user = query.get("user");
    const channel = query.get("channel");
    const refused = (status: number, key: TextKey, t = deps.texts(user ?? "")): Found<Reader> => ({ ok: false, status, error: t.text(key, { id: String(user ?? channel) }) });
    if ((user === null) === (channel === null)) return refused(400, "workspace.refused.one_destination");
    const id = (user ?? channel)!;
    if (!LOCAL_ID.test(id)) return refused(400, "workspace.refused.bad_id", deps.texts(""));
    const directory: Directory | undefined = (await store.directory.current())?.directory;
    // Nobody the directory knows: said in its own language, just read.
    const unknown = translator(directoryLanguage(directory));
    if (user !== null) {
      const member = directory && findMember(directory, "local", user);
      if (!member) return refused(404, "workspace.refused.no_member", unknown);
      return { ok: true, value: { platform: "local", kind: "user", id: user, t: translator(languageOf(member, directory)) } };
    }
    const recipient = directory?.recipients.find((r) => r.channels.local === channel);
    if (!recipient) return refused(404, "workspace.refused.no_channel", unknown);
    return { ok: true, value: { platform: "local", kind: "channel", id: channel!, t: translator(languageOf(recipient, directory)) } };
  }

  const fileUrl = (to: Destination) => (id: number) => `/api/files/${id}?${to.kind === "user" ? "user" : "channel"}=${encodeURIComponent(to.id)}`;

  async function render(to: Reader): Promise<{ html: string; count: number; version: string }> {
    const messages = await store.outbox.delivered({ platform: to.platform, kind: to.kind, id: to.id }, SHOWN);
    const html = renderDelivered(messages, fileUrl(to), to.t);
    return { html, count: messages.length, version: createHash("sha256").update(html).digest("hex").slice(0, 16) };
  }

  /**
   * The messages of a person or channel. With `?after=<version>` of what the page shows, the
   * answer waits until there is something new (or WAIT_MS pass), so that a page learns of a
   * message at once without asking every second.
   */
  async function messages(query: URLSearchParams, closed: () => boolean): Promise<Found<{ html: string; count: number; version: string }>> {
    const found = await destination(query);
    if (!found.ok) return found;
    const after = query.get("after");
    const until = Date.now() + WAIT_MS;
    let current = await render(found.value);
    while (after && current.version === after && Date.now() < until && !closed()) {
      await changes.wait(destinationKey(found.value), Math.min(RECHECK_MS, until - Date.now()));
      // A page that went away (or a bot that is stopping) needs no further reads.
      if (closed()) break;
      current = await render(found.value);
    }
    return { ok: true, value: current };
  }

  /** A file delivered to this person or channel, to download. */
  async function file(id: number, query: URLSearchParams): Promise<Found<{ fileName: string; content: string }>> {
    const found = await destination(query);
    if (!found.ok) return found;
    const { t, ...to } = found.value;
    const delivered = await store.outbox.deliveredFile(to, id);
    if (!delivered) return { ok: false, status: 404, error: t.text("workspace.refused.no_file") };
    return { ok: true, value: delivered };
  }

  return { people, messages, file };
}
