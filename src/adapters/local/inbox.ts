import { createHash } from "node:crypto";
import { findMember, type Directory } from "../../core/directory/types.js";
import type { Destination } from "../../core/outbox/outbound.js";
import type { Store } from "../../core/ports.js";
import { isDemoDirectory } from "./demo-directory.js";
import { destinationKey, type LocalChanges } from "./local-chat-port.js";
import { escapeHtml, renderDelivered } from "./render-html.js";

/** The most recent messages a page shows of one person or channel. */
const SHOWN = 200;
/** How long a reader waits for news before it answers "unchanged" (the page then asks again). */
const WAIT_MS = 20_000;
/** While waiting, the messages are read again this often, in case news came without a signal. */
const RECHECK_MS = 1_000;

const LOCAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;

type Found<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

/**
 * The reading side of the workspace: whom one can be, and what a person's direct messages or a
 * recipient's channel hold. Messages are read back from the outbox, never kept in memory.
 */
export function createInbox(deps: { store: Store; changes: LocalChanges }) {
  const { store, changes } = deps;

  /** The members and recipient channels one can pick, as options of the page's "You are" list. */
  async function people(): Promise<{ demo: boolean; members: number; channels: number; html: string }> {
    const record = await store.directory.current();
    const directory = record?.directory;
    const members = (directory?.members ?? []).filter((m) => m.accounts.local);
    const channels = (directory?.recipients ?? []).filter((r) => r.channels.local);
    const option = (value: string, name: string, about: string) =>
      `<option value="${escapeHtml(value)}" data-name="${escapeHtml(name)}">${escapeHtml(`${name} — ${about}`)}</option>`;
    const html =
      `<optgroup label="Members of the cell">${members.map((m) => option(`user:${m.accounts.local}`, m.name, `${m.party}, ${m.roles.join(", ")}`)).join("")}</optgroup>` +
      `<optgroup label="Recipients (their channel)">${channels.map((r) => option(`channel:${r.channels.local}`, r.name, "recipient channel")).join("")}</optgroup>`;
    return { demo: record !== undefined && isDemoDirectory(record), members: members.length, channels: channels.length, html };
  }

  /** The person (`?user=`) or channel (`?channel=`) a request names, if the directory in force knows them. */
  async function destination(query: URLSearchParams): Promise<Found<Destination>> {
    const user = query.get("user");
    const channel = query.get("channel");
    if ((user === null) === (channel === null)) return { ok: false, status: 400, error: "Name one person (?user=) or one channel (?channel=)." };
    const id = (user ?? channel)!;
    if (!LOCAL_ID.test(id)) return { ok: false, status: 400, error: "That is not a local account id: letters, digits and . _ : - only, at most 64." };
    const directory: Directory | undefined = (await store.directory.current())?.directory;
    if (user !== null) {
      if (!directory || !findMember(directory, "local", user)) return { ok: false, status: 404, error: `No member of the directory in force has the local account “${user}”.` };
      return { ok: true, value: { platform: "local", kind: "user", id: user } };
    }
    if (!directory?.recipients.some((r) => r.channels.local === channel)) return { ok: false, status: 404, error: `No recipient in the directory in force has the local channel “${channel}”.` };
    return { ok: true, value: { platform: "local", kind: "channel", id: channel! } };
  }

  const fileUrl = (to: Destination) => (id: number) => `/api/files/${id}?${to.kind === "user" ? "user" : "channel"}=${encodeURIComponent(to.id)}`;

  async function render(to: Destination): Promise<{ html: string; count: number; version: string }> {
    const messages = await store.outbox.delivered(to, SHOWN);
    const html = renderDelivered(messages, fileUrl(to));
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
    const delivered = await store.outbox.deliveredFile(found.value, id);
    if (!delivered) return { ok: false, status: 404, error: "No such file was delivered here." };
    return { ok: true, value: delivered };
  }

  return { people, messages, file };
}
