import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/core/audit/chain.js";
import { carryOutWithdrawals } from "../../src/core/covenant-life/carry-out-withdrawals.js";
import { WITHDRAWAL_NOTICED, addMonths, withdrawalsIn, withdrawnAt } from "../../src/core/covenant-life/withdrawal.js";
import { coreWorlds, dmsTo } from "../support/core-world.js";
import { refusalCode, textOf, textOfView } from "../support/reply-text.js";

const entry = (seq: number, at: string, details: object): AuditEntry => ({
  seq,
  at: new Date(at),
  actor: "slack:U1",
  action: WITHDRAWAL_NOTICED,
  subject: null,
  details: JSON.stringify(details),
  readable: JSON.stringify(details),
  prevHash: "",
  hash: "",
});

describe("a party's notice of withdrawal (Art 14)", () => {
  it("takes effect two calendar months after the notice, on the last day of a shorter month", () => {
    expect(addMonths(new Date("2026-11-30T09:00:00Z"), 2).toISOString()).toBe("2027-01-30T09:00:00.000Z");
    expect(addMonths(new Date("2026-12-31T23:30:00Z"), 2).toISOString()).toBe("2027-02-28T23:30:00.000Z");
    expect(addMonths(new Date("2027-12-31T12:00:00Z"), 2).toISOString()).toBe("2028-02-29T12:00:00.000Z");
    // Months are Amsterdam's: 15 March 01:00 CET is followed two months on by 15 May 01:00 CEST, an hour earlier in UTC.
    expect(addMonths(new Date("2026-03-15T00:00:00Z"), 2).toISOString()).toBe("2026-05-14T23:00:00.000Z");
  });

  it("counts a party's first notice only, and applies it from its date on, not a moment before", () => {
    const all = withdrawalsIn([
      entry(1, "2026-11-30T09:00:00Z", { party: "NCSC", reason: "task moves", effectiveAt: "2027-01-30T09:00:00.000Z" }),
      entry(2, "2026-12-05T09:00:00Z", { party: "NCSC", reason: "again", effectiveAt: "2027-02-05T09:00:00.000Z" }),
      entry(3, "2026-12-01T09:00:00Z", { party: "CTIVD", reason: "not a party" }),
    ]);
    expect(all).toEqual([{ party: "NCSC", noticeAt: new Date("2026-11-30T09:00:00Z"), effectiveAt: new Date("2027-01-30T09:00:00Z"), reason: "task moves", givenBy: "slack:U1" }]);
    expect(withdrawnAt(all, new Date("2027-01-30T08:59:59Z")).size).toBe(0);
    expect([...withdrawnAt(all, new Date("2027-01-30T09:00:00Z")).keys()]).toEqual(["NCSC"]);
  });
});

describe("the covenant's life in Dutch and in English (issue 13, Art 14, 15)", () => {
  /** NCSC's and AIVD's liaisons read Dutch; MIVD's the directory's English. */
  const DIRECTORY = `
covenant:
  effective: 2020-05-28
language: en
members:
  - slack: U0AIVDLI1
    name: Bram Bakker
    party: AIVD
    roles: [liaison]
    screening: 2024-03-02
    language: nl
  - slack: U0MIVDLI1
    name: Daan Smit
    party: MIVD
    roles: [liaison]
    screening: 2024-04-02
  - slack: U0NCSCLI1
    name: Noor Hendriks
    party: NCSC
    roles: [liaison]
    screening: 2024-05-02
    language: nl
`;
  const BRAM = "U0AIVDLI1";
  const DAAN = "U0MIVDLI1";
  const NOOR = "U0NCSCLI1";
  const worlds = coreWorlds();

  it("records a notice, tells every other liaison in their language, and says when it took effect, in Amsterdam time", async () => {
    const w = await worlds(DIRECTORY, "2026-11-30T09:00:00Z");
    expect(textOf(await w.as(NOOR, "notice reason: kort"))).toContain("Er is niets vastgelegd: vermeld waarom uw partij het convenant opzegt (art. 14 vraagt om de reden)");
    const given = textOf(await w.as(NOOR, "notice reason: de taak van de cel gaat over naar een andere dienst"));
    expect(given).toContain("De opzegging door NCSC is vastgelegd; zij gaat in op 30 jan 2027 10:00 CET.");
    expect(given).toContain("Zij gaat in op 30 jan 2027 10:00 CET; tot die tijd verandert er niets.");

    const [toBram] = dmsTo(w.store, BRAM);
    expect(toBram.view.language).toBe("nl");
    expect(textOfView(toBram.view)).toContain("NCSC zegt het Convenant samenwerking CIIC op (art. 14)");
    expect(textOfView(toBram.view)).toContain("Noor Hendriks heeft het convenant namens NCSC op 30 nov 2026 10:00 CET opgezegd. De opzegging gaat in op 30 jan 2027 10:00 CET");
    expect(textOfView(toBram.view)).toContain("Reden: de taak van de cel gaat over naar een andere dienst");
    const [toDaan] = dmsTo(w.store, DAAN);
    expect(toDaan.view.summary).toBe("NCSC gave notice of withdrawal from the CIIC covenant; it takes effect on 2027-01-30 10:00 CET.");
    expect(textOfView(toDaan.view)).toContain("Noor Hendriks gave notice for NCSC on 2026-11-30 10:00 CET.");

    const again = await w.as(NOOR, "notice reason: nogmaals, de taak gaat over");
    expect(refusalCode(again)).toBe("covenant.already_noticed");
    expect(textOf(again)).toContain("Er is niets vastgelegd: NCSC heeft het convenant al op 30 nov 2026 10:00 CET opgezegd; de opzegging gaat in op 30 jan 2027 10:00 CET.");

    const status = textOf(await w.as(BRAM, "covenant"));
    expect(status).toContain("Het Convenant samenwerking CIIC");
    expect(status).toContain("In werking sinds 28 mei 2020 (art. 15), voor onbepaalde tijd.");
    expect(status).toContain("NCSC heeft het convenant op 30 nov 2026 10:00 CET opgezegd; de opzegging gaat in op 30 jan 2027 10:00 CET (art. 14). Reden: de taak van de cel gaat over naar een andere dienst");
    expect(status).toContain("1 opzegging vastgelegd.");
    const english = textOf(await w.as(DAAN, "covenant"));
    expect(english).toContain("In force since 2020-05-28 (Art 15), for an indefinite period.");
    expect(english).toContain("NCSC gave notice of withdrawal on 2026-11-30 10:00 CET; it takes effect on 2027-01-30 10:00 CET (Art 14).");
    expect(english).toContain("1 notice of withdrawal on record.");

    w.clock.set("2027-01-30T09:00:00Z");
    expect(await carryOutWithdrawals(w)).toBe(1);
    const effective = dmsTo(w.store, BRAM).at(-1)!.view;
    expect(effective.summary).toBe("De opzegging van het Convenant samenwerking CIIC door NCSC is ingegaan.");
    expect(textOfView(effective)).toContain("Sinds 30 jan 2027 10:00 CET hebben de medewerkers van NCSC geen toegang meer tot de cel");
    // Not how many were open: that would tell every remaining party how many pending requests held NCSC's data (Art 7.2).
    expect(textOfView(effective)).toContain("Haar openstaande vragen om toestemming zijn verlopen; een verzoek dat zo’n toestemming nodig had, wordt niet verstrekt.");
    expect(textOfView(effective)).not.toMatch(/\d+ openstaande vra/);
    const inEnglish = dmsTo(w.store, DAAN).at(-1)!.view;
    expect(inEnglish.summary).toBe("NCSC's withdrawal from the CIIC covenant took effect.");
    expect(textOfView(inEnglish)).toContain("Since 2027-01-30 10:00 CET NCSC's members no longer have access to the cell");
    expect(textOf(await w.as(BRAM, "covenant"))).toContain("de opzegging is ingegaan op 30 jan 2027 10:00 CET (art. 14)");
  });
});
