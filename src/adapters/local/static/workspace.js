// The local workspace's page script. The server renders every message, form and list as HTML
// with everything escaped; this script only sends what the person does and inserts those
// fragments. Text from the person (what they typed) is shown with textContent, never as HTML.
//
// The script has no words of its own: the page's texts come with /api/people in Dutch and in
// English, and it speaks the chosen person's language (before anyone is chosen, the directory's).
// An element names its text by key: data-text (its text), data-html (text with code or bold,
// escaped by the server), data-label-text (its aria-label); data-name fills a text's {name}.

const $ = (selector) => document.querySelector(selector);
const who = $("#who");
const log = $("#log");
const messages = $("#messages");
const dialog = $("#form-dialog");
const commandForm = $("#command-form");
const commandInput = $("#command");
const importForm = $("#import-form");

/** The person or channel chosen: { kind: "user" | "channel", id, name, language }, or null. */
let me = null;
/** What /api/people answered: the options, the directory's language and the page's texts in each language. */
let people = null;
/** The language the page is shown in. */
let shownIn = null;
/** Stops the reading loop of the previous choice when the choice changes. */
let reading = null;

/** One key per click or submission: the bot answers a repeated key once. */
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A form's key: one for each form opened, with a digest of the values sent. Sent again with the
 * same values (after an answer that came too late, which asks for that), it is the same key, and
 * the bot answers it once; changed after a refusal, it is a new submission.
 */
function formKey(form, values) {
  const sent = JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));
  // FNV-1a in two 32-bit halves: a digest to tell values apart, not a secret.
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let i = 0; i < sent.length; i++) {
    const code = sent.charCodeAt(i);
    low = Math.imul(low ^ code, 0x01000193) >>> 0;
    high = Math.imul(high ^ code, 0x01000193 + 2 * i + 1) >>> 0;
  }
  return `${form.dataset.key}-${low.toString(16).padStart(8, "0")}${high.toString(16).padStart(8, "0")}`;
}

/** The page's text `key` in its language, its {placeholders} filled with `values` as text. */
function text(key, values = {}) {
  const found = people?.texts[shownIn]?.[key] ?? "";
  return found.replace(/\{(\w+)\}/g, (slot, name) => (name in values ? String(values[name]) : slot));
}

/** `root` and the elements in it that match `selector`. */
const within = (root, selector) => [...(root.matches?.(selector) ? [root] : []), ...root.querySelectorAll(selector)];

/** Fills every element under `root` that names its text, in the page's language. */
function translate(root = document) {
  if (!people?.texts[shownIn]) return;
  for (const element of within(root, "[data-text]")) element.textContent = text(element.dataset.text, { name: element.dataset.name ?? "" });
  for (const element of within(root, "[data-html]")) element.innerHTML = people.texts[shownIn][element.dataset.html] ?? "";
  for (const element of within(root, "[data-label-text]")) element.setAttribute("aria-label", text(element.dataset.labelText));
}

/** Gives `element` the text `key` (none empties it), with `name` for its {name}; it follows the language from then on. */
function label(element, key, name) {
  element.removeAttribute("data-html");
  if (key) element.dataset.text = key;
  else {
    element.removeAttribute("data-text");
    element.textContent = "";
  }
  if (name === undefined) element.removeAttribute("data-name");
  else element.dataset.name = name;
  translate(element);
}

/** Shows the page in `language`: its texts, <html lang> and the "You are" list, keeping the choice. */
function speak(language) {
  if (!people?.texts[language]) return;
  if (language !== shownIn) {
    shownIn = language;
    document.documentElement.lang = language;
    const chosen = who.value;
    who.replaceChildren(who.options[0]);
    who.insertAdjacentHTML("beforeend", people.htmlIn[language]);
    who.value = chosen;
  }
  translate();
}

async function post(path, body) {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = await response.json().catch(() => ({ error: text("workspace.page.http_status", { status: response.status }) }));
  if (!response.ok) throw new Error(data.error || text("workspace.page.http_status", { status: response.status }));
  return data;
}

/** One exchange in the conversation: what the person did, and the bot's answer (server-rendered HTML). */
function addExchange(what, html) {
  const item = document.createElement("li");
  item.className = "exchange";
  const you = document.createElement("div");
  you.className = "you";
  you.textContent = what;
  const bot = document.createElement("div");
  bot.className = "bot";
  if (typeof html === "string") bot.innerHTML = html;
  else {
    const p = document.createElement("p");
    p.className = "m-notice m-error";
    p.setAttribute("role", "alert");
    p.textContent = html.error;
    bot.append(p);
  }
  item.append(you, bot);
  log.append(item);
  item.scrollIntoView({ block: "nearest" });
}

/** Shows an answer: a form opens as a dialog, anything else goes into the conversation. */
function show(what, data) {
  if (data.kind === "form") return openForm(data.html);
  addExchange(what, data.html);
  if (data.kind === "import") {
    $("#import-options").value = data.options;
    $("#import-file").focus();
  }
}

function openForm(html) {
  dialog.innerHTML = html;
  const form = dialog.querySelector("form");
  if (form) form.dataset.key = newKey();
  dialog.showModal();
  dialog.querySelector("input, textarea, select")?.focus();
}

async function runCommand(text) {
  const typed = text.replace(/^\s*\/ciic\b\s*/i, "");
  const what = `/ciic ${typed}`;
  try {
    show(what, await post("/api/command", { user: me.id, key: newKey(), text: typed }));
  } catch (error) {
    addExchange(what, { error: error.message });
  }
}

commandForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!me || me.kind !== "user") return;
  const text = commandInput.value;
  const send = commandForm.querySelector("button");
  send.disabled = true;
  try {
    await runCommand(text);
    commandInput.value = "";
  } finally {
    send.disabled = false;
    commandInput.focus();
  }
});

for (const button of document.querySelectorAll("[data-command]")) {
  button.addEventListener("click", () => me?.kind === "user" && runCommand(button.dataset.command));
}

// Forms: the bot keeps a form open with the reason when it refuses, as Slack's modals do.
dialog.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const values = {};
  for (const element of form.elements) if (element.name) values[element.name] = element.value;
  const error = form.querySelector(".f-error");
  const submit = form.querySelector("button[type=submit]");
  submit.disabled = true;
  try {
    const data = await post("/api/form", { user: me.id, key: formKey(form, values), formId: form.dataset.formId, metadata: form.dataset.metadata, values });
    if (data.kind === "form-error") {
      error.innerHTML = data.html;
      error.hidden = false;
      return;
    }
    dialog.close();
    show(text("workspace.page.as_form", { name: form.dataset.title }), data);
  } catch (failure) {
    error.textContent = failure.message;
    error.hidden = false;
  } finally {
    submit.disabled = false;
  }
});

dialog.addEventListener("click", (event) => {
  if (event.target.closest(".f-cancel")) dialog.close();
});
dialog.addEventListener("close", () => me?.kind === "user" && commandInput.focus());

// Buttons in messages and answers (Approve, Deny). A clicked button stays disabled: the message
// it belongs to is replaced by its outcome as soon as the bot has sent that.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.ciic-action");
  if (!button || !me || me.kind !== "user") return;
  button.disabled = true;
  const what = text("workspace.page.as_button", { name: button.textContent });
  try {
    const data = await post("/api/action", { user: me.id, key: newKey(), action: button.dataset.action, value: button.dataset.value });
    show(what, data);
    if (data.kind === "form") button.disabled = false;
  } catch (error) {
    addExchange(what, { error: error.message });
    button.disabled = false;
  }
});

importForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!me || me.kind !== "user") return;
  const file = $("#import-file").files[0];
  const options = $("#import-options").value;
  const what = `/ciic import ${options}`.trim() + (file ? ` — ${file.name}` : "");
  if (!file) return addExchange(what, { error: text("workspace.page.choose_file") });
  const submit = importForm.querySelector("button");
  submit.disabled = true;
  label(submit, "workspace.page.importing");
  try {
    const query = new URLSearchParams({ user: me.id, name: file.name, options });
    const response = await fetch(`/api/import?${query}`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: file });
    const data = await response.json().catch(() => ({ error: text("workspace.page.http_status", { status: response.status }) }));
    addExchange(what, response.ok ? data.html : { error: data.error });
  } catch (error) {
    addExchange(what, { error: error.message });
  } finally {
    submit.disabled = false;
    label(submit, "workspace.page.import");
  }
});

/**
 * Keeps the messages of the chosen person or channel current. Each request names the version
 * shown; the server answers when there is something new (or after a while, unchanged).
 */
async function readMessages(choice, signal) {
  let version = "";
  while (!signal.aborted) {
    try {
      const query = new URLSearchParams({ [choice.kind]: choice.id, after: version });
      const response = await fetch(`/api/messages?${query}`, { signal });
      const data = await response.json();
      if (!response.ok) {
        messages.textContent = data.error;
        await new Promise((resolve) => setTimeout(resolve, 3000));
        continue;
      }
      if (data.version !== version) {
        messages.innerHTML = data.html;
        version = data.version;
      }
    } catch {
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

function choose(value) {
  reading?.abort();
  reading = null;
  const option = [...who.options].find((o) => o.value === value && value);
  me = option ? { kind: value.split(":")[0], id: value.slice(value.indexOf(":") + 1), name: option.dataset.name, language: option.dataset.language } : null;
  who.value = me ? value : "";
  log.replaceChildren();
  dialog.open && dialog.close();
  const canAct = me?.kind === "user";
  for (const control of document.querySelectorAll("#command-form input, #command-form button, [data-command], #import-form input, #import-form button")) control.disabled = !canAct;
  label($("#inbox-title"), !me ? "workspace.page.messages" : canAct ? "workspace.page.messages_of_member" : "workspace.page.messages_of_channel", me?.name);
  label($("#inbox-note"), !me ? "workspace.page.inbox_note" : canAct ? "workspace.page.inbox_note_member" : "workspace.page.inbox_note_channel");
  label($("#who-note"), me && !canAct ? "workspace.page.recipient_note" : undefined);
  label($("title"), me ? "workspace.page.title_of" : "workspace.page.title", me?.name);
  const empty = document.createElement("p");
  empty.className = "empty";
  label(empty, me ? "workspace.page.loading" : "workspace.page.choose_first");
  messages.replaceChildren(empty);
  speak(me?.language ?? people.language);
  if (!me) return;
  reading = new AbortController();
  void readMessages(me, reading.signal);
  if (canAct) commandInput.focus();
}

async function start() {
  try {
    const response = await fetch("/api/people");
    people = await response.json();
  } catch {
    // Without the bot there are no texts to speak: the page's own English says so.
    $("#no-answer").hidden = false;
    return;
  }
  $("#demo-banner").hidden = !people.demo;
  // The choice lives in the address (#user:…), so that each tab can be someone else.
  who.addEventListener("change", () => {
    location.hash = who.value;
    if (!who.value) choose("");
  });
  window.addEventListener("hashchange", () => choose(decodeURIComponent(location.hash.slice(1))));
  speak(people.language);
  choose(decodeURIComponent(location.hash.slice(1)));
  if (people.members === 0) {
    const note = $("#who-note");
    note.removeAttribute("data-text");
    note.dataset.html = "workspace.page.no_local_members";
    translate(note);
  }
}

void start();
