import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownText } from "../support/bot-harness.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { SLACK_SIGNING_SECRET, seen, startMattermostTestBot, type MattermostTestBot } from "../support/mattermost-harness.js";
import { sendSlashCommand } from "../support/slack-requests.js";

/**
 * One bot serving Slack and Mattermost at once, on one HTTP server and one database: each member
 * is recognised by their account on the platform they use, a member with accounts on both is asked
 * on both, and a decision on one platform retires the question on the other too.
 */
const ANNA_SLACK = "UAIVDAN01"; // AIVD analyst, in Slack only
const GRETA_MM = "gretadeboerncscan000000000"; // NCSC analyst, in Mattermost only
const BRAM_SLACK = "UAIVDLI01"; // AIVD liaison, in both
const BRAM_MM = "bramjansenaivdli0000000000";
const LOTTE_MM = "lottesmitncscli00000000000"; // NCSC liaison, in Mattermost only

describe("one bot on Slack and Mattermost", () => {
  let t: MattermostTestBot;
  beforeAll(async () => {
    t = await startMattermostTestBot({ withSlack: true, directory: "test/fixtures/directory-two-platforms.yml" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const slackSay = async (user: string, text: string) => {
    const reply = await sendSlashCommand(`${t.baseUrl}/slack/events`, SLACK_SIGNING_SECRET, { user_id: user, text, response_url: t.slack!.responseUrl() });
    expect(reply.status).toBe(200);
    return shownText(reply.json);
  };
  const slackPostsTo = (channel: string) => t.slack!.callsTo("chat.postMessage").filter((c) => c.body.channel === channel && c.response?.status === 200);
  const mmDms = (user: string) => t.fake.postsIn(t.fake.directChannelOf(user) ?? "none");
  const mmAsk = (user: string) => mmDms(user).find((p) => (p.props.attachments ?? []).length > 0);

  it("recognises each member by the account of the platform they use", async () => {
    expect(await slackSay(ANNA_SLACK, "submit 198.51.100.10 tlp:amber")).toContain("Stored 1");
    expect(await t.say(GRETA_MM, "submit ncsc-only.example tlp:green")).toContain("Stored: 1");
    // Greta has no Slack account: there she is nobody.
    expect(await slackSay("UNCSCAN01", "lookup ncsc-only.example")).toContain("access.unknown_user");
    // Bram is the same member on both platforms (a liaison, who may not consult the cell's data).
    expect(await slackSay(BRAM_SLACK, "lookup ncsc-only.example")).toContain("access.role_missing");
    expect(await t.say(BRAM_MM, "lookup ncsc-only.example")).toContain("access.role_missing");
    const received = (await t.bot.store.audit.latest(20)).filter((e) => e.action === "command.received").map((e) => e.actor);
    expect(received.slice(0, 2)).toEqual(["bram", "bram"]);
  });

  it("asks a liaison on every platform they use, and retires both copies when they decide on one", async () => {
    expect(await slackSay(ANNA_SLACK, 'analysis title:"Phishing wave" 198.51.100.10 ncsc-only.example text: Both point at one actor.')).toContain("A-1");
    expect(await slackSay(ANNA_SLACK, 'disclose A-1 to ncsc-ops purpose warn the sector conditions:"not to be passed on"')).toContain("R-1");
    await t.settle();
    const [bramInSlack] = slackPostsTo(BRAM_SLACK);
    expect(shownText(bramInSlack.body as never)).toContain("198.51.100.10");
    const bramInMattermost = mmAsk(BRAM_MM)!;
    expect(seen(bramInMattermost.message)).toContain("198.51.100.10");
    expect(mmAsk(LOTTE_MM)).toBeDefined();

    expect((await t.fake.click(bramInMattermost.id, "Approve", BRAM_MM)).status).toBe(200);
    await t.settle();
    // The Slack copy of Bram's question lost its buttons too.
    const slackUpdates = t.slack!.callsTo("chat.update").filter((c: RecordedCall) => c.body.channel === (bramInSlack.response!.body as { channel: string }).channel);
    expect(slackUpdates.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(slackUpdates.at(-1)!.body.blocks)).not.toContain('"type":"actions"');
    expect(mmAsk(BRAM_MM)).toBeUndefined();

    await t.fake.click(mmAsk(LOTTE_MM)!.id, "Approve", LOTTE_MM);
    await t.settle();
    // The release goes to the recipient's channel on the requester's platform.
    const [delivery] = slackPostsTo("C0NCSCOPS");
    expect(shownText(delivery.body as never)).toContain("ncsc-only.example");
    expect(t.fake.postsIn("chncscopscentre00000000000")).toEqual([]);
    const provision = JSON.parse((await t.bot.store.disclosures.provisionOf(1))!);
    expect(provision.consents.map((c: { party: string; by: string }) => [c.party, c.by])).toEqual([
      ["AIVD", "bram"],
      ["NCSC", `mattermost:${LOTTE_MM}`],
    ]);
    expect(t.fake.violations).toEqual([]);
    expect(t.slack!.violations).toEqual([]);
  });
});
