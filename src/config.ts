import { z } from "zod";

/**
 * The bot's whole configuration, read from the environment once at start-up. Nothing else in
 * the code reads process.env. Every bad or missing setting is named at once.
 *
 * Which chat platforms the bot serves follows from the settings given: Slack when its two
 * settings are set, Mattermost when its settings are set (both at once is fine), and the local
 * browser workspace when neither is — so that `npm start` alone gives something to try. That
 * workspace has no login: it serves the built-in demo directory, and the cell's own only when
 * CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY says so.
 */
const url = z.url({ protocol: /^https?$/ });
const withSlash = (u: string) => (u.endsWith("/") ? u : `${u}/`);

/** SQLite's `synchronous` levels the bot offers (CIIC_SQLITE_SYNCHRONOUS). */
export const SQLITE_SYNCHRONOUS = ["normal", "full"] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];

const schema = z.object({
  SLACK_SIGNING_SECRET: z.string().min(1, "is empty").optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, "must be a bot token (xoxb-…)").optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, "must be an app-level token (xapp-…)").optional(),
  SLACK_API_URL: url.default("https://slack.com/api/").transform(withSlash),
  /** The Mattermost server, e.g. https://chat.example.org. */
  MATTERMOST_URL: url.transform((u) => u.replace(/\/+$/, "")).optional(),
  /** The bot account's access token (System Console → Integrations → Bot Accounts). */
  MATTERMOST_BOT_TOKEN: z.string().min(20, "is too short to be a Mattermost token").optional(),
  /** The token Mattermost shows for the /ciic slash command; requests without it are refused. */
  MATTERMOST_COMMAND_TOKEN: z.string().min(20, "is too short to be a Mattermost token").optional(),
  /** Key that signs the context of the bot's buttons and dialogs, so that a forged click is refused. */
  MATTERMOST_ACTION_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  /**
   * Where others reach this bot, e.g. https://ciic-bot.example.org: the Mattermost server (for
   * button and dialog callbacks) and recipients' TAXII clients (the links discovery gives).
   */
  CIIC_PUBLIC_URL: url.transform((u) => u.replace(/\/+$/, "")).optional(),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgres:// (PostgreSQL)")
    .default("file:./data/ciic.db"),
  /**
   * SQLite only: when a commit reaches the disk. `normal`: a commit survives the bot's crash or
   * kill at once, and an operating system crash or power cut once the next checkpoint (every
   * second) has synced the log; `full`: each commit is synced before it is answered, also against
   * a power cut, at the cost of a disk sync per command. Read when a database is opened.
   */
  CIIC_SQLITE_SYNCHRONOUS: z.enum(SQLITE_SYNCHRONOUS, { error: "must be normal or full" }).default("normal"),
  CIIC_DIRECTORY: z.string().min(1).optional(),
  /**
   * Lets the login-less local workspace serve the cell's own directory (one from CIIC_DIRECTORY
   * or loaded with the CLI) instead of the built-in demo one: then anyone using this machine can
   * act as any member, approvals included. Off unless an operator says so.
   */
  CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY: z.enum(["1", "true", "yes", "0", "false", "no"], { error: "must be 1 (yes) or 0 (no)" }).optional(),
  /** How often (ms) the outbox is checked for messages to send; commands also wake it at once. */
  CIIC_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  /**
   * How long (ms) one call to Slack's or Mattermost's API may take before the bot gives up on it.
   * A message whose send was cut off waits that long before the bot looks whether it arrived
   * anyway, and a message claimed by an instance that died is taken over after two and a half
   * times as long and a second (26 s by default). Instances that share a database must have the
   * same value, or one would take over messages another is still sending.
   */
  CIIC_PLATFORM_CALL_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  /** How often (ms) deadlines, reminders and escalations are checked. */
  CIIC_DEADLINE_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
  /**
   * How long (ms) one command may wait for the database, its whole transaction included, before
   * it is answered "nothing was changed … try again": below Slack's three seconds by default.
   * Reports and exports keep a longer limit of their own.
   */
  CIIC_DB_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(200).max(60_000).default(2500),
  /**
   * Folder of MISP warninglists (`<name>/list.json` each) whose values are flagged as known-benign
   * on submit and look-up; `off` for none. Unset: the copy kept in src/warninglists.
   */
  CIIC_WARNINGLISTS: z.string().min(1).optional(),
  /**
   * TAXII 2.1 for recipients' systems at /taxii2/ (`off` for none): each pulls what was released
   * to it, with a key made by `ciic taxii key add`.
   */
  CIIC_TAXII: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  /** /readyz fails when a message has been due for sending longer than this many seconds. */
  CIIC_READY_MAX_OUTBOX_AGE_S: z.coerce.number().int().min(10).max(86_400).default(300),
  /**
   * Where to serve Prometheus metrics (GET /metrics) on a listener of their own: `port` (on
   * 127.0.0.1) or `host:port` (`[::1]:port` for IPv6); port 0 takes a free one. Unset: no metrics.
   */
  CIIC_METRICS: z
    .string()
    .regex(/^(?:(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?\d{1,5}$/, "must be a port (9464) or host:port (0.0.0.0:9464)")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

const SLACK_KEYS = ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"] as const;
const MATTERMOST_KEYS = ["MATTERMOST_URL", "MATTERMOST_BOT_TOKEN", "MATTERMOST_COMMAND_TOKEN", "MATTERMOST_ACTION_SECRET", "CIIC_PUBLIC_URL"] as const;
/** CIIC_PUBLIC_URL serves TAXII discovery too: set alone, it asks for no Mattermost settings. */
const MATTERMOST_OWN_KEYS = MATTERMOST_KEYS.filter((k) => k !== "CIIC_PUBLIC_URL");

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  apiUrl: string;
}

export interface MattermostConfig {
  url: string;
  botToken: string;
  commandToken: string;
  actionSecret: string;
  publicUrl: string;
}

/** Where the metrics listener binds (CIIC_METRICS). */
export interface MetricsConfig {
  host: string;
  port: number;
}

export type Config = z.infer<typeof schema> & {
  /** Prometheus metrics on a listener of their own; undefined: off. */
  metrics?: MetricsConfig;
  slack?: SlackConfig;
  mattermost?: MattermostConfig;
  /** The local browser workspace: on when no chat platform is configured. */
  localWorkspace: boolean;
  /**
   * Whether the local workspace may serve a directory other than the built-in demo one
   * (CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY). Without it the bot refuses to start on one, and the
   * workspace refuses requests once one is loaded while it runs.
   */
  localWorkspaceRealDirectory: boolean;
  /** Whether HOST was set rather than defaulted: the local workspace ignores it, and says so. */
  hostGiven: boolean;
  /**
   * Whether the database is the demo's own (DEMO_DATABASE_URL): the local workspace on the demo
   * directory with no DATABASE_URL given. Only that one may be started over (`--fresh-demo`).
   */
  demoDatabase: boolean;
};

/**
 * The local workspace's demo keeps its own database, apart from the cell's (./data/ciic.db), so
 * that trying the bot leaves nothing in the real one and the demo can be started over by
 * deleting it: the README's walk-through names ids (A-1, R-1) that only a fresh demo gives.
 */
export const DEMO_DATABASE_URL = "file:./data/demo.db";

/** The command-line tool needs the database only. */
const cliSchema = schema.pick({ DATABASE_URL: true });
const synchronousSchema = schema.shape.CIIC_SQLITE_SYNCHRONOUS;

export class ConfigError extends Error {
  readonly code = "config.invalid";
  constructor(readonly problems: string[]) {
    super(`The bot cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const SLACK_SETUP_HINT =
  "Slack needs both SLACK_SIGNING_SECRET (Basic Information → App Credentials) and SLACK_BOT_TOKEN (OAuth & Permissions → Bot User OAuth Token, xoxb-…) of the app installed from manifest.yml; see README, \"Install in Slack\". Leave both unset to try the bot in the local workspace.";
const MATTERMOST_SETUP_HINT = "Mattermost needs all of MATTERMOST_URL, MATTERMOST_BOT_TOKEN, MATTERMOST_COMMAND_TOKEN, MATTERMOST_ACTION_SECRET and CIIC_PUBLIC_URL; see README, \"Install in Mattermost\".";

/**
 * Why the bot will not serve the local workspace on a real directory, and what to set: `what` says
 * which directory it found. Also used at start-up when the database holds one (app.ts).
 */
export const REAL_DIRECTORY_REFUSAL = (what: string) =>
  `${what}, but no chat platform is configured, and the local workspace has no login: anyone using this machine could act as any member of it, approvals included. ` +
  "To serve the cell on Slack or Mattermost, set their settings (README, \"Settings\"). To try the bot, leave CIIC_DIRECTORY unset, on a database that holds no directory: the built-in demo directory is then loaded. " +
  "To train on this machine with the real directory anyway, set CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY=1 (README, \"The local workspace\").";

/** Settings that come as a set: all or none. */
function missingOfSet(env: Record<string, string>, keys: readonly string[], hint: string): string[] {
  const given = keys.filter((k) => k in env);
  if (given.length === 0 || given.length === keys.length) return [];
  return [...keys.filter((k) => !(k in env)).map((k) => `${k} is not set`), hint];
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as a shell's `VAR=` usually means "none".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
  const parsed = schema.safeParse(cleaned);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return name in cleaned ? `${name} ${issue.message}` : `${name} is not set`;
      });
  problems.push(...missingOfSet(cleaned, SLACK_KEYS, SLACK_SETUP_HINT), ...(MATTERMOST_OWN_KEYS.some((k) => k in cleaned) ? missingOfSet(cleaned, MATTERMOST_KEYS, MATTERMOST_SETUP_HINT) : []));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const c = parsed.data;
  const slack: SlackConfig | undefined =
    c.SLACK_SIGNING_SECRET && c.SLACK_BOT_TOKEN ? { signingSecret: c.SLACK_SIGNING_SECRET, botToken: c.SLACK_BOT_TOKEN, appToken: c.SLACK_APP_TOKEN, apiUrl: c.SLACK_API_URL } : undefined;
  const mattermost: MattermostConfig | undefined =
    c.MATTERMOST_URL && c.MATTERMOST_BOT_TOKEN && c.MATTERMOST_COMMAND_TOKEN && c.MATTERMOST_ACTION_SECRET && c.CIIC_PUBLIC_URL
      ? { url: c.MATTERMOST_URL, botToken: c.MATTERMOST_BOT_TOKEN, commandToken: c.MATTERMOST_COMMAND_TOKEN, actionSecret: c.MATTERMOST_ACTION_SECRET, publicUrl: c.CIIC_PUBLIC_URL }
      : undefined;
  // The workspace has no login: it is for trying and training on the embedded database. On the
  // production database a missing platform is a mistake, not a wish to use it.
  if (!slack && !mattermost && !c.DATABASE_URL.startsWith("file:")) {
    throw new ConfigError([
      "no chat platform is configured, and the local workspace (which has no login) runs only on SQLite: set the Slack or Mattermost settings (README, \"Settings\")",
    ]);
  }
  const localWorkspace = !slack && !mattermost;
  const localWorkspaceRealDirectory = ["1", "true", "yes"].includes(c.CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY ?? "0");
  if (localWorkspace && c.CIIC_DIRECTORY && !localWorkspaceRealDirectory) throw new ConfigError([REAL_DIRECTORY_REFUSAL(`CIIC_DIRECTORY names a directory (${c.CIIC_DIRECTORY})`)]);
  const metrics = c.CIIC_METRICS ? metricsAddress(c.CIIC_METRICS) : undefined;
  if (metrics && metrics.port > 65_535) throw new ConfigError(["CIIC_METRICS must name a port up to 65535"]);
  const demoDatabase = localWorkspace && !localWorkspaceRealDirectory && !("DATABASE_URL" in cleaned);
  const DATABASE_URL = demoDatabase ? DEMO_DATABASE_URL : c.DATABASE_URL;
  return { ...c, DATABASE_URL, metrics, slack, mattermost, localWorkspace, localWorkspaceRealDirectory, hostGiven: "HOST" in cleaned, demoDatabase };
}

/**
 * CIIC_METRICS as host and port. A bare port binds to 127.0.0.1: the figures tell who is busy
 * when, so they go beyond this machine only when the operator names an address.
 */
function metricsAddress(value: string): MetricsConfig {
  const at = value.lastIndexOf(":");
  const port = Number(value.slice(at + 1));
  const host = at < 0 ? "127.0.0.1" : value.slice(0, at).replace(/^\[(.*)\]$/, "$1");
  return { host, port };
}

export function loadCliConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = cliSchema.safeParse({ DATABASE_URL: env.DATABASE_URL || undefined });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `DATABASE_URL ${i.message}`));
  return parsed.data;
}

/**
 * Where the master key is (storage/sealing/keyring.ts): CIIC_MASTER_KEY_FILE, a file holding it
 * in base64, or CIIC_MASTER_KEY, the key itself. Neither: on SQLite a key file beside the
 * database, made on its first start; on PostgreSQL a refusal. Read when a database is opened.
 */
export function masterKeySettings(env: Record<string, string | undefined> = process.env): { CIIC_MASTER_KEY?: string; CIIC_MASTER_KEY_FILE?: string } {
  return {
    ...(env.CIIC_MASTER_KEY ? { CIIC_MASTER_KEY: env.CIIC_MASTER_KEY } : {}),
    ...(env.CIIC_MASTER_KEY_FILE ? { CIIC_MASTER_KEY_FILE: env.CIIC_MASTER_KEY_FILE } : {}),
  };
}

/**
 * CIIC_SQLITE_SYNCHRONOUS (see the schema above), read when an SQLite database is opened, by the
 * bot and the CLI alike; a value it does not know stops the start with the reason.
 */
export function sqliteSynchronous(env: Record<string, string | undefined> = process.env): SqliteSynchronous {
  const parsed = synchronousSchema.safeParse(env.CIIC_SQLITE_SYNCHRONOUS || undefined);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `CIIC_SQLITE_SYNCHRONOUS ${i.message}`));
  return parsed.data;
}
