import { expect } from "vitest";
import type { DriverFactory } from "./driver.js";
import { scenario } from "./scenario.js";

/** Related indicators (issue 15, Art 6.1): told to analysts on submit and look-up, never to liaisons. */
export function relationScenarios(start: DriverFactory): void {
  scenario("tells an analyst of another party's related records on submit and look-up, and a liaison nothing", start, async (d) => {
    expect((await d.command("anna", "submit 10.1.0.0/16 evil.example")).refused).toBe(false);
    const submitted = await d.command("greta", "submit 10.1.2.3 hxxp://evil[.]example/x sub.evil.example");
    expect(submitted.refused).toBe(false);
    expect(submitted.text).toContain("3 of these indicators relate to records other parties supplied");
    expect(submitted.text).toMatch(/10\.1\.2\.3\W*: AIVD \(a range that holds this address 10\.1\.0\.0\/16\)/);
    expect(submitted.text).toMatch(/http:\/\/evil\.example\/x\W*: AIVD \(the host of this URL evil\.example\)/);
    expect(submitted.text).toMatch(/sub\.evil\.example\W*: AIVD \(a parent domain evil\.example\)/);
    const found = await d.command("greta", "lookup 10.1.2.3");
    expect(found.text).toContain("Related records");
    expect(found.text).toMatch(/AIVD\W+ipv4-cidr\W+10\.1\.0\.0\/16\W*— a range that holds this address/);
    const fromDomain = await d.command("anna", "lookup evil.example");
    expect(fromDomain.text).toMatch(/NCSC\W+url\W+http:\/\/evil\.example\/x\W*— a URL on this domain/);
    expect(fromDomain.text).toMatch(/NCSC\W+domain\W+sub\.evil\.example\W*— a subdomain of this domain/);
    // Downwards on submit too: what another party holds inside a range.
    const range = await d.command("anna", "submit 10.1.2.0/24");
    expect(range.text).toMatch(/10\.1\.2\.0\/24\W*: NCSC \(an address in this range 10\.1\.2\.3\)/);
    // A liaison is no cell staff: not told whose records relate to theirs (Art 7.2).
    const liaison = await d.command("lotte", "submit 10.1.9.9");
    expect(liaison.refused).toBe(false);
    expect(liaison.text).not.toContain("AIVD");
    expect(liaison.text).not.toContain("relate");
  });
}
