import { pino, type Logger } from "pino";
import { isColorSupported, prettyFactory } from "pino-pretty";

/**
 * Operators' log: JSON lines on stdout, one request id per command. Indicator values and command
 * text are logged at debug level only; tokens and secrets never (they are also redacted
 * wherever a field of that name turns up).
 *
 * `readable` prints each entry as one line a person reads (time, level, message, then the
 * fields) instead of JSON: main.ts asks for it when stdout is a terminal, where nobody parses the
 * lines. Redaction happens before either form is written, so both hide the same fields.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream, options: { readable?: boolean } = {}): Logger {
  const out = destination ?? process.stdout;
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
    options.readable ? readableLines(out) : out,
  );
}

/**
 * Readable lines on `out`. Each entry is turned into its line and written as pino hands it over,
 * not through a stream of its own, so that the last line before an exit is not lost.
 */
function readableLines(out: NodeJS.WritableStream): { write(entry: string): void } {
  const toLine = prettyFactory({
    // Colours only on a terminal that shows them (not with NO_COLOR or TERM=dumb; colorette decides).
    colorize: isColorSupported && "isTTY" in out && out.isTTY === true,
    translateTime: "SYS:HH:MM:ss.l",
    // Every line carries them; they say nothing to someone watching one process.
    ignore: "pid,hostname,service",
    singleLine: true,
  });
  return { write: (entry) => void out.write(toLine(entry)) };
}

export type { Logger };
