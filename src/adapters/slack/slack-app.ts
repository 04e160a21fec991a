import { createHash, randomUUID } from "node:crypto";
import { App, HTTPReceiver, type AllMiddlewareArgs, type SlackActionMiddlewareArgs } from "@slack/bolt";
import type { CommandService } from "../../core/command-service.js";
import { parseCommandText, type Command } from "../../core/commands/command.js";
import { splitCommand } from "../../core/commands/split-command.js";
import type { HttpRoute } from "../../http-server.js";
import type { Importer } from "../../core/formats/import-file.js";
import { importSharedFile } from "./slack-import.js";
import { BUTTON_IDS, FORM_IDS, commandFromForm, readClick } from "../../core/commands/form-command.js";
import { DENY_FORM_ID } from "../../core/disclosure/forms.js";
import { plainText, type MessageView, type Reply } from "../../core/views/message.js";
import type { Logger } from "../../logger.js";
import { boltLogger } from "./bolt-logger.js";
import { readForm, renderForm, renderHome, renderResultModal } from "./render-form.js";
import { renderMessage } from "./render-message.js";
import { datedInTheFuture } from "./request-time.js";
import { makeWellFormed } from "../../core/text/well-formed.js";
import { typedText } from "./command-text.js";
import { carriedOutAfterAll, DECIDE_WITHIN_MS, errorView, notCarriedOut, requestRunner, settleWithin, textsOfUser, type Attempt, type Outcome } from "../answer-in-time.js";
import type { Translator } from "../../core/i18n/translator.js";

export interface SlackSettings {
  signingSecret: string;
  botToken: string;
  /** Socket Mode when set; HTTP otherwise. */
  appToken?: string;
  /** Base URL of the Slack Web API, ending in "/". */
  apiUrl: string;
  /** Retries of a failed Web API call made while answering; tests set 0. */
  apiRetries?: number;
  /** How long (ms) one of the outbox's Web API calls may take; default CALL_TIMEOUT_MS. */
  callTimeoutMs?: number;
  /**
   * A command not answered within this many milliseconds is acknowledged with "Working on it…"
   * and answered through its response URL when done: Slack gives up after three seconds.
   */
  answerWithinMs?: number;
  /**
   * A click or form is acknowledged only once the core has decided it, or when it has not within
   * this many milliseconds (then with "nothing was decided"); Slack waits three seconds.
   */
  decideWithinMs?: number;
}

const ANSWER_WITHIN_MS = 2000;

/**
 * How long (ms) a click that was not decided in time waits for its "not decided" message to be
 * taken before Slack gets its 200: within Slack's three seconds, after the 2.7 s bound.
 */
const TELL_BEFORE_ACK_MS = 200;

/**
 * The answer to a command that outlasts Slack's wait. It is given before the command is done, so
 * a process that dies now leaves it standing: it says what that means and what to do.
 */
const workingOnIt = (t: Translator): MessageView => ({
  summary: t.text("adapters.working"),
  blocks: [
    { kind: "paragraph", content: [t.text("adapters.working")] },
    { kind: "notice", tone: "info", content: [t.text("adapters.working_note")] },
  ],
});

/** Every slash command, form, button and event this adapter handles; manifest.yml must match. */
export const SLACK_HANDLERS = {
  commands: ["/ciic"],
  views: [...FORM_IDS],
  actions: [...BUTTON_IDS],
  events: ["app_home_opened"],
} as const;

/** A pattern that matches exactly the ids given (Bolt matches a listener's id by string or pattern). */
const exactly = (ids: readonly string[]) => new RegExp(`^(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`);
const sha256 = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

/**
 * The Slack adapter: thin listeners that acknowledge within Slack's 3 seconds, turn Slack's
 * payloads into core commands, and render the core's neutral replies as Block Kit.
 */
export function createSlackApp(deps: { settings: SlackSettings; service: CommandService; importer: Importer; logger: Logger }) {
  const { settings, service, logger } = deps;
  const receiver = settings.appToken
    ? undefined
    : new HTTPReceiver({
        signingSecret: settings.signingSecret,
        endpoints: "/slack/events",
        logger: boltLogger(logger),
      });
  const app = new App({
    token: settings.botToken,
    signingSecret: settings.signingSecret,
    ...(settings.appToken ? { appToken: settings.appToken, socketMode: true } : { receiver }),
    logger: boltLogger(logger),
    // Known ids skip Bolt's start-up auth.test call: the bot starts without reaching Slack.
    botId: "B0CIIC",
    botUserId: "U0CIIC",
    // Bolt's conversation store keeps state per channel for listeners that ask for it; none
    // does here, and it cost every request a look-up and a middleware step.
    convoStore: false,
    // Few retries: a trigger_id (for opening forms) is valid for three seconds only. Messages
    // that must arrive go through the outbox, which retries on its own.
    clientOptions: { slackApiUrl: settings.apiUrl, retryConfig: { retries: settings.apiRetries ?? 2 } },
  });

  // The door for everything Slack sends (commands, clicks, forms, events; HTTP and Socket Mode):
  // a JSON payload may carry half a surrogate pair ("\ud800"), which no database stores as sent.
  // Cleaned in place before any listener runs, since Bolt has already handed out parts of `body`.
  app.use(async ({ body, next }) => {
    makeWellFormed(body);
    await next();
  });

  const runner = requestRunner({ service, logger, platform: "slack" });
  const decideWithinMs = settings.decideWithinMs ?? DECIDE_WITHIN_MS;
  /** What the bot says itself to a Slack user: in the language the directory last gave them. */
  const textsOf = (userId: string) => service.lastKnownTexts("slack", userId);
  /** A reply as Slack shows it; what was not carried out as the one sentence that says so. */
  const shown = (outcome: Outcome, attempt: Attempt, t: Translator) =>
    outcome.kind === "answered" && outcome.reply.kind === "message"
      ? renderMessage(outcome.reply.view)
      : renderMessage(errorView(outcome.kind === "answered" ? t.text("adapters.not_answered_here") : notCarriedOut(outcome, attempt, t)));
  const undelivered = (error: unknown) => logger.error({ err: error }, "the answer could not be delivered");

  app.command("/ciic", async ({ command, ack, client, context, respond }) => {
    logger.debug({ user: command.user_id, text: command.text }, "command received");
    const text = typedText(command.text ?? "");
    const { name, rest } = splitCommand(text);
    if (name === "import") {
      // A file import can take longer than Slack's three seconds: acknowledge first.
      await ack({ response_type: "ephemeral", text: (await textsOfUser(service, "slack", command.user_id)).text("adapters.import.looking") });
      await importSharedFile({ text: rest, userId: command.user_id, channelId: command.channel_id, botToken: settings.botToken, client, respond, service, importer: deps.importer, logger }).catch(
        async (error) => {
          logger.error({ err: error }, "import failed");
          await respond({ response_type: "ephemeral", replace_original: true, text: textsOf(command.user_id).text("adapters.import.failed") });
        },
      );
      return;
    }
    const pending = runner.start({
      userId: command.user_id,
      requestKey: `slack:command:${command.trigger_id}`,
      command: parseCommandText(text),
      text,
      retry: context.retryNum,
    });
    /** Opens the form; after "Working on it…" (`late`), that line then says what happened. */
    const openForm = async (form: Extract<Reply, { kind: "form" }>["form"], late = false) => {
      const say = (text: string) => respond({ response_type: "ephemeral", replace_original: late, text });
      try {
        await client.views.open({ trigger_id: command.trigger_id, view: renderForm(form) });
        if (late) await say(textsOf(command.user_id).text("adapters.form_open"));
      } catch (error) {
        logger.error({ err: error }, "the form could not be opened");
        await say(textsOf(command.user_id).text("adapters.form_not_opened")).catch(undelivered);
      }
    };
    const first = await pending.within(settings.answerWithinMs ?? ANSWER_WITHIN_MS);
    if (first.kind === "late") {
      // A slow command (a report over a large period, an export): Slack would show a time-out
      // although the work goes on. Acknowledge now; the answer replaces this line when ready.
      // This acknowledgement cannot wait for the command to be recorded: when the database is
      // what is slow, no record of it could be written in time either. A process that dies from
      // here on leaves the line standing, and the line says what that means (README, Decisions).
      await ack({ response_type: "ephemeral", ...renderMessage(workingOnIt(textsOf(command.user_id))) });
      const final = await first.settled;
      if (final.kind === "answered" && final.reply.kind === "form") return openForm(final.reply.form, true);
      await respond({ response_type: "ephemeral", replace_original: true, ...shown(final, "command", textsOf(command.user_id)) }).catch(undelivered);
      return;
    }
    if (first.kind === "answered" && first.reply.kind === "form") {
      await ack();
      return openForm(first.reply.form);
    }
    await ack({ response_type: "ephemeral", ...shown(first, "command", textsOf(command.user_id)) });
  });

  // One listener per kind of request, matching every id it serves: Bolt runs each request past
  // every listener's middleware, and a listener per form and per button cost every command some
  // twenty passes.
  app.view({ callback_id: exactly(FORM_IDS) }, async ({ ack, body, view }) => {
    const formId = view.callback_id;
    const values = readForm(view.state.values as never);
    const command = commandFromForm(formId, values, view.private_metadata ?? "");
    const firstField = Object.keys(view.state.values)[0] ?? "value";
    const keepOpen = (text: string) => ack({ response_action: "errors", errors: { [firstField]: text.slice(0, 3000) } });
    if (!command) return keepOpen(textsOf(body.user.id).text("adapters.form_unreadable"));
    const pending = runner.start({
      userId: body.user.id,
      // A retried delivery repeats view id and values; a corrected resubmission of the same
      // modal changes the values, so it is a new request.
      requestKey: `slack:view:${view.id}:${sha256(values)}`,
      command,
      text: `${command.name} (form) ${JSON.stringify(values).slice(0, 3000)}`,
    });
    // Like a click, a form is acknowledged only with its outcome (Slack shows what the
    // acknowledgement says), within Slack's three seconds.
    const outcome = await pending.within(decideWithinMs);
    if (outcome.kind !== "answered") {
      // Kept open with what was typed. Submitted again it is the same request (same view, same
      // values), so a decision that landed late after all is not made twice: its saved answer
      // is shown then.
      await keepOpen(notCarriedOut(outcome, "form", textsOf(body.user.id)));
      if (outcome.kind === "late") void pending.toldNotDone();
      return;
    }
    const reply = outcome.reply.kind === "message" ? outcome.reply.view : undefined;
    // A refusal keeps the form open with the reason, so that nothing typed is lost.
    if (!reply || reply.refused !== undefined) return keepOpen(reply ? plainText(reply) : textsOf(body.user.id).text("adapters.form_not_answered"));
    await ack({ response_action: "update", view: renderResultModal("CIIC", reply) });
  });

  /**
   * A click that decides something. It is acknowledged only once the core has decided it (its
   * transaction committed), or once it is clear it has not in time: Slack never delivers an
   * acknowledged click again, so a process that died between an early acknowledgement and the
   * decision lost the click without anyone knowing. Now a process that dies first leaves the
   * click unacknowledged, and Slack shows its member that it failed.
   */
  async function decideClick(args: SlackActionMiddlewareArgs & AllMiddlewareArgs, command: Command, text: string): Promise<void> {
    const { ack, body, respond, client } = args;
    const userId = body.user.id;
    const pending = runner.start({ userId, requestKey: `slack:action:${(body as { trigger_id?: string }).trigger_id ?? randomUUID()}`, command, text });
    const outcome = await pending.within(decideWithinMs);
    const onHome = (body as { view?: { type?: string } }).view?.type === "home";
    /** Tells the clicker, ephemerally; a click on the Home tab has no response_url, so its tab says it. */
    const tell = async (view: MessageView) => {
      if ((body as { response_url?: string }).response_url) await respond({ response_type: "ephemeral", replace_original: false, ...renderMessage(view) });
      else if (onHome) await client.views.publish({ user_id: userId, view: renderHome(view) });
    };
    if (outcome.kind !== "answered") {
      // Not decided in time: the member is told so before Slack gets its 200, as far as Slack's
      // three seconds allow. A process that dies after the 200 and before this message would
      // leave a click that looks accepted and did nothing; dying before the 200, Slack shows the
      // click failed. The response URL takes messages before the click is acknowledged.
      const t = textsOf(userId);
      const notice = notCarriedOut(outcome, "click", t);
      const told = tell(errorView(onHome ? t.text("adapters.open_home_again", { notice }) : notice)).catch(undelivered);
      await settleWithin(told, TELL_BEFORE_ACK_MS);
      await ack();
      await told;
      if (outcome.kind !== "late") return;
      // Still running. Should it be decided after all, the clicker learns it here, through the
      // same response URL (Slack takes five messages through one in 30 minutes; this is the second).
      const after = await pending.toldNotDone();
      if (after?.kind !== "message") return;
      if (onHome) return publishHome(userId, client).catch(undelivered);
      await tell({ summary: after.view.summary, blocks: [{ kind: "notice", tone: "warning", content: [carriedOutAfterAll(t)] }, ...after.view.blocks] }).catch(undelivered);
      return;
    }
    await ack();
    // A click on the Home tab: show the tab's new state instead.
    if (onHome && !(body as { response_url?: string }).response_url) return publishHome(userId, client).catch(undelivered);
    if (outcome.reply.kind === "message") await tell(outcome.reply.view).catch(undelivered);
  }

  /** A button the bot did not hand out in this form: nothing to decide, but said so. */
  const unreadable = async (args: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await args.respond({ response_type: "ephemeral", replace_original: false, text: textsOf(args.body.user.id).text("adapters.button_unreadable") }).catch(undelivered);
  };

  // Every button the core hands out. The core reads what a click means (commands/form-command.ts
  // readClick): a button that asks for more first (Deny asks the reason, a round's note) opens the
  // form the core hands out, within the trigger_id's three seconds, and nothing is decided until
  // it is submitted; any other click is decided as a command.
  app.action({ action_id: exactly(BUTTON_IDS) }, async (args) => {
    const { ack, body, action, respond, client } = args;
    const actionId = (action as { action_id: string }).action_id;
    const value = (action as { value?: string }).value ?? "";
    // A click that opens a form is acknowledged before the clicker's language is read.
    let acked = false;
    const click = await readClick(actionId, value, async () => {
      await ack();
      acked = true;
      return service.textsFor("slack", body.user.id);
    });
    if (click.kind === "form") {
      if (!acked) await ack();
      await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: renderForm(click.form) }).catch(async (error: unknown) => {
        logger.error({ err: error }, "a form could not be opened");
        const key = click.form.id === DENY_FORM_ID ? "adapters.reason_form_not_opened" : "adapters.note_form_not_opened";
        await respond({ response_type: "ephemeral", replace_original: false, text: textsOf(body.user.id).text(key) });
      });
      return;
    }
    if (click.kind === "unreadable") {
      if (!acked) await ack();
      logger.warn({ user: body.user.id, action: actionId }, "a button that cannot be read");
      return unreadable(args);
    }
    await decideClick(args, click.command, click.text);
  });

  async function publishHome(userId: string, client: { views: { publish: (args: { user_id: string; view: ReturnType<typeof renderHome> }) => Promise<unknown> } }): Promise<void> {
    // Events are acknowledged by Bolt before this runs, so the tab waits as long as the core does.
    const outcome = await runner.start({ userId, requestKey: `slack:home:${userId}:${randomUUID()}`, command: { name: "requests" }, text: "requests (home tab)" }).settled;
    if (outcome.kind === "answered" && outcome.reply.kind === "message") await client.views.publish({ user_id: userId, view: renderHome(outcome.reply.view) });
  }

  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab === "home") await publishHome(event.user, client);
  });

  app.error(async (error) => {
    logger.error({ err: error }, "unhandled Slack error");
  });

  return {
    app,
    /** In HTTP mode, Slack's requests arrive on the bot's shared HTTP server under /slack/. */
    route: receiver
      ? ({
          prefix: "/slack/",
          handle: (req, res) => {
            // Refused exactly as Bolt refuses a stale request: 401, no body, nothing carried out.
            if (datedInTheFuture(req.headers["x-slack-request-timestamp"], Date.now())) {
              logger.warn({ path: req.url?.split("?")[0], timestamp: String(req.headers["x-slack-request-timestamp"]).slice(0, 20) }, "refused a Slack request dated more than five minutes in the future");
              req.resume();
              res.writeHead(401).end();
              return;
            }
            return receiver.requestListener(req, res);
          },
        } satisfies HttpRoute)
      : undefined,
    /** Connects to Slack in Socket Mode; in HTTP mode there is nothing to start. */
    async start(): Promise<void> {
      if (settings.appToken) await app.start();
    },
    async stop(): Promise<void> {
      if (settings.appToken) await app.stop();
    },
  };
}
