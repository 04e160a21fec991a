import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import { systemClock } from "../../src/core/ports.js";
import { buttons, deliveredItems, openedForm, shown, startLocalBot, type LocalBot } from "../support/local-workspace.js";
import { startTestBot } from "../support/bot-harness.js";
import { freshSqliteUrl } from "../support/databases.js";

/**
 * The local workspace as the browser page drives it: the real bot with no chat platform
 * configured, spoken to over its HTTP API. The people are those of the demo directory that
 * `npm start` loads when nothing else is configured.
 */
const ANALYST = "aivd-analyst";
const NCSC_ANALYST = "ncsc-analyst";
const AIVD_LIAISON = "aivd-liaison";
const NCSC_LIAISON = "ncsc-liaison";
const MIVD_LIAISON = "mivd-liaison";

const bots: LocalBot[] = [];
async function start(options: Parameters<typeof startLocalBot>[0] = {}) {
  const bot = await startLocalBot(options);
  bots.push(bot);
  return bot;
}
afterEach(async () => {
  while (bots.length > 0) await bots.pop()!.stop();
});

const say = async (t: LocalBot, user: string, text: string) => shown((await t.command(user, text)).html);
const auditActions = async (t: LocalBot) => {
  const actions: string[] = [];
  for await (const entry of t.bot.store.audit.entries()) actions.push(entry.action);
  return actions;
};

/** AIVD and NCSC each supply an indicator; the AIVD analyst writes an analysis on both and asks to disclose it. */
async function twoPartyRequest(t: LocalBot) {
  expect(await say(t, ANALYST, "/ciic submit 198.51.100.10 tlp:amber")).toMatch(/Stored\s*1/);
  expect(await say(t, NCSC_ANALYST, "submit ncsc-only.example tlp:green")).toMatch(/Stored\s*1/);
  expect(await say(t, ANALYST, '/ciic analysis title:"Phishing wave" 198.51.100.10 ncsc-only.example text: Both point at one actor.')).toContain("A-1");
  expect(await say(t, ANALYST, '/ciic disclose A-1 to ncsc-ops purpose warn the sector conditions:"not to be passed on"')).toContain("R-1");
  await t.settle();
}

/** The consent question in a liaison's direct messages, with its buttons. */
async function question(t: LocalBot, liaison: string) {
  const inbox = await t.messages({ user: liaison });
  const ask = deliveredItems(inbox).find((m) => shown(m).includes("Consent asked: R-1"));
  expect(ask, `no consent question for ${liaison}: ${shown(inbox.html)}`).toBeDefined();
  return { text: shown(ask!), buttons: buttons(ask!) };
}

describe("the local workspace: commands, forms and buttons through the same core", () => {
  it("answers typed commands, with or without /ciic, and refuses other slash commands", async () => {
    const t = await start();
    expect(await say(t, ANALYST, "/ciic help")).toContain("/ciic submit");
    expect(await say(t, ANALYST, "help")).toContain("/ciic submit");
    const other = await say(t, ANALYST, "/giphy cats");
    expect(other).toContain("Only /ciic commands are known here");
    expect(await say(t, ANALYST, "/ciic lookup 198.51.100.77")).toContain("No party has supplied 198.51.100.77");
    // A value typed with markup is shown as text, never as markup.
    const html = (await t.command(ANALYST, "<img/src=x/onerror=alert(1)>")).html;
    expect(html).not.toContain("<img");
    expect(shown(html)).toContain("<img/src=x/onerror=alert(1)> is not a command of this bot");
  });

  it("opens a form on a bare command, keeps it open with the reason on bad input, and records a good one", async () => {
    const t = await start();
    const opened = await t.command(ANALYST, "/ciic submit");
    const form = openedForm(opened);
    expect(form.fields).toEqual(["indicators", "tlp", "reliability", "sourceRef", "legalBasis", "note"]);
    expect(shown(opened.html)).toContain("Submit indicators");

    const missing = await t.form(ANALYST, form, { indicators: "", tlp: "AMBER" });
    expect(missing.kind).toBe("form-error");
    expect(shown(missing.html)).toContain("“Indicators” must be filled in");
    const badOption = await t.form(ANALYST, form, { indicators: "192.0.2.44", tlp: "PURPLE" });
    expect(shown(badOption.html)).toContain("choose one of the listed options");
    const tooLong = await t.form(ANALYST, form, { indicators: "192.0.2.44", tlp: "AMBER", reliability: "B2B" });
    expect(shown(tooLong.html)).toContain("at most 2 characters");
    const foreignField = await t.form(ANALYST, form, { indicators: "192.0.2.44", tlp: "AMBER", sneaky: "x" });
    expect(shown(foreignField.html)).toContain("could not be read");
    const refusedByCore = await t.form(ANALYST, form, { indicators: "192.0.2.44", tlp: "AMBER", reliability: "Z9" });
    expect(refusedByCore.kind).toBe("form-error");
    expect(shown(refusedByCore.html)).toContain("Z9");
    expect(await say(t, ANALYST, "lookup 192.0.2.44")).not.toContain("I-1");

    const stored = await t.form(ANALYST, form, { indicators: "192.0.2.44, evil.example", tlp: "GREEN", note: "seen in a phishing wave" });
    expect(stored.kind).toBe("message");
    expect(shown(stored.html)).toMatch(/Stored\s*2/);
    expect(await say(t, ANALYST, "lookup 192.0.2.44")).toContain("TLP:GREEN");
  });

  it("runs a disclosure round: each liaison sees their own party's data, Approve releases to the recipient's channel, no stale buttons", async () => {
    const t = await start();
    await twoPartyRequest(t);
    const aivd = await question(t, AIVD_LIAISON);
    const ncsc = await question(t, NCSC_LIAISON);
    expect(aivd.text).toContain("198.51.100.10");
    expect(aivd.text).not.toContain("ncsc-only.example");
    expect(ncsc.text).toContain("ncsc-only.example");
    expect(ncsc.text).not.toContain("198.51.100.10");
    expect(ncsc.text).not.toContain("Both point at one actor");
    expect(aivd.buttons.map((b) => b.label)).toEqual(["Approve", "Deny"]);
    expect((await t.messages({ user: MIVD_LIAISON })).count).toBe(0);

    const approve = aivd.buttons.find((b) => b.label === "Approve")!;
    expect(shown((await t.action(AIVD_LIAISON, approve.action, approve.value)).html)).toContain("You approved AIVD's consent to R-1");
    await t.settle();
    expect(await t.messages({ channel: "ncsc-ops" })).toMatchObject({ count: 0 });
    const ncscApprove = ncsc.buttons.find((b) => b.label === "Approve")!;
    await t.action(NCSC_LIAISON, ncscApprove.action, ncscApprove.value);
    await t.settle();

    const channel = await t.messages({ channel: "ncsc-ops" });
    const release = shown(channel.html);
    expect(release).toContain("TLP:AMBER — disclosure R-1 from the CIIC");
    expect(release).toContain("not to be passed on");
    expect(release).toContain("198.51.100.10");
    expect(release).toContain("ncsc-only.example");
    // The questions now show their outcome, without buttons; the requester hears of the release.
    const after = await t.messages({ user: AIVD_LIAISON });
    expect(buttons(after.html)).toEqual([]);
    expect(shown(after.html)).toContain("AIVD's consent approved by Demo — AIVD liaison");
    expect(after.html).toContain("updated");
    expect(shown((await t.messages({ user: ANALYST })).html)).toContain("Released to Demo — NCSC operations centre");
    const late = await t.action(NCSC_LIAISON, ncscApprove.action, ncscApprove.value);
    expect(shown(late.html)).toContain("Already decided");
    expect((await verifyAuditLog(t.bot.store)).ok).toBe(true);
  });

  it("asks for a reason on Deny, refuses an empty one, and tells the requester who denied and why", async () => {
    const t = await start();
    await twoPartyRequest(t);
    const deny = (await question(t, NCSC_LIAISON)).buttons.find((b) => b.label === "Deny")!;
    const opened = await t.action(NCSC_LIAISON, deny.action, deny.value);
    const form = openedForm(opened);
    expect(form.fields).toEqual(["reason"]);
    expect(shown(opened.html)).toContain("The requester sees this reason");
    expect(shown((await t.form(NCSC_LIAISON, form, { reason: "" })).html)).toContain("must be filled in");
    expect(await auditActions(t)).not.toContain("consent.denied");

    const denied = await t.form(NCSC_LIAISON, form, { reason: "source protection" });
    expect(shown(denied.html)).toContain("You denied NCSC's consent to R-1");
    await t.settle();
    const requester = shown((await t.messages({ user: ANALYST })).html);
    expect(requester).toContain("NCSC (“source protection”) did not consent");
    // The other party's open question is closed without a reason (Art 7.2).
    const aivd = await t.messages({ user: AIVD_LIAISON });
    expect(buttons(aivd.html)).toEqual([]);
    expect(shown(aivd.html)).toContain("no decision of yours is needed any more");
    expect(shown(aivd.html)).not.toContain("source protection");
    expect((await t.messages({ channel: "ncsc-ops" })).count).toBe(0);
  });

  it("offers a release in the recipient's format as a file to download, to that recipient only", async () => {
    const t = await start();
    expect(await say(t, ANALYST, "submit 198.51.100.20")).toMatch(/Stored\s*1/);
    expect(await say(t, ANALYST, "disclose 198.51.100.20 to water-oost purpose warn the utility")).toContain("R-1");
    await t.settle();
    const approve = (await question(t, AIVD_LIAISON)).buttons[0];
    await t.action(AIVD_LIAISON, approve.action, approve.value);
    await t.settle();
    const channel = await t.messages({ channel: "water-oost" });
    const [, href, name] = /href="([^"]+)" download="([^"]+)"/.exec(channel.html)!;
    expect(name).toMatch(/\.json$/);
    const url = href.replace(/&amp;/g, "&");
    const file = await fetch(`${t.baseUrl}${url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("attachment");
    const bundle = (await file.json()) as { type: string };
    expect(bundle.type).toBe("bundle");
    expect(JSON.stringify(bundle)).toContain("198.51.100.20");
    expect((await t.get(url.replace("channel=water-oost", "channel=ncsc-ops"))).status).toBe(404);
    expect((await t.get(url.replace("channel=water-oost", `user=${ANALYST}`))).status).toBe(404);
  });

  it("answers a repeated click (same key) once, and a second click as already decided", async () => {
    const t = await start();
    await twoPartyRequest(t);
    const approve = (await question(t, AIVD_LIAISON)).buttons[0];
    const key = randomUUID();
    const [first, again] = await Promise.all([t.action(AIVD_LIAISON, approve.action, approve.value, key), t.action(AIVD_LIAISON, approve.action, approve.value, key)]);
    expect(again.html).toBe(first.html);
    expect(shown(first.html)).toContain("You approved");
    expect(shown((await t.action(AIVD_LIAISON, approve.action, approve.value)).html)).toContain("Already decided");
    expect((await auditActions(t)).filter((a) => a === "consent.approved")).toHaveLength(1);
  });

  it("keeps every member's messages across a restart on the same SQLite file", async () => {
    const databaseUrl = freshSqliteUrl();
    const first = await start({ databaseUrl });
    await twoPartyRequest(first);
    const approve = (await question(first, AIVD_LIAISON)).buttons[0];
    await first.action(AIVD_LIAISON, approve.action, approve.value);
    await first.settle();
    const before = { aivd: await first.messages({ user: AIVD_LIAISON }), ncsc: await first.messages({ user: NCSC_LIAISON }), analyst: await first.messages({ user: ANALYST }) };
    await bots.pop()!.stop();

    const second = await start({ databaseUrl });
    expect((await second.get("/api/people")).json.demo).toBe(true);
    const after = { aivd: await second.messages({ user: AIVD_LIAISON }), ncsc: await second.messages({ user: NCSC_LIAISON }), analyst: await second.messages({ user: ANALYST }) };
    expect(after.aivd.html).toBe(before.aivd.html);
    expect(after.ncsc.html).toBe(before.ncsc.html);
    expect(after.analyst.html).toBe(before.analyst.html);
    expect(shown(after.aivd.html)).toContain("AIVD's consent approved");
    // The question still open before the restart can be answered after it.
    const ncsc = buttons(after.ncsc.html).find((b) => b.label === "Approve")!;
    await second.action(NCSC_LIAISON, ncsc.action, ncsc.value);
    await second.settle();
    expect(shown((await second.messages({ channel: "ncsc-ops" })).html)).toContain("disclosure R-1");
  });

  it("imports an uploaded file through the same importer as Slack", async () => {
    const t = await start();
    const upload = (user: string, body: string, options = "") =>
      fetch(`${t.baseUrl}/api/import?${new URLSearchParams({ user, name: "feed.csv", options })}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream", origin: t.baseUrl },
        body,
      }).then(async (r) => ({ status: r.status, text: shown(((await r.json()) as { html: string }).html) }));
    const done = await upload(ANALYST, "indicator\n203.0.113.5\nbad.example\nnot a value\n", "tlp:green");
    expect(done.status).toBe(200);
    expect(done.text).toContain("Import finished");
    expect(done.text).toMatch(/Stored\s*2/);
    expect(await say(t, ANALYST, "lookup 203.0.113.5")).toContain("TLP:GREEN");
    expect((await upload("nctv-coordinator", "198.51.100.99\n")).text).toMatch(/NCTV|supplies no data|not/);
    expect((await upload(ANALYST, "x", "tlp:purple")).text).toContain("Nothing was imported");
    const typed = await t.command(ANALYST, "/ciic import format:csv");
    expect(typed.kind).toBe("import");
    expect(typed.options).toBe("format:csv");
    expect(shown(typed.html)).toContain("Import a file");
  });
});

describe("the local workspace's guard", () => {
  it("refuses a forged Host (DNS rebinding) and a foreign Origin, and changes nothing", async () => {
    const t = await start();
    const head = await t.bot.store.audit.head();
    const port = new URL(t.baseUrl).port;
    const forged = await t.raw("GET", "/", { host: `attacker.example:${port}` });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain(`answers only at http://127.0.0.1:${port}/`);
    expect((await t.raw("GET", "/api/people", { host: `127.0.0.1.attacker.example:${port}` })).status).toBe(403);
    const rebound = await t.raw("POST", "/api/command", { host: "attacker.example", "content-type": "application/json" }, JSON.stringify({ user: ANALYST, key: randomUUID(), text: "submit 192.0.2.200" }));
    expect(rebound.status).toBe(403);
    const body = { user: ANALYST, key: randomUUID(), text: "submit 192.0.2.200" };
    for (const origin of ["http://attacker.example", "null", `http://127.0.0.1:1`]) {
      const refused = await t.post("/api/command", body, { origin });
      expect(refused.status).toBe(403);
      expect(refused.json.error).toContain("came from another web site");
    }
    expect((await t.post("/api/command", body, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    // A form of another site can only send simple content types; they are refused too.
    const simple = await fetch(`${t.baseUrl}/api/command`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify(body) });
    expect(simple.status).toBe(415);
    expect(await t.bot.store.audit.head()).toEqual(head);
    // The page's own requests pass, by either name.
    expect((await t.raw("GET", "/", { host: `localhost:${port}` })).status).toBe(200);
    expect((await t.post("/api/command", body)).status).toBe(200);
    const refusals = t.logs.filter((l) => l.msg === "local workspace request refused");
    expect(refusals.map((l) => l.reason)).toEqual(["host", "host", "host", "origin", "origin", "origin", "origin"]);
  });

  it("serves a page that loads nothing from elsewhere, and forbids framing", async () => {
    const t = await start();
    const response = await fetch(`${t.baseUrl}/`);
    const page = await response.text();
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(page).toContain("CIIC bot");
    expect([...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual(["/static/workspace.css", "/static/workspace.js"]);
    for (const asset of ["/static/workspace.js", "/static/workspace.css"]) {
      const text = await (await fetch(`${t.baseUrl}${asset}`)).text();
      expect(text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    }
  });

  it("refuses an unknown member: the core's refusal for commands, not found for messages", async () => {
    const t = await start();
    const refused = await say(t, "nobody", "submit 192.0.2.201");
    expect(refused).toContain("You are not in the CIIC directory");
    expect(await say(t, ANALYST, "lookup 192.0.2.201")).not.toContain("I-");
    const inbox = await t.get("/api/messages?user=nobody");
    expect(inbox.status).toBe(404);
    expect(inbox.json.error).toContain("No member of the directory in force has the local account “nobody”");
    expect((await t.get("/api/messages?channel=nowhere")).status).toBe(404);
    expect((await t.get("/api/messages")).status).toBe(400);
    const bad = await t.post("/api/command", { user: "<script>", key: randomUUID(), text: "help" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain("Choose who you are first");
    expect((await t.post("/api/command", { user: ANALYST, text: "help" })).json.error).toContain("no valid key");
    expect((await t.post("/api/action", { user: ANALYST, key: randomUUID(), action: "consent.approve", value: "x" })).status).toBe(400);
    expect((await t.post("/api/form", { user: ANALYST, key: randomUUID(), formId: "nope", values: {} })).status).toBe(400);
    expect((await t.post("/api/command", "not an object")).status).toBe(400);
  });

  it("refuses an agreement round's button or form that the bot did not hand out, and records nothing", async () => {
    const t = await start();
    const head = await t.bot.store.audit.head();
    const send = (path: string, body: object) => t.post(path, { user: ANALYST, key: randomUUID(), ...body });
    // An objection needs its reason: the decide button never carries one.
    expect((await send("/api/action", { action: "round.decide", value: "1:object" })).status).toBe(400);
    expect((await send("/api/action", { action: "round.note", value: "not an answer" })).status).toBe(400);
    const forged = await send("/api/form", { formId: "ciic_round_note", metadata: "not an answer", values: { note: "x" } });
    expect(forged.json.kind).toBe("form-error");
    expect(shown(forged.json.html)).toContain("This form could not be read");
    expect(await t.bot.store.audit.head()).toEqual(head);
  });

  it("listens on 127.0.0.1 whatever HOST says, and says why", async () => {
    const t = await start({ host: "0.0.0.0" });
    expect((t.bot.server.address() as { address: string }).address).toBe("127.0.0.1");
    expect(t.logs.find((l) => l.msg?.toString().startsWith("HOST is ignored"))).toMatchObject({ level: 40, host: "0.0.0.0" });
  });

  it("logs each request without values", async () => {
    const t = await start();
    await twoPartyRequest(t);
    await t.messages({ user: AIVD_LIAISON });
    const requests = t.logs.filter((l) => l.msg === "local workspace request");
    // The four commands; the look at the messages that followed is a routine read, at debug (below).
    expect(requests.map((l) => `${l.method} ${l.path}`)).toEqual(Array(4).fill("POST /api/command"));
    expect(requests[0]).toMatchObject({ level: 30, method: "POST", path: "/api/command", status: 200 });
    const all = t.rawLogs.join("\n");
    for (const value of ["198.51.100.10", "ncsc-only.example", "Phishing wave", "warn the sector"]) expect(all).not.toContain(value);
  });

  it("logs the page's waits for news, its own files and probes at debug, what people do at info", async () => {
    const quiet = await start();
    await say(quiet, ANALYST, "/ciic help");
    for (let i = 0; i < 3; i++) await quiet.messages({ user: ANALYST });
    for (const path of ["/static/workspace.js", "/api/people", "/healthz", "/readyz"]) expect((await quiet.get(path)).status).toBe(200);
    const atInfo = quiet.logs.filter((l) => typeof l.msg === "string" && /request|probe/.test(l.msg));
    expect(atInfo.map((l) => `${l.method} ${l.path}`)).toEqual(["POST /api/command"]);

    const verbose = await start({ logLevel: "debug" });
    await verbose.messages({ user: ANALYST });
    await verbose.get("/healthz");
    expect((await verbose.get("/api/messages?user=nobody")).status).toBeGreaterThanOrEqual(400);
    const line = (path: string, status: number) => verbose.logs.find((l) => l.path === path && l.status === status);
    expect(line("/api/messages", 200)).toMatchObject({ level: 20, msg: "local workspace request", method: "GET" });
    expect(line("/healthz", 200)).toMatchObject({ level: 20, msg: "probe answered", method: "GET" });
    // A wait for news that was refused is no routine: it stays at info.
    expect(verbose.logs.find((l) => l.path === "/api/messages" && Number(l.status) >= 400)).toMatchObject({ level: 30 });
    // Those lines name the route, not whose messages were read.
    const requestLines = JSON.stringify(verbose.logs.filter((l) => l.msg === "local workspace request"));
    for (const value of [ANALYST, "nobody", "user="]) expect(requestLines).not.toContain(value);
  });
});

describe("the demo directory", () => {
  const ownDirectory = () => {
    const path = join(mkdtempSync(join(tmpdir(), "ciic-dir-")), "directory.yml");
    writeFileSync(
      path,
      ["language: en", "members:", "  - local: anna", "    name: Anna de Vries", "    party: AIVD", "    roles: [analyst]", "    screening: 2025-03-01", '    designation: "Aangewezen door DG AIVD"', ""].join("\n"),
    );
    return path;
  };

  it("is loaded, and marked, when no directory is configured or in force", async () => {
    const t = await start();
    const people = (await t.get("/api/people")).json;
    expect(people).toMatchObject({ demo: true, members: 13, channels: 3 });
    expect(shown(people.html ?? "")).toContain("Demo — AIVD analyst");
    expect(t.logs.find((l) => l.msg?.toString().includes("DEMO directory"))).toMatchObject({ level: 40 });
    expect(await auditActions(t)).toContain("directory.loaded");
  });

  it("is not loaded when CIIC_DIRECTORY names a directory (which the operator allowed)", async () => {
    const t = await start({ directory: ownDirectory(), realDirectory: true });
    const people = (await t.get("/api/people")).json;
    expect(people).toMatchObject({ demo: false, members: 1 });
    expect(shown(people.html ?? "")).toContain("Anna de Vries");
    expect(await say(t, "anna", "submit 192.0.2.9")).toMatch(/Stored\s*1/);
  });

  it("is not loaded over a directory already in force in the database (which the operator allowed)", async () => {
    const databaseUrl = freshSqliteUrl();
    await (await start({ databaseUrl, directory: ownDirectory(), realDirectory: true })).stop();
    bots.pop();
    const t = await start({ databaseUrl, realDirectory: true });
    expect((await t.get("/api/people")).json).toMatchObject({ demo: false, members: 1 });
    expect((await auditActions(t)).filter((a) => a === "directory.loaded")).toHaveLength(1);
  });

  it("is the only directory served without the operator's setting: one loaded while the bot runs closes the workspace", async () => {
    const t = await start();
    expect(await say(t, ANALYST, "submit 192.0.2.31")).toMatch(/Stored\s*1/);
    // The administrator loads the cell's directory into the same database with the CLI.
    const loaded = await loadDirectory({ store: t.bot.store, clock: systemClock }, { text: readFileSync(ownDirectory(), "utf8"), source: "cell.yml", actor: "cli" });
    expect(loaded.ok).toBe(true);
    const head = await t.bot.store.audit.head();
    const refused = await t.post("/api/command", { user: "anna", key: randomUUID(), text: "submit 192.0.2.32" });
    expect(refused.status).toBe(503);
    expect(refused.json.error).toContain("serves only the built-in demo directory");
    expect(refused.json.error).toContain("CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY=1");
    expect((await t.get("/api/people")).status).toBe(503);
    expect((await t.get("/")).status).toBe(503);
    expect(await t.bot.store.audit.head()).toEqual(head);
    expect(await t.bot.store.items.byValue("ipv4", "192.0.2.32")).toEqual([]);
    expect(t.logs.some((l) => l.level === 40 && String(l.msg).includes("CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY is not set"))).toBe(true);
  });

  it("shows no warning bar with the demo directory, and one on every page when the operator allowed a real directory", async () => {
    const bar = (page: string) => /<p id="real-directory-banner"[^>]*>/.exec(page)?.[0];
    const demo = await start();
    expect(bar((await demo.get("/")).text)).toContain(" hidden>");
    const real = await start({ directory: ownDirectory(), realDirectory: true });
    expect(bar((await real.get("/")).text)).toBe('<p id="real-directory-banner" class="warning" role="alert">');
    expect(real.logs.find((l) => String(l.msg).includes("CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY is set"))).toMatchObject({ level: 40 });
  });

  it("is not loaded, and no workspace is served, when Slack is configured", async () => {
    const slack = await startTestBot();
    try {
      const page = await fetch(`${slack.baseUrl}/`);
      expect(page.status).toBe(404);
      expect(slack.logs.some((l) => String(l.msg).includes("DEMO"))).toBe(false);
    } finally {
      await slack.stop();
    }
  });
});

describe("the local workspace in each person's language", () => {
  /** A Dutch cell (no language set): Anna reads Dutch, Ben has asked for English. */
  const dutchCell = () => {
    const path = join(mkdtempSync(join(tmpdir(), "ciic-dir-")), "directory.yml");
    const member = (id: string, name: string, language?: string) => [
      `  - local: ${id}`,
      `    name: ${name}`,
      "    party: AIVD",
      "    roles: [analyst]",
      "    screening: 2025-03-01",
      '    designation: "Aangewezen door DG AIVD"',
      ...(language ? [`    language: ${language}`] : []),
    ];
    writeFileSync(path, ["members:", ...member("anna", "Anna de Vries"), ...member("ben", "Ben Carter", "en"), ""].join("\n"));
    return path;
  };
  const upload = (t: LocalBot, user: string, options: string) =>
    fetch(`${t.baseUrl}/api/import?${new URLSearchParams({ user, name: "feed.csv", options })}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", origin: t.baseUrl },
      body: "203.0.113.5\n",
    }).then(async (r) => shown(((await r.json()) as { html: string }).html));

  it("sends the page its texts in both languages, the directory's language, and each person's", async () => {
    const t = await start({ directory: dutchCell(), realDirectory: true });
    const people = (await t.get("/api/people")).json;
    expect(people.language).toBe("nl");
    // The list as the page first shows it, in the cell's language, each person marked with theirs.
    expect(people.html).toContain('label="Leden van de cel"');
    expect(people.html).toMatch(/value="user:anna"[^>]* data-language="nl">Anna de Vries — AIVD, analist</);
    expect(people.html).toMatch(/value="user:ben"[^>]* data-language="en">Ben Carter — AIVD, analist</);
    expect(people.htmlIn?.en).toContain('label="Members of the cell"');
    expect(people.texts?.nl).toMatchObject({ "workspace.page.send": "Versturen", "workspace.page.you_are": "U bent", "workspace.page.messages_of_member": "Directe berichten van {name}" });
    expect(people.texts?.en).toMatchObject({ "workspace.page.send": "Send", "workspace.page.you_are": "You are", "workspace.page.messages_of_member": "Direct messages of {name}" });
    // Every text the page names is sent, in both languages: nothing on it is left to its fallback.
    const page = (await t.get("/")).text;
    const named = [...page.matchAll(/data-(?:text|html|label-text)="([^"]+)"/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(20);
    // So is every text its script puts in (a heading with a name, "Importing…", a refusal of its own).
    const script = (await t.get("/static/workspace.js")).text;
    const used = [...script.matchAll(/"(workspace\.[a-z_.]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(10);
    for (const language of ["nl", "en"]) for (const key of [...named, ...used]) expect(people.texts?.[language]?.[key], `${key} in ${language}`).toBeTruthy();
  });

  it("answers, refuses and renders forms in the asker's language", async () => {
    const t = await start({ directory: dutchCell(), realDirectory: true });
    expect(await say(t, "anna", "help")).toContain("/ciic submit");
    expect(await say(t, "ben", "help")).toContain("/ciic submit");

    const other = { anna: (await t.command("anna", "/giphy cats")).html, ben: (await t.command("ben", "/giphy cats")).html };
    expect(shown(other.anna)).toContain("Hier zijn alleen /ciic-opdrachten bekend");
    expect(other.anna).toContain('aria-label="Geweigerd"');
    expect(shown(other.ben)).toContain("Only /ciic commands are known here");
    expect(other.ben).toContain('aria-label="Refused"');

    const noKey = async (user: string) => (await t.post("/api/command", { user, text: "help" })).json.error;
    expect(await noKey("anna")).toContain("Er is geen geldige sleutel meegestuurd");
    expect(await noKey("ben")).toContain("no valid key");
    // Nobody named: the cell's language.
    expect((await t.post("/api/command", { user: "<script>", key: randomUUID(), text: "help" })).json.error).toContain("Kies eerst wie u bent");
    const button = async (user: string) => (await t.post("/api/action", { user, key: randomUUID(), action: "consent.approve", value: "x" })).json.error;
    expect(await button("anna")).toBe("Deze knop kon niet worden gelezen; laad uw berichten opnieuw.");
    expect(await button("ben")).toBe("This button could not be read; reload your messages.");

    const formOf = async (user: string) => {
      const opened = await t.command(user, "submit");
      return { html: opened.html, form: openedForm(opened) };
    };
    const anna = await formOf("anna");
    expect(shown(anna.html)).toContain("Indicatoren");
    expect(shown(anna.html)).toContain("(optioneel)");
    expect(shown(anna.html)).toContain("Annuleren");
    expect(shown((await t.form("anna", anna.form, { indicators: "", tlp: "AMBER" })).html)).toContain("“Indicatoren” moet worden ingevuld.");
    expect(shown((await t.form("anna", anna.form, { indicators: "192.0.2.44", tlp: "PURPLE" })).html)).toContain("kies een van de genoemde mogelijkheden");
    const ben = await formOf("ben");
    expect(shown(ben.html)).toContain("(optional)");
    expect(shown(ben.html)).toContain("Cancel");
    expect(shown((await t.form("ben", ben.form, { indicators: "", tlp: "AMBER" })).html)).toContain("“Indicators” must be filled in.");

    expect(await upload(t, "anna", "tlp:purple")).toContain("Er is niets geïmporteerd");
    expect(await upload(t, "ben", "tlp:purple")).toContain("Nothing was imported");
    expect((await t.command("anna", "import")).html).toContain("Een bestand importeren");
  });

  it("shows each person's messages with their own words and Amsterdam times as their language writes them", async () => {
    const t = await start({ directory: dutchCell(), realDirectory: true });
    expect(shown((await t.messages({ user: "anna" })).html)).toBe("Nog geen berichten.");
    expect(shown((await t.messages({ user: "ben" })).html)).toBe("No messages yet.");
    expect(await say(t, "anna", "submit 198.51.100.61")).toContain("I-1");
    for (const user of ["anna", "ben"]) await t.command(user, "export format:csv");
    await t.settle();

    const anna = await t.messages({ user: "anna" });
    expect(shown(anna.html)).toMatch(/^\d{1,2} [a-z]{3}\.? \d{4} \d\d:\d\d CES?T\b/);
    expect(anna.html).toContain('aria-label="Bestand"');
    expect(shown(anna.html)).toMatch(/\(\d[\d.]* bytes?\)/);
    const ben = await t.messages({ user: "ben" });
    expect(shown(ben.html)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d CES?T\b/);
    expect(ben.html).toContain('aria-label="File"');

    const nobody = await t.get("/api/messages?user=nobody");
    expect(nobody.status).toBe(404);
    expect(nobody.json.error).toBe("Geen lid van het geldende adresboek heeft het lokale account “nobody”.");
    expect((await t.get("/nothing-here")).json.error).toBe("Hier is niets; de werkplek staat op /.");
  });
});
