import { expect } from "vitest";
import type { DriverFactory } from "./driver.js";
import { scenario } from "./scenario.js";

/** Submitting and looking up indicators, typed and through the form, and who is refused. */
export function commandScenarios(start: DriverFactory): void {
  scenario("stores a typed submission and shows it on lookup with its party and label", start, async (d) => {
    const stored = await d.command("anna", "submit 198.51.100.10 hxxp://evil[.]example/login tlp:amber");
    expect(stored.refused).toBe(false);
    expect(stored.text).toContain("I-1");
    expect(stored.text).toContain("http://evil.example/login");
    const again = await d.command("anna", "submit 198.51.100.10");
    expect(again.text).toMatch(/already/i);
    const found = await d.command("greta", "lookup 198.51.100[.]10");
    expect(found.refused).toBe(false);
    expect(found.text).toContain("AIVD");
    expect(found.text).toContain("TLP:AMBER");
    expect(found.text).toContain("Anna de Vries");
  });

  scenario("stores a submission made through the form, and keeps the form open with the reason when a value is wrong", start, async (d) => {
    const form = await d.openForm("anna", "submit");
    expect(form.fields).toEqual(expect.arrayContaining(["indicators", "tlp", "reliability", "note"]));
    const wrong = await d.submitForm("anna", { indicators: "192.0.2.44, form.example", tlp: "GREEN", reliability: "Z9" });
    expect(wrong.refused).toBe(true);
    expect(wrong.text).toContain("Z9");
    expect((await d.command("anna", "lookup 192.0.2.44")).text).toContain("No party has supplied 192.0.2.44");
    const stored = await d.submitForm("anna", { indicators: "192.0.2.44, form.example", tlp: "GREEN", reliability: "B2", note: "seen in a phishing wave" });
    expect(stored.refused).toBe(false);
    expect(stored.text).toContain("form.example");
    const found = await d.command("anna", "lookup form.example");
    expect(found.text).toContain("TLP:GREEN");
    expect(found.text).toContain("B2");
  });

  scenario("exports the member's own party's items as a file in their direct messages (Art 5.2)", start, async (d) => {
    expect((await d.command("anna", "submit 198.51.100.61 export-me.example")).text).toContain("I-2");
    expect((await d.command("greta", "submit 203.0.113.61")).refused).toBe(false);
    const asked = await d.command("anna", "export format:csv");
    expect(asked.refused).toBe(false);
    expect(asked.text).toContain("The 2 items AIVD supplied (their current versions) are on their way to your direct messages");
    await d.settle();
    const shown = (await d.messagesTo("anna")).map((m) => m.text).join("\n");
    expect(shown).toMatch(/2 items AIVD supplied \(Algemene Inlichtingen- en Veiligheidsdienst\), as a CSV file; SHA-256 [0-9a-f]{64}\./);
    const wrong = await d.command("anna", "export format:xml");
    expect(wrong).toMatchObject({ refused: true, code: "export.usage" });
  });

  scenario("refuses someone not in the directory, and a command the member's role does not allow, saying why", start, async (d) => {
    const stranger = await d.command("mallory", "submit 192.0.2.1");
    expect(stranger).toMatchObject({ refused: true, code: "access.unknown_user" });
    expect(stranger.text).toContain("not in the CIIC directory");
    const liaison = await d.command("daan", "lookup 192.0.2.1");
    expect(liaison).toMatchObject({ refused: true, code: "access.role_missing" });
    expect(liaison.text).toContain("is for analyst or auditor");
    const unknown = await d.command("anna", "frobnicate 192.0.2.1");
    expect(unknown).toMatchObject({ refused: true, code: "command.unknown" });
    expect(unknown.text).toContain("/ciic help");
    // Nothing of the refused submission was stored.
    expect((await d.command("anna", "lookup 192.0.2.1")).text).toContain("No party has supplied 192.0.2.1");
  });
}
