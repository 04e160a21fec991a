import type { ChatRequest, CommandService } from "../../core/command-service.js";
import { parseCommandText } from "../../core/commands/command.js";
import { FORM_IDS, commandFromForm, readClick } from "../../core/commands/form-command.js";
import { splitCommand } from "../../core/commands/split-command.js";
import { findMember } from "../../core/directory/types.js";
import type { TextKey } from "../../core/i18n/catalogue/index.js";
import { languageOf } from "../../core/i18n/language.js";
import { translator, type Translator } from "../../core/i18n/translator.js";
import type { Store } from "../../core/ports.js";
import type { MessageView, Reply } from "../../core/views/message.js";
import type { Logger } from "../../logger.js";
import { checkFormValues, formDefinition } from "./form-check.js";
import { notCarriedOut, requestRunner, settleWithin, textsOfUser, type Attempt } from "../answer-in-time.js";
import { renderFailure, renderForm, renderMessage } from "./render-html.js";

/**
 * What the page sends when someone types a command, submits a form or clicks a button, and
 * what it gets back: an HTML fragment to show. Each goes through the core's one entry point, as
 * on Slack, with the same refusals and the same audit trail. What the workspace says itself is
 * in the asker's language: a request that names nobody valid is refused in the language as the
 * directory was last read (CommandService.lastKnownTexts), without a read; one refused on what it
 * asks reads the asker's language first (within half a second), since it may be the first
 * request after a start, before the core has read the directory.
 */
export type ApiAnswer =
  | { status: 200; body: { kind: "message" | "form" | "form-error"; html: string } }
  | { status: 200; body: { kind: "import"; html: string; options: string } }
  | { status: 400; body: { error: string } };

/** A local account id, as the directory allows them. */
const LOCAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** The page makes one key per click (a UUID), and one per opened form and values sent; a repeated key gets the first answer. */
const REQUEST_KEY = /^[A-Za-z0-9-]{8,80}$/;

const bad = (t: Translator, key: TextKey): ApiAnswer => ({ status: 400, body: { error: t.text(key) } });
const shown = (kind: "message" | "form" | "form-error", html: string): ApiAnswer => ({ status: 200, body: { kind, html } });
const info = (text: string): MessageView => ({ summary: text, blocks: [{ kind: "notice", tone: "info", content: [text] }] });

/** Who asks, and the key of this one action; or what is wrong with them, as a text key. */
function caller(body: Record<string, unknown>): { user: string; key: string } | { user?: string; error: TextKey } {
  if (typeof body.user !== "string" || !LOCAL_ID.test(body.user)) return { error: "workspace.refused.choose_who" };
  if (typeof body.key !== "string" || !REQUEST_KEY.test(body.key)) return { user: body.user, error: "workspace.refused.no_key" };
  return { user: body.user, key: body.key };
}

export function createWorkspaceApi(deps: { service: CommandService; store: Store; logger: Logger }) {
  const { service, logger } = deps;

  const runner = requestRunner({ service, logger, platform: "local" });
  /** The asker's texts as last known; a request that names nobody gets the directory's. */
  const textsOf = (user = "") => service.lastKnownTexts("local", user);
  /** Who asks, or the 400 answer in their language. */
  const asker = (body: Record<string, unknown>): { refused: ApiAnswer } | { user: string; key: string } => {
    const who = caller(body);
    return "error" in who ? { refused: bad(textsOf(who.user), who.error) } : who;
  };
  /** The asker's texts as the directory says now, for what is said before the core is asked. */
  const textsNow = (user: string) => textsOfUser(service, "local", user);

  /**
   * Runs one request through the core. A click or a form (`attempt`) is answered with its outcome
   * by `deadline` (ms since the epoch; the same bound as on Slack, counted from the request's
   * arrival), or with "nothing was decided"; a typed command waits as long as the core does. A
   * bug answers with a reference instead of crashing.
   */
  const run = async (request: Omit<ChatRequest, "platform">, attempt: Attempt, deadline: number): Promise<Reply | { failure: string }> => {
    const pending = runner.start(request);
    const outcome = attempt === "command" ? await pending.settled : await pending.within(deadline - Date.now());
    if (outcome.kind === "answered") return outcome.reply;
    // Still running: should it land after all, the person's message shows its outcome (the outbox
    // updates it), and a click again is answered with the decision made, never decided twice.
    if (outcome.kind === "late") void pending.toldNotDone();
    return { failure: notCarriedOut(outcome, attempt, service.lastKnownTexts("local", request.userId)) };
  };

  /** The core's answer; read after it ran, so that `t` follows a directory it read just now. */
  const answer = (result: Reply | { failure: string }, user: string): ApiAnswer => {
    const t = textsOf(user);
    if ("failure" in result) return shown("message", renderFailure(t, result.failure));
    return result.kind === "form" ? shown("form", renderForm(result.form, t)) : shown("message", renderMessage(result.view, t));
  };

  /** `/ciic …` typed in the command box; the "/ciic" itself may be left out. */
  async function command(body: Record<string, unknown>, deadline: number): Promise<ApiAnswer> {
    const who = asker(body);
    if ("refused" in who) return who.refused;
    if (typeof body.text !== "string") return bad(await textsNow(who.user), "workspace.refused.no_text");
    const slash = /^\s*\/(\S*)\s*([\s\S]*)$/.exec(body.text);
    if (slash && slash[1].toLowerCase() !== "ciic") {
      const t = await textsNow(who.user);
      return shown("message", renderFailure(t, t.inline("workspace.refused.only_ciic")));
    }
    const text = slash ? slash[2] : body.text;
    const { name, rest } = splitCommand(text);
    if (name === "import") {
      // A file cannot be typed: the page's file control sends it (see local-import.ts).
      const t = await textsNow(who.user);
      return {
        status: 200,
        body: { kind: "import", options: rest.slice(0, 200), html: renderMessage(info(t.text("workspace.import.choose_file")), t) },
      };
    }
    return answer(await run({ userId: who.user, requestKey: `local:command:${who.user}:${who.key}`, command: parseCommandText(text), text }, "command", deadline), who.user);
  }

  /** A submitted form. A refusal keeps the form open with the reason, so that nothing typed is lost. */
  async function form(body: Record<string, unknown>, deadline: number): Promise<ApiAnswer> {
    const who = asker(body);
    if ("refused" in who) return who.refused;
    const formId = typeof body.formId === "string" ? body.formId : "";
    const metadata = typeof body.metadata === "string" ? body.metadata : "";
    if (!(FORM_IDS as readonly string[]).includes(formId)) return bad(await textsNow(who.user), "workspace.refused.not_a_form");
    // Read to check the values against the form the bot handed out; within the same bound.
    const read = await settleWithin(deps.store.directory.current(), deadline - Date.now());
    if (!read) return shown("form-error", renderFailure(textsOf(who.user), textsOf(who.user).text("workspace.refused.form_database")));
    const record = read.value;
    // The directory just read says exactly whom the form was handed to, in which language.
    const t = translator(languageOf(record && findMember(record.directory, "local", who.user), record?.directory));
    const unreadable = () => shown("form-error", renderFailure(t, t.text("adapters.form_unreadable")));
    let values: Record<string, string | undefined> = {};
    if (record) {
      // A form rebuilt from its metadata: metadata the bot did not hand out reads as no form.
      const definition = formDefinition(formId, metadata, record.directory, t);
      if (!definition) return unreadable();
      const checked = checkFormValues(definition, body.values, t);
      if ("problem" in checked) return shown("form-error", renderFailure(t, checked.problem));
      values = checked.values;
    }
    // Without a directory the core refuses whoever submits, whatever the values.
    const command = commandFromForm(formId, values, metadata);
    if (!command) return unreadable();
    const result = await run({
      userId: who.user,
      requestKey: `local:form:${who.user}:${who.key}`,
      command,
      text: `${command.name} (form) ${JSON.stringify(values).slice(0, 3000)}`,
    }, "form", deadline);
    if ("failure" in result) return shown("form-error", renderFailure(textsOf(who.user), result.failure));
    if (result.kind === "message" && result.view.refused !== undefined) return shown("form-error", renderMessage(result.view, textsOf(who.user)));
    return answer(result, who.user);
  }

  /**
   * A button in a message. Some first ask for more (Deny asks the reason, Object why): they open a
   * form, and the decision is made when it is sent. The agreement rounds' buttons are routed as on
   * the chat platforms, by the core's own reading of them.
   */
  async function action(body: Record<string, unknown>, deadline: number): Promise<ApiAnswer> {
    const who = asker(body);
    if ("refused" in who) return who.refused;
    const value = typeof body.value === "string" ? body.value : "";
    const name = typeof body.action === "string" ? body.action : "";
    // The core reads what the click means; a form it hands out is written in the clicker's
    // language as just read, and the page around it follows.
    const click = await readClick(name, value, () => service.textsFor("local", who.user));
    if (click.kind === "form") return shown("form", renderForm(click.form, textsOf(who.user)));
    if (click.kind === "unreadable") return bad(await textsNow(who.user), "workspace.refused.button_unreadable");
    return answer(await run({ userId: who.user, requestKey: `local:action:${who.user}:${who.key}`, command: click.command, text: click.text }, "click", deadline), who.user);
  }

  return { command, form, action };
}
