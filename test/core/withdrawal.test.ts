import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/core/audit/chain.js";
import { WITHDRAWAL_NOTICED, addMonths, withdrawalsIn, withdrawnAt } from "../../src/core/covenant-life/withdrawal.js";

const entry = (seq: number, at: string, details: object): AuditEntry => ({
  seq,
  at: new Date(at),
  actor: "slack:U1",
  action: WITHDRAWAL_NOTICED,
  subject: null,
  details: JSON.stringify(details),
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
