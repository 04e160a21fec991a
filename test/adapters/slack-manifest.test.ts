import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { SLACK_HANDLERS } from "../../src/adapters/slack/slack-app.js";

const manifest = parse(readFileSync("manifest.yml", "utf8"));
const schema = JSON.parse(readFileSync("test/fixtures/public/schemas/slack-app-manifest.json", "utf8"));

describe("manifest.yml", () => {
  it("validates against the Slack app manifest schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("declares exactly the slash commands the bot handles", () => {
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(declared).toEqual([...SLACK_HANDLERS.commands]);
  });

  it("sends commands and interactions to the endpoint the bot serves", () => {
    for (const c of manifest.features.slash_commands) expect(new URL(c.url).pathname).toBe("/slack/events");
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe("/slack/events");
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("subscribes to exactly the events the bot handles, at the endpoint it serves", () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...SLACK_HANDLERS.events]);
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe("/slack/events");
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it("asks for no scope the bot does not use: commands, chat:write for consent questions and deliveries, files:read for imports and to find a delivered file, files:write for deliveries as files, im:write to share a file in a member's direct messages, the history scopes to find a message whose answer was lost", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(["commands", "chat:write", "files:read", "files:write", "im:write", "im:history", "channels:history", "groups:history"]);
  });
});
