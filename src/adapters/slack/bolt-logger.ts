import type { Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../logger.js";

/** Routes Bolt's own log lines into the bot's JSON log (and its redaction rules). */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" ");
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: () => undefined,
    getLevel: () => logger.level as LogLevel,
    setName: () => undefined,
  };
}
