import type { Platform } from "../core/directory/types.js";
import type { ChatPort } from "../core/outbox/outbound.js";
import type { HttpRoute } from "../http-server.js";

/**
 * What every chat platform's adapter gives the bot (app.ts wires them alike). An adapter only
 * translates; the core decides:
 * - **receive**: `route` takes the platform's requests on the bot's one HTTP server (absent where
 *   the platform connects out, as Slack's Socket Mode does), checks they are the platform's own,
 *   and hands each to the core: a command to `CommandService.handle`, a click to `readClick`, a
 *   form to `commandFromForm`, a file to `importFromChat`;
 * - **render**: the core's neutral views (core/views) in the platform's markup, within its limits;
 * - **deliver**: `port` sends what the outbox holds (core/outbox) and finds a message sent in doubt.
 *
 * A new platform is a folder under src/adapters that returns this, a name in PLATFORMS
 * (core/directory/types.ts), its settings in config.ts, and the shared scenarios run on it
 * (test/scenarios).
 */
export interface ChatPlatform {
  platform: Platform;
  route?: HttpRoute;
  port: ChatPort;
  /** What it serves, for the start-up log line. */
  serves: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
