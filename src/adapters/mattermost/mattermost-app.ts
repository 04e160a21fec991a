import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatRequest, CommandService } from "../../core/command-service.js";
import { systemClock, type Clock } from "../../core/ports.js";
import { parseCommandText } from "../../core/commands/command.js";
import { commandFromForm, readClick } from "../../core/commands/form-command.js";
import type { ChatPlatform } from "../chat-platform.js";
import { splitCommand } from "../../core/commands/split-command.js";
import { plainText, type FormView, type MessageView, type Reply } from "../../core/views/message.js";
import type { HttpRoute } from "../../http-server.js";
import type { Logger } from "../../logger.js";
import { BodyTooLarge, parseForm, parseObject, readBody, sendJson, sendText, str } from "./http-io.js";
import { createMattermostChatPort } from "./mattermost-chat-port.js";
import { MattermostClient } from "./mattermost-client.js";
import type { Importer } from "../../core/formats/import-file.js";
import { importPostedFile } from "./mattermost-import.js";
import { buttonProps } from "./post-actions.js";
import { renderDialog, readSubmission } from "./render-dialog.js";
import { actionGroupsOf, renderMarkdown } from "./render-markdown.js";
import { sameSecret, signPayload, verifyPayload } from "./signed-context.js";
import { DECIDE_WITHIN_MS, notCarriedOut, requestRunner, textsOfUser } from "../answer-in-time.js";

export interface MattermostSettings {
  /** The Mattermost server, without a trailing slash. */
  url: string;
  botToken: string;
  commandToken: string;
  actionSecret: string;
  /** Where Mattermost reaches this bot, without a trailing slash. */
  publicUrl: string;
  /** How long (ms) one REST API call may take; default CALL_TIMEOUT_MS. */
  callTimeoutMs?: number;
}

/** Largest bodies taken: a slash command carries at most one post (16,383 characters) of text. */
const LIMITS = { command: 512 * 1024, action: 64 * 1024, dialog: 256 * 1024 };
/** A dialog left open longer than this must be opened again. */
const DIALOG_VALID_MS = 24 * 3600_000;

const sha256 = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");
const quiet = { response_type: "ephemeral", text: "" };

/**
 * The Mattermost adapter: the /ciic custom slash command (checked against the command's token),
 * clicks on interactive message buttons and interactive dialog submissions (both checked against
 * what the bot signed), all turned into core commands; answers are Markdown within Mattermost's
 * limits, and the outbox reaches Mattermost through the REST API as the bot account.
 */
export function createMattermostApp(deps: { settings: MattermostSettings; service: CommandService; importer: Importer; logger: Logger; clock?: Clock }): ChatPlatform {
  const { settings, service, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const client = new MattermostClient(settings.url, settings.botToken, settings.callTimeoutMs);
  const buttons = { url: `${settings.publicUrl}/mattermost/action`, secret: settings.actionSecret };
  const port = createMattermostChatPort({ client, buttons, now: () => clock.now().getTime() });
  const dialogUrl = `${settings.publicUrl}/mattermost/dialog`;
  const log = logger.child({ platform: "mattermost" });

  const runner = requestRunner({ service, logger, platform: "mattermost" });
  /** What the bot says itself to a Mattermost user: in the language the directory last gave them. */
  const textsOf = (userId: string) => service.lastKnownTexts("mattermost", userId);
  /** The core's answer, waited for as long as it takes (a slash command), or what was not done. */
  const run = async (request: Omit<ChatRequest, "platform">): Promise<{ reply?: Reply; failure?: string }> => {
    const outcome = await runner.start(request).settled;
    return outcome.kind === "answered" ? { reply: outcome.reply } : { failure: notCarriedOut(outcome, "command", textsOf(request.userId)) };
  };

  const failureView = (text: string): MessageView => ({ summary: text, blocks: [{ kind: "notice", tone: "error", content: [text] }] });

  /** Opens a form as a dialog; its state names the form, the person and a fresh nonce, signed. */
  async function openForm(form: FormView, userId: string, triggerId: string): Promise<boolean> {
    const state = signPayload(settings.actionSecret, "dialog", { f: form.id, m: form.metadata ?? "", u: userId, n: randomBytes(12).toString("base64url"), t: Date.now() });
    try {
      await client.openDialog({ trigger_id: triggerId, url: dialogUrl, dialog: renderDialog(form, state) });
      return true;
    } catch (error) {
      log.error({ err: error, form: form.id }, "the dialog could not be opened");
      return false;
    }
  }

  /** A slash command's answer: ephemeral posts, the first in `text`, the rest as extra responses. */
  function commandAnswer(view: MessageView, userId: string) {
    const parts = renderMarkdown(view);
    const actions = buttonProps(actionGroupsOf(view), buttons, userId).attachments;
    const answers = parts.map((text, i) => ({ response_type: "ephemeral", text, skip_slack_parsing: true, ...(actions && i === parts.length - 1 ? { attachments: actions } : {}) }));
    return { ...answers[0], ...(answers.length > 1 ? { extra_responses: answers.slice(1) } : {}) };
  }

  /** Refuses a request that does not carry what Mattermost or the bot put in it. */
  function refuse(req: IncomingMessage, res: ServerResponse, status: 401 | 403, reason: string, claimed: Record<string, string>) {
    log.warn({ path: req.url?.split("?")[0], remote: req.socket.remoteAddress, ...claimed, reason }, "refused a request that did not come from Mattermost as configured");
    sendText(res, status, `Refused: ${reason}.`);
  }

  async function onCommand(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = parseForm(await readBody(req, LIMITS.command));
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Token ") ? header.slice("Token ".length) : form.get("token") ?? undefined;
    if (!sameSecret(token, settings.commandToken)) {
      return refuse(req, res, 401, token ? "the slash command's token is not the one configured (MATTERMOST_COMMAND_TOKEN)" : "no slash command token", { user: str(form.get("user_id")) });
    }
    const userId = form.get("user_id") ?? "";
    const text = form.get("text") ?? "";
    const triggerId = form.get("trigger_id") ?? "";
    if (!userId) return sendText(res, 400, "A slash command without user_id cannot be answered.");
    log.debug({ user: userId, text }, "command received");
    const { name, rest } = splitCommand(text);
    if (name === "import") {
      // An import can outlast Mattermost's wait for an answer: answer first, then import.
      sendJson(res, 200, { response_type: "ephemeral", text: (await textsOfUser(service, "mattermost", userId)).text("adapters.import.looking_dm"), skip_slack_parsing: true });
      await importPostedFile({ text: rest, userId, channelId: form.get("channel_id") ?? "", client, port, service, importer: deps.importer, logger: log }).catch(async (error) => {
        log.error({ err: error }, "import failed");
        await port.post({ platform: "mattermost", kind: "user", id: userId }, failureView(textsOf(userId).text("adapters.import.failed")));
      });
      return;
    }
    const { reply, failure } = await run({ userId, requestKey: `mattermost:command:${triggerId || randomUUID()}`, command: parseCommandText(text), text });
    if (reply?.kind === "form") {
      const opened = triggerId !== "" && (await openForm(reply.form, userId, triggerId));
      return sendJson(res, 200, opened ? quiet : commandAnswer(failureView(textsOf(userId).text("adapters.form_not_opened")), userId));
    }
    sendJson(res, 200, commandAnswer(reply?.view ?? failureView(failure!), userId));
  }

  /** An answer shown to the clicker only; one too long for a post goes to their direct messages. */
  async function ephemeral(view: MessageView, userId: string): Promise<object> {
    const parts = renderMarkdown(view);
    if (parts.length === 1) return { ephemeral_text: parts[0], skip_slack_parsing: true };
    const sent = await port.post({ platform: "mattermost", kind: "user", id: userId }, view);
    return { ephemeral_text: sent.ok ? textsOf(userId).text("adapters.long_answer") : parts[0], skip_slack_parsing: true };
  }

  async function onAction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseObject(await readBody(req, LIMITS.action));
    if (!body) return sendText(res, 400, "Expected a JSON body, as Mattermost sends for a button click.");
    const userId = str(body.user_id);
    const context = (body.context ?? {}) as Record<string, unknown>;
    const signed = verifyPayload(settings.actionSecret, "action", context.ciic);
    if (!signed) return refuse(req, res, 403, "the button's context is not signed by this bot", { user: userId });
    if (signed.u !== undefined && signed.u !== userId) return refuse(req, res, 403, "the button was posted to someone else", { user: userId });
    if (!userId) return sendText(res, 400, "A button click without user_id cannot be answered.");
    const action = String(signed.a);
    const value = String(signed.v);
    const triggerId = str(body.trigger_id);
    // The core reads what the click means: some buttons ask for more first (Deny asks the
    // reason): they open a dialog, and the decision is made when it is submitted.
    const click = await readClick(action, value, () => service.textsFor("mattermost", userId));
    if (click.kind === "form") {
      const opened = triggerId !== "" && (await openForm(click.form, userId, triggerId));
      return sendJson(res, 200, opened ? {} : { ephemeral_text: textsOf(userId).text("adapters.form_button_again"), skip_slack_parsing: true });
    }
    if (click.kind === "unreadable") return sendJson(res, 200, { ephemeral_text: textsOf(userId).text("adapters.button_unknown"), skip_slack_parsing: true });
    // A second click on the same button by the same person is the same request: it gets the
    // first answer back, whatever Mattermost's fresh trigger id for it says.
    const postId = str(body.post_id) || triggerId || randomUUID();
    const pending = runner.start({ userId, requestKey: `mattermost:action:${postId}:${action}:${value}:${userId}`, command: click.command, text: click.text });
    // The answer is given only with the decision, as on Slack, and within the same bound: a
    // click the database cannot take in time is answered "nothing was decided". Clicked again,
    // it is the same request (same post, button and person), so a decision that landed late
    // after all is not made twice, and that second click is answered with it.
    const outcome = await pending.within(DECIDE_WITHIN_MS);
    if (outcome.kind !== "answered") {
      sendJson(res, 200, { ephemeral_text: notCarriedOut(outcome, "click", textsOf(userId)), skip_slack_parsing: true });
      if (outcome.kind === "late") void pending.toldNotDone();
      return;
    }
    const reply = outcome.reply;
    sendJson(res, 200, await ephemeral(reply.kind === "message" ? reply.view : failureView(textsOf(userId).text("adapters.button_not_here")), userId));
  }

  async function onDialog(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseObject(await readBody(req, LIMITS.dialog));
    if (!body) return sendText(res, 400, "Expected a JSON body, as Mattermost sends for a dialog submission.");
    if (body.cancelled === true) return sendJson(res, 200, {});
    const userId = str(body.user_id);
    const state = verifyPayload(settings.actionSecret, "dialog", body.state);
    if (!state) return refuse(req, res, 403, "the dialog's state is not signed by this bot", { user: userId });
    if (state.u !== userId || state.f !== body.callback_id) return refuse(req, res, 403, "the dialog was opened for someone or something else", { user: userId });
    if (Date.now() - Number(state.t) > DIALOG_VALID_MS) return sendJson(res, 200, { error: textsOf(userId).text("adapters.form_stale") });
    const values = readSubmission(body.submission);
    const command = values && commandFromForm(String(state.f), values, String(state.m));
    if (!values || !command) return sendJson(res, 200, { error: textsOf(userId).text("adapters.form_unreadable") });
    const pending = runner.start({
      userId,
      // A repeated submission of the same dialog with the same values is the same request; a
      // corrected one (other values) is a new request.
      requestKey: `mattermost:dialog:${state.n}:${sha256(values)}`,
      command,
      text: `${command.name} (form) ${JSON.stringify(values).slice(0, 3000)}`,
    });
    // As a click: answered with its outcome, within the same bound. Not carried out in time, the
    // dialog stays open; sent again it is the same request, answered once.
    const outcome = await pending.within(DECIDE_WITHIN_MS);
    if (outcome.kind !== "answered") {
      sendJson(res, 200, { error: notCarriedOut(outcome, "form", textsOf(userId)) });
      if (outcome.kind === "late") void pending.toldNotDone();
      return;
    }
    const shown = outcome.reply.kind === "message" ? outcome.reply.view : undefined;
    if (!shown || shown.refused !== undefined) {
      // The dialog stays open with the reason, so that nothing typed is lost.
      return sendJson(res, 200, { error: (shown ? plainText(shown) : textsOf(userId).text("adapters.form_not_answered")).slice(0, 3000) });
    }
    // A dialog cannot show a result: it comes as a direct message from the bot.
    const sent = await port.post({ platform: "mattermost", kind: "user", id: userId }, shown);
    sendJson(res, 200, sent.ok ? {} : { error: textsOf(userId).text("adapters.answer_not_shown") });
  }

  const handlers: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    "/mattermost/command": onCommand,
    "/mattermost/action": onAction,
    "/mattermost/dialog": onDialog,
  };

  const route: HttpRoute = {
    prefix: "/mattermost/",
    async handle(req, res) {
      const handler = handlers[(req.url ?? "").split("?")[0]];
      if (!handler) return sendText(res, 404, "Not found. Mattermost's requests go to /mattermost/command, /mattermost/action and /mattermost/dialog.");
      if (req.method !== "POST") return sendText(res, 405, "Only POST is served here (set the slash command's request method to POST).", { allow: "POST" });
      try {
        await handler(req, res);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        req.resume();
        sendText(res, 413, `Refused: the request body is larger than ${error.limit} bytes.`, { connection: "close" });
      }
    },
  };

  return {
    platform: "mattermost",
    route,
    port,
    serves: "mattermost: /mattermost/command, /mattermost/action, /mattermost/dialog",
    /** Nothing to connect: Mattermost calls in over HTTP. Checks the bot token once, without waiting. */
    async start(): Promise<void> {
      client.getMe().then(
        (me) => log.info({ bot: me.username }, "Mattermost bot account in use"),
        (error) => log.warn({ error: (error as Error).message }, "Mattermost did not accept the bot token yet (MATTERMOST_BOT_TOKEN); messages wait in the outbox until it does"),
      );
    },
    async stop(): Promise<void> {},
  };
}
