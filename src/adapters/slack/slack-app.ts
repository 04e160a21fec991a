import { createHash, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { App, HTTPReceiver } from "@slack/bolt";
import type { Command } from "../../core/commands/command.js";
import { parseCommandText } from "../../core/commands/command.js";
import type { CommandService } from "../../core/command-service.js";
import { SUBMIT_FORM_ID, submissionFromForm } from "../../core/use-cases/submit-form.js";
import type { Reply } from "../../core/views/message.js";
import type { Logger } from "../../logger.js";
import { boltLogger } from "./bolt-logger.js";
import { readForm, renderForm, renderResultModal } from "./render-form.js";
import { renderMessage } from "./render-message.js";


export interface SlackSettings {
  signingSecret: string;
  botToken: string;
  /** Socket Mode when set; HTTP otherwise. */
  appToken?: string;
  /** Base URL of the Slack Web API, ending in "/". */
  apiUrl: string;
  /** Retries of a failed Web API call; tests set 0. */
  apiRetries?: number;
}

/** Every slash command and modal callback this adapter handles; manifest.yml must match. */
export const SLACK_HANDLERS = { commands: ["/ciic"], views: [SUBMIT_FORM_ID] } as const;

/**
 * The Slack adapter: thin listeners that acknowledge within Slack's 3 seconds, turn Slack's
 * payloads into core commands, and render the core's neutral replies as Block Kit.
 */
export function createSlackApp(deps: { settings: SlackSettings; service: CommandService; logger: Logger }) {
  const { settings, service, logger } = deps;
  const receiver = settings.appToken
    ? undefined
    : new HTTPReceiver({
        signingSecret: settings.signingSecret,
        endpoints: "/slack/events",
        logger: boltLogger(logger),
        customRoutes: [
          {
            path: "/healthz",
            method: ["GET"],
            handler: (_req, res) => {
              res.writeHead(200, { "content-type": "application/json" });
              res.end(JSON.stringify({ ok: true }));
            },
          },
        ],
      });
  const app = new App({
    token: settings.botToken,
    signingSecret: settings.signingSecret,
    ...(settings.appToken ? { appToken: settings.appToken, socketMode: true } : { receiver }),
    logger: boltLogger(logger),
    // Known ids skip Bolt's start-up auth.test call: the bot starts without reaching Slack.
    botId: "B0CIIC",
    botUserId: "U0CIIC",
    clientOptions: { slackApiUrl: settings.apiUrl, retryConfig: { retries: settings.apiRetries ?? 10 } },
  });

  const run = async (log: Logger, request: Parameters<CommandService["handle"]>[0]): Promise<Reply> => {
    const started = Date.now();
    const reply = await service.handle(request);
    log.info({ command: request.command.name, reply: reply.kind, ms: Date.now() - started }, "command answered");
    return reply;
  };

  app.command("/ciic", async ({ command, ack, client, context }) => {
    const log = logger.child({ requestId: randomUUID(), platform: "slack", user: command.user_id });
    log.debug({ text: command.text }, "command received");
    const parsed: Command = parseCommandText(command.text ?? "");
    try {
      const reply = await run(log, {
        platform: "slack",
        userId: command.user_id,
        requestKey: `slack:command:${command.trigger_id}`,
        command: parsed,
        text: command.text ?? "",
        retry: context.retryNum,
      });
      if (reply.kind === "form") {
        await ack();
        await client.views.open({ trigger_id: command.trigger_id, view: renderForm(reply.form) });
        return;
      }
      await ack({ response_type: "ephemeral", ...renderMessage(reply.view) });
    } catch (error) {
      log.error({ err: error }, "command failed");
      await ack({ response_type: "ephemeral", text: failureText(log) }).catch(() => undefined);
    }
  });

  app.view(SUBMIT_FORM_ID, async ({ ack, body, view }) => {
    const log = logger.child({ requestId: randomUUID(), platform: "slack", user: body.user.id });
    const values = readForm(view.state.values as never);
    try {
      const reply = await run(log, {
        platform: "slack",
        userId: body.user.id,
        // A retried delivery repeats view id and values; a corrected resubmission of the same
        // modal changes the values, so it is a new request.
        requestKey: `slack:view:${view.id}:${createHash("sha256").update(JSON.stringify(values)).digest("hex")}`,
        command: { name: "submit", input: submissionFromForm(values) },
        text: `submit (form) ${values.indicators ?? ""}`,
      });
      const shown = reply.kind === "message" ? reply.view : { summary: "Unexpected form", blocks: [] };
      const refused = shown.blocks[0]?.kind === "notice" && shown.blocks[0].tone === "error";
      if (refused) {
        // Keep the form open with the reason under the indicators, so nothing typed is lost.
        await ack({ response_action: "errors", errors: { indicators: shown.summary.slice(0, 3000) } });
        return;
      }
      await ack({ response_action: "update", view: renderResultModal("Submission", shown) });
    } catch (error) {
      log.error({ err: error }, "form submission failed");
      await ack({ response_action: "errors", errors: { indicators: failureText(log) } }).catch(() => undefined);
    }
  });

  app.error(async (error) => {
    logger.error({ err: error }, "unhandled Slack error");
  });

  return {
    app,
    /** Starts listening; resolves with the HTTP server in HTTP mode. */
    async start(port: number, host: string): Promise<Server | undefined> {
      if (settings.appToken) {
        await app.start();
        return undefined;
      }
      return (await app.start({ port, host })) as Server;
    },
    stop: () => app.stop(),
  };
}

function failureText(log: Logger): string {
  const ref = (log.bindings() as { requestId?: string }).requestId ?? "unknown";
  return `Something went wrong on our side and nothing was changed. Please try again; if it keeps failing, give the cell's administrator this reference: ${ref}.`;
}
