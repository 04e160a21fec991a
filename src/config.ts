import { z } from "zod";

/**
 * The bot's whole configuration, read from the environment once at start-up. Nothing else in
 * the code reads process.env. Every bad or missing setting is named at once.
 */
const schema = z.object({
  SLACK_SIGNING_SECRET: z.string().min(1, "is empty"),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, "must be a bot token (xoxb-…)"),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, "must be an app-level token (xapp-…)").optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default("https://slack.com/api/").transform((u) => (u.endsWith("/") ? u : `${u}/`)),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgres:// (PostgreSQL)")
    .default("file:./data/ciic.db"),
  CIIC_DIRECTORY: z.string().min(1).optional(),
  /** How often (ms) the outbox is checked for messages to send; commands also wake it at once. */
  CIIC_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  /** How often (ms) deadlines, reminders and escalations are checked. */
  CIIC_DEADLINE_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof schema>;

/** The command-line tool needs the database only. */
const cliSchema = schema.pick({ DATABASE_URL: true });

export class ConfigError extends Error {
  readonly code = "config.invalid";
  constructor(readonly problems: string[]) {
    super(`The bot cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const SLACK_SETUP_HINT =
  "Set SLACK_SIGNING_SECRET (Basic Information → App Credentials) and SLACK_BOT_TOKEN (OAuth & Permissions → Bot User OAuth Token, xoxb-…) of the app installed from manifest.yml; see README, \"Install in Slack\".";

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as a shell's `VAR=` usually means "none".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const missing = !(name in cleaned);
    return missing ? `${name} is not set` : `${name} ${issue.message}`;
  });
  if (!cleaned.SLACK_SIGNING_SECRET && !cleaned.SLACK_BOT_TOKEN) problems.push(SLACK_SETUP_HINT);
  throw new ConfigError(problems);
}

export function loadCliConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = cliSchema.safeParse({ DATABASE_URL: env.DATABASE_URL || undefined });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `DATABASE_URL ${i.message}`));
  return parsed.data;
}
