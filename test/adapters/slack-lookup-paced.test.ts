import { pino } from "pino";
import { expect, it } from "vitest";
import { createSlackChatPort } from "../../src/adapters/slack/slack-chat-port.js";
import type { OutboundMessage } from "../../src/core/outbox/outbound.js";
import { startFakeSlack } from "../support/fake-slack.js";
import { note, outboxWorld } from "../support/outbox-world.js";

/**
 * Exactly once, with Slack's pace for looking: conversations.history gives an app outside the
 * Marketplace one call a minute and 15 messages a call (scaled down here to one call every 2 s).
 * A release whose post is in doubt, in a channel with more than a page of messages since, is
 * looked for page by page over several attempts, each going on where the last one's 429 stopped
 * it: it is then posted once, and the channel's next release after it. Before, every attempt
 * began again at the first page, never reached the second, and both waited for good.
 */
const TOKEN = "xoxb-lookup-paced-0000000000";
const CHANNEL = "CRECIPIENT";
const post = (text: string, releaseOf?: number): OutboundMessage => ({ kind: "post", to: { platform: "slack", kind: "channel", id: CHANNEL }, view: note(text), ...(releaseOf ? { releaseOf } : {}) });

it("looks a post in doubt up across attempts at one history call per window, then posts it once", async () => {
  const fake = await startFakeSlack({ botToken: TOKEN, historyEveryMs: 2000 });
  const port = createSlackChatPort({ token: TOKEN, apiUrl: fake.apiUrl, logger: pino({ level: "silent" }) as never });
  const world = await outboxWorld(() => ({ slack: port }));
  try {
    // The recipient's channel is busy: 20 messages since shortly before (earlier releases).
    await world.enqueue(Array.from({ length: 20 }, (_, i) => post(`earlier message ${i}`)));
    await world.drain({ callTimeoutMs: 500, attemptTimeoutMs: 1000 });
    // Slack fails the release's post on its side: it was not posted, but the bot cannot know.
    fake.failNext("chat.postMessage", { status: 500 });
    await world.enqueue([post("R-7 released to you", 7), post("R-8 released to you", 8)]);
    const dispatcher = world.dispatcher({ callTimeoutMs: 500, attemptTimeoutMs: 1500 });
    const until = Date.now() + 25_000;
    while (Date.now() < until && (await world.rows()).some((r) => r.state === "PENDING")) {
      await dispatcher.dispatchOnce();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await dispatcher.settle(3000);

    expect((await world.rows()).slice(-2).map((r) => r.state)).toEqual(["SENT", "SENT"]);
    const texts = fake.messagesIn(CHANNEL).map((m) => String(m.text));
    expect(texts.filter((t) => t === "R-7 released to you")).toHaveLength(1);
    expect(texts.slice(-2)).toEqual(["R-7 released to you", "R-8 released to you"]);
    // The second page was asked for with the first page's cursor, by a later attempt.
    expect(fake.callsTo("conversations.history").some((c) => (c.body as { cursor?: string }).cursor)).toBe(true);
    expect(fake.violations).toEqual([]);
  } finally {
    await world.close();
    await fake.close();
  }
}, 40_000);
