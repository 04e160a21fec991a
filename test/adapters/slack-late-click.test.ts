import { translator } from "../../src/core/i18n/translator.js";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DECIDE_WITHIN_MS, notCarriedOut, requestRunner } from "../../src/adapters/answer-in-time.js";
import { createSlackApp } from "../../src/adapters/slack/slack-app.js";
import type { ChatRequest, CommandService } from "../../src/core/command-service.js";
import { StoreUnavailableError } from "../../src/core/ports.js";
import { message, refusal, type Reply } from "../../src/core/views/message.js";
import { close, createHttpServer, listen } from "../../src/http-server.js";
import { createLogger } from "../../src/logger.js";
import { BOT_TOKEN, SIGNING_SECRET, shownText } from "../support/bot-harness.js";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.js";
import { blockActionPayload, sendInteraction } from "../support/slack-requests.js";

/**
 * The edges of "no lost click" that a real database does not show on demand: a decision that
 * comes after its clicker was told that nothing was decided (the core slower than the adapter's
 * bound, as when the command service's own limit is set longer), and how each way a request can
 * end is put to the person. The Slack adapter runs on its real HTTP route against the fake Slack;
 * the core is a stand-in whose timing the test sets.
 */
const APPROVED: Reply = message("AIVD's consent to R-1 approved.", [{ kind: "paragraph", content: ["You approved AIVD's consent to R-1."] }]);

const sink = () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger("info", stream) };
};

/** A command service that answers each request as `answer` says, when it says. */
const standIn = (answer: (request: ChatRequest) => Promise<Reply>) =>
  ({ handle: answer, lastKnownTexts: () => translator("en"), textsFor: async () => translator("en") }) as unknown as CommandService;
const after = <T>(ms: number, value: () => T) => new Promise<T>((resolve, reject) => setTimeout(() => {
  try {
    resolve(value());
  } catch (error) {
    reject(error);
  }
}, ms));

describe("a click decided after its clicker was told it was not", () => {
  let fake: FakeSlack;
  let server: Awaited<ReturnType<typeof listen>>;
  let url: string;
  let logs: Record<string, unknown>[];
  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
    const { lines, logger } = sink();
    logs = lines;
    // The core takes 600 ms; the adapter waits 150 ms.
    const slack = createSlackApp({
      settings: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: fake.apiUrl, apiRetries: 0, decideWithinMs: 150 },
      service: standIn(() => after(600, () => APPROVED)),
      importer: (() => undefined) as never,
      logger,
    });
    server = await listen(createHttpServer([slack.route!], () => undefined), 0, "127.0.0.1");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterEach(async () => {
    await close(server);
    await fake.close();
  });

  it("is answered in time that it is not decided as far as the bot knows, then corrected through the same response URL, and logged", async () => {
    const started = Date.now();
    const answer = await sendInteraction(url, SIGNING_SECRET, blockActionPayload({ user_id: "UAIVDLI01", action_id: "consent.approve", value: "1", response_url: fake.responseUrl("late") }));
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(550);
    const [first, second] = (await fake.waitFor("response_url", 2)).filter((c) => c.id === "late");
    expect(shownText(first.body as never)).toMatch(/Not decided, as far as the bot knows: the cell's database did not answer in time\. Please click the button again in a moment/);
    expect(shownText(second.body as never)).toContain("Correction: your click was carried out after all");
    expect(shownText(second.body as never)).toContain("You approved AIVD's consent to R-1.");
    expect(second.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        "command not carried out in time; its sender was told that nothing was done",
        "command carried out after all, after its sender was told that nothing was done",
      ]),
    );
    expect(fake.violations).toEqual([]);
  });
});

describe("how each end of a request is put to the person", () => {
  const run = (answer: () => Promise<Reply>) => requestRunner({ service: standIn(answer), logger: sink().logger, platform: "slack" });
  const request = { userId: "U1", requestKey: "k", command: { name: "help" as const }, text: "help" };
  const en = translator("en");

  it("answers a refusal of the command service's time limit as nothing decided, and its in-doubt one as not known", async () => {
    const unavailable = await run(async () => refusal("store.unavailable", "Nothing was changed.")).start(request).within(1000);
    expect(unavailable).toMatchObject({ kind: "unavailable", inDoubt: false });
    expect(notCarriedOut(unavailable as never, "click", en)).toMatch(/^Nothing was decided: the cell's database did not answer in time\. Please click the button again in a moment\./);
    const unconfirmed = await run(async () => refusal("store.unconfirmed", "Not confirmed.")).start(request).within(1000);
    expect(unconfirmed).toMatchObject({ kind: "unavailable", inDoubt: true });
    expect(notCarriedOut(unconfirmed as never, "form", en)).toMatch(/^Not recorded, as far as the bot knows/);
    expect(notCarriedOut(unconfirmed as never, "command", en)).toMatch(/^Perhaps not carried out: .* Check what was recorded/);
    expect(notCarriedOut(unavailable as never, "form", translator("nl"))).toMatch(/^Er is niets vastgelegd: de database van de cel antwoordde niet op tijd\./);
  });

  it("answers a full disk as the database's, with when to try again, thrown or refused", async () => {
    const refused = await run(async () => refusal("store.full", "Nothing was changed.")).start(request).within(1000);
    expect(refused).toMatchObject({ kind: "unavailable", diskFull: true });
    expect(notCarriedOut(refused as never, "click", en)).toMatch(/^Nothing was decided: the cell's database has no room left to write \(its disk is full\)\. Please click the button again once the cell's administrator has made room\. .*[0-9a-f-]{36}/);
    const thrown = await run(() => Promise.reject(new StoreUnavailableError("the disk that holds the database is full", false, { diskFull: true }))).start(request).within(1000);
    expect(thrown).toMatchObject({ kind: "unavailable", inDoubt: false, diskFull: true });
    expect(notCarriedOut(thrown as never, "command", translator("nl"))).toMatch(/^Er is niets gewijzigd: de database van de cel heeft geen ruimte meer om te schrijven \(de schijf is vol\)\. Typ de opdracht nog eens zodra/);
  });

  it("answers a thrown time-out as the database's, and any other error as ours, with a reference", async () => {
    const thrown = await run(() => Promise.reject(new StoreUnavailableError("no answer", true))).start(request).within(1000);
    expect(thrown).toMatchObject({ kind: "unavailable", inDoubt: true });
    const bug = await run(() => Promise.reject(new Error("a bug"))).start(request).within(1000);
    expect(bug.kind).toBe("failed");
    const said = notCarriedOut(bug as never, "click", en);
    expect(said).toMatch(/^Nothing was decided: something went wrong on our side\. Please click the button again; if it keeps failing, give the cell's administrator this reference: [0-9a-f-]{36}\.$/);
    // In the clicker's language: the same sentence in Dutch, with the same reference.
    expect(notCarriedOut(bug as never, "click", translator("nl"))).toMatch(/^Er is niets besloten: er ging aan onze kant iets mis\. Klik nog eens op de knop; .* dit kenmerk: [0-9a-f-]{36}\.$/);
  });

  it("passes a real answer through, and keeps its bound under Slack's three seconds", async () => {
    expect(await run(async () => APPROVED).start(request).within(1000)).toEqual({ kind: "answered", reply: APPROVED });
    expect(DECIDE_WITHIN_MS).toBeLessThan(3000);
  });
});
