import fc from "fast-check";
import { expect } from "vitest";
import type { DriverFactory } from "./driver.js";
import { scenario } from "./scenario.js";

/**
 * Half a surrogate pair: a string JavaScript holds and JSON carries ("\ud800"), but that has no
 * UTF-8 form, so a database stores something else than was hashed.
 */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));

/** Any code point, lone surrogates often, and the characters that parsers and renderers treat specially. */
const anyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: loneSurrogate },
  { weight: 2, arbitrary: fc.constantFrom(" ", "\n", '"', ":", "\\", "`", "*", "<", "&", "\u0000", "\u200b", "\u202e", "\ufffd", "\ud83d\ude00") },
);
const anyText = fc.string({ unit: anyUnit, maxLength: 40 });

/** Beginnings that lead typed text into each command's own reading of it. */
const COMMANDS = [
  "",
  "help ",
  "submit ",
  "submit 192.0.2.77 note: ",
  "lookup ",
  "correct ",
  "correct I-1 note: ",
  "withdraw ",
  "revoke ",
  'analysis title:"',
  "analysis title:x I-1 text: ",
  "disclose I-1 to ncsc-ops purpose ",
  "consult question: ",
  "comms ",
  "meeting 2026-11-27 ",
  "requests ",
  "review ",
];

/** Members of several roles and parties, and someone the directory does not know. */
const PEOPLE = ["anna", "greta", "daan", "iris", "mallory"];

/**
 * Whatever Unicode people send — typed commands, form fields — the audit log stays verifiable.
 * Each adapter makes incoming text well-formed at its door (a lone surrogate becomes U+FFFD), and
 * the chain does so once more for anything recorded; a slip anywhere shows up here as an entry
 * that `ciic audit verify` reads as altered.
 */
export function unicodeScenarios(start: DriverFactory): void {
  scenario("stores a lone surrogate sent in a form as one replacement character, so what is read back is what was accepted", start, async (d) => {
    await d.openForm("anna", "submit");
    expect((await d.submitForm("anna", { indicators: "192.0.2.72", tlp: "AMBER", note: "seen \udc00 here" })).refused).toBe(false);
    const found = (await d.command("greta", "lookup 192.0.2.72")).text;
    // Uncleaned, the database would have stored three bytes that read back as three U+FFFD.
    expect(found).toContain("note: seen \ufffd here");
    expect(await d.auditLog()).toMatchObject({ ok: true });
  });

  scenario("keeps the audit log verifiable whatever Unicode is typed or sent in a form, lone surrogates included", start, async (d) => {
    // A stored item for the commands that name I-1.
    expect((await d.command("anna", "submit 192.0.2.70 tlp:green")).text).toContain("I-1");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PEOPLE), fc.constantFrom(...COMMANDS), anyText, anyText, anyText, anyText, async (person, command, typed, indicators, note, draft) => {
        const input = JSON.stringify({ person, command, typed, indicators, note, draft });
        // Answers often repeat what was typed (a refused value, an unknown word): well-formed
        // there shows that the text was cleaned at the door, before the core saw it.
        const answered = await d.command(person, `${command}${typed}`);
        expect(answered.text.isWellFormed(), input).toBe(true);
        await d.openForm("anna", "submit");
        const submitted = await d.submitForm("anna", { indicators: `192.0.2.71 ${indicators}`, tlp: "AMBER", note });
        expect(submitted.text.isWellFormed(), input).toBe(true);
        // A draft communication goes to every party's liaisons (checked after the runs).
        await d.openForm("anna", "comms");
        expect((await d.submitForm("anna", { text: `Draft ${draft}` })).text.isWellFormed(), input).toBe(true);
        expect(await d.auditLog(), input).toMatchObject({ ok: true });
      }),
      // A broken chain stays broken, so shrinking would only find smaller texts that "fail" too:
      // report the first failing input as it was.
      {
        numRuns: 30,
        endOnFailure: true,
        examples: [
          // The case: a lone surrogate where an item id belongs (it is recorded as typed).
          ["anna", "correct ", "\ud800", "", "", ""],
          // Well-formed text that the core cuts (an id is recorded up to 40 characters) between the
          // two halves of an emoji: only the chain's own cleaning catches this one.
          ["anna", "correct ", `${"x".repeat(39)}\ud83d\ude00`, "\udfff", "note \udbff", "\ud800 in a draft"],
        ],
      },
    );
    // What reached others (comms drafts, consult questions) went out well-formed too.
    await d.settle();
    for (const person of PEOPLE.slice(0, 4)) for (const message of await d.messagesTo(person)) expect(message.text.isWellFormed(), message.text).toBe(true);
    expect(await d.auditLog()).toMatchObject({ ok: true });
  });
}
