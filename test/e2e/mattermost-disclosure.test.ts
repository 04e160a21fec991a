import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { LIMITS, type FakePost } from "../support/fake-mattermost.js";
import { manualClock } from "../support/bot-harness.js";
import { MM_ACTION_SECRET, RECIPIENT_CHANNELS, outsideCode, seen, startMattermostTestBot, type MattermostTestBot } from "../support/mattermost-harness.js";
import { sendPostAction } from "../support/mattermost-requests.js";

/**
 * Consent-gated disclosure as Mattermost drives it (Art 7.2): slash commands in, direct messages
 * with interactive buttons out, clicks back with the bot's signed context, the Deny reason in an
 * interactive dialog, stale buttons retired by patching the posts, deliveries in the recipient's
 * channel.
 */
const ANNA = "annadevriesaivdan000000000"; // AIVD analyst
const GRETA = "gretadeboerncscan000000000"; // NCSC analyst
const BRAM = "bramjansenaivdli0000000000"; // AIVD liaison
const LOTTE = "lottesmitncscli00000000000"; // NCSC liaison
const SEM = "semvosncscal00000000000000"; // NCSC analyst and liaison
const DAAN = "daansmitmivdli000000000000"; // MIVD liaison
const [NCSC_OPS, WATER] = RECIPIENT_CHANNELS;

let t: MattermostTestBot;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock(new Date("2026-11-30T09:00:00Z")); // a Monday
  t = await startMattermostTestBot({ clock });
});
afterEach(async () => {
  await t?.stop();
});

const dms = (user: string): FakePost[] => {
  const channel = t.fake.directChannelOf(user);
  return channel ? t.fake.postsIn(channel) : [];
};
const text = (posts: FakePost[]) => posts.map((p) => seen(p.message)).join("\n");
const buttons = (post: FakePost): string[] => (post.props.attachments ?? []).flatMap((a: { actions?: { name: string }[] }) => a.actions ?? []).map((a: { name: string }) => a.name);
const askOf = (user: string) => dms(user).find((p) => buttons(p).includes("Approve"))!;
const channelText = (channel: string) => text(t.fake.postsIn(channel));

/** AIVD and NCSC each supply an indicator; Anna writes an analysis on both and asks to disclose it. */
async function twoPartyRequest(to = "ncsc-ops") {
  expect(await t.say(ANNA, "submit 198.51.100.10 tlp:amber")).toContain("Stored: 1");
  expect(await t.say(GRETA, "submit ncsc-only.example tlp:green")).toContain("Stored: 1");
  expect(await t.say(ANNA, 'analysis title:"Phishing wave" 198.51.100.10 ncsc-only.example text: Both point at one actor.')).toContain("A-1");
  expect(await t.say(ANNA, `disclose A-1 to ${to} purpose warn the sector conditions:"not to be passed on"`)).toContain("R-1");
  await t.settle();
}

describe("a disclosure round over Mattermost", () => {
  it("asks each originating party's liaison in a direct message with buttons, about its own data only", async () => {
    await twoPartyRequest();
    const toBram = askOf(BRAM);
    const toLotte = askOf(LOTTE);
    expect(buttons(toBram)).toEqual(["Approve", "Deny"]);
    expect(seen(toBram.message)).toContain("198.51.100.10");
    expect(seen(toBram.message)).not.toContain("ncsc-only.example");
    expect(seen(toLotte.message)).toContain("ncsc-only.example");
    expect(seen(toLotte.message)).not.toContain("198.51.100.10");
    expect(seen(toLotte.message)).toContain("Anna de Vries, of the cell, asks");
    expect(seen(toLotte.message)).toContain("at least TLP:GREEN");
    expect(seen(toBram.message)).toContain("at least TLP:AMBER");
    // The button's context is kept by Mattermost and never shown to users; it is signed.
    const [approve] = toBram.props.attachments[0].actions;
    expect(approve).toMatchObject({ type: "button", style: "primary", integration: { url: `${t.baseUrl}/mattermost/action` } });
    expect(approve.id).toMatch(/^[A-Za-z0-9]+$/);
    expect(approve.integration.context.ciic).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(dms(DAAN)).toEqual([]);
    expect(t.fake.violations).toEqual([]);
  });

  it("releases once when both parties approve: delivery with TLP and conditions, stale buttons retired", async () => {
    await twoPartyRequest();
    const approved = await t.fake.click(askOf(BRAM).id, "Approve", BRAM);
    expect(approved.status).toBe(200);
    expect(seen(approved.ephemeral ?? "")).toMatch(/approved/i);
    await t.settle();
    expect(t.fake.postsIn(NCSC_OPS)).toEqual([]);
    await t.fake.click(askOf(LOTTE).id, "Approve", LOTTE);
    await t.settle();
    const delivery = channelText(NCSC_OPS);
    expect(delivery).toContain("TLP:AMBER");
    expect(delivery).toContain("not to be passed on");
    expect(delivery).toContain("198.51.100.10");
    expect(delivery).toContain("ncsc-only.example");
    expect(delivery).toContain("Both point at one actor");
    const provision = JSON.parse((await t.bot.store.disclosures.provisionOf(1))!);
    expect(provision.consents.map((c: { party: string; by: string }) => [c.party, c.by])).toEqual([
      ["AIVD", `mattermost:${BRAM}`],
      ["NCSC", `mattermost:${LOTTE}`],
    ]);
    // Both questions were replaced by their outcome, without buttons.
    expect(askOf(BRAM)).toBeUndefined();
    expect(askOf(LOTTE)).toBeUndefined();
    const patched = t.fake.callsTo("posts.patch").filter((c) => c.response?.status === 200);
    expect(patched.length).toBeGreaterThanOrEqual(2);
    for (const call of patched) expect(call.body.props?.attachments ?? []).toEqual([]);
    expect(text(dms(BRAM))).toContain("AIVD's consent approved by Bram Jansen");
    const actions = (await t.bot.store.audit.latest(100)).map((e) => e.action);
    for (const a of ["consent.approved", "disclosure.released", "disclosure.delivered"]) expect(actions).toContain(a);
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
    expect(t.fake.violations).toEqual([]);
  });

  it("answers a double-clicked Approve once: one decision, the same answer twice", async () => {
    await twoPartyRequest();
    const post = askOf(BRAM).id;
    // The third click goes out with the other two: once the bot has replaced the question with its
    // outcome the button is gone, and Mattermost refuses a click on it (as the fake does).
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => t.fake.click(post, "Approve", BRAM)));
    expect(first.status).toBe(200);
    expect(second.ephemeral).toBe(first.ephemeral);
    expect(third.ephemeral).toBe(first.ephemeral);
    const entries = await t.bot.store.audit.latest(100);
    expect(entries.filter((e) => e.action === "consent.approved")).toHaveLength(1);
    expect(entries.filter((e) => e.action === "command.repeated")).toHaveLength(2);
  });

  it("asks the reason for a denial in a dialog, blocks the request, and tells the requester which party and why", async () => {
    await twoPartyRequest();
    const click = await t.fake.click(askOf(LOTTE).id, "Deny", LOTTE);
    expect(click.status).toBe(200);
    const [opened] = await t.fake.waitFor("dialogs.open");
    expect(opened.response?.status).toBe(200);
    const dialog = t.fake.dialogs.at(-1)!.dialog;
    expect(dialog).toMatchObject({ callback_id: "ciic_consent_deny", title: "Deny consent", submit_label: "Deny" });
    expect(dialog.elements).toMatchObject([{ name: "reason", type: "textarea", optional: false, display_name: "Why does your party deny" }]);
    const denied = await t.fake.submitDialog(LOTTE, { reason: "source must stay protected" });
    expect(denied.status).toBe(200);
    expect(denied.json ?? {}).toEqual({});
    await t.settle();
    const toAnna = text(dms(ANNA));
    expect(toAnna).toContain("NCSC");
    expect(toAnna).toContain("source must stay protected");
    expect(toAnna).toContain("narrower request");
    // Bram's open question is closed without telling him another party was involved.
    const toBram = text(dms(BRAM));
    expect(toBram).toContain("no decision of yours is needed");
    expect(toBram).not.toContain("protected");
    expect(askOf(BRAM)).toBeUndefined();
    expect(t.fake.postsIn(NCSC_OPS)).toEqual([]);
    expect(t.fake.violations).toEqual([]);
  });

  it("refuses a click whose context is forged, altered, or lifted from someone else's message, and logs it", async () => {
    await twoPartyRequest();
    const post = askOf(BRAM);
    const context = post.props.attachments[0].actions[0].integration.context as { ciic: string };
    const [body, signature] = context.ciic.split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString());
    const altered = `${Buffer.from(JSON.stringify({ ...claims, v: String(Number(claims.v) + 1) })).toString("base64url")}.${signature}`;
    const url = `${t.baseUrl}/mattermost/action`;
    const send = (user: string, ctx: Record<string, unknown>) => sendPostAction(url, { user_id: user, channel_id: post.channel_id, post_id: post.id, trigger_id: t.fake.issueTriggerId(user), context: ctx });
    const head = await t.bot.store.audit.head();
    expect((await send(BRAM, { ciic: "e30.AAAA" })).status).toBe(403);
    expect((await send(BRAM, { action: "consent.approve", value: claims.v })).status).toBe(403);
    expect((await send(BRAM, { ciic: altered })).status).toBe(403);
    // Lotte is an NCSC liaison: a context from Bram's message is not hers to use.
    expect((await send(LOTTE, context)).status).toBe(403);
    expect(await t.bot.store.audit.head()).toEqual(head);
    const warnings = t.logs.filter((l) => l.level === 40 && l.path === "/mattermost/action");
    expect(warnings.map((w) => w.reason)).toEqual([
      "the button's context is not signed by this bot",
      "the button's context is not signed by this bot",
      "the button's context is not signed by this bot",
      "the button was posted to someone else",
    ]);
    expect(t.rawLogs.join("\n")).not.toContain(MM_ACTION_SECRET);
    // The real click still works.
    expect((await t.fake.click(post.id, "Approve", BRAM)).status).toBe(200);
  });

  it("shows what waits on /ciic requests, each question's buttons named after it, and takes a click on them", async () => {
    await twoPartyRequest();
    expect(await t.say(SEM, "submit sem-other.example")).toContain("Stored: 1");
    expect(await t.say(GRETA, "disclose sem-other.example to ncsc-ops purpose second question")).toContain("R-2");
    await t.settle();
    const answer = await t.command(LOTTE, "requests");
    const overview = seen(answer.shown.join("\n"));
    expect(overview).toContain("ncsc-only.example");
    expect(overview).not.toContain("198.51.100.10");
    const attachments = answer.json.attachments ?? answer.json.extra_responses?.at(-1)?.attachments;
    expect(attachments.map((a: { text?: string }) => seen(a.text ?? ""))).toEqual(["Consent asked: R-1", "Consent asked: R-2"]);
    expect(t.fake.violations).toEqual([]);
    // Mattermost sends a click on an ephemeral answer with the button's context, as for a post.
    const approve = attachments[1].actions.find((a: { name: string }) => a.name === "Approve");
    const click = await sendPostAction(approve.integration.url, { user_id: LOTTE, channel_id: "townsquare0000000000000001", post_id: "ephemeralpost0000000000001", trigger_id: t.fake.issueTriggerId(LOTTE), context: approve.integration.context });
    expect(click.status).toBe(200);
    expect(seen(click.json.ephemeral_text)).toMatch(/approved/i);
    expect(seen(click.json.ephemeral_text)).toContain("R-2");
    expect((await t.bot.store.audit.latest(50)).filter((e) => e.action === "consent.approved")).toHaveLength(1);
  });

  it("asks nobody about their own request: the requester's party is asked through its other liaison", async () => {
    expect(await t.say(SEM, "submit sem-own.example")).toContain("Stored: 1");
    expect(await t.say(SEM, "disclose sem-own.example to ncsc-ops purpose own request test")).toContain("R-1");
    await t.settle();
    expect(dms(SEM)).toEqual([]); // nobody is asked about their own request
    expect(askOf(LOTTE)).toBeDefined();
  });

  it("delivers a release as a STIX file upload when the recipient's tools read STIX", async () => {
    expect(await t.say(ANNA, "submit 198.51.100.90 hxxp://drop[.]example/x tlp:amber")).toContain("Stored: 2");
    expect(await t.say(ANNA, 'disclose 198.51.100.90 hxxp://drop[.]example/x to water-oost purpose block at the border conditions:"not to be passed on"')).toContain("R-1");
    await t.settle();
    await t.fake.click(askOf(BRAM).id, "Approve", BRAM);
    await t.settle();
    const [file] = t.fake.uploadedFiles;
    expect(file).toMatchObject({ channel: WATER, name: "ciic-r-1.json" });
    const bundle = JSON.parse(file.content);
    expect(bundle.objects.filter((o: { type: string }) => o.type === "indicator")).toHaveLength(2);
    const withFile = t.fake.postsIn(WATER).find((p) => p.file_ids.length === 1)!;
    expect(withFile.file_ids).toEqual([file.id]);
    expect(seen(withFile.message)).toContain("TLP:AMBER");
    const actions = (await t.bot.store.audit.latest(50)).map((e) => e.action);
    expect(actions.filter((a) => a === "disclosure.delivered")).toHaveLength(2); // the message and the file
    expect(t.fake.violations).toEqual([]);
  });

  it("delivers an analysis too long for one post in marked parts within the post limit, whole and inert", async () => {
    expect(await t.say(ANNA, "submit 198.51.100.11")).toContain("Stored: 1");
    // Markdown punctuation is escaped, so 11,000 typed characters of it take far more than one post.
    const sentence = "Step-by-step: [see] the *actor*, @here ~ops #x. -.-.-.-.-.-.-.-.-. ";
    const body = sentence.repeat(Math.ceil(11_000 / sentence.length));
    expect(await t.say(ANNA, `analysis title:"Long" 198.51.100.11 text: ${body}`)).toContain("A-1");
    expect(await t.say(ANNA, "disclose A-1 to ncsc-ops purpose long analysis")).toContain("R-1");
    await t.settle();
    await t.fake.click(askOf(BRAM).id, "Approve", BRAM);
    await t.settle();
    const posts = t.fake.postsIn(NCSC_OPS);
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) {
      expect([...p.message].length).toBeLessThanOrEqual(LIMITS.postMessage);
      expect(outsideCode(p.message)).not.toMatch(/@here/);
    }
    const delivered = text(posts).replace(/\s+/g, " ");
    expect(delivered).toContain(body.trim().replace(/\s+/g, " ").slice(0, 2000));
    expect((delivered.match(/Step-by-step/g) ?? []).length).toBe(body.match(/Step-by-step/g)!.length);
    expect(t.fake.violations).toEqual([]);
  });

  it("keeps messages Mattermost refused with 429 or 500 and sends them later; a rate limit costs no attempt", async () => {
    t.fake.failNext("posts.create", { status: 429, headers: { "Retry-After": "2", "X-RateLimit-Reset": "2", "X-RateLimit-Remaining": "0" } });
    t.fake.failNext("posts.create", { status: 500 });
    await twoPartyRequest();
    clock.advance(5_000);
    await t.settle();
    clock.advance(5_000);
    await t.settle();
    expect(askOf(BRAM)).toBeDefined();
    expect(askOf(LOTTE)).toBeDefined();
    expect(t.fake.callsTo("posts.create").filter((c) => c.response?.status === 429)).toHaveLength(1);
    const failed = (await t.bot.store.audit.latest(100)).filter((e) => e.action === "message.failed");
    expect(failed).toEqual([]);
  });

  it("gives up at once on a channel the bot can no longer post in, and records the failed delivery", async () => {
    t.fake.removeChannel(NCSC_OPS);
    await twoPartyRequest();
    await t.fake.click(askOf(BRAM).id, "Approve", BRAM);
    await t.fake.click(askOf(LOTTE).id, "Approve", LOTTE);
    await t.settle();
    const failures = (await t.bot.store.audit.latest(100)).filter((e) => e.action === "disclosure.delivery_failed");
    expect(failures).toHaveLength(1);
    expect(JSON.parse(failures[0].readable)).toMatchObject({ finalAttempt: true, attempt: 1 });
    expect(JSON.parse(failures[0].readable).error).toContain("HTTP 403");
  });
});
