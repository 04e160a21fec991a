import { pino, type Logger } from "pino";

/**
 * Operators' log: JSON lines on stdout, one request id per command. Indicator values and command
 * text are logged at debug level only; tokens and secrets never (they are also redacted
 * wherever a field of that name turns up).
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: "ciic-bot" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "token",
          "*.token",
          "authorization",
          "*.authorization",
          "headers.authorization",
          "*.headers.authorization",
          "signingSecret",
          "*.signingSecret",
          "SLACK_BOT_TOKEN",
          "SLACK_SIGNING_SECRET",
          "SLACK_APP_TOKEN",
          "config.SLACK_BOT_TOKEN",
          "config.SLACK_SIGNING_SECRET",
          "config.SLACK_APP_TOKEN",
          "botToken",
          "*.botToken",
          "commandToken",
          "*.commandToken",
          "actionSecret",
          "*.actionSecret",
          "MATTERMOST_BOT_TOKEN",
          "MATTERMOST_COMMAND_TOKEN",
          "MATTERMOST_ACTION_SECRET",
          "config.MATTERMOST_BOT_TOKEN",
          "config.MATTERMOST_COMMAND_TOKEN",
          "config.MATTERMOST_ACTION_SECRET",
        ],
        censor: "[redacted]",
      },
    },
    destination ?? process.stdout,
  );
}

export type { Logger };
