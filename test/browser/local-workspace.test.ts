import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, run, waitForHealth } from "../support/bot-process.js";
import { freshSqliteUrl } from "../support/databases.js";

/**
 * The README's quick start in a real browser: the bot started as `npm start` starts it — its own
 * process, no chat-platform settings, no directory, so the demo directory — and headless
 * Chromium driving the local workspace as three people of two parties and the recipient.
 *
 * Chromium is Debian's (scripts/chromium-up.sh); without it this test fails, never skips.
 */
const CHROMIUM = process.env.CIIC_CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = "test-artifacts/browser";

let base = "";
let bot: ReturnType<typeof run> | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  bot = run({ PORT: String(port), DATABASE_URL: freshSqliteUrl() });
  await waitForHealth(`${base}/healthz`, bot.child, bot.output);
}, 60_000);

/** Chromium is launched by the test that needs it, so that a missing one fails that test by name. */
async function launch(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed for the browser test and is not at ${CHROMIUM}: run scripts/chromium-up.sh, or set CIIC_CHROMIUM to its path.`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  return browser.newContext({ viewport: { width: 1280, height: 900 } });
}

afterAll(async () => {
  await context?.close();
  await browser?.close();
  bot?.child.kill("SIGTERM");
  if (bot) await bot.exited;
});

/** A tab for one person: opens the workspace and picks them from "You are", as a user does. */
async function as(who: string, errors: string[]): Promise<Page> {
  const page = await context!.newPage();
  page.on("pageerror", (error) => errors.push(`${who}: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && errors.push(`${who}: ${message.text()}`));
  await page.goto(`${base}/`);
  await page.getByLabel("You are", { exact: true }).selectOption(who);
  await page.locator("#messages .empty, #messages .inbox").first().waitFor();
  return page;
}

async function type(page: Page, command: string) {
  await page.getByLabel("/ciic").fill(command);
  await page.getByLabel("/ciic").press("Enter");
}

/** Waits until the page shows `text` in `where` (the conversation or the messages). */
const sees = (page: Page, where: "#log" | "#messages", text: string) => page.locator(where).getByText(text).first().waitFor({ timeout: 10_000 });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe("the local workspace in a browser, started as the README's quick start", () => {
  it("tells where it is and that it is bound to this machine", () => {
    const lines = bot!.output.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { msg: string; level: number });
    expect(lines.map((l) => l.msg)).toContain(`local workspace at ${base}/ — bound to this machine only (127.0.0.1); there is no login, so anyone using this machine can act as any member of the directory`);
    expect(lines.find((l) => l.msg.includes("DEMO directory"))?.level).toBe(40);
  });

  it("walks a round: two parties supply, the analyst asks to disclose, both liaisons approve, the recipient receives it; a denial asks why", async () => {
    context = await launch();
    const errors: string[] = [];
    const outside: string[] = [];
    context!.on("request", (request) => {
      if (!request.url().startsWith(`${base}/`)) outside.push(request.url());
    });

    // The NCSC liaison supplies an indicator of the NCSC.
    const ncsc = await as("user:ncsc-liaison", errors);
    await ncsc.getByText("Demo directory.").waitFor({ state: "visible" });
    await type(ncsc, "/ciic submit ncsc-only.example tlp:green");
    await sees(ncsc, "#log", "Submission recorded");

    // The AIVD analyst supplies one through the form, writes an analysis on both, and asks to disclose it.
    const analyst = await as("user:aivd-analyst", errors);
    await analyst.getByRole("button", { name: "submit (form)" }).click();
    const dialog = analyst.locator("dialog");
    await dialog.getByLabel("Indicators").fill("198.51.100.10");
    await dialog.getByLabel("TLP 2.0 label").selectOption("AMBER");
    await dialog.getByRole("button", { name: "Submit" }).click();
    await sees(analyst, "#log", "Submission recorded");
    expect(await dialog.isVisible()).toBe(false);
    await type(analyst, '/ciic analysis title:"Phishing wave" 198.51.100.10 ncsc-only.example text: Both point at one actor.');
    await sees(analyst, "#log", "A-1");
    await type(analyst, '/ciic disclose A-1 to ncsc-ops purpose warn the sector conditions:"not to be passed on"');
    await sees(analyst, "#log", "R-1: consent asked");
    await shot(analyst, "1-analyst-asks-consent");

    // The AIVD liaison finds the question among their messages, with the AIVD's data only, and approves.
    const aivd = await as("user:aivd-liaison", errors);
    expect(await aivd.locator("#inbox-title").innerText()).toBe("Direct messages of Demo — AIVD liaison");
    await sees(aivd, "#messages", "Consent asked: R-1");
    expect(await aivd.locator("#messages").innerText()).not.toContain("ncsc-only.example");
    await shot(aivd, "2-aivd-liaison-is-asked");
    await aivd.locator("#messages").getByRole("button", { name: "Approve" }).click();
    await sees(aivd, "#log", "You approved AIVD's consent to R-1");
    await sees(aivd, "#messages", "AIVD's consent approved by Demo — AIVD liaison");
    expect(await aivd.locator("#messages button").count()).toBe(0);

    // The NCSC liaison's page, open all along, shows the question as it arrives; they approve.
    await sees(ncsc, "#messages", "Consent asked: R-1");
    expect(await ncsc.locator("#messages").innerText()).not.toContain("198.51.100.10");
    await ncsc.locator("#messages").getByRole("button", { name: "Approve" }).click();
    await sees(ncsc, "#log", "You approved NCSC's consent to R-1");
    await shot(ncsc, "3-ncsc-liaison-approved");

    // The recipient's channel receives the release, marked; the analyst hears of it.
    const recipient = await as("channel:ncsc-ops", errors);
    await sees(recipient, "#messages", "disclosure R-1 from the CIIC");
    const received = await recipient.locator("#messages").innerText();
    for (const text of ["TLP:AMBER", "not to be passed on", "198.51.100.10", "ncsc-only.example", "Both point at one actor."]) expect(received).toContain(text);
    expect(await recipient.getByLabel("/ciic").isDisabled()).toBe(true);
    await shot(recipient, "4-recipient-receives");
    await sees(analyst, "#messages", "Released to Demo — NCSC operations centre");
    await shot(analyst, "5-analyst-told-of-release");

    // A second request, of the AIVD's data only: its liaison denies, and the form asks why.
    await type(analyst, "/ciic disclose 198.51.100.10 to aivd-cyber purpose brief the unit");
    await sees(analyst, "#log", "R-2: consent asked");
    const question = aivd.locator("#messages li.delivered", { hasText: "Consent asked: R-2" });
    await question.getByRole("button", { name: "Deny" }).click();
    const reason = aivd.locator("dialog");
    await reason.getByText("Why does your party deny?").waitFor();
    await shot(aivd, "6-aivd-liaison-gives-a-reason");
    await reason.getByRole("button", { name: "Deny" }).click(); // empty: the browser asks for the reason first
    expect(await reason.isVisible()).toBe(true);
    await reason.getByLabel("Why does your party deny?").fill("source protection");
    await reason.getByRole("button", { name: "Deny" }).click();
    await sees(aivd, "#log", "You denied AIVD's consent to R-2");
    await sees(analyst, "#messages", "AIVD (“source protection”) did not consent");

    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("fits a narrow window (390 px): nothing reaches past its right edge, with the round's messages, a long command and a form", async () => {
    if (!browser) context = await launch();
    const narrow = await browser!.newContext({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    const open = async (who: string) => {
      const page = await narrow.newPage();
      page.on("pageerror", (error) => errors.push(`${who}: ${error.message}`));
      await page.goto(`${base}/#${who}`);
      await page.locator("#messages .empty, #messages .inbox").first().waitFor();
      return page;
    };
    try {
      const analyst = await open("user:aivd-analyst");
      expect(await wider(analyst)).toEqual([]);
      await type(analyst, `/ciic lookup ${"a-very-long-subdomain-label-without-any-break.".repeat(4)}example`);
      // One command at a time, as a person types them: the next once the answer is shown.
      await sees(analyst, "#log", "No party has supplied");
      await type(analyst, "/ciic disclose A-1 to ncsc-ops purpose test");
      await sees(analyst, "#log", "at least 5 characters");
      expect(await wider(analyst)).toEqual([]);
      await shot(analyst, "7-narrow-analyst");
      await analyst.getByRole("button", { name: "disclose (form)" }).click();
      await analyst.locator("dialog").getByRole("button", { name: "Cancel" }).waitFor();
      expect(await wider(analyst)).toEqual([]);
      await shot(analyst, "8-narrow-form");
      for (const who of ["user:aivd-liaison", "channel:ncsc-ops"]) {
        const page = await open(who);
        await page.locator("#messages .inbox").waitFor();
        expect(await wider(page), who).toEqual([]);
      }
      expect(errors).toEqual([]);
    } finally {
      await narrow.close();
    }
  }, 60_000);
});

describe("the local workspace in a browser, in each person's language", () => {
  /** A Dutch cell (no language set) on its own bot: Anna reads Dutch, Ben has asked for English. */
  const dutchCell = () => {
    const path = join(mkdtempSync(join(tmpdir(), "ciic-dir-")), "directory.yml");
    const member = (id: string, name: string, language?: string) =>
      [`  - local: ${id}`, `    name: ${name}`, "    party: AIVD", "    roles: [analyst]", "    screening: 2025-03-01", "    designation: Aangewezen door DG AIVD", ...(language ? [`    language: ${language}`] : [])];
    writeFileSync(path, ["members:", ...member("anna", "Anna de Vries"), ...member("ben", "Ben Carter", "en"), ""].join("\n"));
    return path;
  };

  it("is in the cell's language until someone is chosen, then in theirs: controls, refusals, forms and the inbox's times", async () => {
    if (!browser) context = await launch();
    const port = await freePort();
    const cell = `http://127.0.0.1:${port}`;
    const dutch = run({ PORT: String(port), DATABASE_URL: freshSqliteUrl(), CIIC_DIRECTORY: dutchCell(), CIIC_LOCAL_WORKSPACE_REAL_DIRECTORY: "1" });
    const tab = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    try {
      await waitForHealth(`${cell}/healthz`, dutch.child, dutch.output);
      const page = await tab.newPage();
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${cell}/`);
      const youAre = (text: string) => page.getByLabel(text, { exact: true });
      await page.locator("#messages").getByText("Kies wie u bent.").waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("nl");
      expect(await page.title()).toBe("CIIC-bot — lokale werkplek");
      await page.locator("#real-directory-banner").getByText("Geen aanmelding, op het eigen adresboek van de cel.").waitFor();
      expect(await page.locator("#who optgroup").first().getAttribute("label")).toBe("Leden van de cel");

      // Anna reads Dutch.
      await youAre("U bent").selectOption("user:anna");
      await page.locator("#messages").getByText("Nog geen berichten.").waitFor();
      expect(await page.locator("#inbox-title").innerText()).toBe("Directe berichten van Anna de Vries");
      expect(await page.title()).toBe("Anna de Vries · lokale werkplek van de CIIC-bot");
      await type(page, "/giphy cats");
      await sees(page, "#log", "Hier zijn alleen /ciic-opdrachten bekend");
      await page.getByRole("button", { name: "Importeren" }).click();
      await sees(page, "#log", "Kies eerst een bestand.");
      await page.getByRole("button", { name: "submit (formulier)" }).click();
      await page.locator("dialog").getByText("(optioneel)").first().waitFor();
      await page.locator("dialog").getByRole("button", { name: "Annuleren" }).click();
      await type(page, "/ciic submit 198.51.100.61");
      await sees(page, "#log", "I-1");
      await type(page, "/ciic export format:csv");
      await page.locator("#messages .delivered").first().waitFor({ timeout: 10_000 });
      expect(await page.locator("#messages time").first().innerText()).toMatch(/^\d{1,2} [a-z]{3}\.? \d{4} \d\d:\d\d CES?T$/);
      await shot(page, "9-dutch-member");

      // Ben reads English in the same tab: the page follows him.
      await youAre("U bent").selectOption("user:ben");
      await youAre("You are").waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("#inbox-title").innerText()).toBe("Direct messages of Ben Carter");
      expect(await page.locator("#who optgroup").first().getAttribute("label")).toBe("Members of the cell");
      await page.getByRole("button", { name: "Send" }).waitFor();
      await type(page, "/giphy cats");
      await sees(page, "#log", "Only /ciic commands are known here");
      await type(page, "/ciic export format:csv");
      await page.locator("#messages .delivered").first().waitFor({ timeout: 10_000 });
      expect(await page.locator("#messages time").first().innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d CES?T$/);
      await shot(page, "10-english-member-in-a-dutch-cell");
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
      dutch.child.kill("SIGTERM");
      await dutch.exited;
    }
  }, 60_000);

  it("records a form sent again after an answer that came too late once", async () => {
    context ??= await launch();
    const errors: string[] = [];
    const analyst = await as("user:aivd-analyst", errors);
    await type(analyst, "/ciic submit 198.51.100.77 tlp:amber");
    await sees(analyst, "#log", "Submission recorded");
    // The bot records the first sending, but its answer does not reach the page in time: the page
    // shows what the bot says then (the form stays open) and the analyst sends it again.
    let firstAnswer = "";
    await analyst.route("**/api/form", async (route) => {
      if (firstAnswer) return route.continue();
      const response = await route.fetch();
      firstAnswer = ((await response.json()) as { html: string }).html;
      return route.fulfill({ json: { kind: "form-error", html: "<p>Not recorded, as far as the bot knows: please send the form again.</p>" } });
    });
    await analyst.getByRole("button", { name: "analysis (form)" }).click();
    const dialog = analyst.locator("dialog");
    await dialog.getByLabel("Title").fill("Sent twice");
    await dialog.getByLabel("Items it builds on (ids such as I-42, or values)").fill("198.51.100.77");
    await dialog.getByLabel("Analysis").fill("One actor behind it.");
    await dialog.getByRole("button", { name: "Record" }).click();
    await dialog.getByText("please send the form again").waitFor();
    const [recorded] = firstAnswer.match(/A-\d+/) ?? [];
    expect(recorded).toBeDefined();
    await dialog.getByRole("button", { name: "Record" }).click();
    // The second sending is answered with the first's answer: the same analysis, not another.
    await sees(analyst, "#log", `${recorded}: Sent twice`);
    const next = `A-${Number(recorded!.slice(2)) + 1}`;
    expect(await analyst.locator("#log").innerText()).not.toContain(next);
    expect(errors).toEqual([]);
  }, 60_000);
});

/**
 * What reaches past the window's right edge: the page itself, then each element, named. Run in
 * the page, so written as the page's own script (this project's types have no DOM).
 */
const WIDER = `(() => {
  const width = document.documentElement.clientWidth;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  const found = [...document.querySelectorAll("body *")].flatMap((e) => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.right > width + 0.5 ? [name(e) + " reaches " + Math.round(box.right) + " px"] : [];
  });
  const page = document.documentElement.scrollWidth > width ? ["the page is " + document.documentElement.scrollWidth + " px wide in a " + width + " px window"] : [];
  return [...page, ...found];
})()`;
const wider = (page: Page) => page.evaluate(WIDER) as Promise<string[]>;
