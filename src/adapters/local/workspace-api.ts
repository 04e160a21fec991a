import type { ChatRequest, CommandService } from "../../core/command-service.js";
import { parseCommandText } from "../../core/commands/command.js";
import { FORM_IDS, ROUTED_ACTION_IDS, commandFromAction, commandFromForm, formForAction } from "../../core/commands/form-command.js";
import { splitCommand } from "../../core/commands/split-command.js";
import { denyFormFor } from "../../core/disclosure/forms.js";
import { APPROVE_ACTION, DENY_ACTION } from "../../core/disclosure/views.js";
import type { Store } from "../../core/ports.js";
import type { MessageView, Reply } from "../../core/views/message.js";
import type { Logger } from "../../logger.js";
import { checkFormValues, formDefinition } from "./form-check.js";
import { notCarriedOut, requestRunner, settleWithin, type Attempt } from "../answer-in-time.js";
import { renderFailure, renderForm, renderMessage } from "./render-html.js";

/**
 * What the page sends when someone types a command, submits a form or clicks a button, and
 * what it gets back: an HTML fragment to show. Each goes through the core's one entry point, as
 * on Slack, with the same refusals and the same audit trail.
 */
export type ApiAnswer =
  | { status: 200; body: { kind: "message" | "form" | "form-error"; html: string } }
  | { status: 200; body: { kind: "import"; html: string; options: string } }
  | { status: 400; body: { error: string } };

/** A local account id, as the directory allows them. */
const LOCAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** The page makes one key per click or submission (a UUID); a repeated key gets the first answer. */
const REQUEST_KEY = /^[A-Za-z0-9-]{8,80}$/;

const bad = (error: string): ApiAnswer => ({ status: 400, body: { error } });
const shown = (kind: "message" | "form" | "form-error", html: string): ApiAnswer => ({ status: 200, body: { kind, html } });
const isRefusal = (view: MessageView) => view.blocks[0]?.kind === "notice" && view.blocks[0].tone === "error";
const info = (text: string): MessageView => ({ summary: text, blocks: [{ kind: "notice", tone: "info", content: [text] }] });

/** Who asks, and the key of this one action; or what is wrong with them. */
function caller(body: Record<string, unknown>): { user: string; key: string } | { error: string } {
  if (typeof body.user !== "string" || !LOCAL_ID.test(body.user)) return { error: "Choose who you are first: no local account id of the directory was sent." };
  if (typeof body.key !== "string" || !REQUEST_KEY.test(body.key)) return { error: "The request carries no valid key (8–80 letters, digits or dashes); reload the page." };
  return { user: body.user, key: body.key };
}

export function createWorkspaceApi(deps: { service: CommandService; store: Store; logger: Logger }) {
  const { service, logger } = deps;

  const runner = requestRunner({ service, logger, platform: "local" });

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

  const answer = (result: Reply | { failure: string }): ApiAnswer => {
    if ("failure" in result) return shown("message", renderFailure(result.failure));
    return result.kind === "form" ? shown("form", renderForm(result.form)) : shown("message", renderMessage(result.view));
  };

  /** `/ciic …` typed in the command box; the "/ciic" itself may be left out. */
  async function command(body: Record<string, unknown>, deadline: number): Promise<ApiAnswer> {
    const who = caller(body);
    if ("error" in who) return bad(who.error);
    if (typeof body.text !== "string") return bad("The command text is missing.");
    const slash = /^\s*\/(\S*)\s*([\s\S]*)$/.exec(body.text);
    if (slash && slash[1].toLowerCase() !== "ciic") {
      return shown("message", renderFailure(`Only /ciic commands are known here; type \`/ciic help\` to see yours.`));
    }
    const text = slash ? slash[2] : body.text;
    const { name, rest } = splitCommand(text);
    if (name === "import") {
      // A file cannot be typed: the page's file control sends it (see local-import.ts).
      return {
        status: 200,
        body: { kind: "import", options: rest.slice(0, 200), html: renderMessage(info("Choose the STIX, MISP or CSV file under “Import a file”, then press Import. Its options (format:, tlp:, column:) are taken from what you typed.")) },
      };
    }
    return answer(await run({ userId: who.user, requestKey: `local:command:${who.user}:${who.key}`, command: parseCommandText(text), text }, "command", deadline));
  }

  /** A submitted form. A refusal keeps the form open with the reason, so that nothing typed is lost. */
  async function form(body: Record<string, unknown>, deadline: number): Promise<ApiAnswer> {
    const who = caller(body);
    if ("error" in who) return bad(who.error);
    const formId = typeof body.formId === "string" ? body.formId : "";
    const metadata = typeof body.metadata === "string" ? body.metadata : "";
    if (!(FORM_IDS as readonly string[]).includes(formId)) return bad("This is not a form of the bot; open it again from a command or a button.");
    // Read to check the values against the form the bot handed out; within the same bound.
    const read = await settleWithin(deps.store.directory.current(), deadline - Date.now());
    if (!read) return shown("form-error", renderFailure("Nothing was recorded: the cell's database did not answer in time. Please submit the form again in a moment."));
    const record = read.value;
    let values: Record<string, string | undefined> = {};
    if (record) {
      // A form rebuilt from its metadata: metadata the bot did not hand out reads as no form.
      const definition = formDefinition(formId, metadata, record.directory);
      if (!definition) return shown("form-error", renderFailure("This form could not be read; please open it again."));
      const checked = checkFormValues(definition, body.values);
      if ("problem" in checked) return shown("form-error", renderFailure(checked.problem));
      values = checked.values;
    }
    // Without a directory the core refuses whoever submits, whatever the values.
    const command = commandFromForm(formId, values, metadata);
    if (!command) return shown("form-error", renderFailure("This form could not be read; please open it again."));
    const result = await run({
      userId: who.user,
      requestKey: `local:form:${who.user}:${who.key}`,
      command,
      text: `${command.name} (form) ${JSON.stringify(values).slice(0, 3000)}`,
    }, "form", deadline);
    if ("failure" in result) return shown("form-error", renderFailure(result.failure));
    if (result.kind === "message" && isRefusal(result.view)) return shown("form-error", renderMessage(result.view));
    return answer(result);
  }

  /**
   * A button in a message. Some first ask for more (Deny asks the reason, Object why): they open a
   * form, and the decision is made when it is sent. The agreement rounds' buttons are routed as on
   * the chat platforms, by the core's own reading of them.
   */
  async function action(body: Record<string, unknown>, deadline: number): Promise<ApiAnswer> {
    const who = caller(body);
    if ("error" in who) return bad(who.error);
    const value = typeof body.value === "string" ? body.value : "";
    const name = typeof body.action === "string" && [APPROVE_ACTION, ...ROUTED_ACTION_IDS].includes(body.action) ? body.action : undefined;
    if (body.action === DENY_ACTION) {
      const form = denyFormFor(value, await service.textsFor("local", who.user));
      return form ? shown("form", renderForm(form)) : bad("This button could not be read; reload your messages.");
    }
    const form = name && (await formForAction(name, value, () => service.textsFor("local", who.user)));
    if (form) return shown("form", renderForm(form));
    const command = name && commandFromAction(name, value);
    if (!command) return bad("This button could not be read; reload your messages.");
    const text = name === APPROVE_ACTION ? `approve ask ${value}` : `${name} ${value}`;
    return answer(await run({ userId: who.user, requestKey: `local:action:${who.user}:${who.key}`, command, text }, "click", deadline));
  }

  return { command, form, action };
}
