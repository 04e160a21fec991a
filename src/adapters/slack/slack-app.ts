import { createHash, randomUUID } from "node:crypto";
import { App, HTTPReceiver } from "@slack/bolt";
import type { ChatRequest, CommandService } from "../../core/command-service.js";
import { parseCommandText } from "../../core/commands/command.js";
import { splitCommand } from "../../core/commands/split-command.js";
import type { HttpRoute } from "../../http-server.js";
import type { Importer } from "../../core/formats/import-file.js";
import { importSharedFile } from "./slack-import.js";
import { FORM_IDS, ROUTED_ACTION_IDS, commandFromAction, commandFromForm, formForAction } from "../../core/commands/form-command.js";
import { denyFormFor } from "../../core/disclosure/forms.js";
import { APPROVE_ACTION, DENY_ACTION } from "../../core/disclosure/views.js";
import { plainText, type MessageView, type Reply } from "../../core/views/message.js";
import type { Logger } from "../../logger.js";
import { boltLogger } from "./bolt-logger.js";
import { readForm, renderForm, renderHome, renderResultModal } from "./render-form.js";
import { renderMessage } from "./render-message.js";
import { datedInTheFuture } from "./request-time.js";
import { makeWellFormed } from "../../core/text/well-formed.js";

export interface SlackSettings {
  signingSecret: string;
  botToken: string;
  /** Socket Mode when set; HTTP otherwise. */
  appToken?: string;
  /** Base URL of the Slack Web API, ending in "/". */
  apiUrl: string;
  /** Retries of a failed Web API call made while answering; tests set 0. */
  apiRetries?: number;
  /**
   * A command not answered within this many milliseconds is acknowledged with "Working on it…"
   * and answered through its response URL when done: Slack gives up after three seconds.
   */
  answerWithinMs?: number;
}

const ANSWER_WITHIN_MS = 2000;

/** Every slash command, form, button and event this adapter handles; manifest.yml must match. */
export const SLACK_HANDLERS = {
  commands: ["/ciic"],
  views: [...FORM_IDS],
  actions: [APPROVE_ACTION, DENY_ACTION, ...ROUTED_ACTION_IDS],
  events: ["app_home_opened"],
} as const;

/** The promise's value if it settles within `ms` (0: never), else undefined; the promise runs on. */
async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const isRefusal = (view: MessageView) => view.blocks[0]?.kind === "notice" && view.blocks[0].tone === "error";
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

  /** Runs one request through the core; a bug answers with a reference instead of crashing. */
  const run = async (request: Omit<ChatRequest, "platform">): Promise<{ reply?: Reply; failure?: string }> => {
    const log = logger.child({ requestId: randomUUID(), platform: "slack", user: request.userId });
    const started = Date.now();
    try {
      const reply = await service.handle({ platform: "slack", ...request });
      log.info({ command: request.command.name, reply: reply.kind, ms: Date.now() - started }, "command answered");
      return { reply };
    } catch (error) {
      log.error({ err: error, command: request.command.name }, "command failed");
      const ref = (log.bindings() as { requestId: string }).requestId;
      return {
        failure: `Something went wrong on our side and nothing was changed. Please try again; if it keeps failing, give the cell's administrator this reference: ${ref}.`,
      };
    }
  };

  app.command("/ciic", async ({ command, ack, client, context, respond }) => {
    logger.debug({ user: command.user_id, text: command.text }, "command received");
    const { name, rest } = splitCommand(command.text ?? "");
    if (name === "import") {
      // A file import can take longer than Slack's three seconds: acknowledge first.
      await ack({ response_type: "ephemeral", text: "Looking for the file you shared here…" });
      await importSharedFile({ text: rest, userId: command.user_id, channelId: command.channel_id, botToken: settings.botToken, client, respond, service, importer: deps.importer, logger }).catch(
        async (error) => {
          logger.error({ err: error }, "import failed");
          await respond({ response_type: "ephemeral", replace_original: true, text: "The import failed on our side; nothing was stored. Please try again." });
        },
      );
      return;
    }
    const answer = run({
      userId: command.user_id,
      requestKey: `slack:command:${command.trigger_id}`,
      command: parseCommandText(command.text ?? ""),
      text: command.text ?? "",
      retry: context.retryNum,
    });
    /** Opens the form; after "Working on it…" (`late`), that line then says what happened. */
    const openForm = async (form: Extract<Reply, { kind: "form" }>["form"], late = false) => {
      const say = (text: string) => respond({ response_type: "ephemeral", replace_original: late, text });
      try {
        await client.views.open({ trigger_id: command.trigger_id, view: renderForm(form) });
        if (late) await say("The form is open.");
      } catch (error) {
        logger.error({ err: error }, "the form could not be opened");
        await say("The form could not be opened. Please try again, or type the command with its arguments (see /ciic help).").catch((failed: unknown) =>
          logger.error({ err: failed }, "the answer could not be delivered"),
        );
      }
    };
    const inTime = await withinMs(answer, settings.answerWithinMs ?? ANSWER_WITHIN_MS);
    if (!inTime) {
      // A slow command (a report over a large period, an export): Slack would show a time-out
      // although the work goes on. Acknowledge now; the answer replaces this line when ready.
      await ack({ response_type: "ephemeral", text: "Working on it…" });
      const { reply, failure } = await answer;
      if (reply?.kind === "form") return openForm(reply.form, true);
      await respond({ response_type: "ephemeral", replace_original: true, ...(reply ? renderMessage(reply.view) : { text: failure! }) }).catch((error: unknown) =>
        logger.error({ err: error }, "the answer could not be delivered"),
      );
      return;
    }
    const { reply, failure } = inTime;
    if (reply?.kind === "form") {
      await ack();
      return openForm(reply.form);
    }
    await ack({ response_type: "ephemeral", ...(reply ? renderMessage(reply.view) : { text: failure! }) });
  });

  for (const formId of FORM_IDS) {
    app.view(formId, async ({ ack, body, view }) => {
      const values = readForm(view.state.values as never);
      const command = commandFromForm(formId, values, view.private_metadata ?? "");
      const firstField = Object.keys(view.state.values)[0] ?? "value";
      if (!command) {
        await ack({ response_action: "errors", errors: { [firstField]: "This form could not be read; please open it again." } });
        return;
      }
      const { reply, failure } = await run({
        userId: body.user.id,
        // A retried delivery repeats view id and values; a corrected resubmission of the same
        // modal changes the values, so it is a new request.
        requestKey: `slack:view:${view.id}:${sha256(values)}`,
        command,
        text: `${command.name} (form) ${JSON.stringify(values).slice(0, 3000)}`,
      });
      const shown = reply?.kind === "message" ? reply.view : undefined;
      if (!shown || isRefusal(shown)) {
        // Keep the form open with the reason, so that nothing typed is lost.
        await ack({ response_action: "errors", errors: { [firstField]: (shown ? plainText(shown) : (failure ?? "")).slice(0, 3000) } });
        return;
      }
      await ack({ response_action: "update", view: renderResultModal("CIIC", shown) });
    });
  }

  app.action(APPROVE_ACTION, async ({ ack, body, action, respond, client }) => {
    await ack();
    const value = (action as { value?: string }).value ?? "";
    const command = commandFromAction(APPROVE_ACTION, value);
    if (!command) return;
    const { reply, failure } = await run({
      userId: body.user.id,
      requestKey: `slack:action:${(body as { trigger_id?: string }).trigger_id ?? randomUUID()}`,
      command,
      text: `approve ask ${value}`,
    });
    const view = reply?.kind === "message" ? reply.view : undefined;
    if ((body as { response_url?: string }).response_url) {
      await respond({ response_type: "ephemeral", replace_original: false, ...(view ? renderMessage(view) : { text: failure! }) });
    } else if ((body as { view?: { type?: string } }).view?.type === "home") {
      // A click on the Home tab has no response_url: show the new state of the tab instead.
      await publishHome(body.user.id, client);
    }
  });

  app.action(DENY_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const form = denyFormFor((action as { value?: string }).value ?? "");
    if (!form) {
      logger.warn({ user: body.user.id }, "a Deny button without a consent id");
      await respond({ response_type: "ephemeral", replace_original: false, text: "This button could not be read. /ciic requests shows what waits for your answer." });
      return;
    }
    // The decision is made when the reason is submitted (DENY_FORM_ID above).
    try {
      await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: renderForm(form) });
    } catch (error) {
      logger.error({ err: error }, "the reason form could not be opened");
      await respond({ response_type: "ephemeral", replace_original: false, text: "The form for your reason could not be opened. Please click Deny again." });
    }
  });

  // Agreement rounds (Art 10, 13) and retention reviews: the core reads what a click means from
  // the button's value; a button that needs a note first opens the form the core hands out.
  for (const actionId of ROUTED_ACTION_IDS) {
    app.action(actionId, async ({ ack, body, action, respond, client }) => {
      await ack();
      const value = (action as { value?: string }).value ?? "";
      const form = formForAction(actionId, value);
      if (form) {
        await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: renderForm(form) }).catch(async (error: unknown) => {
          logger.error({ err: error }, "the note form could not be opened");
          await respond({ response_type: "ephemeral", replace_original: false, text: "The form for your note could not be opened. Please click the button again." });
        });
        return;
      }
      const command = commandFromAction(actionId, value);
      if (!command) return;
      const { reply, failure } = await run({
        userId: body.user.id,
        requestKey: `slack:action:${(body as { trigger_id?: string }).trigger_id ?? randomUUID()}`,
        command,
        text: `${actionId} ${value}`,
      });
      const view = reply?.kind === "message" ? reply.view : undefined;
      if ((body as { response_url?: string }).response_url) {
        await respond({ response_type: "ephemeral", replace_original: false, ...(view ? renderMessage(view) : { text: failure! }) });
      } else if ((body as { view?: { type?: string } }).view?.type === "home") {
        await publishHome(body.user.id, client);
      }
    });
  }

  const publishHome = async (userId: string, client: { views: { publish: (args: { user_id: string; view: ReturnType<typeof renderHome> }) => Promise<unknown> } }) => {
    const { reply } = await run({ userId, requestKey: `slack:home:${userId}:${randomUUID()}`, command: { name: "requests" }, text: "requests (home tab)" });
    if (reply?.kind === "message") await client.views.publish({ user_id: userId, view: renderHome(reply.view) });
  };

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
